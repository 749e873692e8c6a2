import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import Database from 'better-sqlite3-multiple-ciphers';
import { join } from 'node:path';
import { DATABASE_FILE, openCore } from '../../electron/core/core';
import { rowToRawEvent, type EventRow } from '../../electron/core/event-log';
import { MIGRATIONS } from '../../electron/core/migrations';
import { rebuildProjections } from '../../electron/core/projection';
import { verifyEventLog } from '../../electron/core/verify-log';
import { fixtureDay, fixtureDayEvents } from '../support/fixture-day';
import { makeTempDir } from '../support/temp-dir';
import { copyDeviceKeyInTheClear } from '../support/database-at-version';

/**
 * Migration 0003 on a log written before it: the old events keep verifying (their hash never
 * covered a clock offset), read back without one, and new events after a clock check carry it.
 */
describe('migration 0003 (clock offset column, confirmation and clock projections)', () => {
  let temp: ReturnType<typeof makeTempDir>;
  beforeEach(() => {
    temp = makeTempDir();
  });
  afterEach(() => temp.remove());

  it('upgrades a version-2 log in place; old and new events verify', () => {
    // Write a day with the current code, then copy its rows into a database built by migrations
    // 1–2 only: a log exactly as the previous release stored it (no clock_offset_ms column).
    const source = makeTempDir();
    const day = fixtureDay(3);
    const writer = openCore({ dataDir: source.dir, now: () => new Date(2026, 10, 25, 7, 35) });
    writer.commit(fixtureDayEvents(day));
    writer.handlers.checkIn({ roomNo: '01', input: day.candidates[0]!.ticketNo, method: 'typed', actorStaffId: 'P0002' });
    const oldRows = writer.db.prepare('SELECT * FROM events ORDER BY local_order').all() as EventRow[];
    const devices = writer.db.prepare('SELECT * FROM devices').all() as Record<string, string>[];
    writer.close();
    copyDeviceKeyInTheClear(source.dir, temp.dir);
    source.remove();

    const v2 = new Database(join(temp.dir, DATABASE_FILE));
    v2.pragma('journal_mode = WAL');
    for (const migration of MIGRATIONS.slice(0, 2)) {
      migration.up(v2);
      v2.pragma(`user_version = ${migration.version}`);
    }
    const insert = v2.prepare(
      `INSERT INTO events (id, device_id, seq, at, actor, type, payload, prev_hash, hash, sig)
       VALUES (@id, @device_id, @seq, @at, @actor, @type, @payload, @prev_hash, @hash, @sig)`,
    );
    for (const { local_order: _order, clock_offset_ms: _offset, ...row } of oldRows) insert.run(row);
    for (const device of devices) v2.prepare('INSERT INTO devices (device_id, public_key, first_seen_at) VALUES (@device_id, @public_key, @first_seen_at)').run(device);
    v2.close();

    let core = openCore({ dataDir: temp.dir, now: () => new Date(2026, 10, 25, 7, 40) });
    expect(core.db.pragma('user_version', { simple: true })).toBe(MIGRATIONS[MIGRATIONS.length - 1]?.version);
    const migrated = core.db.prepare('SELECT * FROM events ORDER BY seq').all() as EventRow[];
    expect(migrated.every((r) => r.clock_offset_ms === null)).toBe(true);
    expect(migrated.map(rowToRawEvent).every((e) => !('clockOffsetMs' in e))).toBe(true);
    // The copy holds events only: a rebuild folds them into every projection, the new tables included.
    rebuildProjections(core.db);
    // Only now does the stored projection match the events: verify compares the two.
    expect(verifyEventLog(core.db)).toMatchObject({ ok: true, eventsChecked: oldRows.length });
    expect(core.handlers.getRoomRoster({ roomNo: '01' })).toMatchObject({ ok: true, value: { room: { admitted: 1 } } });

    const check = core.handlers.recordClockCheck({ reference: '07:39:30', actorStaffId: 'S001' });
    expect(check).toMatchObject({ ok: true, value: { offsetMs: 30_000 } });
    core.handlers.checkIn({ roomNo: '01', input: day.candidates[1]!.ticketNo, method: 'typed', actorStaffId: 'P0002' });
    core.close();

    core = openCore({ dataDir: temp.dir });
    const last = core.db.prepare('SELECT * FROM events ORDER BY seq DESC LIMIT 1').get() as EventRow;
    expect(last.clock_offset_ms).toBe(30_000);
    expect(verifyEventLog(core.db)).toMatchObject({ ok: true, eventsChecked: oldRows.length + 2 });
    expect(() => core.db.prepare('UPDATE events SET clock_offset_ms = 0').run()).toThrow(/append-only/);
    core.close();
  });

  it('leaves the hash of an event without an offset exactly as before (no clockOffsetMs key)', () => {
    const core = openCore({ dataDir: temp.dir });
    core.commit(fixtureDayEvents(fixtureDay(1)).slice(0, 1));
    const row = core.db.prepare('SELECT * FROM events').get() as EventRow;
    core.close();
    const raw = rowToRawEvent(row);
    expect(Object.keys(raw).sort()).toEqual(['actor', 'at', 'deviceId', 'hash', 'id', 'payload', 'prevHash', 'seq', 'sig', 'type']);
  });
});
