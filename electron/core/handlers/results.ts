import { ok } from '../../../shared/api/result';
import { maskIdNumber } from '../../../shared/id/id-number';
import { foldRecordLog, standingCheating, type RecordEntry } from '../../../shared/record/record-log';
import { candidateResult, type ResultRow } from '../../../shared/record/results';
import { lateCutoffPassed, minutesOfDay } from '../../../shared/timetable/gates';
import { formatClockTime } from '../../../shared/timetable/timetable';
import type { CoreHandlers } from '../core';
import type { CoreContext } from '../core-context';
import type { ProjectionStore } from '../../../shared/projection/store';

/** The results preview (参考/缺考/舞弊) of one room or the whole day, from the log as it stands. */
/** Needs only the projection and the clock: the center folds a day into memory and asks the same question. */
export function resultHandlers(ctx: Pick<CoreContext, 'now'> & { store: ProjectionStore }): Pick<CoreHandlers, 'getResults'> {
  const { store } = ctx;
  return {
    getResults: ({ roomNo }) => {
      const now = ctx.now();
      const plan = store.getPlan();
      const due = plan !== undefined && lateCutoffPassed(plan, now);
      const rooms = store.listRooms().filter((r) => roomNo === undefined || r.roomNo === roomNo);
      const entries = roomNo === undefined ? store.listAllRecordEntries() : store.listRecordEntries(roomNo);
      const byRoom = new Map<string, RecordEntry[]>();
      for (const e of entries) byRoom.set(e.roomNo, [...(byRoom.get(e.roomNo) ?? []), e]);
      const rows: ResultRow[] = [];
      for (const room of rooms) {
        const cheating = standingCheating(foldRecordLog(byRoom.get(room.roomNo) ?? []));
        const admitted = new Set(store.listAdmissionsInRoom(room.roomNo).map((a) => a.ticketNo));
        const confirmation = store.getAbsenteeConfirmation(room.roomNo);
        for (const c of store.listCandidatesInRoom(room.roomNo)) {
          const incident = cheating.get(c.ticketNo);
          const isIn = admitted.has(c.ticketNo);
          rows.push({
            ticketNo: c.ticketNo,
            name: c.name,
            idMasked: maskIdNumber(c.idNumber),
            roomNo: room.roomNo,
            roomName: room.name,
            seatNo: c.seatNo,
            result: candidateResult({ admitted: isIn, absenteesDue: due || confirmation !== undefined, cheating: incident !== undefined }),
            incident: incident ? `${formatClockTime(Math.floor(minutesOfDay(new Date(incident.occurredAt))))} ${incident.kindLabel}${incident.description ? `：${incident.description}` : ''}` : null,
          });
        }
      }
      return ok({ rows, generatedAt: now.toISOString() });
    },
  };
}
