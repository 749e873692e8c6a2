import type { Actor, Candidate, ExamPlan, Room, StaffMember } from '../domain/types';
import type { DoubtReason, DoubtStatus } from '../checkin/doubt';
import type { ReverifyResult } from '../checkin/reverify';
import type { ConfirmationId } from '../timetable/confirmations';
import type { RecordEntry } from '../record/record-log';
import type { CustodyEntry } from '../custody/custody-log';
import type { PinEntry } from '../staffing/pin-log';

/**
 * One of a candidate's two documents, scanned at a door whose plan asks for both: the door waits
 * for the other (issue 4 "both documents"). Kept in the projection, so a reload loses nothing.
 */
export interface DoorPending {
  roomNo: string;
  deviceId: string;
  ticketNo: string;
  document: 'ticket' | 'id';
  /** The scan's event `at`: the pair times out a minute after it. */
  at: string;
  seq: number;
}

/** A candidate's admission through a door, as the projection holds it. */
export interface Admission {
  ticketNo: string;
  roomNo: string;
  at: string;
  deviceId: string;
  seq: number;
  actorStaffId: string;
}

/** An admission taken back ('checkin.revoked'): every admission of the candidate before it no longer stands. */
export interface Revocation {
  ticketNo: string;
  at: string;
  deviceId: string;
  seq: number;
}

/** A 附件5 confirmation (timetable/confirmations.ts) as recorded: the first one per (id, room) wins. */
export interface StepConfirmation {
  confirmationId: ConfirmationId;
  /** Undefined for a site-wide (office) confirmation. */
  roomNo: string | undefined;
  at: string;
  eventId: string;
  deviceId: string;
  seq: number;
  staffId: string;
  staffName: string;
  role: Actor['role'];
}

/** A device's clock against the office's, from its latest 'clock.checked' (offsetMs = device − office). */
export interface ClockOffset {
  offsetMs: number;
  /** The event's `at`: when the check was made, on the device's raw clock. */
  at: string;
  seq: number;
}

/** Which photo a candidate has now ('candidate.photo-attached'); the bytes are kept beside the log. */
export interface CandidatePhotoRef {
  ticketNo: string;
  sha256: string;
  mime: string;
  byteLength: number;
}

/** A 存疑 flag on a candidate ('candidate.doubt-raised', then maybe 'candidate.doubt-resolved'). */
export interface Doubt {
  ticketNo: string;
  roomNo: string;
  reason: DoubtReason;
  note: string | undefined;
  status: DoubtStatus;
  raisedAt: string;
  raisedBy: Actor;
  /** Set when cleared or confirmed: the 主考, or both proctors of the room. */
  resolvedAt: string | undefined;
  resolvedBy: Actor[];
}

/** The latest re-verification mark on a seat ('seat.reverified'). */
export interface ReverifyMark {
  roomNo: string;
  seatNo: number;
  ticketNo: string;
  result: ReverifyResult;
  at: string;
  staffId: string;
  staffName: string;
}

/** A room's confirmed absentee list ('absentees.confirmed'): who was absent, who confirmed, when. */
export interface AbsenteeConfirmation {
  roomNo: string;
  absentees: { ticketNo: string; seatNo: number }[];
  at: string;
  confirmedBy: Actor;
}

/**
 * 退考 ('candidate.withdrawn'): the row as it stood (no ID number: the office lists these), the reason,
 * when and by whom. The store keeps the ID number beside it, for findWithdrawalByIdNumber.
 */
export interface CandidateWithdrawal {
  ticketNo: string;
  name: string;
  roomNo: string;
  seatNo: number;
  occupation: string;
  level: Candidate['level'];
  /** The ID number's last four, for the door's verdict; absent on rows folded before it was kept (a rebuild adds it). */
  idMasked?: string;
  reason: string;
  at: string;
  by: Actor;
}

