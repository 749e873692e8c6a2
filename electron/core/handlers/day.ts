import type { ApiOutput } from '../../../shared/api/contract';
import { err, ok } from '../../../shared/api/result';
import type { Room } from '../../../shared/domain/types';
import { maskIdNumber } from '../../../shared/id/id-number';
import type { CoreHandlers } from '../core';
import type { CoreContext, CoreEnvironment } from '../core-context';
import { readOwnPublicKey } from '../device-key';
import { verifyEventLog } from '../verify-log';
import { roomAbsentees } from './absentees';
import { roomCounter } from './room-counts';

type RoomSummary = ApiOutput<'getDay'>['rooms'][number];

/** The day as set up (plan, rooms, staff), a room's roster, and the log's own check. */
export function dayHandlers(ctx: CoreContext, env: CoreEnvironment): Pick<CoreHandlers, 'getDay' | 'getRoomRoster' | 'verifyLog'> {
  const { store } = ctx;
  const counts = roomCounter(ctx.db);

  const summarizeRooms = (rooms: Room[]): RoomSummary[] => {
    const { expected, admitted } = counts();
    return rooms.map((room) => ({ ...room, expected: expected.get(room.roomNo) ?? 0, admitted: admitted.get(room.roomNo) ?? 0 }));
  };

  return {
    getDay: () =>
      ok({
        plan: store.getPlan() ?? null,
        rooms: summarizeRooms(store.listRooms()),
        staff: store.listStaff().map(({ staffId, name, role, roomNo, badgeCode }) => ({
          staffId,
          name,
          role,
          ...(roomNo === undefined ? {} : { roomNo }),
          ...(badgeCode === undefined ? {} : { badgeCode }),
        })),
        deviceId: env.deviceId,
        serverTime: ctx.now().toISOString(),
      }),

    getRoomRoster: ({ roomNo }) => {
      const room = store.getRoom(roomNo);
      if (!room) return err('not-found', `没有第 ${roomNo} 考场`);
      const admittedHere = store.listAdmissionsInRoom(roomNo);
      const admissions = new Map(admittedHere.map((a) => [a.ticketNo, a]));
      const doubts = new Map(store.listDoubtsInRoom(roomNo).map((d) => [d.ticketNo, d]));
      const marks = new Map(store.listReverifyMarksInRoom(roomNo).map((m) => [m.seatNo, m]));
      const candidates = store.listCandidatesInRoom(roomNo);
      const absentees = roomAbsentees(store, roomNo, ctx.now());
      const confirmedAbsent = new Set(absentees.confirmed?.ticketNos ?? []);
      const absenceOf = (ticketNo: string): 'pending' | 'confirmed' | null => {
        if (admissions.has(ticketNo) || !absentees.due) return null;
        return confirmedAbsent.has(ticketNo) ? 'confirmed' : absentees.confirmed ? null : 'pending';
      };
      return ok({
        // The room's counts from the rows already read: the same numbers as summarizeRooms, without
        // its GROUP BYs over every room (~3 ms on a 10,000-candidate day, after every door scan).
        room: { ...room, expected: candidates.length, admitted: admittedHere.length },
        absentees,
        rows: candidates.map((c) => ({
          seatNo: c.seatNo,
          ticketNo: c.ticketNo,
          name: c.name,
          idMasked: maskIdNumber(c.idNumber),
          occupation: c.occupation,
          level: c.level,
          admittedAt: admissions.get(c.ticketNo)?.at ?? null,
          doubt: ((d) => (d ? { status: d.status, reason: d.reason } : null))(doubts.get(c.ticketNo)),
          reverify: ((m) => (m && m.ticketNo === c.ticketNo ? m.result : null))(marks.get(c.seatNo)),
          absence: absenceOf(c.ticketNo),
        })),
      });
    },

    // The data folder's own key file is the one key trusted without the office's word (verify-devices.ts).
    verifyLog: () => ok(verifyEventLog(ctx.db, { ownPublicKeyHex: readOwnPublicKey(env.dataDir, env.databaseKey) })),
  };
}
