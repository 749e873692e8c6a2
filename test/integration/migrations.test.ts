import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import Database from 'better-sqlite3-multiple-ciphers';
import { join } from 'node:path';
import { DATABASE_FILE, openCore, type Core } from '../../electron/core/core';
import { MIGRATIONS, type Migration } from '../../electron/core/migrations';
import { runMigrations } from '../../electron/core/migrations/run-migrations';
import { rebuildProjections } from '../../electron/core/projection';
import { dumpProjection } from '../../electron/core/sqlite-projection-store';
import { verifyEventLog } from '../../electron/core/verify-log';
import { copyDataDirAtVersion } from '../support/database-at-version';
import { fixtureDay, fixtureDayEvents } from '../support/fixture-day';
import { proofOf, setPinsAtBriefing } from '../support/staff-proof';
import { makeTempDir } from '../support/temp-dir';
import { openRawDatabase } from '../support/raw-database';

// Room 01: P0001 主监考, P0002 副监考; S001 主考. 开考 08:30, late from 09:00 on 2026-11-25.
const day = fixtureDay(30);
const room01 = day.candidates.filter((c) => c.roomNo === '01');
const LATEST = MIGRATIONS.length;
const userVersion = (db: Database.Database): number => Number(db.pragma('user_version', { simple: true }));
const tableNames = (db: Database.Database): string[] =>
  (db.prepare("SELECT name FROM sqlite_master WHERE type = 'table' ORDER BY name").all() as { name: string }[]).map((r) => r.name);

interface UpgradeCase {
  migration: string;
  table: string;
  /** Uses what the migration made room for, on the upgraded log, and says what its table now holds. */
  use(core: Core, setClock: (hour: number, minute: number) => void): void;
  expectedRows: number;
}

const UPGRADES: UpgradeCase[] = [
  {
    migration: 'doubts',
    table: 'proj_doubts',
    use: (core) => {
      const answer = core.handlers.admitInDoubt({ roomNo: '01', ticketNo: room01[5]!.ticketNo, reason: 'photo-mismatch', actorStaffId: 'P0002' });
      expect(answer).toMatchObject({ ok: true, value: { verdict: { kind: 'admitted' } } });
    },
    expectedRows: 1,
  },
  {
    migration: 'reverify',
    table: 'proj_reverify',
    use: (core, setClock) => {
      setClock(8, 31);
      expect(core.handlers.markReverify({ roomNo: '01', seatNo: room01[0]!.seatNo, result: 'verified', actorStaffId: 'P0002' }).ok).toBe(true);
      expect(core.handlers.markReverify({ roomNo: '01', seatNo: room01[1]!.seatNo, result: 'verified', actorStaffId: 'P0002' }).ok).toBe(true);
    },
    expectedRows: 2,
  },
  {
    migration: 'absentees',
    table: 'proj_absentee_confirmations',
    use: (core, setClock) => {
      setClock(9, 1);
      const absent = room01.slice(2).map((c) => c.ticketNo);
      setPinsAtBriefing(core, ['P0001']);
      expect(core.handlers.confirmAbsentees({ roomNo: '01', ticketNos: absent, confirmer: proofOf('P0001') })).toMatchObject({ ok: true });
    },
    expectedRows: 1,
  },
  {
    migration: 'custody',
    table: 'proj_custody_entries',
    use: (core) => {
      const bag = { code: 'SJ-01', kind: 'paper' as const, occupation: day.candidates[0]!.occupation, level: day.candidates[0]!.level, count: 32, roomNo: '01', sealNos: [], source: 'press-label' as const };
      expect(core.handlers.registerBags({ bags: [bag], actorStaffId: 'S001' })).toMatchObject({ ok: true });
    },
    expectedRows: 1,
  },
  {
    migration: 'staff-pins',
    table: 'proj_pin_entries',
    use: (core) => {
      expect(core.handlers.setPin({ badgeCode: 'KW-P0002', pin: '135792', pinRepeat: '135792' })).toMatchObject({ ok: true });
      expect(core.handlers.signIn({ badgeCode: 'KW-P0002', pin: '135792', roomNo: '01' })).toMatchObject({ ok: true });
    },
    expectedRows: 2,
  },
  {
    migration: 'revocations',
    table: 'proj_revocations',
    use: (core) => {
      expect(core.handlers.revokeAdmission({ roomNo: '01', ticketNo: room01[0]!.ticketNo, reason: 'wrong-candidate', actorStaffId: 'P0002' })).toMatchObject({ ok: true });
      expect(core.handlers.getRoomRoster({ roomNo: '01' })).toMatchObject({ ok: true, value: { room: { admitted: 1 } } });
    },
    expectedRows: 1,
  },
];

/**
 * One upgrade test per migration that has none elsewhere (0003: migration-0003.test.ts, 0004:
 * door-pairing, 0005: candidate-photos): a data folder exactly as the release before it left it,
 * with a day set up and two candidates admitted, opened by this app.
 */
