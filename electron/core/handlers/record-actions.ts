import { err, ok, type ApiResult } from '../../../shared/api/result';
import type { Actor, Candidate, StaffMember } from '../../../shared/domain/types';
import type { EventPayload } from '../../../shared/events/event-types';
import { collectRefusal, handInRefusal, leaveRefusal } from '../../../shared/record/hand-ins';
import { incidentTimeRefusal, PAPER_PROBLEM_LABELS, PAPER_PROBLEMS, type IncidentKind } from '../../../shared/record/incidents';
import { paperCountRefusal } from '../../../shared/record/paper-counts';
import { changeRefusal, exceptionRefusal, isFrozen, mayKeepRecord, signatureSlot, signingRefusal } from '../../../shared/record/signatures';
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
    if (!staff) return err('refused', '记录人不在本考试日的工作人员名单中');
    if (!store.getRoom(roomNo)) return err('not-found', `没有第 ${roomNo} 考场`);
    if (!mayKeepRecord(staff, roomNo)) return err('refused', '考场记录须由本考场主监考、副监考（或主考、副主考）记录');
    const plan = store.getPlan();
    const gates = plan ? timeGates(plan) : undefined;
    if (!gates) return err('refused', '考试计划尚未设置，无法记录');
    const frozen = changeRefusal(roomRecordState(store, roomNo).log.signatures, amendmentReason);
    if (frozen) return err('refused', frozen);
    return ok({ actor: actorOf(staff), gates });
  };

  /** A candidate of this room who came in. */
  const seatedCandidate = (roomNo: string, ticketNo: string): ApiResult<Candidate> => {
    const candidate = store.findCandidateByTicket(ticketNo);
    if (!candidate) return err('not-found', '名单中没有这个准考证号');
    if (candidate.roomNo !== roomNo) return err('refused', `${candidate.name}不是本考场考生（在${roomDisplayLabel(store, candidate.roomNo)} ${candidate.seatNo} 号座位）`);
    if (!store.getAdmission(ticketNo)) return err('refused', `${candidate.name}未入场`);
    return ok(candidate);
  };

  const amendment = (reason: string | undefined) => (reason ? { amendmentReason: reason } : {});
  const commit = <R>(events: PendingEvent[], result: (committed: { id: string; at: string }[]) => R): ApiResult<R> =>
    commitEvents(ctx, () => ({ events, result: (committed) => ok(result(committed)) }));

  const kindFor = (kindId: string, papers: boolean): ApiResult<Pick<IncidentKind, 'zh' | 'needsNote'>> => {
    if (papers) {
      const problem = PAPER_PROBLEMS.find((p) => p === kindId);
      return problem ? ok({ zh: PAPER_PROBLEM_LABELS[problem].zh }) : err('refused', '未知的试卷问题类别');
    }
    const kinds = readKinds();
    if (!kinds.ok) return kinds;
    const kind = kinds.value.find((k) => k.id === kindId);
    return kind ? ok(kind) : err('refused', '违纪类别不在类别表中');
  };

  const witnessRefusal = (roomNo: string, witness: StaffMember, actor: Actor): string | null => {
    if (witness.staffId === actor.staffId) return '证明人须为记录人以外的另一人';
    if (mayWitnessIncident(witness, roomNo)) return null;
    return '证明人须为本考场另一名监考、流动监考或主考';
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
      if (kind.value.needsNote && description === '') return err('refused', `选择“${kind.value.zh}”时请写明情况`);
      if (subject.kind === 'papers' && cheating) return err('refused', '试卷问题不是考生舞弊');
      const now = ctx.now();
      const when = new Date(now);
      if (occurredAt !== undefined) {
        const minutes = parseClockTime(occurredAt) ?? 0;
        when.setHours(Math.floor(minutes / 60), minutes % 60, 0, 0);
        const refusal = incidentTimeRefusal(minutes, { from: gates.checkinOpensAt, until: gates.examEndsAt }, minutesOfDay(now));
        if (refusal) return err('refused', refusal);
      }
      // The witness proves it last, by badge and PIN: a record refused anyway costs them no PIN try.
      const witness = witnessProof ? proveActorWith(ctx, witnessProof, (s) => witnessRefusal(roomNo, s, actor), '证明人：') : undefined;
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
      if (!store.getRoom(roomNo)) return err('not-found', `没有第 ${roomNo} 考场`);
      if (!store.getPlan()) return err('refused', '考试计划尚未设置，无法记录');
      // A correction carries its own reason, so it is allowed on a signed record too (as an amendment).
      const frozen = changeRefusal(roomRecordState(store, roomNo).log.signatures, reason);
      if (frozen) return err('refused', frozen);
      const target = roomRecordState(store, roomNo).log.incidents.find((i) => i.eventId === incidentEventId);
      if (!target) return err('not-found', '本考场没有这条违纪记录');
      if (target.withdrawn) return err('refused', '这条记录已撤销');
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
      if (handedIn) return err('refused', `${candidate.value.name}已交卷（${handedIn.by.name}记录）`);
      if (log.collected) return err('refused', '本考场已收卷');
      const refusal = handInRefusal(kept.value.gates, minutesOfDay(ctx.now()));
      if (refusal && !amendmentReason) return err('refused', refusal);
      return commit([{ type: 'candidate.handed-in', payload: { roomNo, ticketNo, ...amendment(amendmentReason) }, actor: kept.value.actor }], written);
    },

    recordLeave: ({ roomNo, ticketNo, reason, note, companion: companionProof, actorStaffId, amendmentReason }) => {
      const kept = keeper(roomNo, actorStaffId, amendmentReason);
      if (!kept.ok) return kept;
      const candidate = seatedCandidate(roomNo, ticketNo);
      if (!candidate.ok) return candidate;
      if (reason === 'other' && !note) return err('refused', '选择“其他”时请写明原因');
      const { log } = roomRecordState(store, roomNo);
      if (log.handIns.has(ticketNo)) return err('refused', `${candidate.value.name}已交卷`);
      if (log.leaves.some((l) => l.ticketNo === ticketNo && l.returned === null)) return err('refused', `${candidate.value.name}暂离尚未返回`);
      const refusal = leaveRefusal(kept.value.gates, minutesOfDay(ctx.now()));
      if (refusal && !amendmentReason) return err('refused', refusal);
      const companion = proveActorWith(ctx, companionProof, (s) => (mayAccompanyLeave(s) ? null : '暂离须由一名流动监考陪同：请流动监考扫描胸卡并输入 PIN'), '陪同人：');
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
      if (!open) return err('refused', `${candidate.value.name}没有未返回的暂离记录`);
      return commit([{ type: 'candidate.returned', payload: { roomNo, ticketNo, ...amendment(amendmentReason) }, actor: kept.value.actor }], written);
    },

    collectPapers: ({ roomNo, actorStaffId, amendmentReason }) => {
      const kept = keeper(roomNo, actorStaffId, amendmentReason);
      if (!kept.ok) return kept;
      const refusal = collectRefusal(kept.value.gates, minutesOfDay(ctx.now()));
      if (refusal) return err('refused', refusal);
      const { log } = roomRecordState(store, roomNo);
      if (log.collected) return err('refused', `本考场已于收卷（${log.collected.by.name}记录），不能重复收卷`);
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
      const refusal = paperCountRefusal(count);
      if (refusal) return err('refused', refusal);
      if (count.collected !== null && !roomRecordState(store, roomNo).log.collected) return err('refused', '收卷后才能登记收回份数');
      return commit([{ type: 'papers.counted', payload: { roomNo, count, ...amendment(amendmentReason) }, actor: kept.value.actor }], written);
    },

    signRecord: ({ roomNo, signer }) => {
      if (!store.getRoom(roomNo)) return err('not-found', `没有第 ${roomNo} 考场`);
      const who = staffByBadge(ctx, signer.badgeCode);
      if (!who.ok) return who;
      const state = roomRecordState(store, roomNo);
      const refusal = signingRefusal(state.log.signatures, who.value, roomNo, state.problems);
      if (refusal) return err('refused', refusal);
      const slot = signatureSlot(who.value, roomNo);
      if (!slot.ok) return err('refused', slot.reason);
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
      if (!store.getRoom(roomNo)) return err('not-found', `没有第 ${roomNo} 考场`);
      const who = staffByBadge(ctx, examiner.badgeCode);
      if (!who.ok) return who;
      const state = roomRecordState(store, roomNo);
      const refusal = exceptionRefusal(state.log.signatures, who.value, reason, state.problems);
      if (refusal) return err('refused', refusal);
      if (isFrozen(state.log.signatures)) return err('refused', '记录单已签名');
      const actor = proveActor(ctx, examiner, 'record-exception', roomNo);
      if (!actor.ok) return actor;
      return commit([{ type: 'record.exception-signed', payload: { roomNo, reason, problems: state.problems.slice(0, 20) }, actor: actor.value }], (c) => ({
        ...written(c),
        name: who.value.name,
      }));
    },
  };
}
