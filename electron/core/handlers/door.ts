import { ok } from '../../../shared/api/result';
import { refuse, refusedWith } from '../../../shared/api/refusal';
import { reverifyNeedsNote } from '../../../shared/checkin/reverify';
import { REVOKE_REFUSAL_CODES, revokeRefusal } from '../../../shared/checkin/revoke-admission';
import { summarizeCandidate, PAIR_TIMEOUT_MS } from '../../../shared/checkin/decide-checkin';
import { matchCandidate } from '../../../shared/checkin/search-candidates';
import type { CheckinVerdict } from '../../../shared/checkin/verdict';
import { doubtResolutionRefusalCoded } from '../../../shared/checkin/doubt';
import type { Actor } from '../../../shared/domain/types';
import { otherSession, otherSessionRefusalCoded } from '../../../shared/checkin/session';
import { mayReverify } from '../../../shared/staffing/roles';
import { roomDisplayLabel } from './door-labels';
import { lateCutoffPassed, minutesOfDay, timeGates } from '../../../shared/timetable/gates';
import type { CoreHandlers } from '../core';
import { commitEvents, type CoreContext } from '../core-context';
import { nameInitials } from '../pinyin';
import { actorOf } from '../../../shared/staffing/who-acts';
import { proveActor, staffByBadge } from '../prove-actor';

const MAX_MATCHES = 12;

