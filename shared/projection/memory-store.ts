import type { Candidate, ExamPlan, Room, StaffMember } from '../domain/types';
import type { ConfirmationId } from '../timetable/confirmations';
import type { RecordEntry } from '../record/record-log';
import type { CustodyEntry } from '../custody/custody-log';
import type { PinEntry } from '../staffing/pin-log';
import type { AbsenteeConfirmation, Admission, CandidatePhotoRef, CandidateWithdrawal, ClockOffset, DoorPending, Doubt, EnrolledDevice, ProjectionStore, ReverifyMark, Revocation, StepConfirmation } from './store';

// Entries are plain JSON (parsed event payloads), so a JSON round trip is a deep copy.
const copyEntry = (entry: RecordEntry): RecordEntry => JSON.parse(JSON.stringify(entry)) as RecordEntry;

const confirmationKey = (id: ConfirmationId, roomNo: string | undefined): string => `${id}/${roomNo ?? ''}`;

/** The projection held in memory: for unit tests and for folding events without a database. */
export class MemoryProjectionStore implements ProjectionStore {
  private plan: ExamPlan | undefined;
  private readonly rooms = new Map<string, Room>();
  private readonly staff = new Map<string, StaffMember>();
  private readonly candidatesByTicket = new Map<string, Candidate>();
  private readonly ticketByIdNumber = new Map<string, string>();
  private readonly admissions = new Map<string, Admission>();
  private readonly otherAdmissions = new Map<string, Admission>();
  private readonly revocations: Revocation[] = [];
  private readonly confirmations = new Map<string, StepConfirmation>();
  private readonly clockOffsets = new Map<string, ClockOffset>();
  private readonly roomActivity = new Map<string, string>();
  private readonly photos = new Map<string, CandidatePhotoRef>();
  private readonly doorPending = new Map<string, DoorPending>();
  private readonly doubts = new Map<string, Doubt>();
  private readonly reverify = new Map<string, ReverifyMark>();
  private readonly absentees = new Map<string, AbsenteeConfirmation>();
  private readonly recordEntries: RecordEntry[] = [];
  private readonly custodyEntries: CustodyEntry[] = [];
  private readonly pinEntries: PinEntry[] = [];
  private readonly enrolled = new Map<string, EnrolledDevice>();
  private readonly withdrawals = new Map<string, CandidateWithdrawal>();
  /** A withdrawn candidate's ID number by 准考证号: kept beside the withdrawal, never in it. */
  private readonly withdrawnIdNumbers = new Map<string, string>();

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
    // A corrected ID number replaces the old one: the old number no longer finds this candidate.
    const previous = this.candidatesByTicket.get(candidate.ticketNo);
    if (previous && this.ticketByIdNumber.get(previous.idNumber) === candidate.ticketNo) this.ticketByIdNumber.delete(previous.idNumber);
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
  listCandidates(): Candidate[] {
    return [...this.candidatesByTicket.values()].sort((a, b) => a.roomNo.localeCompare(b.roomNo) || a.seatNo - b.seatNo);
  }
  withdrawCandidate(withdrawal: CandidateWithdrawal): void {
    const held = this.candidatesByTicket.get(withdrawal.ticketNo);
    if (held && this.ticketByIdNumber.get(held.idNumber) === held.ticketNo) this.ticketByIdNumber.delete(held.idNumber);
    this.candidatesByTicket.delete(withdrawal.ticketNo);
    this.withdrawals.set(withdrawal.ticketNo, withdrawal);
    if (held) this.withdrawnIdNumbers.set(withdrawal.ticketNo, held.idNumber);
    else this.withdrawnIdNumbers.delete(withdrawal.ticketNo);
  }
  clearCandidateWithdrawal(ticketNo: string): void {
    this.withdrawals.delete(ticketNo);
    this.withdrawnIdNumbers.delete(ticketNo);
  }
  getCandidateWithdrawal(ticketNo: string): CandidateWithdrawal | undefined {
    return this.withdrawals.get(ticketNo);
  }
  findWithdrawalByIdNumber(idNumber: string): CandidateWithdrawal | undefined {
    // The lowest 准考证号 when two withdrawn rows share a number, as the SQLite store orders them.
    const tickets = [...this.withdrawnIdNumbers].filter(([, held]) => held === idNumber).map(([ticketNo]) => ticketNo).sort();
    return tickets[0] === undefined ? undefined : this.withdrawals.get(tickets[0]);
  }
  listCandidateWithdrawals(): CandidateWithdrawal[] {
    return [...this.withdrawals.values()].sort((a, b) => a.ticketNo.localeCompare(b.ticketNo));
  }
  countCandidatesByGroup(): { roomNo: string; occupation: string; level: Candidate['level']; candidates: number }[] {
    const groups = new Map<string, { roomNo: string; occupation: string; level: Candidate['level']; candidates: number }>();
    for (const c of this.candidatesByTicket.values()) {
      const key = `${c.roomNo}\u0000${c.occupation}\u0000${c.level}`;
      const group = groups.get(key) ?? { roomNo: c.roomNo, occupation: c.occupation, level: c.level, candidates: 0 };
      group.candidates += 1;
      groups.set(key, group);
    }
    return [...groups.values()];
  }
  putCandidatePhoto(photo: CandidatePhotoRef): void {
    this.photos.set(photo.ticketNo, photo);
  }
  getCandidatePhoto(ticketNo: string): CandidatePhotoRef | undefined {
    return this.photos.get(ticketNo);
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
  deleteAdmission(ticketNo: string): void {
    this.admissions.delete(ticketNo);
  }
  putOtherAdmission(admission: Admission): void {
    this.otherAdmissions.set(`${admission.deviceId}/${admission.seq}`, admission);
  }
  listOtherAdmissions(ticketNo: string): Admission[] {
    return [...this.otherAdmissions.values()].filter((a) => a.ticketNo === ticketNo);
  }
  deleteOtherAdmission(deviceId: string, seq: number): void {
    this.otherAdmissions.delete(`${deviceId}/${seq}`);
  }
  putRevocation(revocation: Revocation): void {
    this.revocations.push({ ...revocation });
  }
  listRevocations(ticketNo: string): Revocation[] {
    return this.revocations.filter((r) => r.ticketNo === ticketNo);
  }
  getConfirmation(confirmationId: ConfirmationId, roomNo: string | undefined): StepConfirmation | undefined {
    return this.confirmations.get(confirmationKey(confirmationId, roomNo));
  }
  putConfirmation(confirmation: StepConfirmation): void {
    this.confirmations.set(confirmationKey(confirmation.confirmationId, confirmation.roomNo), confirmation);
  }
  listConfirmations(): StepConfirmation[] {
    // Plain code-unit order, as SQLite's ORDER BY at, confirmation_id, room_key gives it.
    const key = (c: StepConfirmation): [string, string, string] => [c.at, c.confirmationId, c.roomNo ?? ''];
    return [...this.confirmations.values()].sort((a, b) => {
      const [x, y] = [key(a), key(b)];
      for (let i = 0; i < x.length; i += 1) if (x[i] !== y[i]) return (x[i] ?? '') < (y[i] ?? '') ? -1 : 1;
      return 0;
    });
  }
  getClockOffset(deviceId: string): ClockOffset | undefined {
    return this.clockOffsets.get(deviceId);
  }
  putClockOffset(deviceId: string, offset: ClockOffset): void {
    this.clockOffsets.set(deviceId, offset);
  }
  getRoomActivity(roomNo: string): string | undefined {
    return this.roomActivity.get(roomNo);
  }
  putRoomActivity(roomNo: string, at: string): void {
    this.roomActivity.set(roomNo, at);
  }
  getDoorPending(roomNo: string, deviceId: string): DoorPending | undefined {
    return this.doorPending.get(`${roomNo}/${deviceId}`);
  }
  putDoorPending(pending: DoorPending): void {
    this.doorPending.set(`${pending.roomNo}/${pending.deviceId}`, pending);
  }
  clearDoorPending(roomNo: string, deviceId: string): void {
    this.doorPending.delete(`${roomNo}/${deviceId}`);
  }
  getDoubt(ticketNo: string): Doubt | undefined {
    return this.doubts.get(ticketNo);
  }
  putDoubt(doubt: Doubt): void {
    this.doubts.set(doubt.ticketNo, { ...doubt, resolvedBy: [...doubt.resolvedBy] });
  }
  putReverifyMark(mark: ReverifyMark): void {
    this.reverify.set(`${mark.roomNo}/${mark.seatNo}`, { ...mark });
  }
  listReverifyMarksInRoom(roomNo: string): ReverifyMark[] {
    return [...this.reverify.values()].filter((m) => m.roomNo === roomNo).sort((a, b) => a.seatNo - b.seatNo);
  }
  getAbsenteeConfirmation(roomNo: string): AbsenteeConfirmation | undefined {
    const found = this.absentees.get(roomNo);
    return found && { ...found, absentees: found.absentees.map((a) => ({ ...a })) };
  }
  putAbsenteeConfirmation(confirmation: AbsenteeConfirmation): void {
    this.absentees.set(confirmation.roomNo, { ...confirmation, absentees: confirmation.absentees.map((a) => ({ ...a })) });
  }
  listDoubtsInRoom(roomNo: string): Doubt[] {
    return [...this.doubts.values()].filter((d) => d.roomNo === roomNo).sort((a, b) => a.ticketNo.localeCompare(b.ticketNo));
  }
  appendRecordEntry(entry: RecordEntry): void {
    if (this.recordEntries.some((e) => e.deviceId === entry.deviceId && e.seq === entry.seq)) return;
    this.recordEntries.push(copyEntry(entry));
  }
  listRecordEntries(roomNo: string): RecordEntry[] {
    return this.listAllRecordEntries().filter((e) => e.roomNo === roomNo);
  }
  listAllRecordEntries(): RecordEntry[] {
    // The order SQLite gives: at, device_id, seq (code-unit order).
    const cmp = (x: string, y: string): number => (x < y ? -1 : x > y ? 1 : 0);
    return [...this.recordEntries].sort((a, b) => cmp(a.at, b.at) || cmp(a.deviceId, b.deviceId) || a.seq - b.seq).map(copyEntry);
  }
  appendCustodyEntry(entry: CustodyEntry): void {
    if (this.custodyEntries.some((e) => e.deviceId === entry.deviceId && e.seq === entry.seq)) return;
    this.custodyEntries.push(JSON.parse(JSON.stringify(entry)) as CustodyEntry);
  }
  listCustodyEntries(): CustodyEntry[] {
    const cmp = (x: string, y: string): number => (x < y ? -1 : x > y ? 1 : 0);
    return [...this.custodyEntries]
      .sort((a, b) => cmp(a.at, b.at) || cmp(a.deviceId, b.deviceId) || a.seq - b.seq)
      .map((e) => JSON.parse(JSON.stringify(e)) as CustodyEntry);
  }
  appendPinEntry(entry: PinEntry): void {
    if (this.pinEntries.some((e) => e.deviceId === entry.deviceId && e.seq === entry.seq)) return;
    this.pinEntries.push(JSON.parse(JSON.stringify(entry)) as PinEntry);
  }
  listPinEntries(staffId?: string): PinEntry[] {
    const cmp = (x: string, y: string): number => (x < y ? -1 : x > y ? 1 : 0);
    return this.pinEntries
      .filter((e) => staffId === undefined || e.payload.staffId === staffId)
      .sort((a, b) => cmp(a.at, b.at) || cmp(a.deviceId, b.deviceId) || a.seq - b.seq)
      .map((e) => JSON.parse(JSON.stringify(e)) as PinEntry);
  }
  getEnrolledDevice(recordedBy: string, deviceId: string): EnrolledDevice | undefined {
    const found = this.enrolled.get(`${recordedBy}/${deviceId}`);
    return found && copyDevice(found);
  }
  putEnrolledDevice(device: EnrolledDevice): void {
    this.enrolled.set(`${device.recordedBy}/${device.deviceId}`, copyDevice(device));
  }
  listEnrolledDevices(): EnrolledDevice[] {
    return [...this.enrolled.values()].sort((a, b) => (a.recordedBy === b.recordedBy ? (a.deviceId < b.deviceId ? -1 : 1) : a.recordedBy < b.recordedBy ? -1 : 1)).map(copyDevice);
  }
}

const copyDevice = (d: EnrolledDevice): EnrolledDevice => ({ ...d, address: d.address && { ...d.address }, revoked: d.revoked && { ...d.revoked } });
