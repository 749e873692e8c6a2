import { refuse, refusedWith } from '../../../shared/api/refusal';
import { err, ok, type ApiResult } from '../../../shared/api/result';
import type { Candidate } from '../../../shared/domain/types';
import { maskIdNumber } from '../../../shared/id/id-number';
import type { ProjectionStore } from '../../../shared/projection/store';
import type { ReimportPreview } from '../../../shared/roster/roster-api';
import {
  CANDIDATE_FIELD_LABELS,
  REIMPORT_WITHDRAWAL_REASON,
  checkAddition,
  checkCorrection,
  checkWithdrawal,
  fieldText,
  planReimport,
  type RosterCheck,
  type RosterReimport,
  type RosterState,
} from '../../../shared/roster/roster-changes';
import type { CoreHandlers } from '../core';
import { commitEvents, type CoreContext, type PendingEvent } from '../core-context';
import { rosterActor } from './roster-actor';

/** Roster rows per 'candidates.registered' event (its schema's maximum). */
const CANDIDATES_PER_EVENT = 500;

/** The roster as the rules read it, with admissions looked up once. */
function rosterState(store: ProjectionStore): RosterState | undefined {
  const plan = store.getPlan();
  if (!plan) return undefined;
  const rooms = store.listRooms();
  const admitted = new Set(rooms.flatMap((r) => store.listAdmissionsInRoom(r.roomNo).map((a) => a.ticketNo)));
  return { plan, rooms, candidates: store.listCandidates(), isAdmitted: (t) => admitted.has(t) };
}

const row = (c: Pick<Candidate, 'ticketNo' | 'name' | 'roomNo' | 'seatNo'>) => ({ ticketNo: c.ticketNo, name: c.name, roomNo: c.roomNo, seatNo: c.seatNo });

function previewOf(plan: RosterReimport): ReimportPreview {
  return {
    added: plan.added.map(row),
    changed: plan.changed.map(({ before, after, fields }) => ({
      ...row(after),
      changes: fields.map((field) => ({ field, label: CANDIDATE_FIELD_LABELS[field], before: fieldText(before, field), after: fieldText(after, field) })),
    })),
    removed: plan.removed.map(row),
    refused: plan.refused.map(({ candidate, reason }) => ({ ...row(candidate), reason })),
    problems: plan.problems,
    unchanged: plan.unchanged,
  };
}

function chunks<T>(list: readonly T[], size: number): T[][] {
  const out: T[][] = [];
  for (let i = 0; i < list.length; i += size) out.push(list.slice(i, i + size));
  return out;
}


/** A refusal from inside a transaction: no events, the reason handed back after the (empty) commit. */
const fail = (refusal: ApiResult<never>) => ({ events: [] as PendingEvent[], result: () => refusal });

/** A roster rule's refusal, coded where the rule has a code. */
const refusedCheck = (check: Extract<RosterCheck, { ok: false }>): ApiResult<never> => (check.refusal ? refusedWith(check.refusal) : err('refused', check.reason));

