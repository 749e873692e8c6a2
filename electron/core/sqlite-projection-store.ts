import type { Db } from './database';
import { idNumberKey, keyedIdNumber } from './id-number-key';
import type { Candidate, ExamPlan, Room, StaffMember } from '../../shared/domain/types';
import type { AbsenteeConfirmation, Admission, CandidatePhotoRef, CandidateWithdrawal, ClockOffset, DoorPending, Doubt, EnrolledDevice, ProjectionStore, ReverifyMark, Revocation, StepConfirmation } from '../../shared/projection/store';
import type { ConfirmationId } from '../../shared/timetable/confirmations';
import type { RecordEntry } from '../../shared/record/record-log';
import type { CustodyEntry } from '../../shared/custody/custody-log';
import type { PinEntry } from '../../shared/staffing/pin-log';

/**
 * Every projection table, read from the schema: each proj_* table is folded from the events alone
 * (migrations name them so), and a table a migration adds is cleared and compared with no list to edit.
 */
export function projectionTables(db: Db): string[] {
  const rows = db.prepare("SELECT name FROM sqlite_master WHERE type = 'table' AND name LIKE 'proj\\_%' ESCAPE '\\' ORDER BY name").all() as { name: string }[];
  return rows.map((row) => row.name);
}

interface ConfirmationRow {
  confirmation_id: ConfirmationId;
  room_key: string;
  at: string;
  event_id: string;
  device_id: string;
  seq: number;
  staff_id: string;
  staff_name: string;
  role: StepConfirmation['role'];
}

const toConfirmation = (row: ConfirmationRow): StepConfirmation => ({
  confirmationId: row.confirmation_id,
  roomNo: row.room_key === '' ? undefined : row.room_key,
  at: row.at,
  eventId: row.event_id,
  deviceId: row.device_id,
  seq: row.seq,
  staffId: row.staff_id,
  staffName: row.staff_name,
  role: row.role,
});

interface AdmissionRow {
  ticket_no: string;
  room_no: string;
  at: string;
  device_id: string;
  seq: number;
  actor_staff_id: string;
}

interface DoubtRow {
  ticket_no: string;
  room_no: string;
  reason: Doubt['reason'];
  note: string | null;
  status: Doubt['status'];
  raised_at: string;
  raised_by: string;
  resolved_at: string | null;
  resolved_by: string;
}

const toDoubt = (row: DoubtRow): Doubt => ({
  ticketNo: row.ticket_no,
  roomNo: row.room_no,
  reason: row.reason,
  note: row.note ?? undefined,
  status: row.status,
  raisedAt: row.raised_at,
  raisedBy: JSON.parse(row.raised_by) as Doubt['raisedBy'],
  resolvedAt: row.resolved_at ?? undefined,
  resolvedBy: JSON.parse(row.resolved_by) as Doubt['resolvedBy'],
});

const toAdmission = (row: AdmissionRow): Admission => ({
  ticketNo: row.ticket_no,
  roomNo: row.room_no,
  at: row.at,
  deviceId: row.device_id,
  seq: row.seq,
  actorStaffId: row.actor_staff_id,
});

/** A row of an entries table (proj_record_entries, proj_custody_entries, proj_pin_entries). */
interface EntryRow {
  device_id: string;
  seq: number;
  at: string;
  event_id: string;
  type: string;
  payload: string;
  actor: string;
  room_no?: string;
}

/**
 * An entry as its fold reads it. The payload was parsed with its event schema before it was written
 * (event-log.ts), so the row's JSON is trusted here; the caller names the entry type it holds.
 */
function entryFromRow<E>(row: EntryRow): E {
  return {
    type: row.type,
    payload: JSON.parse(row.payload) as unknown,
    ...(row.room_no === undefined ? {} : { roomNo: row.room_no }),
    eventId: row.event_id,
    deviceId: row.device_id,
    seq: row.seq,
    at: row.at,
    actor: JSON.parse(row.actor) as unknown,
  } as E;
}

