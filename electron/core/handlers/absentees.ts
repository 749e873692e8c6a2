import type { ApiOutput } from '../../../shared/api/contract';
import { refuse, refusedWith } from '../../../shared/api/refusal';
import { ok } from '../../../shared/api/result';
import { absenteeListRefusalCoded, pendingAbsentees } from '../../../shared/checkin/absentees';
import type { ProjectionStore } from '../../../shared/projection/store';
import { lateCutoffPassed } from '../../../shared/timetable/gates';
import type { CoreHandlers } from '../core';
import { commitEvents, type CoreContext } from '../core-context';
import { proveActor } from '../prove-actor';

type RoomAbsentees = ApiOutput<'getRoomRoster'>['absentees'];

/** A room's 缺考 list as screens see it: due from the late cut-off, confirmed once the 主监考 has. */
export function roomAbsentees(store: ProjectionStore, roomNo: string, now: Date): RoomAbsentees {
  const plan = store.getPlan();
  const confirmation = store.getAbsenteeConfirmation(roomNo);
  return {
    due: plan !== undefined && lateCutoffPassed(plan, now),
    confirmed: confirmation
      ? {
          at: confirmation.at,
          byName: confirmation.confirmedBy.name,
          byRole: confirmation.confirmedBy.role,
          ticketNos: confirmation.absentees.map((a) => a.ticketNo),
        }
      : null,
  };
}

/** How many of a room are absent: the confirmed list less anyone the 主考 admitted since; else everyone not in. */
export function countAbsentees(store: ProjectionStore, roomNo: string, expected: number, admitted: number): number {
  const confirmation = store.getAbsenteeConfirmation(roomNo);
  if (!confirmation) return Math.max(0, expected - admitted);
  return confirmation.absentees.filter((a) => !store.getAdmission(a.ticketNo)).length;
}

/** 缺考 confirmed by the room's 主监考, by badge and PIN (附件5 9:00: 缺考人员信息 for the 考场情况记录单). */
export function absenteeHandlers(ctx: CoreContext): Pick<CoreHandlers, 'confirmAbsentees'> {
  const { store } = ctx;
  return {
    confirmAbsentees: ({ roomNo, ticketNos, note, confirmer }) => {
      if (!store.getRoom(roomNo)) return refuse('room-unknown', { roomNo }, 'not-found');
      const plan = store.getPlan();
      if (!plan || !lateCutoffPassed(plan, ctx.now())) return refuse('absentees-before-cutoff');
      const confirmed = store.getAbsenteeConfirmation(roomNo);
      if (confirmed) return refuse('absentees-already-confirmed', { name: confirmed.confirmedBy.name });
      const current = pendingAbsentees(store.listCandidatesInRoom(roomNo), (ticketNo) => store.getAdmission(ticketNo) !== undefined);
      const refusal = absenteeListRefusalCoded(ticketNos, current);
      if (refusal) return refusedWith(refusal);
      // Last, once the list is right: a PIN is tried only for a confirmation that would be written.
      const actor = proveActor(ctx, confirmer, 'absentees', roomNo);
      if (!actor.ok) return actor;
      const payload = { roomNo, absentees: current.map((c) => ({ ticketNo: c.ticketNo, seatNo: c.seatNo })), ...(note ? { note } : {}) };
      return commitEvents(ctx, () => ({
        events: [{ type: 'absentees.confirmed', payload, actor: actor.value }],
        result: ([event]) => ok({ eventId: event?.id ?? '', committedAt: event?.at ?? '' }),
      }));
    },
  };
}