describe('upgrading a database in place', () => {
  let temp: ReturnType<typeof makeTempDir>;
  let clockMs = 0;
  const setClock = (hour: number, minute: number): void => {
    clockMs = new Date(2026, 10, 25, hour, minute).getTime();
  };
  beforeEach(() => {
    temp = makeTempDir();
    setClock(8, 10);
  });
  afterEach(() => temp.remove());

  for (const upgrade of UPGRADES) {
    const migration = MIGRATIONS.find((m) => m.name === upgrade.migration)!;
    const from = migration.version - 1;

    it(`migration ${String(migration.version).padStart(4, '0')} (${upgrade.migration}) on a version-${from} day: log verifies, projection kept, ${upgrade.table} filled`, () => {
      const source = makeTempDir();
      const writer = openCore({ dataDir: source.dir, now: () => new Date(clockMs) });
      writer.commit(fixtureDayEvents(day));
      for (const c of room01.slice(0, 2)) {
        const scan = writer.handlers.checkIn({ roomNo: '01', input: c.ticketNo, method: 'scanner', actorStaffId: 'P0002' });
        expect(scan).toMatchObject({ ok: true, value: { verdict: { kind: 'admitted' } } });
      }
      const eventCount = (writer.db.prepare('SELECT COUNT(*) AS n FROM events').get() as { n: number }).n;
      const projectionBefore = dumpProjection(writer.db);
      writer.close();
      copyDataDirAtVersion(source.dir, temp.dir, from);
      source.remove();

      const old = openRawDatabase(temp.dir, { readonly: true });
      expect(userVersion(old)).toBe(from);
      expect(tableNames(old)).not.toContain(upgrade.table);
      old.close();

      let core = openCore({ dataDir: temp.dir, now: () => new Date(clockMs) });
      try {
        expect(userVersion(core.db)).toBe(LATEST);
        expect(tableNames(core.db)).toContain(upgrade.table);
        expect(verifyEventLog(core.db)).toMatchObject({ ok: true, eventsChecked: eventCount });
        // What the old release had folded is still there, untouched, and the new table starts empty.
        expect(dumpProjection(core.db)).toEqual(projectionBefore);
        expect(core.handlers.getRoomRoster({ roomNo: '01' })).toMatchObject({ ok: true, value: { room: { admitted: 2 } } });

        upgrade.use(core, setClock);
        expect(dumpProjection(core.db)[upgrade.table]).toHaveLength(upgrade.expectedRows);
      } finally {
        core.close();
      }

      core = openCore({ dataDir: temp.dir, now: () => new Date(clockMs) });
      try {
        const live = dumpProjection(core.db);
        rebuildProjections(core.db);
        expect(dumpProjection(core.db)).toEqual(live);
        expect(verifyEventLog(core.db)).toMatchObject({ ok: true });
      } finally {
        core.close();
      }
    });
  }

  it('refuses a database a newer release wrote, and leaves it as it was', () => {
    const newer = new Database(join(temp.dir, DATABASE_FILE));
    newer.pragma('journal_mode = WAL');
    newer.pragma(`user_version = ${LATEST + 1}`);
    newer.close();
    expect(() => openCore({ dataDir: temp.dir })).toThrow(`数据库版本 ${LATEST + 1} 比本程序支持的 ${LATEST} 新，请升级程序后再打开`);
    const after = openRawDatabase(temp.dir, { readonly: true });
    expect(userVersion(after)).toBe(LATEST + 1);
    expect(tableNames(after)).toEqual([]);
    after.close();
  });
});

describe('the migration list guard', () => {
  const step = (version: number): Migration => ({
    version,
    name: `step-${version}`,
    up: (db) => db.exec(`CREATE TABLE step_${version} (x INTEGER) STRICT`),
  });

  it('refuses a list with a gap before running any step', () => {
    const db = new Database(':memory:');
    expect(() => runMigrations(db, [step(1), step(3)])).toThrow('migration list out of order at step-3: expected version 2');
    expect(userVersion(db)).toBe(0);
    expect(tableNames(db)).toEqual([]);
    db.close();
  });

  it('refuses a list out of order, and runs an ordered one to its end', () => {
    const db = new Database(':memory:');
    expect(() => runMigrations(db, [step(2), step(1)])).toThrow('migration list out of order at step-2: expected version 1');
    runMigrations(db, [step(1), step(2)]);
    expect(userVersion(db)).toBe(2);
    expect(tableNames(db)).toEqual(['step_1', 'step_2']);
    db.close();
  });

  it('holds for the app’s own list', () => {
    expect(MIGRATIONS.map((m) => m.version)).toEqual(Array.from({ length: LATEST }, (_, i) => i + 1));
  });
});
