import { ok } from '../../../shared/api/result';
import { lateCutoffPassed } from '../../../shared/timetable/gates';
import type { CoreHandlers } from '../core';
import type { CoreContext } from '../core-context';
import { countAbsentees } from './absentees';
import { roomCounter } from './room-counts';

/** The office's one screen: every room's counts, confirmations and how fresh its information is. */
export function dashboardHandlers(ctx: CoreContext): Pick<CoreHandlers, 'getDashboard'> {
  const { store } = ctx;
  const counts = roomCounter(ctx.db);
  return {
    getDashboard: () => {
      const now = ctx.now();
      const plan = store.getPlan();
      // 缺考 is only known once the late cut-off has passed (第十九条 cut-off, the plan's).
      const absenteesKnown = plan !== undefined && lateCutoffPassed(plan, now);
      const { expected, admitted, inDoubt, doubtsConfirmed, impostors } = counts();
      const confirmations = store.listConfirmations();
      return ok({
        rooms: store.listRooms().map((room) => {
          const roomExpected = expected.get(room.roomNo) ?? 0;
          const roomAdmitted = admitted.get(room.roomNo) ?? 0;
          return {
            roomNo: room.roomNo,
            name: room.name,
            location: room.location,
            expected: roomExpected,
            admitted: roomAdmitted,
            absentees: absenteesKnown ? countAbsentees(store, room.roomNo, roomExpected, roomAdmitted) : null,
            absenteesConfirmed: store.getAbsenteeConfirmation(room.roomNo) !== undefined,
            inDoubt: inDoubt.get(room.roomNo) ?? 0,
            // A confirmed 存疑 (存疑属实) and a suspected impostor at 开考 are incidents; 违纪、舞弊 come with the room record.
            incidents: (doubtsConfirmed.get(room.roomNo) ?? 0) + (impostors.get(room.roomNo) ?? 0),
            lastActivityAt: store.getRoomActivity(room.roomNo) ?? null,
            confirmations: confirmations.filter((c) => c.roomNo === room.roomNo).map((c) => c.confirmationId),
          };
        }),
        generatedAt: now.toISOString(),
      });
    },
  };
}
