import { refusalOf, refuse, refusedWith, type RefusalCode } from '../../../shared/api/refusal';
import { ok, type ApiResult } from '../../../shared/api/result';
import type { Actor, Candidate, StaffMember } from '../../../shared/domain/types';
import type { EventPayload } from '../../../shared/events/event-types';
import { collectRefusalCoded, handInRefusalCoded, leaveRefusalCoded } from '../../../shared/record/hand-ins';
import { incidentTimeRefusalCoded, PAPER_PROBLEM_LABELS, PAPER_PROBLEMS, type IncidentKind } from '../../../shared/record/incidents';
import { paperCountRefusalCoded } from '../../../shared/record/paper-counts';
import { changeRefusalCoded, exceptionRefusalCoded, isFrozen, mayKeepRecord, signatureSlot, signingRefusalCoded } from '../../../shared/record/signatures';
import { actorOf } from '../../../shared/staffing/who-acts';
import { mayAccompanyLeave, mayWitnessIncident } from '../../../shared/staffing/roles';
import { minutesOfDay, timeGates, type TimeGates } from '../../../shared/timetable/gates';
import { parseClockTime } from '../../../shared/timetable/timetable';
import type { CoreHandlers } from '../core';
import { commitEvents, type CoreContext, type CoreEnvironment, type PendingEvent } from '../core-context';
import { proveActor, proveActorWith, staffByBadge } from '../prove-actor';
import { roomDisplayLabel } from './door-labels';
import { incidentKindsReader } from './incident-kinds';
import { roomRecordState } from './record-state';

type Methods =
  | 'getIncidentKinds'
  | 'recordIncident'
  | 'correctIncident'
  | 'recordHandIn'
  | 'recordLeave'
  | 'recordReturn'
  | 'collectPapers'
  | 'recordPaperCount'
  | 'signRecord'
  | 'signRecordException';

const written = ([event]: { id: string; at: string }[]) => ({ eventId: event?.id ?? '', committedAt: event?.at ?? '' });

/**
 * The 主监考's record of the room (issue 12): incidents, hand-ins, leaves, 收卷, paper counts and the
 * two signatures by badge and PIN. Every rule is shared/record's; here they are asked in the transaction
 * that writes the event, and every refusal changes nothing.
 */
