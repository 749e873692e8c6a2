import { refusalOf, refusalZh, refusalZhOrNull, type Refusal } from '../api/refusal';
import type { StaffMember } from '../domain/types';
import { isExaminer, isRoomProctor, isRoomProctorRole } from '../staffing/roles';

type StaffPlace = Pick<StaffMember, 'staffId' | 'name' | 'role' | 'roomNo'>;

/**
 * The two signatures on the 考场情况记录单 (附件5 10:05: 主监考、副监考 签字) and the 主考's exception.
 * One rule for the core, which refuses, and the door, which explains before anyone scans.
 */
export const SIGNATURE_SLOTS = ['chief-proctor', 'second-proctor'] as const;
export type SignatureSlot = (typeof SIGNATURE_SLOTS)[number];

export interface Signature {
  staffId: string;
  name: string;
  at: string;
}

export interface SignatureState {
  chief: Signature | null;
  second: Signature | null;
  /** The 主考 (or 副主考) allows signing although counts or absentees are not in order. */
  exception: (Signature & { reason: string }) | null;
}

/** Who keeps the record of a room: its two proctors, and the 主考 / 副主考 for any room. */
export function mayKeepRecord(staff: Pick<StaffMember, 'role' | 'roomNo'>, roomNo: string): boolean {
  return isExaminer(staff) || isRoomProctor(staff, roomNo);
}

/** Who may sign an exception to the signing rules (第二十五条: the 主考 answers for the site). */
export function mayExcuseSigning(staff: Pick<StaffMember, 'role'>): boolean {
  return isExaminer(staff);
}

/** Which line of the record this person signs, or the refusal: only this room's 主监考 and 副监考 sign. */
export function signatureSlot(
  staff: Pick<StaffMember, 'role' | 'roomNo'>,
  roomNo: string,
): { ok: true; slot: SignatureSlot } | { ok: false; reason: string; refusal: Refusal } {
  const refused = (refusal: Refusal) => ({ ok: false as const, reason: refusalZh(refusal), refusal });
  if (!isRoomProctorRole(staff.role) || (staff.role !== 'chief-proctor' && staff.role !== 'second-proctor')) {
    return refused(refusalOf('sign-role', { role: staff.role }));
  }
  if (staff.roomNo !== roomNo) return refused(staff.roomNo ? refusalOf('sign-other-room', { roomNo: staff.roomNo }) : refusalOf('sign-no-room'));
  return { ok: true, slot: staff.role };
}

export const isFrozen = (state: SignatureState): boolean => state.chief !== null && state.second !== null;

/**
 * Null when `staff` may sign now, else why not (in Chinese). `problems` are what is not in order
 * (counts that do not balance, absentees not confirmed): they block signing unless the 主考 signed
 * an exception.
 */
export function signingRefusalCoded(state: SignatureState, staff: StaffPlace, roomNo: string, problems: readonly string[]): Refusal | null {
  const slot = signatureSlot(staff, roomNo);
  if (!slot.ok) return slot.refusal;
  const mine = slot.slot === 'chief-proctor' ? state.chief : state.second;
  const other = slot.slot === 'chief-proctor' ? state.second : state.chief;
  if (mine?.staffId === staff.staffId) return refusalOf('sign-twice', { name: staff.name });
  if (other?.staffId === staff.staffId) return refusalOf('sign-both-slots', { name: staff.name });
  if (mine) return refusalOf('sign-slot-taken', { role: slot.slot, name: mine.name });
  if (problems.length > 0 && !state.exception) return refusalOf('sign-problems', { problems: problems.join('；') });
  return null;
}
export const signingRefusal = (state: SignatureState, staff: StaffPlace, roomNo: string, problems: readonly string[]): string | null =>
  refusalZhOrNull(signingRefusalCoded(state, staff, roomNo, problems));

/** Null when the exception may be signed; it needs a reason and only helps while something is not in order. */
export function exceptionRefusalCoded(state: SignatureState, staff: Pick<StaffMember, 'role'>, reason: string, problems: readonly string[]): Refusal | null {
  if (!mayExcuseSigning(staff)) return refusalOf('exception-role');
  if (reason.trim() === '') return refusalOf('exception-reason');
  if (isFrozen(state)) return refusalOf('exception-frozen');
  if (state.exception) return refusalOf('exception-already', { name: state.exception.name });
  if (problems.length === 0) return refusalOf('exception-not-needed');
  return null;
}
export const exceptionRefusal = (state: SignatureState, staff: Pick<StaffMember, 'role'>, reason: string, problems: readonly string[]): string | null =>
  refusalZhOrNull(exceptionRefusalCoded(state, staff, reason, problems));

/**
 * After both signatures the record is frozen: a later change is an amendment and must say why.
 * Null when the change may be recorded.
 */
export function changeRefusalCoded(state: SignatureState, amendmentReason: string | undefined): Refusal | null {
  if (!isFrozen(state)) return null;
  return (amendmentReason ?? '').trim() === '' ? refusalOf('record-frozen') : null;
}
export const changeRefusal = (state: SignatureState, amendmentReason: string | undefined): string | null => refusalZhOrNull(changeRefusalCoded(state, amendmentReason));

/**
 * What keeps the record from being signed (in Chinese): absentees not confirmed, papers not
 * collected, counts that do not balance. Empty when it may be signed.
 */
export function recordProblems(facts: { absenteesConfirmed: boolean; collected: boolean; balanceProblems: readonly string[] }): string[] {
  return [
    ...(facts.absenteesConfirmed ? [] : ['缺考名单尚未确认']),
    ...(facts.collected ? [] : ['尚未收卷']),
    ...facts.balanceProblems,
  ];
}
