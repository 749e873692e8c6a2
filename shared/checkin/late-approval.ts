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
