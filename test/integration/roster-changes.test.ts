import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { openCore, type Core } from '../../electron/core/core';
import { rebuildProjections } from '../../electron/core/projection';
import { dumpProjection } from '../../electron/core/sqlite-projection-store';
import type { Candidate } from '../../shared/domain/types';
import { fixtureDay, fixtureDayEvents, fixtureIdNumber } from '../support/fixture-day';
import { makeTempDir } from '../support/temp-dir';

const day = fixtureDay(40);
/** 08:10 on the fixture's exam day: 查证入场. */
const clockMs = new Date(2026, 10, 25, 8, 10).getTime();

describe('the roster after the import (issue 15 item 2)', () => {
  let temp: ReturnType<typeof makeTempDir>;
  let core: Core;
  beforeEach(() => {
    temp = makeTempDir();
    core = openCore({ dataDir: temp.dir, now: () => new Date(clockMs) });
    core.commit(fixtureDayEvents(day));
  });
  afterEach(() => {
    core.close();
    temp.remove();
  });

  const [first, second, third] = day.candidates as [Candidate, Candidate, Candidate, ...Candidate[]];
  const newcomer: Candidate = { ...first, ticketNo: '20261125990001', name: '补录考生', idNumber: fixtureIdNumber(777), roomNo: '02', seatNo: 20 };
  const admit = (c: Candidate) => {
    const answer = core.handlers.admitWithReason({ roomNo: c.roomNo, ticketNo: c.ticketNo, reason: 'scan-failed', actorStaffId: 'P0002' });
    expect(answer).toMatchObject({ ok: true });
  };
  const roster = () => {
    const r = core.handlers.listRoster({});
    if (!r.ok) throw new Error(r.error.message);
    return r.value;
  };
  const eventsOf = (type: string) => core.db.prepare('SELECT actor FROM events WHERE type = ?').all(type) as { actor: string }[];

  it('adds, corrects and withdraws one candidate each as an event naming who did it; a rebuild gives the same projection', () => {
    const h = core.handlers;
    expect(h.addCandidate({ candidate: newcomer, actorStaffId: 'S001' })).toMatchObject({ ok: true });
    expect(h.correctCandidate({ ticketNo: first.ticketNo, changes: { name: '更正后', roomNo: '02', seatNo: 25 }, actorStaffId: 'S001' })).toMatchObject({ ok: true });
    expect(h.withdrawCandidate({ ticketNo: second.ticketNo, reason: '退考', actorStaffId: 'S001' })).toMatchObject({ ok: true });
    const after = roster();
    expect(after.candidates).toHaveLength(40);
    expect(after.candidates.find((c) => c.ticketNo === first.ticketNo)).toMatchObject({ name: '更正后', roomNo: '02', seatNo: 25 });
    expect(after.candidates.some((c) => c.ticketNo === second.ticketNo)).toBe(false);
    expect(after.withdrawn).toEqual([expect.objectContaining({ ticketNo: second.ticketNo, reason: '退考', byName: '周主考' })]);
    for (const type of ['candidate.registered', 'candidate.corrected', 'candidate.withdrawn']) {
      expect(eventsOf(type).some((e) => JSON.parse(e.actor).staffId === 'S001')).toBe(true);
    }
    // The door no longer finds the withdrawn candidate.
    expect(core.store.findCandidateByTicket(second.ticketNo)).toBeUndefined();
    const live = dumpProjection(core.db);
    rebuildProjections(core.db);
    expect(dumpProjection(core.db)).toEqual(live);
  });

  it('refuses a change to an admitted candidate with the reason, and writes nothing', () => {
    admit(first);
    const count = () => (core.db.prepare('SELECT COUNT(*) AS n FROM events').get() as { n: number }).n;
    const before = count();
    const h = core.handlers;
    expect(h.correctCandidate({ ticketNo: first.ticketNo, changes: { name: '改名' }, actorStaffId: 'S001' })).toMatchObject({
      ok: false,
      error: { code: 'refused', message: expect.stringContaining('已入场，名单不能再更改') },
    });
    expect(h.withdrawCandidate({ ticketNo: first.ticketNo, reason: '退考', actorStaffId: 'S001' })).toMatchObject({ ok: false, error: { message: expect.stringContaining('已入场') } });
    expect(count()).toBe(before);
  });

  it('a corrected file: the preview lists added, changed and removed; applying it keeps every admission', () => {
    admit(third);
    const file = [
      ...day.candidates.filter((c) => c.ticketNo !== second.ticketNo).map((c) => (c.ticketNo === first.ticketNo ? { ...c, name: '更正姓名' } : c.ticketNo === third.ticketNo ? { ...c, seatNo: 30 } : c)),
      newcomer,
    ];
    const preview = core.handlers.previewRosterReimport({ candidates: file });
    expect(preview).toMatchObject({
      ok: true,
      value: {
        added: [{ ticketNo: newcomer.ticketNo }],
        changed: [{ ticketNo: first.ticketNo, changes: [{ label: '姓名', before: first.name, after: '更正姓名' }] }],
        removed: [{ ticketNo: second.ticketNo }],
        refused: [{ ticketNo: third.ticketNo, reason: expect.stringContaining('已入场') }],
        problems: [],
        unchanged: 37,
      },
    });
    const applied = core.handlers.applyRosterReimport({ candidates: file, actorStaffId: 'S001' });
    expect(applied).toEqual({ ok: true, value: { added: 1, changed: 1, removed: 1, refused: 1, events: 3 } });
    expect(core.store.getAdmission(third.ticketNo)).toMatchObject({ roomNo: third.roomNo });
    expect(core.store.findCandidateByTicket(third.ticketNo)?.seatNo).toBe(third.seatNo);
    expect(core.store.findCandidateByTicket(first.ticketNo)?.name).toBe('更正姓名');
    expect(core.store.countCandidates()).toBe(40);
    const live = dumpProjection(core.db);
    rebuildProjections(core.db);
    expect(dumpProjection(core.db)).toEqual(live);
    // The same file again changes nothing.
    expect(core.handlers.applyRosterReimport({ candidates: file, actorStaffId: 'S001' })).toMatchObject({ ok: false, error: { message: expect.stringContaining('没有可应用的改动') } });
  });
});
