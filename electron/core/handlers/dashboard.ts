import { ok } from '../../../shared/api/result';
import { lateCutoffPassed } from '../../../shared/timetable/gates';
import type { CoreHandlers } from '../core';
import type { CoreContext } from '../core-context';
import { countAbsentees } from './absentees';
import { roomCounter } from './room-counts';
import { roomRecordState } from './record-state';
import { returnDeadlinePassed } from '../../../shared/record/record-deadline';
import { exceptionFeed } from './exception-feed';
import { groupCounter } from './group-counts';

/** The office's one screen: every room's counts, confirmations and how fresh its information is. */
export function dashboardHandlers(ctx: CoreContext): Pick<CoreHandlers, 'getDashboard'> {
  const { store } = ctx;
  const counts = roomCounter(ctx.db);
  const groupCounts = groupCounter(ctx.db);
  const feed = exceptionFeed(ctx.db, store);
  return {
    getDashboard: () => {
      const now = ctx.now();
      const plan = store.getPlan();
      // 缺考 is only known once the late cut-off has passed (第十九条 cut-off, the plan's).
      const absenteesKnown = plan !== undefined && lateCutoffPassed(plan, now);
      const { expected, admitted, inDoubt, doubtsConfirmed, impostors } = counts();
      const confirmations = store.listConfirmations();
      const rooms = store.listRooms().map((room) => {
          const roomExpected = expected.get(room.roomNo) ?? 0;
          const roomAdmitted = admitted.get(room.roomNo) ?? 0;
          const record = roomRecordState(store, room.roomNo);
          const standing = record.log.incidents.filter((i) => !i.withdrawn);
          const { chief, second } = record.log.signatures;
          return {
            roomNo: room.roomNo,
            name: room.name,
            location: room.location,
            expected: roomExpected,
            admitted: roomAdmitted,
            absentees: absenteesKnown ? countAbsentees(store, room.roomNo, roomExpected, roomAdmitted) : null,
            absenteesConfirmed: store.getAbsenteeConfirmation(room.roomNo) !== undefined,
            inDoubt: inDoubt.get(room.roomNo) ?? 0,
            // A confirmed 存疑 (存疑属实), a suspected impostor at 开考 and every standing 违纪、舞弊 or paper problem.
            incidents: (doubtsConfirmed.get(room.roomNo) ?? 0) + (impostors.get(room.roomNo) ?? 0) + standing.length,
            lastActivityAt: store.getRoomActivity(room.roomNo) ?? null,
            confirmations: confirmations.filter((c) => c.roomNo === room.roomNo).map((c) => c.confirmationId),
            handIns: record.log.handIns.size,
            balance: record.balance.balance,
            paperProblems: standing.filter((i) => i.subject.kind === 'papers').map((i) => `${i.kindLabel}${i.description ? `：${i.description}` : ''}`),
            signed: chief && second ? ('both' as const) : chief || second ? ('one' as const) : ('none' as const),
          };
        });
      const deadlinePassed = plan !== undefined && returnDeadlinePassed(plan, now);
      const sum = (pick: (r: (typeof rooms)[number]) => number): number => rooms.reduce((n, r) => n + pick(r), 0);
      const totals = {
        expected: sum((r) => r.expected),
        admitted: sum((r) => r.admitted),
        absentees: absenteesKnown ? sum((r) => r.absentees ?? 0) : null,
        inDoubt: sum((r) => r.inDoubt),
        incidents: sum((r) => r.incidents),
      };
      const groups = groupCounts().map((g) => ({ ...g, absentees: absenteesKnown ? g.expected - g.admitted : null }));
      return ok({
        rooms,
        unsignedAfterReturn: deadlinePassed ? rooms.filter((r) => r.signed !== 'both').map((r) => r.roomNo) : [],
        generatedAt: now.toISOString(),
        totals,
        groups,
        feed: feed(),
      });
    },
  };
}
