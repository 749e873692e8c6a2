import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import Database from 'better-sqlite3-multiple-ciphers';
import { rmSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { DATABASE_FILE, openCore } from '../../electron/core/core';
import type { EventRow } from '../../electron/core/event-log';
import { MIGRATIONS } from '../../electron/core/migrations';
import { rebuildProjections } from '../../electron/core/projection';
import { readMeta } from '../../electron/core/record-meta';
import { StartupRefusal } from '../../electron/core/startup-refusal';
import { verifyEventLog } from '../../electron/core/verify-log';
import { fixtureDay, fixtureDayEvents } from '../support/fixture-day';
import { makeTempDir } from '../support/temp-dir';
import { copyDeviceKeyInTheClear } from '../support/database-at-version';

const SAMPLE_DAY = join(resolve(__dirname, '..', '..'), 'resources', 'sample-day', 'sample-day.json');

/**
 * Migration 0009 on a version-8 log: the record learns its own device from the first key it stored
 * (so a lost key is refused from now on) and is marked as older than the marker (never seeded).
 */
describe('migration 0009 (record meta)', () => {
  let temp: ReturnType<typeof makeTempDir>;
  beforeEach(() => {
    temp = makeTempDir();
  });
  afterEach(() => temp.remove());

  it('upgrades a version-8 database: own device from its first key, never seeded, a lost key refused', () => {
    // A door that imported another device's events after its own first open, copied into a v8 database.
    const source = makeTempDir();
    const other = makeTempDir();
    const door = openCore({ dataDir: source.dir });
    const office = openCore({ dataDir: other.dir });
    office.commit(fixtureDayEvents(fixtureDay(2)));
    const officeKey = office.db.prepare('SELECT public_key FROM devices WHERE device_id = ?').get(office.deviceId) as { public_key: string };
    const officeRows = office.db.prepare('SELECT * FROM events ORDER BY seq').all() as EventRow[];
    office.close();
    const doorDevice = door.db.prepare('SELECT * FROM devices').get() as Record<string, string>;
    door.close();
    copyDeviceKeyInTheClear(source.dir, temp.dir);

    const v8 = new Database(join(temp.dir, DATABASE_FILE));
    v8.pragma('journal_mode = WAL');
    for (const migration of MIGRATIONS.slice(0, 8)) {
      migration.up(v8);
      v8.pragma(`user_version = ${migration.version}`);
    }
    const addDevice = v8.prepare('INSERT INTO devices (device_id, public_key, first_seen_at) VALUES (?, ?, ?)');
    addDevice.run(doorDevice.device_id, doorDevice.public_key, doorDevice.first_seen_at);
    addDevice.run(office.deviceId, officeKey.public_key, '2026-11-25T00:00:00.000Z');
    const insert = v8.prepare(
      `INSERT INTO events (id, device_id, seq, at, actor, type, payload, prev_hash, hash, sig, clock_offset_ms)
       VALUES (@id, @device_id, @seq, @at, @actor, @type, @payload, @prev_hash, @hash, @sig, @clock_offset_ms)`,
    );
    for (const { local_order: _order, ...row } of officeRows) insert.run(row);
    v8.close();
    source.remove();
    other.remove();

    const upgraded = openCore({ dataDir: temp.dir, sampleDayFile: SAMPLE_DAY });
    expect(upgraded.db.pragma('user_version', { simple: true })).toBe(MIGRATIONS.length);
    expect(readMeta(upgraded.db, 'own_device_id')).toBe(doorDevice.device_id);
    expect(readMeta(upgraded.db, 'day_origin')).toBe('before-meta');
    expect(upgraded.deviceId).toBe(doorDevice.device_id);
    // The fixture copied events without their projection rows, which verify rightly reports: fold them first.
    rebuildProjections(upgraded.db);
    expect(verifyEventLog(upgraded.db)).toMatchObject({ ok: true, eventsChecked: officeRows.length });
    expect(() => upgraded.db.prepare("UPDATE meta SET value = 'x' WHERE key = 'own_device_id'").run()).toThrow(/written once/);
    upgraded.close();

    rmSync(join(temp.dir, 'device-key.pem'));
    expect(() => openCore({ dataDir: temp.dir })).toThrow(StartupRefusal);
  });

  it('leaves a brand-new database without a marker until the core writes one', () => {
    const db = new Database(join(temp.dir, DATABASE_FILE));
    for (const migration of MIGRATIONS) migration.up(db);
    expect(db.prepare('SELECT COUNT(*) AS n FROM meta').get()).toEqual({ n: 0 });
    db.close();
  });
});
