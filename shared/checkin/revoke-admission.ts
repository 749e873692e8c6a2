import type { RefusalCode } from '../api/refusal';
import type { StaffMember } from '../domain/types';
import { isExaminer, isRoomProctor } from '../staffing/roles';
import { localDate, minutesOfDay, timeGates, type GatePlan } from '../timetable/gates';

/**
 * Revoking an admission (issue 15 item 7): the door admitted the wrong person, or a candidate let in
 * left before the papers were handed out. The admission stays in the log; a 'checkin.revoked' event
 * names it, with the reason and the actor, and the seat is free again, so the candidate may be admitted
 * again. 附件5: 查证入场 is the 副监考's duty at the door and 8:30 宣布正式开考 ends it; from 开考 on, a
 * seated candidate who is not who they claimed is an incident of 开考核对 (疑似替考) for the room
 * record, never an admission quietly taken back.
 */
export const REVOKE_REASONS = ['wrong-candidate', 'left-before-start', 'other'] as const;
export type RevokeReason = (typeof REVOKE_REASONS)[number];

type StaffPlace = Pick<StaffMember, 'role' | 'roomNo'>;

export interface RevokeRequest {
  staff: StaffPlace;
  /** The door's room. */
  roomNo: string;
  /** The room the candidate was admitted to; undefined when they are not admitted. */
  admittedInRoomNo: string | undefined;
  plan: (GatePlan & { date: string }) | undefined;
  now: Date;
}

/** The refusals of `revokeRefusal`, as codes: the core writes the Chinese, the door may show another language. */
export type RevokeRefusal = 'not-admitted' | 'other-room' | 'not-allowed' | 'exam-started';

/** Each refusal's code in api/refusal.ts (its Chinese and, on the door, its English). */
export const REVOKE_REFUSAL_CODES: Record<RevokeRefusal, RefusalCode> = {
  'not-admitted': 'revoke-not-admitted',
  'other-room': 'revoke-other-room',
  'not-allowed': 'revoke-not-allowed',
  'exam-started': 'revoke-exam-started',
};

/** Has 开考 (S) passed at `now`, on the exam's date? On another date (a day set up ahead) it has not. */
export function examStarted(plan: GatePlan & { date: string }, now: Date): boolean {
  const gates = timeGates(plan);
  if (gates === undefined) return false;
  return localDate(now) === plan.date && minutesOfDay(now) >= gates.examStartsAt;
}

/**
 * Who may revoke an admission, and until when: the room's 主监考 or 副监考 (those who admit at its
 * door) or the 主考 / 副主考, for an admission to this room, before 开考. Null when allowed.
 */
export function revokeRefusal({ staff, roomNo, admittedInRoomNo, plan, now }: RevokeRequest): RevokeRefusal | null {
  if (admittedInRoomNo === undefined) return 'not-admitted';
  if (admittedInRoomNo !== roomNo) return 'other-room';
  if (!isRoomProctor(staff, roomNo) && !isExaminer(staff)) return 'not-allowed';
  if (plan && examStarted(plan, now)) return 'exam-started';
  return null;
}
