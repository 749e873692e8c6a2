import { refuse } from '../../../shared/api/refusal';
import { ok } from '../../../shared/api/result';
import { pendingAbsentees } from '../../../shared/checkin/absentees';
import type { Actor, Candidate } from '../../../shared/domain/types';
import { actorSchema } from '../../../shared/domain/types';
import type { ExamDayEvent } from '../../../shared/events/event';
import { eventPayloadSchemas } from '../../../shared/events/event-types';
import type { ProjectionStore } from '../../../shared/projection/store';
import type { RoomRecord } from '../../../shared/record/room-record';
import type { CoreHandlers } from '../core';
import type { CoreContext } from '../core-context';
import { roomAbsentees } from './absentees';
import { recordSections } from './record-sections';

const person = (actor: Actor): { name: string; role: Actor['role'] } => ({ name: actor.name, role: actor.role });
const seated = (c: Candidate): { seatNo: number; ticketNo: string; name: string } => ({ seatNo: c.seatNo, ticketNo: c.ticketNo, name: c.name });

/** An event as the record reads it: its payload and actor still to be parsed with the event's schema. */
export interface LoggedEvent {
  type: string;
  at: string;
  payload: unknown;
  actor: unknown;
}

/**
 * What the record reads from the log itself rather than from the projection: the event that admitted
 * a candidate (its reason and approver) and the revocations. The device reads its SQLite log, the
 * center the day's events it holds; the record is built from either by the same code.
 */
export interface RecordEventSource {
  eventAt(deviceId: string, seq: number): LoggedEvent | undefined;
  /** Every 'checkin.revoked' event, ordered by (at, deviceId, seq). */
  revocations(): LoggedEvent[];
}

/** The record's event source over a day's events held in memory (the center's). */
export function recordEventSourceOf(events: readonly ExamDayEvent[]): RecordEventSource {
  const byKey = new Map(events.map((e) => [`${e.deviceId}:${e.seq}`, e]));
  const revoked = events
    .filter((e) => e.type === 'checkin.revoked')
    // The SQLite log's ORDER BY at, device_id, seq: binary string order, as `<` compares ASCII.
    .sort((a, b) => (a.at < b.at ? -1 : a.at > b.at ? 1 : a.deviceId < b.deviceId ? -1 : a.deviceId > b.deviceId ? 1 : a.seq - b.seq));
  return { eventAt: (deviceId, seq) => byKey.get(`${deviceId}:${seq}`), revocations: () => revoked };
}

/**
 * 考场情况记录单 from the log: absentees, late and manual admissions (read from the very event that
 * admitted each candidate), 存疑, 开考核对, the room's 附件5 confirmations and the record of issue 12.
 * Undefined when the day has no such room. `now` decides whether the absentee list is due.
 */