/** The door beyond a scan: admission with a reason, the manual search, the half pair after a reload, 存疑考生. */
export function doorHandlers(ctx: CoreContext): Pick<CoreHandlers, 'admitWithReason' | 'searchCandidates' | 'getDoorState' | 'admitInDoubt' | 'resolveDoubt' | 'markReverify' | 'revokeAdmission'> {
  const { store } = ctx;
  return {
    admitWithReason: ({ roomNo, ticketNo, reason, note, actorStaffId, approver }) => {
      const staff = store.getStaff(actorStaffId);
      if (!staff) return refuse('staff-unknown');
      if (!store.getRoom(roomNo)) return refuse('room-unknown', { roomNo }, 'not-found');
      const candidate = store.findCandidateByTicket(ticketNo);
      if (!candidate) return refuse('ticket-unknown', {}, 'not-found');
      const plan = store.getPlan();
      const admission = store.getAdmission(ticketNo);
      if (admission) return refuse('already-admitted', { name: candidate.name, room: roomDisplayLabel(store, admission.roomNo) });
      if (candidate.roomNo !== roomNo) {
        return refuse('other-room', { name: candidate.name, room: roomDisplayLabel(store, candidate.roomNo), seat: candidate.seatNo });
      }
      const session = plan ? otherSession(candidate, plan) : undefined;
      if (session) return refusedWith(otherSessionRefusalCoded(candidate, session));
      const absence = store.getAbsenteeConfirmation(roomNo);
      const confirmedAbsent = absence?.absentees.some((a) => a.ticketNo === ticketNo) === true;
      if (reason !== 'late-approved' && plan && lateCutoffPassed(plan, ctx.now())) {
        return refuse('late-cutoff-passed');
      }
      let actor: Actor = actorOf(staff);
      if (reason === 'late-approved' || confirmedAbsent) {
        // The approver proves it at this moment; the door's operator only asked.
        if (!approver) return confirmedAbsent ? refuse('absence-needs-proof', { name: candidate.name, by: absence!.confirmedBy.name }) : refuse('late-needs-proof');
        const proven = proveActor(ctx, approver, confirmedAbsent ? 'absence-correction' : 'late-admission', roomNo);
        if (!proven.ok) return proven;
        actor = proven.value;
      }
      const payload = { roomNo, ticketNo, reason, ...(note ? { note } : {}) };
      return commitEvents(ctx, () => ({
        events: [{ type: 'checkin.overridden', payload, actor }],
        result: ([event]) =>
          ok({
            verdict: { kind: 'admitted', candidate: summarizeCandidate(candidate) } satisfies CheckinVerdict,
            eventId: event?.id ?? '',
            committedAt: event?.at ?? '',
          }),
      }));
    },

    searchCandidates: ({ roomNo, query }) => {
      const rooms = [roomNo, ...store.listRooms().map((r) => r.roomNo).filter((r) => r !== roomNo)];
      const matches = [];
      for (const r of rooms) {
        for (const candidate of store.listCandidatesInRoom(r)) {
          const matchedBy = matchCandidate(candidate, query, nameInitials(candidate.name));
          if (!matchedBy) continue;
          matches.push({
            candidate: summarizeCandidate(candidate),
            matchedBy,
            admittedAt: store.getAdmission(candidate.ticketNo)?.at ?? null,
            inThisRoom: r === roomNo,
          });
          if (matches.length >= MAX_MATCHES) return ok({ matches });
        }
      }
      return ok({ matches });
    },

    getDoorState: ({ roomNo }) => {
      const pending = store.getDoorPending(roomNo, ctx.writer.deviceId);
      const expiresMs = pending ? Date.parse(pending.at) + PAIR_TIMEOUT_MS : 0;
      const candidate = pending ? store.findCandidateByTicket(pending.ticketNo) : undefined;
      if (!pending || !candidate || store.getAdmission(pending.ticketNo) || expiresMs <= ctx.now().getTime()) return ok({ pending: null });
      const summary = summarizeCandidate(candidate);
      const expiresAt = new Date(expiresMs).toISOString();
      return ok({
        pending: pending.document === 'ticket' ? { kind: 'awaiting-id', candidate: summary, expiresAt } : { kind: 'awaiting-ticket', candidate: summary, expiresAt },
      });
    },
    admitInDoubt: ({ roomNo, ticketNo, reason, note, actorStaffId }) => {
      const staff = store.getStaff(actorStaffId);
      if (!staff) return refuse('staff-unknown');
      if (!store.getRoom(roomNo)) return refuse('room-unknown', { roomNo }, 'not-found');
      const candidate = store.findCandidateByTicket(ticketNo);
      if (!candidate) return refuse('ticket-unknown', {}, 'not-found');
      if (candidate.roomNo !== roomNo) {
        return refuse('other-room', { name: candidate.name, room: roomDisplayLabel(store, candidate.roomNo), seat: candidate.seatNo });
      }
      if (store.getDoubt(ticketNo)?.status === 'open') return refuse('doubt-already-open', { name: candidate.name });
      const admission = store.getAdmission(ticketNo);
      if (!admission) {
        const plan = store.getPlan();
        const session = plan ? otherSession(candidate, plan) : undefined;
        if (session) return refusedWith(otherSessionRefusalCoded(candidate, session));
        if (plan && lateCutoffPassed(plan, ctx.now())) {
          return refuse('doubt-late');
        }
      }
      const payload = { roomNo, ticketNo, reason, ...(note ? { note } : {}) };
      return commitEvents(ctx, () => ({
        events: [{ type: 'candidate.doubt-raised', payload, actor: actorOf(staff) }],
        result: ([event]) =>
          ok({
            verdict: { kind: 'admitted', candidate: summarizeCandidate(candidate) } satisfies CheckinVerdict,
            eventId: event?.id ?? '',
            committedAt: event?.at ?? '',
          }),
      }));
    },

    markReverify: ({ roomNo, seatNo, result, note, actorStaffId }) => {
      const staff = store.getStaff(actorStaffId);
      if (!staff) return refuse('staff-unknown');
      if (!store.getRoom(roomNo)) return refuse('room-unknown', { roomNo }, 'not-found');
      if (!mayReverify(staff, roomNo)) {
        return refuse('reverify-not-allowed');
      }
      const plan = store.getPlan();
      const gates = plan ? timeGates(plan) : undefined;
      if (gates && minutesOfDay(ctx.now()) < gates.examStartsAt) return refuse('reverify-before-start');
      if (reverifyNeedsNote(result) && (note ?? '').trim() === '') return refuse('impostor-needs-note');
      const candidate = store.listCandidatesInRoom(roomNo).find((c) => c.seatNo === seatNo);
      if (!candidate) return refuse('reverify-seat-empty', { seat: seatNo }, 'not-found');
      if (result === 'verified' && !store.getAdmission(candidate.ticketNo)) {
        return refuse('reverify-not-admitted', { name: candidate.name });
      }
      const payload = { roomNo, seatNo, ticketNo: candidate.ticketNo, result, ...(note ? { note } : {}) };
      return commitEvents(ctx, () => ({
        events: [{ type: 'seat.reverified', payload, actor: actorOf(staff) }],
        result: ([event]) => ok({ eventId: event?.id ?? '', committedAt: event?.at ?? '' }),
      }));
    },

    revokeAdmission: ({ roomNo, ticketNo, reason, note, actorStaffId }) => {
      const staff = store.getStaff(actorStaffId);
      if (!staff) return refuse('staff-unknown');
      const candidate = store.findCandidateByTicket(ticketNo);
      if (!candidate) return refuse('ticket-unknown', {}, 'not-found');
      const admission = store.getAdmission(ticketNo);
      const refusal = revokeRefusal({ staff, roomNo, admittedInRoomNo: admission?.roomNo, plan: store.getPlan(), now: ctx.now() });
      if (refusal || !admission) {
        const room = admission ? roomDisplayLabel(store, admission.roomNo) : '';
        return refuse(REVOKE_REFUSAL_CODES[refusal ?? 'not-admitted'], { name: candidate.name, room });
      }
      const payload = { roomNo, ticketNo, admission: { deviceId: admission.deviceId, seq: admission.seq }, reason, ...(note ? { note } : {}) };
      return commitEvents(ctx, () => ({
        events: [{ type: 'checkin.revoked', payload, actor: actorOf(staff) }],
        result: ([event]) => ok({ eventId: event?.id ?? '', committedAt: event?.at ?? '' }),
      }));
    },

    resolveDoubt: ({ roomNo, ticketNo, outcome, signer, secondSigner, note }) => {
      const candidate = store.findCandidateByTicket(ticketNo);
      if (!candidate) return refuse('ticket-unknown', {}, 'not-found');
      const doubt = store.getDoubt(ticketNo);
      if (!doubt || doubt.roomNo !== roomNo) return refuse('doubt-not-here', { name: candidate.name }, 'not-found');
      if (doubt.status !== 'open') return refuse(doubt.status === 'cleared' ? 'doubt-already-cleared' : 'doubt-already-confirmed', { name: candidate.name });
      // The pair is checked on the badges before either PIN is tried: a refused pair costs no tries.
      const firstStaff = staffByBadge(ctx, signer.badgeCode);
      if (!firstStaff.ok) return firstStaff;
      const secondStaff = secondSigner === undefined ? undefined : staffByBadge(ctx, secondSigner.badgeCode, 'whose-second');
      if (secondStaff && !secondStaff.ok) return secondStaff;
      const refusal = doubtResolutionRefusalCoded(firstStaff.value, secondStaff?.value, roomNo);
      if (refusal) return refusedWith(refusal);
      const first = proveActor(ctx, signer, 'doubt-signoff', roomNo);
      if (!first.ok) return first;
      const second = secondSigner === undefined ? undefined : proveActor(ctx, secondSigner, 'doubt-signoff', roomNo, 'whose-second');
      if (second && !second.ok) return second;
      const payload = { roomNo, ticketNo, outcome, ...(second ? { countersignedBy: second.value } : {}), ...(note ? { note } : {}) };
      return commitEvents(ctx, () => ({
        events: [{ type: 'candidate.doubt-resolved', payload, actor: first.value }],
        result: ([event]) => ok({ eventId: event?.id ?? '', committedAt: event?.at ?? '' }),
      }));
    },
  };
}
