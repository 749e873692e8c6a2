import type { Candidate, ExamPlan, Room, StaffMember } from '../domain/types';
import type { Admission, ProjectionStore } from './store';

/** The projection held in memory: for unit tests and for folding events without a database. */
export class MemoryProjectionStore implements ProjectionStore {
  private plan: ExamPlan | undefined;
  private readonly rooms = new Map<string, Room>();
  private readonly staff = new Map<string, StaffMember>();
  private readonly candidatesByTicket = new Map<string, Candidate>();
  private readonly ticketByIdNumber = new Map<string, string>();
  private readonly admissions = new Map<string, Admission>();

  getPlan(): ExamPlan | undefined {
    return this.plan;
  }
  setPlan(plan: ExamPlan): void {
    this.plan = plan;
  }
  putRoom(room: Room): void {
    this.rooms.set(room.roomNo, room);
  }
  getRoom(roomNo: string): Room | undefined {
    return this.rooms.get(roomNo);
  }
  listRooms(): Room[] {
    return [...this.rooms.values()].sort((a, b) => a.roomNo.localeCompare(b.roomNo));
  }
  putStaff(member: StaffMember): void {
    this.staff.set(member.staffId, member);
  }
  getStaff(staffId: string): StaffMember | undefined {
    return this.staff.get(staffId);
  }
  listStaff(): StaffMember[] {
    return [...this.staff.values()].sort((a, b) => a.staffId.localeCompare(b.staffId));
  }
  putCandidate(candidate: Candidate): void {
    this.candidatesByTicket.set(candidate.ticketNo, candidate);
    this.ticketByIdNumber.set(candidate.idNumber, candidate.ticketNo);
  }
  findCandidateByTicket(ticketNo: string): Candidate | undefined {
    return this.candidatesByTicket.get(ticketNo);
  }
  findCandidateByIdNumber(idNumber: string): Candidate | undefined {
    const ticketNo = this.ticketByIdNumber.get(idNumber);
    return ticketNo === undefined ? undefined : this.candidatesByTicket.get(ticketNo);
  }
  listCandidatesInRoom(roomNo: string): Candidate[] {
    return [...this.candidatesByTicket.values()]
      .filter((c) => c.roomNo === roomNo)
      .sort((a, b) => a.seatNo - b.seatNo);
  }
  countCandidates(): number {
    return this.candidatesByTicket.size;
  }
  getAdmission(ticketNo: string): Admission | undefined {
    return this.admissions.get(ticketNo);
  }
  putAdmission(admission: Admission): void {
    this.admissions.set(admission.ticketNo, admission);
  }
  listAdmissionsInRoom(roomNo: string): Admission[] {
    return [...this.admissions.values()].filter((a) => a.roomNo === roomNo);
  }
}
