import { refusalOf, refusalZhOrNull, type Refusal } from '../api/refusal';
import type { StaffMember } from '../domain/types';
import { mayApproveLate } from './late-approval';
import { isExaminer } from '../staffing/roles';

type StaffPlace = Pick<StaffMember, 'role' | 'roomNo'>;

/**
 * 缺考 (issue 4 item 9; 附件5 9:00: 主监考将缺考人员信息填入《考场情况记录单》). At the late cut-off
 * every candidate of the room not admitted is a pending absentee. The room's 主监考 (or the 主考 /
 * 副主考) confirms the list once, as seen on screen: one 'absentees.confirmed' event. Until then a late
 * admission simply takes the candidate off the list; afterwards the list is part of the room record
 * and only the 主考 or 副主考 may still admit one of them (a correction, recorded with its reason).
 */
export interface AbsenteeCandidate {
  ticketNo: string;
  seatNo: number;
}

/** Who may confirm a room's absentee list: those who may let a late candidate in. */
export function mayConfirmAbsentees(staff: StaffPlace, roomNo: string): boolean {
  return mayApproveLate(staff, roomNo);
}

/** Who may still admit a candidate whose absence has been confirmed (the 主考 corrects the record). */
export function mayCorrectConfirmedAbsence(staff: StaffPlace): boolean {
  return isExaminer(staff);
}

/** The room's candidates not admitted, by seat: the pending absentee list. */
export function pendingAbsentees<T extends AbsenteeCandidate>(candidates: readonly T[], isAdmitted: (ticketNo: string) => boolean): T[] {
  return candidates.filter((c) => !isAdmitted(c.ticketNo)).sort((a, b) => a.seatNo - b.seatNo);
}

/**
 * The list the 主监考 confirms must be the list as it stands: a late admission between opening the
 * list and confirming it would otherwise record someone seated as absent. Null when they agree,
 * else the refusal in Chinese.
 */
export function absenteeListRefusalCoded(submitted: readonly string[], current: readonly { ticketNo: string; name: string }[]): Refusal | null {
  const currentTickets = new Set(current.map((c) => c.ticketNo));
  const submittedTickets = new Set(submitted);
  if (submittedTickets.size !== submitted.length) return refusalOf('absentees-duplicate');
  const nowIn = submitted.filter((t) => !currentTickets.has(t));
  const newlyAbsent = current.filter((c) => !submittedTickets.has(c.ticketNo));
  if (nowIn.length === 0 && newlyAbsent.length === 0) return null;
  if (nowIn.length > 0) return refusalOf('absentees-some-admitted', { count: nowIn.length });
  return refusalOf('absentees-some-missing', { names: newlyAbsent.map((c) => c.name).join('、'), namesEn: newlyAbsent.map((c) => c.name).join(', ') });
}

/** absenteeListRefusalCoded in Chinese. */
export const absenteeListRefusal = (submitted: readonly string[], current: readonly { ticketNo: string; name: string }[]): string | null =>
  refusalZhOrNull(absenteeListRefusalCoded(submitted, current));