export function recordActionHandlers(ctx: CoreContext, env: CoreEnvironment): Pick<CoreHandlers, Methods> {
  const { store } = ctx;
  const readKinds = incidentKindsReader(env);

  /** The recorder and the room, checked alike for every change; the record's freeze too. */
  const keeper = (roomNo: string, actorStaffId: string, amendmentReason: string | undefined): ApiResult<{ actor: Actor; gates: TimeGates }> => {
    const staff = store.getStaff(actorStaffId);
    if (!staff) return refuse('record-keeper-unknown');
    if (!store.getRoom(roomNo)) return refuse('room-unknown', { roomNo }, 'not-found');
    if (!mayKeepRecord(staff, roomNo)) return refuse('record-keeper-not-allowed');
    const plan = store.getPlan();
    const gates = plan ? timeGates(plan) : undefined;
    if (!gates) return refuse('record-needs-plan');
    const frozen = changeRefusalCoded(roomRecordState(store, roomNo).log.signatures, amendmentReason);
    if (frozen) return refusedWith(frozen);
    return ok({ actor: actorOf(staff), gates });
  };

  /** A candidate of this room who came in. */
  const seatedCandidate = (roomNo: string, ticketNo: string): ApiResult<Candidate> => {
    const candidate = store.findCandidateByTicket(ticketNo);
    if (!candidate) return refuse('ticket-unknown', {}, 'not-found');
    if (candidate.roomNo !== roomNo) return refuse('record-not-this-room', { name: candidate.name, room: roomDisplayLabel(store, candidate.roomNo), seat: candidate.seatNo });
    if (!store.getAdmission(ticketNo)) return refuse('record-not-admitted', { name: candidate.name });
    return ok(candidate);
  };

  const amendment = (reason: string | undefined) => (reason ? { amendmentReason: reason } : {});
  const commit = <R>(events: PendingEvent[], result: (committed: { id: string; at: string }[]) => R): ApiResult<R> =>
    commitEvents(ctx, () => ({ events, result: (committed) => ok(result(committed)) }));

  const kindFor = (kindId: string, papers: boolean): ApiResult<Pick<IncidentKind, 'zh' | 'en' | 'needsNote'>> => {
    if (papers) {
      const problem = PAPER_PROBLEMS.find((p) => p === kindId);
      return problem ? ok(PAPER_PROBLEM_LABELS[problem]) : refuse('record-unknown-paper-problem');
    }
    const kinds = readKinds();
    if (!kinds.ok) return kinds;
    const kind = kinds.value.find((k) => k.id === kindId);
    return kind ? ok(kind) : refuse('record-unknown-incident-kind');
  };

  const witnessRefusal = (roomNo: string, witness: StaffMember, actor: Actor): RefusalCode | null => {
    if (witness.staffId === actor.staffId) return 'record-witness-self';
    if (mayWitnessIncident(witness, roomNo)) return null;
    return 'record-witness-role';
  };

  return {
    getIncidentKinds: () => {
      const kinds = readKinds();
      return kinds.ok ? ok({ kinds: kinds.value }) : kinds;
    },

    recordIncident: ({ roomNo, subject, kindId, cheating, actions, description, witness: witnessProof, occurredAt, actorStaffId, amendmentReason }) => {
      const kept = keeper(roomNo, actorStaffId, amendmentReason);
      if (!kept.ok) return kept;
      const { actor, gates } = kept.value;
      if (subject.kind === 'candidate') {
        const candidate = seatedCandidate(roomNo, subject.ticketNo);
        if (!candidate.ok) return candidate;
      }
      const kind = kindFor(kindId, subject.kind === 'papers');
      if (!kind.ok) return kind;
      if (kind.value.needsNote && description === '') return refuse('record-kind-needs-note', { kind: kind.value.zh, kindEn: kind.value.en });
      if (subject.kind === 'papers' && cheating) return refuse('record-papers-not-cheating');
      const now = ctx.now();
      const when = new Date(now);
      if (occurredAt !== undefined) {
        const minutes = parseClockTime(occurredAt) ?? 0;
        when.setHours(Math.floor(minutes / 60), minutes % 60, 0, 0);
        const refusal = incidentTimeRefusalCoded(minutes, { from: gates.checkinOpensAt, until: gates.examEndsAt }, minutesOfDay(now));
        if (refusal) return refusedWith(refusal);
      }
      // The witness proves it last, by badge and PIN: a record refused anyway costs them no PIN try.
      const witness = witnessProof
        ? proveActorWith(ctx, witnessProof, (s) => { const code = witnessRefusal(roomNo, s, actor); return code ? refusalOf(code) : null; }, 'whose-witness')
        : undefined;
      if (witness && !witness.ok) return witness;
      const payload: EventPayload<'incident.recorded'> = {
        roomNo,
        subject,
        kindId,
        kindLabel: kind.value.zh,
        cheating,
        actions,
        description,
        ...(witness ? { witnessStaffId: witness.value.staffId, witnessProof: 'badge+pin' as const } : {}),
        occurredAt: when.toISOString(),
        ...amendment(amendmentReason),
      };
      return commit([{ type: 'incident.recorded', payload, actor }], written);
    },

    correctIncident: ({ roomNo, incidentEventId, correction, reason, amended, corrector }) => {
      if (!store.getRoom(roomNo)) return refuse('room-unknown', { roomNo }, 'not-found');
      if (!store.getPlan()) return refuse('record-needs-plan');
      // A correction carries its own reason, so it is allowed on a signed record too (as an amendment).
      const frozen = changeRefusalCoded(roomRecordState(store, roomNo).log.signatures, reason);
      if (frozen) return refusedWith(frozen);
      const target = roomRecordState(store, roomNo).log.incidents.find((i) => i.eventId === incidentEventId);
      if (!target) return refuse('record-incident-unknown', {}, 'not-found');
      if (target.withdrawn) return refuse('record-incident-withdrawn');
      let amendedPayload: EventPayload<'incident.corrected'>['amended'];
      if (correction === 'amended' && amended) {
        const kind = kindFor(amended.kindId, target.subject.kind === 'papers');
        if (!kind.ok) return kind;
        amendedPayload = { ...amended, kindLabel: kind.value.zh };
      }
      const actor = proveActor(ctx, corrector, 'incident-correction', roomNo);
      if (!actor.ok) return actor;
      const payload: EventPayload<'incident.corrected'> = { roomNo, incidentEventId, correction, reason, ...(amendedPayload ? { amended: amendedPayload } : {}) };
      return commit([{ type: 'incident.corrected', payload, actor: actor.value }], written);
    },

    recordHandIn: ({ roomNo, ticketNo, actorStaffId, amendmentReason }) => {
      const kept = keeper(roomNo, actorStaffId, amendmentReason);
      if (!kept.ok) return kept;
      const candidate = seatedCandidate(roomNo, ticketNo);
      if (!candidate.ok) return candidate;
      const { log } = roomRecordState(store, roomNo);
      const handedIn = log.handIns.get(ticketNo);
      if (handedIn) return refuse('record-handed-in-by', { name: candidate.value.name, by: handedIn.by.name });
      if (log.collected) return refuse('record-collected');
      const refusal = handInRefusalCoded(kept.value.gates, minutesOfDay(ctx.now()));
      if (refusal && !amendmentReason) return refusedWith(refusal);
      return commit([{ type: 'candidate.handed-in', payload: { roomNo, ticketNo, ...amendment(amendmentReason) }, actor: kept.value.actor }], written);
    },

    recordLeave: ({ roomNo, ticketNo, reason, note, companion: companionProof, actorStaffId, amendmentReason }) => {
      const kept = keeper(roomNo, actorStaffId, amendmentReason);
      if (!kept.ok) return kept;
      const candidate = seatedCandidate(roomNo, ticketNo);
      if (!candidate.ok) return candidate;
      if (reason === 'other' && !note) return refuse('record-leave-other-note');
      const { log } = roomRecordState(store, roomNo);
      if (log.handIns.has(ticketNo)) return refuse('record-handed-in', { name: candidate.value.name });
      if (log.leaves.some((l) => l.ticketNo === ticketNo && l.returned === null)) return refuse('record-leave-open', { name: candidate.value.name });
      const refusal = leaveRefusalCoded(kept.value.gates, minutesOfDay(ctx.now()));
      if (refusal && !amendmentReason) return refusedWith(refusal);
      const companion = proveActorWith(ctx, companionProof, (s) => (mayAccompanyLeave(s) ? null : refusalOf('record-leave-companion')), 'whose-companion');
      if (!companion.ok) return companion;
      const payload = { roomNo, ticketNo, reason, ...(note ? { note } : {}), accompaniedByStaffId: companion.value.staffId, companionProof: 'badge+pin' as const, ...amendment(amendmentReason) };
      return commit([{ type: 'candidate.left', payload, actor: kept.value.actor }], written);
    },

    recordReturn: ({ roomNo, ticketNo, actorStaffId, amendmentReason }) => {
      const kept = keeper(roomNo, actorStaffId, amendmentReason);
      if (!kept.ok) return kept;
      const candidate = seatedCandidate(roomNo, ticketNo);
      if (!candidate.ok) return candidate;
      const open = roomRecordState(store, roomNo).log.leaves.some((l) => l.ticketNo === ticketNo && l.returned === null);
      if (!open) return refuse('record-no-open-leave', { name: candidate.value.name });
      return commit([{ type: 'candidate.returned', payload: { roomNo, ticketNo, ...amendment(amendmentReason) }, actor: kept.value.actor }], written);
    },

    collectPapers: ({ roomNo, actorStaffId, amendmentReason }) => {
      const kept = keeper(roomNo, actorStaffId, amendmentReason);
      if (!kept.ok) return kept;
      const refusal = collectRefusalCoded(kept.value.gates, minutesOfDay(ctx.now()));
      if (refusal) return refusedWith(refusal);
      const { log } = roomRecordState(store, roomNo);
      if (log.collected) return refuse('record-collected-by', { by: log.collected.by.name });
      const terminated = new Set(log.incidents.flatMap((i) => (!i.withdrawn && i.actions.includes('terminated') && i.subject.kind === 'candidate' ? [i.subject.ticketNo] : [])));
      const seated = store
        .listAdmissionsInRoom(roomNo)
        .map((a) => a.ticketNo)
        .filter((t) => !log.handIns.has(t) && !terminated.has(t))
        .sort();
      return commit([{ type: 'papers.collected', payload: { roomNo, ticketNos: seated, ...amendment(amendmentReason) }, actor: kept.value.actor }], (c) => ({
        ...written(c),
        collected: seated.length,
      }));
    },

    recordPaperCount: ({ roomNo, count, actorStaffId, amendmentReason }) => {
      const kept = keeper(roomNo, actorStaffId, amendmentReason);
      if (!kept.ok) return kept;
      const refusal = paperCountRefusalCoded(count);
      if (refusal) return refusedWith(refusal);
      if (count.collected !== null && !roomRecordState(store, roomNo).log.collected) return refuse('record-count-before-collect');
      return commit([{ type: 'papers.counted', payload: { roomNo, count, ...amendment(amendmentReason) }, actor: kept.value.actor }], written);
    },

    signRecord: ({ roomNo, signer }) => {
      if (!store.getRoom(roomNo)) return refuse('room-unknown', { roomNo }, 'not-found');
      const who = staffByBadge(ctx, signer.badgeCode);
      if (!who.ok) return who;
      const state = roomRecordState(store, roomNo);
      const refusal = signingRefusalCoded(state.log.signatures, who.value, roomNo, state.problems);
      if (refusal) return refusedWith(refusal);
      const slot = signatureSlot(who.value, roomNo);
      if (!slot.ok) return refusedWith(slot.refusal);
      const actor = proveActor(ctx, signer, 'record-signature', roomNo);
      if (!actor.ok) return actor;
      const chiefSigned = state.log.signatures.chief !== null || slot.slot === 'chief-proctor';
      const secondSigned = state.log.signatures.second !== null || slot.slot === 'second-proctor';
      return commit([{ type: 'record.signed', payload: { roomNo, slot: slot.slot, proof: 'badge+pin' }, actor: actor.value }], (c) => ({
        ...written(c),
        slot: slot.slot,
        name: who.value.name,
        frozen: chiefSigned && secondSigned,
      }));
    },

    signRecordException: ({ roomNo, examiner, reason }) => {
      if (!store.getRoom(roomNo)) return refuse('room-unknown', { roomNo }, 'not-found');
      const who = staffByBadge(ctx, examiner.badgeCode);
      if (!who.ok) return who;
      const state = roomRecordState(store, roomNo);
      const refusal = exceptionRefusalCoded(state.log.signatures, who.value, reason, state.problems);
      if (refusal) return refusedWith(refusal);
      if (isFrozen(state.log.signatures)) return refuse('record-signed');
      const actor = proveActor(ctx, examiner, 'record-exception', roomNo);
      if (!actor.ok) return actor;
      return commit([{ type: 'record.exception-signed', payload: { roomNo, reason, problems: state.problems.slice(0, 20) }, actor: actor.value }], (c) => ({
        ...written(c),
        name: who.value.name,
      }));
    },
  };
}
