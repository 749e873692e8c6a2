import type { Candidate } from '../../shared/domain/types';
import { recordSections } from '../core/handlers/record-sections';
import { dayResults, type DayModel } from './day-view';
import type { RoomSheet } from './pdf/room-record-pdf';

/**
 * Each room's 考场情况记录单 as the center reads the day: results by the site's own rule
 * (dayResults) and the record's sections by the site's own fold (record-sections.ts).
 */
export function roomSheets(model: DayModel, now: Date): RoomSheet[] {
  const { projection } = model;
  const results = dayResults(model, now);
  const plan = projection.getPlan();
  return projection.listRooms().map((room) => {
    const byTicket = new Map<string, Candidate>(projection.listCandidatesInRoom(room.roomNo).map((c) => [c.ticketNo, c]));
    const confirmation = projection.getAbsenteeConfirmation(room.roomNo);
    return {
      plan,
      room,
      candidates: results.filter((r) => r.roomNo === room.roomNo).sort((a, b) => a.seatNo - b.seatNo),
      absenteesConfirmed: confirmation ? { at: confirmation.at, byName: confirmation.confirmedBy.name } : null,
      record: recordSections(projection, room.roomNo, byTicket),
    };
  });
}