/** A device paired for site sync ('device.enrolled', maybe 'device.revoked'), as the projection holds it. */
export interface EnrolledDevice {
  deviceId: string;
  publicKey: string;
  tlsFingerprint: string;
  name: string;
  kind: 'door' | 'office';
  roomNo: string | undefined;
  address: { host: string; port: number } | undefined;
  enrolledAt: string;
  /** The device that wrote the enrolment: the office for a door, the door itself for its office. */
  recordedBy: string;
  revoked: { at: string; reason: string } | undefined;
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
  /** Every candidate on the roster now, by room and seat. */
  listCandidates(): Candidate[];
  /**
   * Takes the candidate off the roster (退考) and keeps why, with the ID number as their roster row
   * held it (the number, or its keyed hash after a purge) beside the withdrawal, not in it.
   */
  withdrawCandidate(withdrawal: CandidateWithdrawal): void;
  /** A registration puts a withdrawn candidate back: the withdrawal no longer stands. */
  clearCandidateWithdrawal(ticketNo: string): void;
  listCandidateWithdrawals(): CandidateWithdrawal[];
  /** The standing withdrawal of this 准考证号, if the candidate is withdrawn (the door's 已退考). */
  getCandidateWithdrawal(ticketNo: string): CandidateWithdrawal | undefined;
  /** The standing withdrawal of the candidate with this ID number, matched as findCandidateByIdNumber matches. */
  findWithdrawalByIdNumber(idNumber: string): CandidateWithdrawal | undefined;
  /** Candidates per room and 职业·等级 (the bag registry's count check). */
  countCandidatesByGroup(): { roomNo: string; occupation: string; level: Candidate['level']; candidates: number }[];
  putCandidatePhoto(photo: CandidatePhotoRef): void;
  getCandidatePhoto(ticketNo: string): CandidatePhotoRef | undefined;
  getAdmission(ticketNo: string): Admission | undefined;
  putAdmission(admission: Admission): void;
  listAdmissionsInRoom(roomNo: string): Admission[];
  deleteAdmission(ticketNo: string): void;
  /**
   * Admissions that are not the candidate's current one (a second door's, or one waiting behind an
   * earlier): kept so that revoking the current one lets the next stand (projection/admissions.ts).
   */
  putOtherAdmission(admission: Admission): void;
  listOtherAdmissions(ticketNo: string): Admission[];
  deleteOtherAdmission(deviceId: string, seq: number): void;
  /** The 'checkin.revoked' events of a candidate, by their (at, deviceId, seq): each ends the admissions before it. */
  putRevocation(revocation: Revocation): void;
  listRevocations(ticketNo: string): Revocation[];
  getConfirmation(confirmationId: ConfirmationId, roomNo: string | undefined): StepConfirmation | undefined;
  putConfirmation(confirmation: StepConfirmation): void;
  listConfirmations(): StepConfirmation[];
  getClockOffset(deviceId: string): ClockOffset | undefined;
  putClockOffset(deviceId: string, offset: ClockOffset): void;
  /** The newest event `at` about a room (check-ins, confirmations): how old its information is. */
  getRoomActivity(roomNo: string): string | undefined;
  putRoomActivity(roomNo: string, at: string): void;
  /** The half-done pair at a door (checkin/decide-checkin.ts): one per (room, device). */
  getDoorPending(roomNo: string, deviceId: string): DoorPending | undefined;
  putDoorPending(pending: DoorPending): void;
  clearDoorPending(roomNo: string, deviceId: string): void;
  /** The latest 存疑 flag on a candidate, open or resolved. */
  getDoubt(ticketNo: string): Doubt | undefined;
  putDoubt(doubt: Doubt): void;
  listDoubtsInRoom(roomNo: string): Doubt[];
  putReverifyMark(mark: ReverifyMark): void;
  listReverifyMarksInRoom(roomNo: string): ReverifyMark[];
  getAbsenteeConfirmation(roomNo: string): AbsenteeConfirmation | undefined;
  putAbsenteeConfirmation(confirmation: AbsenteeConfirmation): void;
  /** A room record event (record/record-log.ts), kept in log order per room. */
  appendRecordEntry(entry: RecordEntry): void;
  listRecordEntries(roomNo: string): RecordEntry[];
  /** Every room's record entries (the office dashboard, the day's results). */
  listAllRecordEntries(): RecordEntry[];
  /** A custody event or 日结 (custody/custody-log.ts), kept for folding when read. */
  appendCustodyEntry(entry: CustodyEntry): void;
  /** Every custody entry, in the order they are folded: at, device, seq. */
  listCustodyEntries(): CustodyEntry[];
  /** A sign-in event (staffing/pin-log.ts), kept for folding when read. */
  appendPinEntry(entry: PinEntry): void;
  /** One person's sign-in entries (every person's when staffId is undefined), in the order they are folded: at, device, seq. */
  listPinEntries(staffId?: string): PinEntry[];
  /** The device `deviceId` as `recordedBy` enrolled it. */
  getEnrolledDevice(recordedBy: string, deviceId: string): EnrolledDevice | undefined;
  putEnrolledDevice(device: EnrolledDevice): void;
  listEnrolledDevices(): EnrolledDevice[];
}
