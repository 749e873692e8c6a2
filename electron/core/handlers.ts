import type { ApiOutput, ExamDayHandlers } from '../../shared/api/contract';
import { err, ok } from '../../shared/api/result';
import { decideCheckin } from '../../shared/checkin/decide-checkin';
import type { Actor, Room } from '../../shared/domain/types';
import { maskIdNumber } from '../../shared/id/id-number';
import { commitEvents, type CoreContext } from './core-context';
import { verifyEventLog } from './verify-log';

type RoomSummary = ApiOutput<'getDay'>['rooms'][number];

/** The core's side of ExamDayApi. Inputs arrive parsed (dispatch.ts); user-caused failures are results. */
export function createHandlers(ctx: CoreContext): ExamDayHandlers {
  const { store } = ctx;
  const countAdmitted = ctx.db.prepare('SELECT room_no, COUNT(*) AS n FROM proj_admissions GROUP BY room_no');
  const countExpected = ctx.db.prepare('SELECT room_no, COUNT(*) AS n FROM proj_candidates GROUP BY room_no');

  const countsByRoom = (statement: typeof countAdmitted): Map<string, number> =>
    new Map((statement.all() as { room_no: string; n: number }[]).map((r) => [r.room_no, r.n]));

  const summarizeRooms = (rooms: Room[]): RoomSummary[] => {
    const admitted = countsByRoom(countAdmitted);
    const expected = countsByRoom(countExpected);
    return rooms.map((room) => ({ ...room, expected: expected.get(room.roomNo) ?? 0, admitted: admitted.get(room.roomNo) ?? 0 }));
  };

  return {
    getDay: () =>
      ok({
        plan: store.getPlan() ?? null,
        rooms: summarizeRooms(store.listRooms()),
        staff: store.listStaff().map(({ staffId, name, role, roomNo }) => (roomNo === undefined ? { staffId, name, role } : { staffId, name, role, roomNo })),
        deviceId: ctx.writer.deviceId,
        serverTime: ctx.now().toISOString(),
      }),

    getRoomRoster: ({ roomNo }) => {
      const room = store.getRoom(roomNo);
      if (!room) return err('not-found', `没有第 ${roomNo} 考场`);
      const admissions = new Map(store.listAdmissionsInRoom(roomNo).map((a) => [a.ticketNo, a]));
      const [summary] = summarizeRooms([room]);
      if (!summary) return err('internal', '考场统计失败');
      return ok({
        room: summary,
        rows: store.listCandidatesInRoom(roomNo).map((c) => ({
          seatNo: c.seatNo,
          ticketNo: c.ticketNo,
          name: c.name,
          idMasked: maskIdNumber(c.idNumber),
          occupation: c.occupation,
          level: c.level,
          admittedAt: admissions.get(c.ticketNo)?.at ?? null,
        })),
      });
    },

    checkIn: ({ roomNo, input, method, actorStaffId }) => {
      const staff = store.getStaff(actorStaffId);
      if (!staff) return err('refused', '值守人员不在本考试日的工作人员名单中');
      if (!store.getRoom(roomNo)) return err('not-found', `没有第 ${roomNo} 考场`);
      const actor: Actor = { staffId: staff.staffId, name: staff.name, role: staff.role };
      return commitEvents(ctx, () => {
        const decision = decideCheckin(store, { roomNo, input });
        const payload = {
          roomNo,
          input: { method, value: input },
          verdict: decision.verdict.kind,
          ...(decision.ticketNo === undefined ? {} : { ticketNo: decision.ticketNo }),
        };
        return {
          events: [{ type: 'checkin.attempted', payload, actor }],
          result: ([event]) => ok({ verdict: decision.verdict, eventId: event?.id ?? '', committedAt: event?.at ?? '' }),
        };
      });
    },

    verifyLog: () => ok(verifyEventLog(ctx.db)),
  };
}
