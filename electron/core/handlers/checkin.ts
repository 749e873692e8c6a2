import { refuse } from '../../../shared/api/refusal';
import { ok } from '../../../shared/api/result';
import { decideCheckin } from '../../../shared/checkin/decide-checkin';
import type { Actor } from '../../../shared/domain/types';
import type { CoreHandlers } from '../core';
import { commitEvents, type CoreContext } from '../core-context';
import { idNumberKey } from '../id-number-key';
import { redactCheckinAttempt } from '../../../shared/privacy/redact-personal';

/** 查证入场 at the door: every attempt is an event, and the verdict is answered after its commit. */
export function checkinHandlers(ctx: CoreContext): Pick<CoreHandlers, 'checkIn'> {
  const { store } = ctx;
  return {
    checkIn: ({ roomNo, input, method, actorStaffId }) => {
      const staff = store.getStaff(actorStaffId);
      if (!staff) return refuse('doorkeeper-unknown');
      if (!store.getRoom(roomNo)) return refuse('room-unknown', { roomNo }, 'not-found');
      const actor: Actor = { staffId: staff.staffId, name: staff.name, role: staff.role };
      return commitEvents(ctx, () => {
        const decision = decideCheckin(store, { roomNo, input, deviceId: ctx.writer.deviceId, now: ctx.now() });
        const attempt = {
          roomNo,
          input: { method, value: input },
          verdict: decision.verdict.kind,
          ...(decision.ticketNo === undefined ? {} : { ticketNo: decision.ticketNo }),
          ...(decision.document === undefined ? {} : { document: decision.document }),
        };
        // A door that has purged its ID numbers keeps none of the cards scanned since either.
        const payload = idNumberKey(ctx.db) === undefined ? attempt : (redactCheckinAttempt(attempt) ?? attempt);
        return {
          events: [{ type: 'checkin.attempted', payload, actor }],
          result: ([event]) => ok({ verdict: decision.verdict, eventId: event?.id ?? '', committedAt: event?.at ?? '' }),
        };
      });
    },
  };
}
