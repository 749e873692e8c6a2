import { refusalOf, refusalZh, type Refusal } from '../api/refusal';
import type { Candidate, ExamPlan, Room } from '../domain/types';
import { ID_DOCUMENT_TYPE_LABELS } from '../domain/labels';
import { maskIdNumber } from '../id/id-number';
import { recheckRoster } from '../setup/roster-import';

/**
 * The roster as it stands when the office changes it (issue 15 item 2): the plan, the rooms, the
 * candidates on it now (withdrawn ones are off it), and who is already admitted. An admitted
 * candidate is sitting in a room: the list may no longer say anything else about them.
 */
export interface RosterState {
  plan: ExamPlan;
  rooms: readonly Room[];
  candidates: readonly Candidate[];
  isAdmitted: (ticketNo: string) => boolean;
}

/** A refused change: its Chinese, and its code where it has one (the roster-import rules say theirs in Chinese only). */
export type RosterCheck = { ok: true } | { ok: false; reason: string; refusal?: Refusal };

const refused = (refusal: Refusal): RosterCheck => ({ ok: false, reason: refusalZh(refusal), refusal });

/** The fields a correction or a re-import may change, as the office reads them. */
export const CANDIDATE_FIELD_LABELS = {
  name: '姓名',
  gender: '性别',
  idType: '证件类型',
  idNumber: '证件号码',
  occupation: '职业',
  level: '等级',
  roomNo: '考场',
  seatNo: '座位号',
  session: '场次',
} as const satisfies Partial<Record<keyof Candidate, string>>;
export type CandidateField = keyof typeof CANDIDATE_FIELD_LABELS;
const FIELDS = Object.keys(CANDIDATE_FIELD_LABELS) as CandidateField[];

const who = (c: Pick<Candidate, 'name' | 'ticketNo'>) => ({ name: c.name, ticketNo: c.ticketNo });

/** Why an admitted candidate's row may not change: the door's admission is a fact of the day. */
export const admittedRefusalCoded = (c: Pick<Candidate, 'name' | 'ticketNo'>): Refusal => refusalOf('roster-admitted', who(c));
export const admittedRefusal = (c: Pick<Candidate, 'name' | 'ticketNo'>): string => refusalZh(admittedRefusalCoded(c));

const notOnRoster = (ticketNo: string): Refusal => refusalOf('roster-not-on-list', { ticketNo });

/** The roster's own rules (recheckRoster) for the list with `candidate` in place of its old row. */
function recheckWith(state: RosterState, candidate: Candidate, replacing: string | undefined): RosterCheck {
  const others = state.candidates.filter((c) => c.ticketNo !== replacing);
  const problems = recheckRoster(state.plan, state.rooms, [...others, candidate], 1);
  return problems[0] === undefined ? { ok: true } : { ok: false, reason: problems[0] };
}

/** 增加一名考生: a new 准考证号, and the candidate fits the plan, a room and a free seat. */
export function checkAddition(state: RosterState, candidate: Candidate): RosterCheck {
  const held = state.candidates.find((c) => c.ticketNo === candidate.ticketNo);
  if (held) return refused(refusalOf('roster-ticket-taken', { ticketNo: candidate.ticketNo, name: held.name }));
  return recheckWith(state, candidate, undefined);
}

/** 更正一名考生: on the roster, not yet admitted, same 准考证号, and the corrected row still fits. */
export function checkCorrection(state: RosterState, corrected: Candidate): RosterCheck {
  const held = state.candidates.find((c) => c.ticketNo === corrected.ticketNo);
  if (!held) return refused(notOnRoster(corrected.ticketNo));
  if (state.isAdmitted(held.ticketNo)) return refused(admittedRefusalCoded(held));
  if (changedFields(held, corrected).length === 0) return refused(refusalOf('roster-row-unchanged', who(held)));
  return recheckWith(state, corrected, held.ticketNo);
}

/** 退考: on the roster, not yet admitted, and a reason the record keeps. */
export function checkWithdrawal(state: RosterState, ticketNo: string, reason: string): RosterCheck {
  const held = state.candidates.find((c) => c.ticketNo === ticketNo);
  if (!held) return refused(notOnRoster(ticketNo));
  if (state.isAdmitted(ticketNo)) return refused(admittedRefusalCoded(held));
  if (reason.trim() === '') return refused(refusalOf('roster-withdrawal-reason', who(held)));
  return { ok: true };
}

/** Which of the office's fields differ between two rows of the same candidate. */
export function changedFields(before: Candidate, after: Candidate): CandidateField[] {
  return FIELDS.filter((f) => JSON.stringify(before[f] ?? null) !== JSON.stringify(after[f] ?? null));
}

/** A field's value as a list shows it: ID numbers masked to their last four. */
export function fieldText(c: Candidate, field: CandidateField): string {
  switch (field) {
    case 'idNumber':
      return maskIdNumber(c.idNumber);
    case 'idType':
      return ID_DOCUMENT_TYPE_LABELS[c.idType].zh;
    case 'seatNo':
      return String(c.seatNo);
    case 'session':
      return c.session ? `${c.session.date} ${c.session.startTime}` : '本场';
    default:
      return c[field];
  }
}

export interface RosterReimport {
  added: Candidate[];
  changed: { before: Candidate; after: Candidate; fields: CandidateField[] }[];
  removed: Candidate[];
  /** Rows of the file that match the roster as it is. */
  unchanged: number;
  /** Rows the file would change or remove although the candidate is admitted: kept as they are. */
  refused: { candidate: Candidate; reason: string }[];
  /** The roster after the accepted changes breaks a rule (seat twice, room full…): nothing is applied. */
  problems: string[];
}

/** Removed by a re-import: the withdrawal's reason in the record. */
export const REIMPORT_WITHDRAWAL_REASON = '重新导入的名单中已没有该考生';

/**
 * A corrected roster file against the roster now, by 准考证号: who is added, changed and removed.
 * Whatever would touch an admitted candidate is refused and kept (nothing checked in is lost); the
 * roster that results must pass the import's own rules, or the batch is not applied at all.
 */
export function planReimport(state: RosterState, incoming: readonly Candidate[]): RosterReimport {
  const current = new Map(state.candidates.map((c) => [c.ticketNo, c]));
  const incomingTickets = new Set(incoming.map((c) => c.ticketNo));
  const plan: RosterReimport = { added: [], changed: [], removed: [], unchanged: 0, refused: [], problems: [] };
  const after: Candidate[] = [];
  for (const row of incoming) {
    const held = current.get(row.ticketNo);
    if (!held) {
      plan.added.push(row);
      after.push(row);
      continue;
    }
    const fields = changedFields(held, row);
    if (fields.length === 0) {
      plan.unchanged += 1;
      after.push(held);
    } else if (state.isAdmitted(held.ticketNo)) {
      plan.refused.push({ candidate: held, reason: admittedRefusal(held) });
      after.push(held);
    } else {
      plan.changed.push({ before: held, after: row, fields });
      after.push(row);
    }
  }
  for (const held of state.candidates) {
    if (incomingTickets.has(held.ticketNo)) continue;
    if (state.isAdmitted(held.ticketNo)) {
      plan.refused.push({ candidate: held, reason: admittedRefusal(held) });
      after.push(held);
    } else {
      plan.removed.push(held);
    }
  }
  plan.problems = recheckRoster(state.plan, state.rooms, after);
  return plan;
}