/** The roster after the import (issue 15 item 2): each change one event naming who made it. */
export function rosterHandlers(
  ctx: CoreContext,
): Pick<CoreHandlers, 'listRoster' | 'addCandidate' | 'correctCandidate' | 'withdrawCandidate' | 'previewRosterReimport' | 'applyRosterReimport'> {
  const { store } = ctx;
  return {
    listRoster: () => {
      const state = rosterState(store);
      const candidates = (state?.candidates ?? []).map((c) => ({
        ...row(c),
        gender: c.gender,
        idType: c.idType,
        idMasked: maskIdNumber(c.idNumber),
        occupation: c.occupation,
        level: c.level,
        admitted: state?.isAdmitted(c.ticketNo) ?? false,
        hasPhoto: store.getCandidatePhoto(c.ticketNo) !== undefined,
      }));
      const withdrawn = store.listCandidateWithdrawals().map((w) => ({ ...row(w), reason: w.reason, at: w.at, byName: w.by.name }));
      return ok({ candidates, withdrawn });
    },

    addCandidate: ({ candidate, actorStaffId }) => {
      const actor = rosterActor(store, actorStaffId);
      if (!actor.ok) return actor;
      return commitEvents(ctx, () => {
        const state = rosterState(store);
        if (!state) return fail(refuse('roster-needs-plan-and-list'));
        const check = checkAddition(state, candidate);
        if (!check.ok) return fail(refusedCheck(check));
        return { events: [{ type: 'candidate.registered', payload: { candidate }, actor: actor.value }], result: ([e]) => ok({ eventId: e?.id ?? '' }) };
      });
    },

    correctCandidate: ({ ticketNo, changes, note, actorStaffId }) => {
      const actor = rosterActor(store, actorStaffId);
      if (!actor.ok) return actor;
      return commitEvents(ctx, () => {
        const state = rosterState(store);
        if (!state) return fail(refuse('roster-needs-plan-and-list'));
        const held = store.findCandidateByTicket(ticketNo);
        if (!held) return fail(refuse('roster-not-on-list', { ticketNo }, 'not-found'));
        const candidate: Candidate = { ...held, ...changes };
        const check = checkCorrection(state, candidate);
        if (!check.ok) return fail(refusedCheck(check));
        return {
          events: [{ type: 'candidate.corrected', payload: { candidate, ...(note ? { note } : {}) }, actor: actor.value }],
          result: ([e]) => ok({ eventId: e?.id ?? '' }),
        };
      });
    },

    withdrawCandidate: ({ ticketNo, reason, actorStaffId }) => {
      const actor = rosterActor(store, actorStaffId);
      if (!actor.ok) return actor;
      return commitEvents(ctx, () => {
        const state = rosterState(store);
        if (!state) return fail(refuse('roster-needs-plan-and-list'));
        const check = checkWithdrawal(state, ticketNo, reason);
        if (!check.ok) return fail(refusedCheck(check));
        return { events: [{ type: 'candidate.withdrawn', payload: { ticketNo, reason }, actor: actor.value }], result: ([e]) => ok({ eventId: e?.id ?? '' }) };
      });
    },

    previewRosterReimport: ({ candidates }) => {
      const state = rosterState(store);
      if (!state || state.candidates.length === 0) return refuse('roster-needs-plan-and-list');
      return ok(previewOf(planReimport(state, candidates)));
    },

    applyRosterReimport: ({ candidates, actorStaffId }) => {
      const actor = rosterActor(store, actorStaffId);
      if (!actor.ok) return actor;
      return commitEvents(ctx, () => {
        // Worked out again inside the transaction: a door may have admitted someone since the preview.
        const state = rosterState(store);
        if (!state || state.candidates.length === 0) return fail(refuse('roster-needs-plan-and-list'));
        const plan = planReimport(state, candidates);
        if (plan.problems.length > 0) return fail(err('invalid-input', `名单未更新（没有任何改动）：${plan.problems.join('；')}`));
        const by = actor.value;
        const events: PendingEvent[] = [
          ...chunks(plan.added, CANDIDATES_PER_EVENT).map((chunk): PendingEvent => ({ type: 'candidates.registered', payload: { candidates: chunk }, actor: by })),
          ...plan.changed.map(({ after }): PendingEvent => ({ type: 'candidate.corrected', payload: { candidate: after, note: '重新导入更正后的名单' }, actor: by })),
          ...plan.removed.map((c): PendingEvent => ({ type: 'candidate.withdrawn', payload: { ticketNo: c.ticketNo, reason: REIMPORT_WITHDRAWAL_REASON }, actor: by })),
        ];
        if (events.length === 0) return fail(refuse(plan.refused.length > 0 ? 'reimport-nothing-applicable' : 'reimport-no-change'));
        return {
          events,
          result: (committed) =>
            ok({ added: plan.added.length, changed: plan.changed.length, removed: plan.removed.length, refused: plan.refused.length, events: committed.length }),
        };
      });
    },
  };
}
