import { refuse } from '../../../shared/api/refusal';
import { ok } from '../../../shared/api/result';
import { pendingAbsentees } from '../../../shared/checkin/absentees';
import type { Actor, Candidate } from '../../../shared/domain/types';
import { actorSchema } from '../../../shared/domain/types';
import { eventPayloadSchemas } from '../../../shared/events/event-types';
import type { RoomRecord } from '../../../shared/record/room-record';
import type { CoreHandlers } from '../core';
import type { CoreContext } from '../core-context';
import { roomAbsentees } from './absentees';
import { recordSections } from './record-sections';

const person = (actor: Actor): { name: string; role: Actor['role'] } => ({ name: actor.name, role: actor.role });
const seated = (c: Candidate): { seatNo: number; ticketNo: string; name: string } => ({ seatNo: c.seatNo, ticketNo: c.ticketNo, name: c.name });

/**
 * 考场情况记录单 from the log: absentees, late and manual admissions (read from the very event that
 * admitted each candidate), 存疑, 开考核对, the room's 附件5 confirmations and the record of issue 12.
 */
export function roomRecordHandlers(ctx: CoreContext): Pick<CoreHandlers, 'getRoomRecord'> {
  const { store } = ctx;
  const admittingEvent = ctx.db.prepare('SELECT type, payload, actor FROM events WHERE device_id = ? AND seq = ?');
  const revocationEvents = ctx.db.prepare("SELECT at, payload, actor FROM events WHERE type = 'checkin.revoked' ORDER BY at, device_id, seq");
  return {
    getRoomRecord: ({ roomNo }) => {
      const room = store.getRoom(roomNo);
      if (!room) return refuse('room-unknown', { roomNo }, 'not-found');
      const candidates = store.listCandidatesInRoom(roomNo).sort((a, b) => a.seatNo - b.seatNo);
      const byTicket = new Map(candidates.map((c) => [c.ticketNo, c]));
      const admissions = store.listAdmissionsInRoom(roomNo);
      const admitted = new Set(admissions.map((a) => a.ticketNo));
      const absentees = roomAbsentees(store, roomNo, ctx.now());
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
        const row = admittingEvent.get(admission.deviceId, admission.seq) as { type: string; payload: string; actor: string } | undefined;
        if (!candidate || row?.type !== 'checkin.overridden') continue;
        const payload = eventPayloadSchemas['checkin.overridden'].parse(JSON.parse(row.payload));
        const by = person(actorSchema.parse(JSON.parse(row.actor)));
        const entry = { ...seated(candidate), at: admission.at, by, note: payload.note ?? null };
        if (payload.reason === 'late-approved') lateAdmissions.push(entry);
        else manualAdmissions.push({ ...entry, reason: payload.reason });
      }
      const bySeat = (a: { seatNo: number }, b: { seatNo: number }): number => a.seatNo - b.seatNo;

      const revocations = (revocationEvents.all() as { at: string; payload: string; actor: string }[]).flatMap((row) => {
        const payload = eventPayloadSchemas['checkin.revoked'].parse(JSON.parse(row.payload));
        const candidate = byTicket.get(payload.ticketNo);
        if (payload.roomNo !== roomNo || !candidate) return [];
        return [{ ...seated(candidate), at: row.at, by: person(actorSchema.parse(JSON.parse(row.actor))), reason: payload.reason, note: payload.note ?? null }];
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

      return ok({
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
        generatedAt: ctx.now().toISOString(),
      });
    },
  };
}
