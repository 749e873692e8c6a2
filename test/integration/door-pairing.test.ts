import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import Database from 'better-sqlite3-multiple-ciphers';
import { join } from 'node:path';
import { DATABASE_FILE, openCore, type Core } from '../../electron/core/core';
import { MIGRATIONS } from '../../electron/core/migrations';
import { rebuildProjections } from '../../electron/core/projection';
import { dumpProjection } from '../../electron/core/sqlite-projection-store';
import { fixtureDay, fixtureDayEvents } from '../support/fixture-day';
import { makeTempDir } from '../support/temp-dir';

const day = fixtureDay(60, { requiredDocuments: 'ticket-and-id' });
/** 08:10 on the fixture's exam day: 查证入场, before the late cut-off. */
let clockMs = new Date(2026, 10, 25, 8, 10).getTime();

function open(dir: string): Core {
  return openCore({ dataDir: dir, now: () => new Date(clockMs) });
}

function checkIn(core: Core, input: string) {
  const result = core.handlers.checkIn({ roomNo: '01', input, method: 'scanner', actorStaffId: 'P0002' });
  if (!result.ok) throw new Error(result.error.message);
  return result.value.verdict;
}

describe('both documents through the core', () => {
  let temp: ReturnType<typeof makeTempDir>;
  beforeEach(() => {
    temp = makeTempDir();
    clockMs = new Date(2026, 10, 25, 8, 10).getTime();
  });
  afterEach(() => temp.remove());

  it('keeps a half pair across a restart, and a rebuilt projection equals the live one', () => {
    let core = open(temp.dir);
    core.commit(fixtureDayEvents(day));
    const [a, b] = day.candidates;
    expect(checkIn(core, a!.ticketNo).kind).toBe('awaiting-id');
    core.close();

    core = open(temp.dir);
    clockMs += 20_000;
    expect(checkIn(core, a!.idNumber)).toMatchObject({ kind: 'admitted', candidate: { ticketNo: a!.ticketNo } });
    expect(checkIn(core, b!.idNumber).kind).toBe('awaiting-ticket');
    const events = core.db.prepare("SELECT payload FROM events WHERE type = 'checkin.attempted' ORDER BY seq").all() as { payload: string }[];
    expect(events.map((e) => JSON.parse(e.payload) as { verdict: string; document: string })).toMatchObject([
      { verdict: 'awaiting-id', document: 'ticket' },
      { verdict: 'admitted', document: 'id' },
      { verdict: 'awaiting-ticket', document: 'id' },
    ]);
    const live = dumpProjection(core.db);
    expect(live.proj_door_pending).toHaveLength(1);
    rebuildProjections(core.db);
    expect(dumpProjection(core.db)).toEqual(live);
    core.close();
  });

  it('says late after the cut-off on the exam day', () => {
    const core = open(temp.dir);
    core.commit(fixtureDayEvents(day));
    clockMs = new Date(2026, 10, 25, 9, 1).getTime();
    const a = day.candidates[0]!;
    checkIn(core, a.ticketNo);
    expect(checkIn(core, a.idNumber)).toMatchObject({ kind: 'late', lateFrom: '09:00' });
    core.close();
  });
});

describe('migration 0004 (door pairing)', () => {
  let temp: ReturnType<typeof makeTempDir>;
  beforeEach(() => {
    temp = makeTempDir();
  });
  afterEach(() => temp.remove());

  it('adds the half-pair table to a version-3 database', () => {
    const v3 = new Database(join(temp.dir, DATABASE_FILE));
    for (const migration of MIGRATIONS.filter((m) => m.version <= 3)) {
      migration.up(v3);
      v3.pragma(`user_version = ${migration.version}`);
    }
    v3.close();
    const core = open(temp.dir);
    expect(Number(core.db.pragma('user_version', { simple: true }))).toBeGreaterThanOrEqual(4);
    core.commit(fixtureDayEvents(day));
    expect(checkIn(core, day.candidates[0]!.ticketNo).kind).toBe('awaiting-id');
    expect(core.db.prepare('SELECT ticket_no, document FROM proj_door_pending').all()).toEqual([
      { ticket_no: day.candidates[0]!.ticketNo, document: 'ticket' },
    ]);
    core.close();
  });
});
