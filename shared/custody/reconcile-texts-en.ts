import { fillPlaceholders, type Refusal, type RefusalParams } from '../api/refusal';

/** The reconciliation's problems (custody/reconcile.ts), the codes refusal-texts-zh.ts has under custody-reconcile-. */
export type ReconcileProblemCode = Extract<Refusal['code'], `custody-reconcile-${string}`>;

/**
 * The reconciliation's problems in English. They live in shared/, unlike the other refusals' English
 * (renderer/src/i18n/refusals-en.ts spreads them in), because the core's 日结 refusal lists them in both
 * languages (closeDayRefusal).
 */
export const RECONCILE_PROBLEMS_EN: Record<ReconcileProblemCode, string> = {
  'custody-reconcile-return-unfinished': '{room}Paper bag {code} ({kind}) has not been returned, counted and sealed (it is "{state}")',
  'custody-reconcile-paper-unfinished': '{room}Paper bag {code} ({kind}) was neither opened nor returned (it is "{state}")',
  'custody-reconcile-seal-broken': '{room}Paper bag {code} ({kind}): the seal was broken at "{step}"',
  'custody-reconcile-conflict': '{room}Paper bag {code} ({kind}): its "{step}" record conflicts with another device\'s ({names})',
  'custody-reconcile-count-differs': '{room}{kind}: {counted} copies in all, but the room record collected {collected}',
};

const isReconcileProblemCode = (code: string): code is ReconcileProblemCode => code in RECONCILE_PROBLEMS_EN;

/** A reconciliation problem in English, or undefined for a refusal that is not one. */
export function reconcileProblemEn(refusal: { code: string; params: RefusalParams }): string | undefined {
  return isReconcileProblemCode(refusal.code) ? fillPlaceholders(RECONCILE_PROBLEMS_EN[refusal.code], refusal.params, 'en') : undefined;
}
