import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { openCore, type Core } from '../../electron/core/core';
import { fixtureDay, fixtureDayEvents } from '../support/fixture-day';
import { makeTempDir } from '../support/temp-dir';
import { proofOf, setPinsAtBriefing } from '../support/staff-proof';

const day = fixtureDay(40);
let clockMs = new Date(2026, 10, 25, 8, 10).getTime();

describe('the office dashboard: site totals and the feed of exceptions (issue 15 item 1)', () => {
  let temp: ReturnType<typeof makeTempDir>;
  let core: Core;
  beforeEach(() => {
    clockMs = new Date(2026, 10, 25, 8, 10).getTime();
    temp = makeTempDir();
    core = openCore({ dataDir: temp.dir, now: () => new Date(clockMs) });
    core.commit(fixtureDayEvents(day));
  });
  afterEach(() => {
    core.close();
    temp.remove();
  });
  const dashboard = () => {
    const d = core.handlers.getDashboard({});
    if (!d.ok) throw new Error(d.error.message);
    return d.value;
  };

  it('counts the site and each 职业·等级, and lists refused scans, 存疑 and late approvals newest first, each with its room', () => {
    const h = core.handlers;
    const room1 = day.candidates.filter((c) => c.roomNo === '01');
    const room2 = day.candidates.filter((c) => c.roomNo === '02');
    for (const c of room1.slice(0, 5)) expect(h.checkIn({ roomNo: '01', input: c.ticketNo, method: 'scanner', actorStaffId: 'P0002' })).toMatchObject({ ok: true });
    clockMs += 60_000;
    expect(h.checkIn({ roomNo: '01', input: room2[0]!.ticketNo, method: 'scanner', actorStaffId: 'P0002' })).toMatchObject({ ok: true, value: { verdict: { kind: 'wrong-room' } } });
    clockMs += 60_000;
    expect(h.admitInDoubt({ roomNo: '02', ticketNo: room2[1]!.ticketNo, reason: 'photo-mismatch', actorStaffId: 'P0004' })).toMatchObject({ ok: true });
    const d = dashboard();
    expect(d.totals).toEqual({ expected: 40, admitted: 6, absentees: null, inDoubt: 1, incidents: 0 });
    expect(d.groups.reduce((n, g) => n + g.expected, 0)).toBe(40);
    expect(d.groups.reduce((n, g) => n + g.admitted, 0)).toBe(6);
    expect(d.groups.reduce((n, g) => n + g.inDoubt, 0)).toBe(1);
    expect(d.feed.map((f) => [f.kind, f.detail, f.roomNo, f.ticketNo])).toEqual([
      ['doubt', 'photo-mismatch', '02', room2[1]!.ticketNo],
      ['refused', 'wrong-room', '01', room2[0]!.ticketNo],
    ]);
    expect(d.feed[1]).toMatchObject({ name: room2[0]!.name, byName: '副监考1' });
    // After the late cut-off 缺考 is known for the site and each group; a late admission the 主监考 approves is on the feed.
    clockMs = new Date(2026, 10, 25, 9, 5).getTime();
    expect(dashboard().totals.absentees).toBe(34);
    expect(dashboard().groups.reduce((n, g) => n + (g.absentees ?? 0), 0)).toBe(34);
    setPinsAtBriefing(core, ['P0003']);
    // Asked at the door by its 副监考, approved by the room's 主监考 with badge and PIN.
    expect(h.admitWithReason({ roomNo: '02', ticketNo: room2[2]!.ticketNo, reason: 'late-approved', actorStaffId: 'P0004', approver: proofOf('P0003') })).toMatchObject({ ok: true });
    expect(dashboard().feed[0]).toMatchObject({ kind: 'late-approved', roomNo: '02', ticketNo: room2[2]!.ticketNo, byName: '主监考2' });
    expect(dashboard().totals.absentees).toBe(33);
  });
});
