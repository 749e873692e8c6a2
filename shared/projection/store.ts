import type { Candidate, ExamPlan, Room, StaffMember } from '../domain/types';

/** A candidate's admission through a door, as the projection holds it. */
export interface Admission {
  ticketNo: string;
  roomNo: string;
  at: string;
  deviceId: string;
  seq: number;
  actorStaffId: string;
}

/**
 * Current state of the day, as reducers read and write it. The core implements it on SQLite
 * tables; tests use the in-memory one. All calls are synchronous so a verdict and its event
 * share one transaction.
 */
export interface ProjectionStore {
  getPlan(): ExamPlan | undefined;
  setPlan(plan: ExamPlan): void;
  putRoom(room: Room): void;
  getRoom(roomNo: string): Room | undefined;
  listRooms(): Room[];
  putStaff(staff: StaffMember): void;
  getStaff(staffId: string): StaffMember | undefined;
  listStaff(): StaffMember[];
  putCandidate(candidate: Candidate): void;
  findCandidateByTicket(ticketNo: string): Candidate | undefined;
  findCandidateByIdNumber(idNumber: string): Candidate | undefined;
  listCandidatesInRoom(roomNo: string): Candidate[];
  countCandidates(): number;
  getAdmission(ticketNo: string): Admission | undefined;
  putAdmission(admission: Admission): void;
  listAdmissionsInRoom(roomNo: string): Admission[];
}
