import { afterAll, describe, expect, it } from 'vitest';
import { openCore } from '../../electron/core/core';
import { fixtureDay, fixtureDayEvents } from '../support/fixture-day';
import { makeTempDir } from '../support/temp-dir';

describe("a room's roster counts", () => {
  const temp = makeTempDir();
  const core = openCore({ dataDir: temp.dir, now: () => new Date(2026, 10, 25, 8, 10) });
  afterAll(() => {
    core.close();
    temp.remove();
  });

  it('are the numbers the day view gives for that room (counted from its own rows, not per-room GROUP BYs)', () => {
    const day = fixtureDay(75);
    core.commit(fixtureDayEvents(day));
    const at = (roomNo: string) => day.staff.find((s) => s.roomNo === roomNo && s.role === 'second-proctor')!.staffId;
    // Admissions in two rooms, a repeat, and a wrong-room scan that admits no one.
    for (const c of [day.candidates[0]!, day.candidates[1]!, day.candidates[31]!, day.candidates[0]!]) {
      expect(core.handlers.checkIn({ roomNo: c.roomNo, input: c.ticketNo, method: 'scanner', actorStaffId: at(c.roomNo) }).ok).toBe(true);
    }
    expect(core.handlers.checkIn({ roomNo: '01', input: day.candidates[40]!.ticketNo, method: 'scanner', actorStaffId: at('01') }).ok).toBe(true);

    const dayView = core.handlers.getDay({});
    if (!dayView.ok) throw new Error(dayView.error.message);
    expect(dayView.value.rooms.map((r) => [r.roomNo, r.expected, r.admitted])).toEqual([
      ['01', 30, 2],
      ['02', 30, 1],
      ['03', 15, 0],
    ]);
    for (const room of dayView.value.rooms) {
      const roster = core.handlers.getRoomRoster({ roomNo: room.roomNo });
      if (!roster.ok) throw new Error(roster.error.message);
      expect(roster.value.room).toEqual(room);
    }
  });
});
