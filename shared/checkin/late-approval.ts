import type { StaffMember } from '../domain/types';
import { isExaminer } from '../staffing/roles';

/**
 * Who may let a late candidate in (第十九条 leaves it to the room's 主监考; the 主考 and 副主考 may
 * too). One rule for the core, which refuses, and the door, which offers only these people.
 */
export function mayApproveLate(staff: Pick<StaffMember, 'role' | 'roomNo'>, roomNo: string): boolean {
  if (isExaminer(staff)) return true;
  return staff.role === 'chief-proctor' && staff.roomNo === roomNo;
}

const APPROVER_RANK: Partial<Record<StaffMember['role'], number>> = { 'chief-proctor': 0, 'chief-examiner': 1, 'deputy-chief-examiner': 2 };

/**
 * The people who may approve, in the order a door offers them (issue 15 item 11): the room's own
 * 主监考 first (第十九条 names them), then the 主考, then the 副主考; the list's order otherwise kept.
 */
export function approversInOrder<T extends Pick<StaffMember, 'role' | 'roomNo'>>(staff: readonly T[], roomNo: string): T[] {
  const rank = (s: T): number => (s.role === 'chief-proctor' && s.roomNo !== roomNo ? 3 : (APPROVER_RANK[s.role] ?? 3));
  return staff.filter((s) => mayApproveLate(s, roomNo)).sort((a, b) => rank(a) - rank(b));
}
