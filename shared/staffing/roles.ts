import type { StaffMember, StaffRole } from '../domain/types';

type StaffPlace = Pick<StaffMember, 'role' | 'roomNo'>;

/** The two proctors bound to one room (附件3: 每考场主监考、副监考各 1 名). */
export const ROOM_PROCTOR_ROLES = ['chief-proctor', 'second-proctor'] as const satisfies readonly StaffRole[];

/** The site's examiners: 主考 and 副主考 (附件3). */
export const EXAMINER_ROLES = ['chief-examiner', 'deputy-chief-examiner'] as const satisfies readonly StaffRole[];

export function isRoomProctorRole(role: StaffRole): boolean {
  return (ROOM_PROCTOR_ROLES as readonly StaffRole[]).includes(role);
}

export function isExaminer(staff: Pick<StaffMember, 'role'>): boolean {
  return (EXAMINER_ROLES as readonly StaffRole[]).includes(staff.role);
}

/** The proctors who watch this room: its 主监考 and 副监考. */
export function isRoomProctor(staff: StaffPlace, roomNo: string): boolean {
  return isRoomProctorRole(staff.role) && staff.roomNo === roomNo;
}

/**
 * Who may walk the seats at 开考 (附件5 8:30, 副监考 再次核对): the room's proctors, a 流动监考, or the
 * 主考 and 副主考. Someone placed in another room may not (the 主考 goes anywhere).
 */
export function mayReverify(staff: StaffPlace, roomNo: string): boolean {
  const walksSeats = isRoomProctorRole(staff.role) || staff.role === 'roving-proctor' || isExaminer(staff);
  const placedElsewhere = staff.roomNo !== undefined && staff.roomNo !== roomNo && staff.role !== 'chief-examiner';
  return walksSeats && !placedElsewhere;
}

/**
 * Who may sign the clearing or confirming of a 存疑 in this room: either of its two proctors, or the
 * 主考. How many must sign is `doubtResolutionRefusal`'s rule (shared/checkin/doubt.ts).
 */
export function maySignDoubt(staff: StaffPlace, roomNo: string): boolean {
  return isRoomProctor(staff, roomNo) || staff.role === 'chief-examiner';
}

/**
 * Who may witness a 违纪/舞弊 on the room's record (附件4: 监考人员、流动监考 共同确认): the room's
 * proctors, a 流动监考, or the 主考 and 副主考. The recorder is never their own witness (record-actions).
 */
export function mayWitnessIncident(staff: StaffPlace, roomNo: string): boolean {
  return isRoomProctor(staff, roomNo) || staff.role === 'roving-proctor' || isExaminer(staff);
}

/** Who goes along with a candidate leaving during the exam (就医、如厕): a 流动监考, so the room keeps its two proctors. */
export function mayAccompanyLeave(staff: Pick<StaffMember, 'role'>): boolean {
  return staff.role === 'roving-proctor';
}