export function buildRoomRecord(store: ProjectionStore, roomNo: string, now: Date, log: RecordEventSource): RoomRecord | undefined {
  const room = store.getRoom(roomNo);
  if (!room) return undefined;
  const candidates = store.listCandidatesInRoom(roomNo).sort((a, b) => a.seatNo - b.seatNo);
  const byTicket = new Map(candidates.map((c) => [c.ticketNo, c]));
  const admissions = store.listAdmissionsInRoom(roomNo);
  const admitted = new Set(admissions.map((a) => a.ticketNo));
  const absentees = roomAbsentees(store, roomNo, now);
  const confirmation = store.getAbsenteeConfirmation(roomNo);
  const absentList = confirmation
    ? confirmation.absentees.map((a) => byTicket.get(a.ticketNo)).filter((c): c is Candidate => c !== undefined && !admitted.has(c.ticketNo))
    : absentees.due
      ? pendingAbsentees(candidates, (t) => admitted.has(t))
      : [];

  const lateAdmissions: RoomRecord['lateAdmissions'] = [];
  const manualAdmissions: RoomRecord['manualAdmissions'] = [];
  for (const admission of admissions) {
    const candidate = byTicket.get(admission.ticketNo);
    const event = log.eventAt(admission.deviceId, admission.seq);
    if (!candidate || event?.type !== 'checkin.overridden') continue;
    const payload = eventPayloadSchemas['checkin.overridden'].parse(event.payload);
    const by = person(actorSchema.parse(event.actor));
    const entry = { ...seated(candidate), at: admission.at, by, note: payload.note ?? null };
    if (payload.reason === 'late-approved') lateAdmissions.push(entry);
    else manualAdmissions.push({ ...entry, reason: payload.reason });
  }
  const bySeat = (a: { seatNo: number }, b: { seatNo: number }): number => a.seatNo - b.seatNo;

  const revocations = log.revocations().flatMap((event) => {
    const payload = eventPayloadSchemas['checkin.revoked'].parse(event.payload);
    const candidate = byTicket.get(payload.ticketNo);
    if (payload.roomNo !== roomNo || !candidate) return [];
    return [{ ...seated(candidate), at: event.at, by: person(actorSchema.parse(event.actor)), reason: payload.reason, note: payload.note ?? null }];
  });

  const doubts = store.listDoubtsInRoom(roomNo).flatMap((d) => {
    const candidate = byTicket.get(d.ticketNo);
    if (!candidate) return [];
    return [
      {
        ...seated(candidate),
        reason: d.reason,
        note: d.note ?? null,
        status: d.status,
        raisedAt: d.raisedAt,
        raisedBy: person(d.raisedBy),
        resolvedAt: d.resolvedAt ?? null,
        resolvedBy: d.resolvedBy.map(person),
      },
    ];
  });

  const marks = store.listReverifyMarksInRoom(roomNo);
  const marked = (result: 'suspected-impostor' | 'seat-empty') =>
    marks.flatMap((m) => {
      const candidate = byTicket.get(m.ticketNo);
      return m.result === result && candidate ? [{ ...seated(candidate), at: m.at, by: m.staffName }] : [];
    });

  return {
    room: { roomNo: room.roomNo, name: room.name, location: room.location },
    expected: candidates.length,
    admitted: admitted.size,
    absentees: {
      due: absentees.due,
      confirmed: confirmation ? { at: confirmation.at, by: person(confirmation.confirmedBy) } : null,
      list: absentList.map(seated).sort(bySeat),
    },
    lateAdmissions: lateAdmissions.sort(bySeat),
    manualAdmissions: manualAdmissions.sort(bySeat),
    revocations,
    doubts: doubts.sort(bySeat),
    reverify: { marked: marks.length, total: candidates.length, impostors: marked('suspected-impostor'), emptySeats: marked('seat-empty') },
    confirmations: store
      .listConfirmations()
      .filter((c) => c.roomNo === roomNo)
      .map((c) => ({ confirmationId: c.confirmationId, at: c.at, by: { name: c.staffName, role: c.role } })),
    ...recordSections(store, roomNo, byTicket),
    generatedAt: now.toISOString(),
  };
}

/** The device's own log as the record's event source. */
function sqliteEventSource(ctx: CoreContext): RecordEventSource {
  const eventAt = ctx.db.prepare('SELECT type, at, payload, actor FROM events WHERE device_id = ? AND seq = ?');
  const revocations = ctx.db.prepare("SELECT type, at, payload, actor FROM events WHERE type = 'checkin.revoked' ORDER BY at, device_id, seq");
  type Row = { type: string; at: string; payload: string; actor: string };
  const logged = (row: Row): LoggedEvent => ({ type: row.type, at: row.at, payload: JSON.parse(row.payload), actor: JSON.parse(row.actor) });
  return {
    eventAt: (deviceId, seq) => {
      const row = eventAt.get(deviceId, seq) as Row | undefined;
      return row ? logged(row) : undefined;
    },
    revocations: () => (revocations.all() as Row[]).map(logged),
  };
}

export function roomRecordHandlers(ctx: CoreContext): Pick<CoreHandlers, 'getRoomRecord'> {
  const events = sqliteEventSource(ctx);
  return {
    getRoomRecord: ({ roomNo }) => {
      const record = buildRoomRecord(ctx.store, roomNo, ctx.now(), events);
      return record ? ok(record) : refuse('room-unknown', { roomNo }, 'not-found');
    },
  };
}
