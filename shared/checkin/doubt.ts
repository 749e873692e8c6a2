import { z } from 'zod';
import { refusalOf, refusalZhOrNull, type Refusal } from '../api/refusal';
import type { StaffMember } from '../domain/types';
import { isRoomProctor } from '../staffing/roles';

/**
 * 存疑考生 (issue 4 item 7): a candidate the proctor let in while the photo did not match the face,
 * or a document looked wrong. Seated and flagged until both proctors of the room, or the 主考 alone,
 * clear the doubt (本人无误) or confirm it (存疑属实: recorded for the room record as an incident).
 */
export const DOUBT_REASONS = ['photo-mismatch', 'document-suspect', 'other'] as const;
export type DoubtReason = (typeof DOUBT_REASONS)[number];

/** cleared: the candidate is who they say; confirmed: the doubt stands (an incident for the room record). */
export const DOUBT_OUTCOMES = ['cleared', 'confirmed'] as const;
export type DoubtOutcome = (typeof DOUBT_OUTCOMES)[number];

export const DOUBT_STATUSES = ['open', 'cleared', 'confirmed'] as const;
export type DoubtStatus = (typeof DOUBT_STATUSES)[number];

export const doubtStatusSchema = z.enum(DOUBT_STATUSES);
export const doubtReasonSchema = z.enum(DOUBT_REASONS);

/**
 * Who may clear or confirm a doubt: the 主考 alone, or both proctors of the room (two different
 * people, both recorded). Returns the refusal in Chinese, or null when the pair (or the 主考) may.
 */
export function doubtResolutionRefusalCoded(first: StaffMember, second: StaffMember | undefined, roomNo: string): Refusal | null {
  // Both signers come from `maySignDoubt`'s people; the 主考 signs alone or with anyone.
  if (first.role === 'chief-examiner' && second === undefined) return null;
  if (second === undefined) return refusalOf('doubt-needs-two');
  if (first.staffId === second.staffId) return refusalOf('doubt-same-person');
  if (first.role === 'chief-examiner' || second.role === 'chief-examiner') return null;
  if (!isRoomProctor(first, roomNo) || !isRoomProctor(second, roomNo)) return refusalOf('doubt-not-room-proctors');
  return null;
}
export const doubtResolutionRefusal = (first: StaffMember, second: StaffMember | undefined, roomNo: string): string | null =>
  refusalZhOrNull(doubtResolutionRefusalCoded(first, second, roomNo));
