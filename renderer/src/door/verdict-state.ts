import type { CheckinVerdict, CheckinVerdictKind } from '../../../shared/checkin/verdict';

/** The door panel's states; `data-verdict` carries exactly these names. */
export type VerdictKind = 'ready' | 'pending' | CheckinVerdictKind | 'error';

export type VerdictState =
  | { kind: 'ready' }
  | { kind: 'pending' }
  | { kind: 'verdict'; verdict: CheckinVerdict; committedAt: string }
  | { kind: 'error'; message: string; refusal?: { code: string; params: Record<string, string | number> } | undefined };

export function verdictKindOf(state: VerdictState): VerdictKind {
  return state.kind === 'verdict' ? state.verdict.kind : state.kind;
}

/** How long a verdict stays on screen before the panel returns to "scan next" by itself. */
export const VERDICT_HOLD_MS = 6_000;
