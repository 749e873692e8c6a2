import { refuse, refusedWith } from '../../../shared/api/refusal';
import { ok, type ApiResult } from '../../../shared/api/result';
import type { StaffMember } from '../../../shared/domain/types';
import { newPinRefusalCoded } from '../../../shared/staffing/pin';
import { foldPinStatus, type PinStatus } from '../../../shared/staffing/pin-log';
import type { PinStatusRow } from '../../../shared/staffing/signin-api';
import { isExaminer } from '../../../shared/staffing/roles';
import { actorOf } from '../../../shared/staffing/who-acts';
import type { CoreHandlers } from '../core';
import { commitEvents, type CoreContext } from '../core-context';
import { hashPin } from '../pin-hash';
import { checkPin, staffByBadge } from '../prove-actor';

type Methods = 'setPin' | 'signIn' | 'unlockBadge' | 'listPinStatus';

/**
 * Signing in by badge and PIN (issue 11 item 1). The rules are shared/staffing/pin.ts's; here the
 * hash is checked (prove-actor.ts, shared with every approval) and every outcome is written: a right PIN as 'staff.signed-in', a wrong one as
 * 'staff.pin-failed' (the typed PIN never), so the count and the lock travel with the log.
 */
export function signinHandlers(ctx: CoreContext): Pick<CoreHandlers, Methods> {
  const { store } = ctx;
  const statusOf = (staffId: string): PinStatus => foldPinStatus(staffId, store.listPinEntries(staffId));

  /** The 主考 or 副主考 acting for someone else, by their own badge and PIN. */
  const examinerFor = (person: StaffMember, badgeCode: string, pin: string): ApiResult<StaffMember> => {
    const examiner = staffByBadge(ctx, badgeCode);
    if (!examiner.ok) return examiner;
    if (!isExaminer(examiner.value)) return refuse('examiner-needed', { name: examiner.value.name });
    if (examiner.value.staffId === person.staffId) return refuse('examiner-not-self');
    return checkPin(ctx, examiner.value, pin, 'whose-chief');
  };

  return {
    setPin: ({ badgeCode, pin, pinRepeat, examinerBadgeCode, examinerPin }) => {
      const person = staffByBadge(ctx, badgeCode);
      if (!person.ok) return person;
      const refusal = newPinRefusalCoded(pin, pinRepeat);
      if (refusal) return refusedWith(refusal);
      let actor = actorOf(person.value);
      if (statusOf(person.value.staffId).hasPin || examinerBadgeCode !== undefined) {
        // Anyone holding a badge could otherwise replace its PIN: once set, only an examiner resets it.
        if (examinerBadgeCode === undefined || examinerPin === undefined) {
          return refuse('pin-already-set', { name: person.value.name });
        }
        const examiner = examinerFor(person.value, examinerBadgeCode, examinerPin);
        if (!examiner.ok) return examiner;
        actor = actorOf(examiner.value);
      }
      const credential = hashPin(pin);
      return commitEvents(ctx, () => ({
        events: [{ type: 'staff.pin-set', payload: { staffId: person.value.staffId, ...credential }, actor }],
        result: ([event]) => ok({ staffId: person.value.staffId, name: person.value.name, eventId: event!.id }),
      }));
    },

    signIn: ({ badgeCode, pin, roomNo }) => {
      const person = staffByBadge(ctx, badgeCode);
      if (!person.ok) return person;
      if (roomNo !== undefined && !store.getRoom(roomNo)) return refuse('signin-room-unknown', { roomNo });
      const proven = checkPin(ctx, person.value, pin);
      if (!proven.ok) return proven;
      const staff = proven.value;
      return commitEvents(ctx, () => ({
        events: [{ type: 'staff.signed-in', payload: { staffId: staff.staffId, proof: 'badge+pin', ...(roomNo === undefined ? {} : { roomNo }) }, actor: actorOf(staff) }],
        result: ([event]) =>
          ok({
            staff: { staffId: staff.staffId, name: staff.name, role: staff.role, ...(staff.roomNo === undefined ? {} : { roomNo: staff.roomNo }) },
            signedInAt: event!.at,
            eventId: event!.id,
          }),
      }));
    },

    unlockBadge: ({ badgeCode, examinerBadgeCode, examinerPin }) => {
      const person = staffByBadge(ctx, badgeCode);
      if (!person.ok) return person;
      if (!statusOf(person.value.staffId).locked) return refuse('badge-not-locked', { name: person.value.name });
      const examiner = examinerFor(person.value, examinerBadgeCode, examinerPin);
      if (!examiner.ok) return examiner;
      return commitEvents(ctx, () => ({
        events: [{ type: 'staff.unlocked', payload: { staffId: person.value.staffId }, actor: actorOf(examiner.value) }],
        result: ([event]) => ok({ staffId: person.value.staffId, name: person.value.name, eventId: event!.id }),
      }));
    },

    listPinStatus: () => {
      const entries = store.listPinEntries();
      const rows = store.listStaff().map((staff): PinStatusRow => {
        const status = foldPinStatus(staff.staffId, entries);
        const setBy = status.setBy === null ? null : status.setBy.staffId === staff.staffId ? 'self' : status.setBy.role === 'system' ? 'sample' : 'examiner';
        return {
          staffId: staff.staffId,
          name: staff.name,
          role: staff.role,
          ...(staff.roomNo === undefined ? {} : { roomNo: staff.roomNo }),
          ...(staff.badgeCode === undefined ? {} : { badgeCode: staff.badgeCode }),
          hasPin: status.hasPin,
          setBy,
          wrongInRow: status.wrongInRow,
          locked: status.locked,
          lockedAt: status.lockedAt,
          lastSignedInAt: status.lastSignedInAt,
        };
      });
      return ok({ staff: rows });
    },
  };
}
