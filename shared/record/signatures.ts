import { refusalOf, refusalZh, type Refusal } from '../api/refusal';
import { STAFF_ROLE_LABELS } from '../domain/labels';
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
export function signingRefusal(state: SignatureState, staff: StaffPlace, roomNo: string, problems: readonly string[]): string | null {
  const slot = signatureSlot(staff, roomNo);
  if (!slot.ok) return slot.reason;
  const mine = slot.slot === 'chief-proctor' ? state.chief : state.second;
  const other = slot.slot === 'chief-proctor' ? state.second : state.chief;
  if (mine?.staffId === staff.staffId) return `${staff.name}已于本记录单签名，不能重复签名`;
  if (other?.staffId === staff.staffId) return `${staff.name}已签过名：主监考、副监考须为两个人`;
  if (mine) return `本考场${STAFF_ROLE_LABELS[slot.slot].zh}已由${mine.name}签名`;
  if (problems.length > 0 && !state.exception) return `暂不能签名：${problems.join('；')}。如确需签名，须由主考签署例外说明`;
  return null;
}

/** Null when the exception may be signed; it needs a reason and only helps while something is not in order. */
export function exceptionRefusal(state: SignatureState, staff: Pick<StaffMember, 'role'>, reason: string, problems: readonly string[]): string | null {
  if (!mayExcuseSigning(staff)) return '例外说明须由主考（或副主考）签署';
  if (reason.trim() === '') return '请写明例外的原因';
  if (isFrozen(state)) return '记录单已签名，无需例外说明';
  if (state.exception) return `已由${state.exception.name}签署例外说明`;
  if (problems.length === 0) return '记录单各项齐全，无需例外说明';
  return null;
}

/**
 * After both signatures the record is frozen: a later change is an amendment and must say why.
 * Null when the change may be recorded.
 */
export function changeRefusal(state: SignatureState, amendmentReason: string | undefined): string | null {
  if (!isFrozen(state)) return null;
  return (amendmentReason ?? '').trim() === '' ? '记录单已由主监考、副监考签名封存：更改须作为更正记录，请填写更正原因' : null;
}

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
