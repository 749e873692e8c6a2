import { refusedWith, whoseRefusal, type Refusal, type RefusalCode } from '../../shared/api/refusal';
import { ok, type ApiResult } from '../../shared/api/result';
import type { Actor, StaffMember } from '../../shared/domain/types';
import { approvalRefusalCoded, type Approval } from '../../shared/staffing/approvals';
import { afterWrongPin, signInRefusalCoded, wrongPinRefusal } from '../../shared/staffing/pin';
import { foldPinStatus } from '../../shared/staffing/pin-log';
import type { BadgePin } from '../../shared/staffing/proof-input';
import { actorOf, identifyActor } from '../../shared/staffing/who-acts';
import { commitEvents, type CoreContext } from './core-context';
import { pinMatches } from './pin-hash';

/** The staff member a badge names, or the refusal (shared identifyActor). */
export function staffByBadge(ctx: CoreContext, badgeCode: string, whose?: RefusalCode): ApiResult<StaffMember> {
  const who = identifyActor(ctx.store.listStaff(), { badgeCode });
  return who.ok ? ok(who.staff) : refusedWith(whoseRefusal(whose, who.refusal));
}

/**
 * The person's PIN checked against their latest 'staff.pin-set', for signing in and for every
 * approval alike, so the wrong-PIN count and the lock are one. A wrong PIN is written as
 * 'staff.pin-failed' before the refusal is returned, so a lock survives a restart and reaches the
 * office with the next sync. `whose` prefixes the refusal ("第二位确认人：") when two people prove.
 */
export function checkPin(ctx: CoreContext, staff: StaffMember, pin: string, whose?: RefusalCode): ApiResult<StaffMember> {
  const status = foldPinStatus(staff.staffId, ctx.store.listPinEntries(staff.staffId));
  const refusal = signInRefusalCoded(status);
  if (refusal) return refusedWith(whoseRefusal(whose, refusal));
  if (pinMatches(pin, status.credential!)) return ok(staff);
  const after = afterWrongPin(status);
  commitEvents(ctx, () => ({ events: [{ type: 'staff.pin-failed', payload: { staffId: staff.staffId }, actor: actorOf(staff) }], result: () => undefined }));
  return refusedWith(whoseRefusal(whose, wrongPinRefusal(after)));
}

/**
 * Who gives an approval (issue 11 item 2), proven at that moment: the badge names a person on the
 * day's staff list, that person may give this approval in this room (shared approvalRefusal, asked
 * before the PIN so a wrong person's PIN is never tried), and the PIN is theirs. The actor the event
 * records says how it was proven.
 */
export function proveActor(ctx: CoreContext, proof: BadgePin, approval: Approval, roomNo: string, whose?: RefusalCode): ApiResult<Actor> {
  return proveActorWith(ctx, proof, (staff) => approvalRefusalCoded(approval, staff, roomNo), whose);
}

/** proveActor for a rule of its own (a 附件5 confirmation's roles, confirmations.ts): its refusal, or null/undefined. */
export function proveActorWith(
  ctx: CoreContext,
  proof: BadgePin,
  refusalOf: (staff: StaffMember) => Refusal | null | undefined,
  whose?: RefusalCode,
): ApiResult<Actor> {
  const staff = staffByBadge(ctx, proof.badgeCode, whose);
  if (!staff.ok) return staff;
  const refusal = refusalOf(staff.value);
  if (refusal) return refusedWith(whoseRefusal(whose, refusal));
  const proven = checkPin(ctx, staff.value, proof.pin, whose);
  if (!proven.ok) return proven;
  return ok({ ...actorOf(proven.value), proof: 'badge+pin' });
}