function parseJson<T>(row: { json: string } | undefined): T | undefined {
  return row ? (JSON.parse(row.json) as T) : undefined;
}

/** The projection on SQLite tables (proj_*), written in the same transaction as each event. */
export class SqliteProjectionStore implements ProjectionStore {
  private readonly stmt;

  constructor(private readonly db: Db) {
    this.stmt = {
      getPlan: db.prepare('SELECT plan AS json FROM proj_plan WHERE singleton = 1'),
      setPlan: db.prepare('INSERT OR REPLACE INTO proj_plan (singleton, plan) VALUES (1, ?)'),
      putRoom: db.prepare('INSERT OR REPLACE INTO proj_rooms (room_no, room) VALUES (?, ?)'),
      getRoom: db.prepare('SELECT room AS json FROM proj_rooms WHERE room_no = ?'),
      listRooms: db.prepare('SELECT room AS json FROM proj_rooms ORDER BY room_no'),
      putStaff: db.prepare('INSERT OR REPLACE INTO proj_staff (staff_id, staff) VALUES (?, ?)'),
      getStaff: db.prepare('SELECT staff AS json FROM proj_staff WHERE staff_id = ?'),
      listStaff: db.prepare('SELECT staff AS json FROM proj_staff ORDER BY staff_id'),
      putCandidate: db.prepare(
        'INSERT OR REPLACE INTO proj_candidates (ticket_no, id_number, room_no, seat_no, candidate) VALUES (?, ?, ?, ?, ?)',
      ),
      byTicket: db.prepare('SELECT candidate AS json FROM proj_candidates WHERE ticket_no = ?'),
      byIdNumber: db.prepare('SELECT candidate AS json FROM proj_candidates WHERE id_number = ? LIMIT 1'),
      candidatesByGroup: db.prepare(
        `SELECT room_no AS roomNo, json_extract(candidate, '$.occupation') AS occupation, json_extract(candidate, '$.level') AS level, COUNT(*) AS candidates
         FROM proj_candidates GROUP BY room_no, occupation, level`,
      ),
      inRoom: db.prepare('SELECT candidate AS json FROM proj_candidates WHERE room_no = ? ORDER BY seat_no'),
      countCandidates: db.prepare('SELECT COUNT(*) AS n FROM proj_candidates'),
      listCandidates: db.prepare('SELECT candidate AS json FROM proj_candidates ORDER BY room_no, seat_no'),
      deleteCandidate: db.prepare('DELETE FROM proj_candidates WHERE ticket_no = ?'),
      // The ID number as the roster row holds it (number or keyed hash), copied before the row goes.
      putWithdrawal: db.prepare(
        `INSERT OR REPLACE INTO proj_candidate_withdrawals (ticket_no, id_number, withdrawal)
         VALUES (@ticketNo, (SELECT id_number FROM proj_candidates WHERE ticket_no = @ticketNo), @json)`,
      ),
      clearWithdrawal: db.prepare('DELETE FROM proj_candidate_withdrawals WHERE ticket_no = ?'),
      getWithdrawal: db.prepare('SELECT withdrawal AS json FROM proj_candidate_withdrawals WHERE ticket_no = ?'),
      withdrawalByIdNumber: db.prepare('SELECT withdrawal AS json FROM proj_candidate_withdrawals WHERE id_number = ? ORDER BY ticket_no LIMIT 1'),
      listWithdrawals: db.prepare('SELECT withdrawal AS json FROM proj_candidate_withdrawals ORDER BY ticket_no'),
      putCandidatePhoto: db.prepare(
        'INSERT OR REPLACE INTO proj_candidate_photos (ticket_no, sha256, mime, byte_length) VALUES (@ticketNo, @sha256, @mime, @byteLength)',
      ),
      getCandidatePhoto: db.prepare('SELECT ticket_no, sha256, mime, byte_length FROM proj_candidate_photos WHERE ticket_no = ?'),
      getAdmission: db.prepare('SELECT * FROM proj_admissions WHERE ticket_no = ?'),
      putAdmission: db.prepare(
        `INSERT OR REPLACE INTO proj_admissions (ticket_no, room_no, at, device_id, seq, actor_staff_id)
         VALUES (@ticketNo, @roomNo, @at, @deviceId, @seq, @actorStaffId)`,
      ),
      admissionsInRoom: db.prepare('SELECT * FROM proj_admissions WHERE room_no = ?'),
      deleteAdmission: db.prepare('DELETE FROM proj_admissions WHERE ticket_no = ?'),
      putOtherAdmission: db.prepare(
        `INSERT OR REPLACE INTO proj_other_admissions (device_id, seq, ticket_no, room_no, at, actor_staff_id)
         VALUES (@deviceId, @seq, @ticketNo, @roomNo, @at, @actorStaffId)`,
      ),
      listOtherAdmissions: db.prepare('SELECT * FROM proj_other_admissions WHERE ticket_no = ?'),
      deleteOtherAdmission: db.prepare('DELETE FROM proj_other_admissions WHERE device_id = ? AND seq = ?'),
      putRevocation: db.prepare('INSERT OR REPLACE INTO proj_revocations (device_id, seq, ticket_no, at) VALUES (@deviceId, @seq, @ticketNo, @at)'),
      listRevocations: db.prepare('SELECT * FROM proj_revocations WHERE ticket_no = ?'),
      getConfirmation: db.prepare('SELECT * FROM proj_confirmations WHERE confirmation_id = ? AND room_key = ?'),
      putConfirmation: db.prepare(
        `INSERT OR REPLACE INTO proj_confirmations (confirmation_id, room_key, at, event_id, device_id, seq, staff_id, staff_name, role)
         VALUES (@confirmationId, @roomKey, @at, @eventId, @deviceId, @seq, @staffId, @staffName, @role)`,
      ),
      listConfirmations: db.prepare('SELECT * FROM proj_confirmations ORDER BY at, confirmation_id, room_key'),
      getClockOffset: db.prepare('SELECT offset_ms, at, seq FROM proj_clock_offsets WHERE device_id = ?'),
      putClockOffset: db.prepare('INSERT OR REPLACE INTO proj_clock_offsets (device_id, offset_ms, at, seq) VALUES (?, ?, ?, ?)'),
      getRoomActivity: db.prepare('SELECT last_at FROM proj_room_activity WHERE room_no = ?'),
      putRoomActivity: db.prepare('INSERT OR REPLACE INTO proj_room_activity (room_no, last_at) VALUES (?, ?)'),
      getDoorPending: db.prepare('SELECT * FROM proj_door_pending WHERE room_no = ? AND device_id = ?'),
      putDoorPending: db.prepare(
        `INSERT OR REPLACE INTO proj_door_pending (room_no, device_id, ticket_no, document, at, seq)
         VALUES (@roomNo, @deviceId, @ticketNo, @document, @at, @seq)`,
      ),
      clearDoorPending: db.prepare('DELETE FROM proj_door_pending WHERE room_no = ? AND device_id = ?'),
      getDoubt: db.prepare('SELECT * FROM proj_doubts WHERE ticket_no = ?'),
      putDoubt: db.prepare(
        `INSERT OR REPLACE INTO proj_doubts (ticket_no, room_no, reason, note, status, raised_at, raised_by, resolved_at, resolved_by)
         VALUES (@ticketNo, @roomNo, @reason, @note, @status, @raisedAt, @raisedBy, @resolvedAt, @resolvedBy)`,
      ),
      listDoubtsInRoom: db.prepare('SELECT * FROM proj_doubts WHERE room_no = ? ORDER BY ticket_no'),
      putReverifyMark: db.prepare(
        `INSERT OR REPLACE INTO proj_reverify (room_no, seat_no, ticket_no, result, at, staff_id, staff_name)
         VALUES (@roomNo, @seatNo, @ticketNo, @result, @at, @staffId, @staffName)`,
      ),
      listReverifyMarksInRoom: db.prepare('SELECT * FROM proj_reverify WHERE room_no = ? ORDER BY seat_no'),
      getAbsenteeConfirmation: db.prepare('SELECT * FROM proj_absentee_confirmations WHERE room_no = ?'),
      putAbsenteeConfirmation: db.prepare(
        `INSERT INTO proj_absentee_confirmations (room_no, absentees, at, confirmed_by) VALUES (@roomNo, @absentees, @at, @confirmedBy)`,
      ),
      appendRecordEntry: db.prepare(
        `INSERT OR IGNORE INTO proj_record_entries (device_id, seq, room_no, at, event_id, type, payload, actor)
         VALUES (@deviceId, @seq, @roomNo, @at, @eventId, @type, @payload, @actor)`,
      ),
      listRecordEntries: db.prepare('SELECT * FROM proj_record_entries WHERE room_no = ? ORDER BY at, device_id, seq'),
      listAllRecordEntries: db.prepare('SELECT * FROM proj_record_entries ORDER BY at, device_id, seq'),
      appendCustodyEntry: db.prepare(
        `INSERT OR IGNORE INTO proj_custody_entries (device_id, seq, at, event_id, type, payload, actor)
         VALUES (@deviceId, @seq, @at, @eventId, @type, @payload, @actor)`,
      ),
      listCustodyEntries: db.prepare('SELECT * FROM proj_custody_entries ORDER BY at, device_id, seq'),
      appendPinEntry: db.prepare(
        `INSERT OR IGNORE INTO proj_pin_entries (device_id, seq, staff_id, at, event_id, type, payload, actor)
         VALUES (@deviceId, @seq, @staffId, @at, @eventId, @type, @payload, @actor)`,
      ),
      listPinEntries: db.prepare('SELECT * FROM proj_pin_entries WHERE staff_id = ? ORDER BY at, device_id, seq'),
      listAllPinEntries: db.prepare('SELECT * FROM proj_pin_entries ORDER BY at, device_id, seq'),
      getEnrolledDevice: db.prepare('SELECT device AS json FROM proj_enrolled_devices WHERE recorded_by = ? AND device_id = ?'),
      putEnrolledDevice: db.prepare('INSERT OR REPLACE INTO proj_enrolled_devices (recorded_by, device_id, device) VALUES (?, ?, ?)'),
      listEnrolledDevices: db.prepare('SELECT device AS json FROM proj_enrolled_devices ORDER BY recorded_by, device_id'),
    };
  }

