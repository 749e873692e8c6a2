import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { openCore, type Core } from '../../electron/core/core';
import { rebuildProjections } from '../../electron/core/projection';
import { dumpProjection } from '../../electron/core/sqlite-projection-store';
import { reverifyWalk } from '../../shared/checkin/reverify';
import { fixtureDay, fixtureDayEvents } from '../support/fixture-day';
import { makeTempDir } from '../support/temp-dir';

const day = fixtureDay(60);
let clockMs = 0;

describe('the re-verification walk', () => {
  it('goes in snake order and skips seats no candidate holds', () => {
    expect(reverifyWalk([3, 1, 2, 7], 30)).toEqual([1, 2, 3, 7]);
    expect(reverifyWalk([], 30)).toEqual([]);
  });
});

describe('re-verification at 开考 through the core', () => {
  let temp: ReturnType<typeof makeTempDir>;
  let core: Core;
  beforeEach(() => {
    temp = makeTempDir();
    clockMs = new Date(2026, 10, 25, 8, 10).getTime();
    core = openCore({ dataDir: temp.dir, now: () => new Date(clockMs) });
    core.commit(fixtureDayEvents(day));
  });
  afterEach(() => {
    core.close();
    temp.remove();
  });

  it('marks seats from 开考, refuses before it and for a candidate never admitted, counts an impostor as an incident', () => {
    const [a, b, c] = day.candidates.filter((x) => x.roomNo === '01');
    for (const x of [a!, b!]) {
      expect(core.handlers.admitWithReason({ roomNo: '01', ticketNo: x.ticketNo, reason: 'scan-failed', actorStaffId: 'P0002' }).ok).toBe(true);
    }
    expect(core.handlers.markReverify({ roomNo: '01', seatNo: a!.seatNo, result: 'verified', actorStaffId: 'P0002' })).toMatchObject({
      ok: false,
      error: { message: '开考后才能逐座再次核对' },
    });
    clockMs = new Date(2026, 10, 25, 8, 31).getTime();
    expect(core.handlers.markReverify({ roomNo: '01', seatNo: a!.seatNo, result: 'verified', actorStaffId: 'P0002' }).ok).toBe(true);
    // A suspected impostor only with what the proctor saw (issue 15 item 8).
    expect(core.handlers.markReverify({ roomNo: '01', seatNo: b!.seatNo, result: 'suspected-impostor', actorStaffId: 'P0002' })).toMatchObject({
      ok: false,
      error: { message: '标记疑似替考须写明情况', refusal: { code: 'impostor-needs-note' } },
    });
    expect(core.handlers.markReverify({ roomNo: '01', seatNo: b!.seatNo, result: 'suspected-impostor', note: '面部与照片不符', actorStaffId: 'P0002' }).ok).toBe(true);
    expect(core.handlers.markReverify({ roomNo: '01', seatNo: c!.seatNo, result: 'verified', actorStaffId: 'P0002' })).toMatchObject({ ok: false });
    expect(core.handlers.markReverify({ roomNo: '01', seatNo: c!.seatNo, result: 'seat-empty', actorStaffId: 'P0002' }).ok).toBe(true);
    expect(core.handlers.markReverify({ roomNo: '01', seatNo: 99, result: 'seat-empty', actorStaffId: 'P0002' })).toMatchObject({ ok: false, error: { code: 'not-found' } });
    expect(core.handlers.markReverify({ roomNo: '01', seatNo: a!.seatNo, result: 'verified', actorStaffId: 'P0004' })).toMatchObject({ ok: false });

    const roster = core.handlers.getRoomRoster({ roomNo: '01' });
    if (!roster.ok) throw new Error(roster.error.message);
    const marks = Object.fromEntries(roster.value.rows.map((r) => [r.ticketNo, r.reverify]));
    expect([marks[a!.ticketNo], marks[b!.ticketNo], marks[c!.ticketNo]]).toEqual(['verified', 'suspected-impostor', 'seat-empty']);
    const dashboard = core.handlers.getDashboard({});
    if (!dashboard.ok) throw new Error(dashboard.error.message);
    expect(dashboard.value.rooms.find((r) => r.roomNo === '01')).toMatchObject({ incidents: 1 });
    const [event] = core.db.prepare("SELECT actor FROM events WHERE type = 'seat.reverified' ORDER BY seq").all() as { actor: string }[];
    expect(JSON.parse(event!.actor)).toMatchObject({ staffId: 'P0002' });

    const live = dumpProjection(core.db);
    rebuildProjections(core.db);
    expect(dumpProjection(core.db)).toEqual(live);
  });
});