  getPlan(): ExamPlan | undefined {
    return parseJson<ExamPlan>(this.stmt.getPlan.get() as { json: string } | undefined);
  }
  setPlan(plan: ExamPlan): void {
    this.stmt.setPlan.run(JSON.stringify(plan));
  }
  putRoom(room: Room): void {
    this.stmt.putRoom.run(room.roomNo, JSON.stringify(room));
  }
  getRoom(roomNo: string): Room | undefined {
    return parseJson<Room>(this.stmt.getRoom.get(roomNo) as { json: string } | undefined);
  }
  listRooms(): Room[] {
    return (this.stmt.listRooms.all() as { json: string }[]).map((r) => JSON.parse(r.json) as Room);
  }
  putStaff(staff: StaffMember): void {
    this.stmt.putStaff.run(staff.staffId, JSON.stringify(staff));
  }
  getStaff(staffId: string): StaffMember | undefined {
    return parseJson<StaffMember>(this.stmt.getStaff.get(staffId) as { json: string } | undefined);
  }
  listStaff(): StaffMember[] {
    return (this.stmt.listStaff.all() as { json: string }[]).map((r) => JSON.parse(r.json) as StaffMember);
  }
  putCandidate(c: Candidate): void {
    // Once purged, the keyed hash stands where the number stood (shared/privacy/redact-personal.ts).
    this.stmt.putCandidate.run(c.ticketNo, c.idNumberKeyed ?? c.idNumber, c.roomNo, c.seatNo, JSON.stringify(c));
  }
  findCandidateByTicket(ticketNo: string): Candidate | undefined {
    return parseJson<Candidate>(this.stmt.byTicket.get(ticketNo) as { json: string } | undefined);
  }
  findCandidateByIdNumber(idNumber: string): Candidate | undefined {
    return this.findByIdNumber<Candidate>(this.stmt.byIdNumber, idNumber);
  }
  /** A row whose id_number column is this number, or (after a purge) its keyed hash; before a purge there is no key. */
  private findByIdNumber<T>(statement: { get(idNumber: string): unknown }, idNumber: string): T | undefined {
    const found = parseJson<T>(statement.get(idNumber) as { json: string } | undefined);
    if (found) return found;
    const key = idNumberKey(this.db);
    return key ? parseJson<T>(statement.get(keyedIdNumber(key)(idNumber)) as { json: string } | undefined) : undefined;
  }
  listCandidatesInRoom(roomNo: string): Candidate[] {
    return (this.stmt.inRoom.all(roomNo) as { json: string }[]).map((r) => JSON.parse(r.json) as Candidate);
  }
  countCandidatesByGroup(): { roomNo: string; occupation: string; level: Candidate['level']; candidates: number }[] {
    return this.stmt.candidatesByGroup.all() as { roomNo: string; occupation: string; level: Candidate['level']; candidates: number }[];
  }
  countCandidates(): number {
    return (this.stmt.countCandidates.get() as { n: number }).n;
  }
  listCandidates(): Candidate[] {
    return (this.stmt.listCandidates.all() as { json: string }[]).map((r) => JSON.parse(r.json) as Candidate);
  }
  withdrawCandidate(withdrawal: CandidateWithdrawal): void {
    this.stmt.putWithdrawal.run({ ticketNo: withdrawal.ticketNo, json: JSON.stringify(withdrawal) });
    this.stmt.deleteCandidate.run(withdrawal.ticketNo);
  }
  clearCandidateWithdrawal(ticketNo: string): void {
    this.stmt.clearWithdrawal.run(ticketNo);
  }
  getCandidateWithdrawal(ticketNo: string): CandidateWithdrawal | undefined {
    return parseJson<CandidateWithdrawal>(this.stmt.getWithdrawal.get(ticketNo) as { json: string } | undefined);
  }
  findWithdrawalByIdNumber(idNumber: string): CandidateWithdrawal | undefined {
    return this.findByIdNumber<CandidateWithdrawal>(this.stmt.withdrawalByIdNumber, idNumber);
  }
  listCandidateWithdrawals(): CandidateWithdrawal[] {
    return (this.stmt.listWithdrawals.all() as { json: string }[]).map((r) => JSON.parse(r.json) as CandidateWithdrawal);
  }
  putCandidatePhoto(photo: CandidatePhotoRef): void {
    this.stmt.putCandidatePhoto.run(photo);
  }
  getCandidatePhoto(ticketNo: string): CandidatePhotoRef | undefined {
    const row = this.stmt.getCandidatePhoto.get(ticketNo) as
      | { ticket_no: string; sha256: string; mime: string; byte_length: number }
      | undefined;
    return row ? { ticketNo: row.ticket_no, sha256: row.sha256, mime: row.mime, byteLength: row.byte_length } : undefined;
  }
  getAdmission(ticketNo: string): Admission | undefined {
    const row = this.stmt.getAdmission.get(ticketNo) as AdmissionRow | undefined;
    return row ? toAdmission(row) : undefined;
  }
  putAdmission(admission: Admission): void {
    this.stmt.putAdmission.run(admission);
  }
  listAdmissionsInRoom(roomNo: string): Admission[] {
    return (this.stmt.admissionsInRoom.all(roomNo) as AdmissionRow[]).map(toAdmission);
  }
  deleteAdmission(ticketNo: string): void {
    this.stmt.deleteAdmission.run(ticketNo);
  }
  putOtherAdmission(admission: Admission): void {
    this.stmt.putOtherAdmission.run(admission);
  }
  listOtherAdmissions(ticketNo: string): Admission[] {
    return (this.stmt.listOtherAdmissions.all(ticketNo) as AdmissionRow[]).map(toAdmission);
  }
  deleteOtherAdmission(deviceId: string, seq: number): void {
    this.stmt.deleteOtherAdmission.run(deviceId, seq);
  }
  putRevocation(revocation: Revocation): void {
    this.stmt.putRevocation.run(revocation);
  }
  listRevocations(ticketNo: string): Revocation[] {
    return (this.stmt.listRevocations.all(ticketNo) as { device_id: string; seq: number; ticket_no: string; at: string }[]).map((r) => ({
      ticketNo: r.ticket_no,
      at: r.at,
      deviceId: r.device_id,
      seq: r.seq,
    }));
  }
  getConfirmation(confirmationId: ConfirmationId, roomNo: string | undefined): StepConfirmation | undefined {
    const row = this.stmt.getConfirmation.get(confirmationId, roomNo ?? '') as ConfirmationRow | undefined;
    return row ? toConfirmation(row) : undefined;
  }
  putConfirmation(c: StepConfirmation): void {
    const { roomNo, ...rest } = c;
    this.stmt.putConfirmation.run({ ...rest, roomKey: roomNo ?? '' });
  }
  listConfirmations(): StepConfirmation[] {
    return (this.stmt.listConfirmations.all() as ConfirmationRow[]).map(toConfirmation);
  }
  getClockOffset(deviceId: string): ClockOffset | undefined {
    const row = this.stmt.getClockOffset.get(deviceId) as { offset_ms: number; at: string; seq: number } | undefined;
    return row ? { offsetMs: row.offset_ms, at: row.at, seq: row.seq } : undefined;
  }
  putClockOffset(deviceId: string, offset: ClockOffset): void {
    this.stmt.putClockOffset.run(deviceId, offset.offsetMs, offset.at, offset.seq);
  }
  getRoomActivity(roomNo: string): string | undefined {
    return (this.stmt.getRoomActivity.get(roomNo) as { last_at: string } | undefined)?.last_at;
  }
  putRoomActivity(roomNo: string, at: string): void {
    this.stmt.putRoomActivity.run(roomNo, at);
  }
  getDoorPending(roomNo: string, deviceId: string): DoorPending | undefined {
    const row = this.stmt.getDoorPending.get(roomNo, deviceId) as
      | { room_no: string; device_id: string; ticket_no: string; document: DoorPending['document']; at: string; seq: number }
      | undefined;
    return row
      ? { roomNo: row.room_no, deviceId: row.device_id, ticketNo: row.ticket_no, document: row.document, at: row.at, seq: row.seq }
      : undefined;
  }
  putDoorPending(pending: DoorPending): void {
    this.stmt.putDoorPending.run(pending);
  }
  clearDoorPending(roomNo: string, deviceId: string): void {
    this.stmt.clearDoorPending.run(roomNo, deviceId);
  }
  getDoubt(ticketNo: string): Doubt | undefined {
    const row = this.stmt.getDoubt.get(ticketNo) as DoubtRow | undefined;
    return row ? toDoubt(row) : undefined;
  }
  putDoubt(doubt: Doubt): void {
    this.stmt.putDoubt.run({
      ...doubt,
      note: doubt.note ?? null,
      raisedBy: JSON.stringify(doubt.raisedBy),
      resolvedAt: doubt.resolvedAt ?? null,
      resolvedBy: JSON.stringify(doubt.resolvedBy),
    });
  }
  putReverifyMark(mark: ReverifyMark): void {
    this.stmt.putReverifyMark.run(mark);
  }
  listReverifyMarksInRoom(roomNo: string): ReverifyMark[] {
    const rows = this.stmt.listReverifyMarksInRoom.all(roomNo) as {
      room_no: string;
      seat_no: number;
      ticket_no: string;
      result: ReverifyMark['result'];
      at: string;
      staff_id: string;
      staff_name: string;
    }[];
    return rows.map((r) => ({ roomNo: r.room_no, seatNo: r.seat_no, ticketNo: r.ticket_no, result: r.result, at: r.at, staffId: r.staff_id, staffName: r.staff_name }));
  }
  getAbsenteeConfirmation(roomNo: string): AbsenteeConfirmation | undefined {
    const row = this.stmt.getAbsenteeConfirmation.get(roomNo) as { room_no: string; absentees: string; at: string; confirmed_by: string } | undefined;
    if (!row) return undefined;
    return {
      roomNo: row.room_no,
      absentees: JSON.parse(row.absentees) as AbsenteeConfirmation['absentees'],
      at: row.at,
      confirmedBy: JSON.parse(row.confirmed_by) as AbsenteeConfirmation['confirmedBy'],
    };
  }
  putAbsenteeConfirmation(confirmation: AbsenteeConfirmation): void {
    this.stmt.putAbsenteeConfirmation.run({
      roomNo: confirmation.roomNo,
      absentees: JSON.stringify(confirmation.absentees),
      at: confirmation.at,
      confirmedBy: JSON.stringify(confirmation.confirmedBy),
    });
  }
  listDoubtsInRoom(roomNo: string): Doubt[] {
    return (this.stmt.listDoubtsInRoom.all(roomNo) as DoubtRow[]).map(toDoubt);
  }
  appendRecordEntry(entry: RecordEntry): void {
    this.stmt.appendRecordEntry.run({ ...entry, payload: JSON.stringify(entry.payload), actor: JSON.stringify(entry.actor) });
  }
  listRecordEntries(roomNo: string): RecordEntry[] {
    return (this.stmt.listRecordEntries.all(roomNo) as EntryRow[]).map((row) => entryFromRow<RecordEntry>(row));
  }
  listAllRecordEntries(): RecordEntry[] {
    return (this.stmt.listAllRecordEntries.all() as EntryRow[]).map((row) => entryFromRow<RecordEntry>(row));
  }
  appendCustodyEntry(entry: CustodyEntry): void {
    this.stmt.appendCustodyEntry.run({ ...entry, payload: JSON.stringify(entry.payload), actor: JSON.stringify(entry.actor) });
  }
  listCustodyEntries(): CustodyEntry[] {
    return (this.stmt.listCustodyEntries.all() as EntryRow[]).map((row) => entryFromRow<CustodyEntry>(row));
  }
  appendPinEntry(entry: PinEntry): void {
    this.stmt.appendPinEntry.run({ ...entry, staffId: entry.payload.staffId, payload: JSON.stringify(entry.payload), actor: JSON.stringify(entry.actor) });
  }
  listPinEntries(staffId?: string): PinEntry[] {
    const rows = staffId === undefined ? this.stmt.listAllPinEntries.all() : this.stmt.listPinEntries.all(staffId);
    return (rows as EntryRow[]).map((row) => entryFromRow<PinEntry>(row));
  }
  getEnrolledDevice(recordedBy: string, deviceId: string): EnrolledDevice | undefined {
    const row = this.stmt.getEnrolledDevice.get(recordedBy, deviceId) as { json: string } | undefined;
    return row ? (JSON.parse(row.json) as EnrolledDevice) : undefined;
  }
  putEnrolledDevice(device: EnrolledDevice): void {
    this.stmt.putEnrolledDevice.run(device.recordedBy, device.deviceId, JSON.stringify(device));
  }
  listEnrolledDevices(): EnrolledDevice[] {
    return (this.stmt.listEnrolledDevices.all() as { json: string }[]).map((row) => JSON.parse(row.json) as EnrolledDevice);
  }
}

/** Every projection row, in a stable order: for comparing a rebuilt projection with the live one. */
export function dumpProjection(db: Db): Record<string, unknown[]> {
  return Object.fromEntries(
    projectionTables(db).map((table) => [table, db.prepare(`SELECT * FROM ${table} ORDER BY 1`).all()]),
  );
}

export function clearProjection(db: Db): void {
  for (const table of projectionTables(db)) db.prepare(`DELETE FROM ${table}`).run();
}
