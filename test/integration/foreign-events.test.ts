import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { copyFileSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { openCore, type Core } from '../../electron/core/core';
import { openCoreHost } from '../../electron/core/core-host';
import { rowToRawEvent, type EventRow } from '../../electron/core/event-log';
import type { ForeignBatch } from '../../electron/core/foreign-events';
import { rebuildProjections } from '../../electron/core/projection';
import { dumpProjection } from '../../electron/core/sqlite-projection-store';
import { verifyEventLog } from '../../electron/core/verify-log';
import { FIXTURE_PLAN_FORM, fixtureDay, fixtureDayEvents } from '../support/fixture-day';
import { makeTempDir } from '../support/temp-dir';
import { keyFileBeside } from '../../electron/core/database-key';

const ROOT = resolve(__dirname, '..', '..');
const day = fixtureDay(8);

/** Another device: its own folder and key, writing the fixture day and checking in candidates `from`…`from + checkIns`. */
function otherDevice(dir: string, checkIns: number, keyFrom?: string, from = 0): { batch: ForeignBatch; deviceId: string } {
  if (keyFrom) {
    // The same device's key: its key file, and the database key that seals it (beside the folder).
    copyFileSync(join(keyFrom, 'device-key.pem'), join(dir, 'device-key.pem'));
    copyFileSync(keyFileBeside(keyFrom), keyFileBeside(dir));
  }
  const core = openCore({ dataDir: dir, now: () => new Date(2026, 10, 25, 7, 30) });
  try {
    core.commit(fixtureDayEvents(day));
    for (const c of day.candidates.slice(from, from + checkIns)) {
      core.handlers.checkIn({ roomNo: c.roomNo, input: c.ticketNo, method: 'typed', actorStaffId: 'P0002' });
    }
    const rows = core.db.prepare('SELECT * FROM events WHERE device_id = ? ORDER BY seq').all(core.deviceId) as EventRow[];
    const key = core.db.prepare('SELECT public_key FROM devices WHERE device_id = ?').get(core.deviceId) as { public_key: string };
    return { deviceId: core.deviceId, batch: { devices: [{ deviceId: core.deviceId, publicKeyHex: key.public_key }], events: rows.map(rowToRawEvent) } };
  } finally {
    core.close();
  }
}

const countEvents = (core: Core): number => (core.db.prepare('SELECT COUNT(*) AS n FROM events').get() as { n: number }).n;

describe('the writer for other devices’ events', () => {
  let temps: ReturnType<typeof makeTempDir>[];
  let receiver: Core;
  const tempDir = (): string => {
    const t = makeTempDir();
    temps.push(t);
    return t.dir;
  };
  beforeEach(() => {
    temps = [];
    receiver = openCore({ dataDir: tempDir(), now: () => new Date(2026, 10, 25, 8, 5) });
  });
  afterEach(() => {
    receiver.close();
    for (const t of temps) t.remove();
  });

  it('stores two devices’ chains, folds them as a rebuild would, and knows what it already holds', () => {
    const a = otherDevice(tempDir(), 2);
    const b = otherDevice(tempDir(), 1);
    // Interleaved devices in one batch: each device's events stay in seq order.
    const events = a.batch.events.flatMap((e, i) => [e, ...(b.batch.events[i] ? [b.batch.events[i]] : [])]);
    const result = receiver.foreign.storeBatch({ devices: [...a.batch.devices, ...b.batch.devices], events });
    expect(result).toEqual({ ok: true, stored: events.length, alreadyHeld: 0 });
    expect(verifyEventLog(receiver.db)).toMatchObject({ ok: true, devices: 2, eventsChecked: events.length });
    const live = dumpProjection(receiver.db);
    rebuildProjections(receiver.db);
    expect(dumpProjection(receiver.db)).toEqual(live);
    // The pinned keys were first seen at the core's clock, not the computer's.
    const seen = receiver.db.prepare('SELECT first_seen_at AS at FROM devices WHERE device_id = ?').get(a.deviceId) as { at: string };
    expect(seen.at).toBe(new Date(2026, 10, 25, 8, 5).toISOString());

    expect(receiver.foreign.storeBatch(a.batch)).toEqual({ ok: true, stored: 0, alreadyHeld: a.batch.events.length });
  });

  it('stores a later batch that extends what it holds, and refuses one that skips or does not link', () => {
    const a = otherDevice(tempDir(), 3);
    const first = { ...a.batch, events: a.batch.events.slice(0, 4) };
    expect(receiver.foreign.storeBatch(first)).toMatchObject({ ok: true, stored: 4 });
    const gap = { ...a.batch, events: a.batch.events.slice(5) };
    expect(receiver.foreign.storeBatch(gap)).toMatchObject({ ok: false, reason: expect.stringContaining('接不上'), forks: [] });
    const relinked = a.batch.events.slice(4).map((e, i) => (i === 0 ? { ...(e as object), prevHash: 'f'.repeat(64) } : e));
    expect(receiver.foreign.storeBatch({ ...a.batch, events: relinked })).toMatchObject({ ok: false });
    // Overlapping the held part is fine: those count as already held.
    expect(receiver.foreign.storeBatch({ ...a.batch, events: a.batch.events.slice(2) })).toEqual({
      ok: true,
      stored: a.batch.events.length - 4,
      alreadyHeld: 2,
    });
  });

  it('refuses a fork and stores nothing of the batch, not even another device’s good events', () => {
    const officeDir = tempDir();
    const a = otherDevice(officeDir, 1);
    expect(receiver.foreign.storeBatch(a.batch)).toMatchObject({ ok: true });
    // The same key in another folder writes a different event at the same seq.
    const twin = otherDevice(tempDir(), 2, officeDir, 4);
    const b = otherDevice(tempDir(), 0);
    const before = countEvents(receiver);
    const result = receiver.foreign.storeBatch({ devices: [...b.batch.devices, ...twin.batch.devices], events: [...b.batch.events, ...twin.batch.events] });
    const forkSeq = a.batch.events.length; // both checked in one candidate last, different ones
    expect(result).toMatchObject({ ok: false, reason: expect.stringContaining('分叉'), forks: [{ deviceId: a.deviceId, seq: forkSeq }] });
    expect(countEvents(receiver)).toBe(before);
    expect(receiver.db.prepare('SELECT 1 FROM devices WHERE device_id = ?').get(b.deviceId)).toBeUndefined();
  });

  it('checks forks against what the transaction itself has written', () => {
    const officeDir = tempDir();
    const a = otherDevice(officeDir, 1);
    const twin = otherDevice(tempDir(), 2, officeDir, 4);
    // Both batches inside one transaction: the second must see the first's rows, not a snapshot from before.
    const second = receiver.db.transaction(() => {
      expect(receiver.foreign.storeBatch(a.batch)).toMatchObject({ ok: true });
      return receiver.foreign.storeBatch(twin.batch);
    })();
    expect(second).toMatchObject({ ok: false, forks: [{ seq: a.batch.events.length }] });
    expect(countEvents(receiver)).toBe(a.batch.events.length);
  });

  it('refuses a changed event, a bad signature, a key that is not the device’s, and an unknown device', () => {
    const a = otherDevice(tempDir(), 1);
    const b = otherDevice(tempDir(), 0);
    const events = a.batch.events as Record<string, unknown>[];
    const changed = events.map((e, i) => (i === 1 ? { ...e, at: '2026-11-25T00:00:00.000Z' } : e));
    expect(receiver.foreign.storeBatch({ ...a.batch, events: changed })).toMatchObject({ ok: false, reason: expect.stringContaining('哈希不符') });
    const badSig = events.map((e, i) => (i === 1 ? { ...e, sig: 'a'.repeat(128) } : e));
    expect(receiver.foreign.storeBatch({ ...a.batch, events: badSig })).toMatchObject({ ok: false, reason: expect.stringContaining('签名无效') });
    const swapped = [{ deviceId: a.deviceId, publicKeyHex: b.batch.devices[0]!.publicKeyHex }];
    expect(receiver.foreign.storeBatch({ devices: swapped, events })).toMatchObject({ ok: false, reason: expect.stringContaining('标识与公钥不符') });
    expect(receiver.foreign.storeBatch({ devices: [], events })).toMatchObject({ ok: false, reason: expect.stringContaining('未登记的设备') });
    expect(countEvents(receiver)).toBe(0);
  });

  it('never writes this device’s own chain from elsewhere', () => {
    receiver.commit(fixtureDayEvents(day).slice(0, 2));
    const own = (receiver.db.prepare('SELECT * FROM events ORDER BY seq').all() as EventRow[]).map(rowToRawEvent);
    const key = receiver.db.prepare('SELECT public_key FROM devices WHERE device_id = ?').get(receiver.deviceId) as { public_key: string };
    const devices = [{ deviceId: receiver.deviceId, publicKeyHex: key.public_key }];
    expect(receiver.foreign.storeBatch({ devices, events: own })).toEqual({ ok: true, stored: 0, alreadyHeld: 2 });
  });
});

describe('importing a day package', () => {
  it('pins the office key at the core’s clock, through the same writer', () => {
    const office = makeTempDir();
    const door = makeTempDir();
    const officeHost = openCoreHost({ dataDir: office.dir, now: () => new Date(2026, 10, 25, 7, 0) });
    const doorHost = openCoreHost({ dataDir: door.dir, now: () => new Date(2026, 10, 25, 8, 10) });
    try {
      officeHost.handlers.savePlan({ plan: FIXTURE_PLAN_FORM });
      officeHost.handlers.importRoster({ rooms: day.rooms, candidates: day.candidates });
      const exported = officeHost.handlers.exportDayPackage({});
      if (!exported.ok) throw new Error(exported.error.message);
      expect(doorHost.handlers.importDayPackage({ content: exported.value.content, passphrase: exported.value.passphrase })).toMatchObject({ ok: true });
      const office1 = doorHost.real.db.prepare('SELECT first_seen_at AS at FROM devices WHERE device_id = ?').get(officeHost.real.deviceId) as { at: string };
      expect(office1.at).toBe(new Date(2026, 10, 25, 8, 10).toISOString());
    } finally {
      officeHost.close();
      doorHost.close();
      office.remove();
      door.remove();
    }
  });
});

describe('one INSERT INTO events', () => {
  // A device's log has one writer (event-log.ts); the center keeps the sites' events in a database
  // of its own, written only by its ingest through each store's one insert (store/*-center-store.ts).
  it('appears once for the device log and once per center store in the whole electron/ tree', () => {
    const files = (dir: string): string[] =>
      readdirSync(dir).flatMap((name) => {
        const path = join(dir, name);
        return statSync(path).isDirectory() ? files(path) : path.endsWith('.ts') ? [path] : [];
      });
    const hits = files(join(ROOT, 'electron')).flatMap((file) =>
      (readFileSync(file, 'utf8').match(/INSERT\s+(OR\s+\w+\s+)?INTO\s+events\b/gi) ?? []).map(() => file),
    );
    expect(hits.map((f) => f.slice(ROOT.length + 1)).sort()).toEqual([
      'electron/center/store/postgres-center-store.ts',
      'electron/center/store/sqlite-center-store.ts',
      'electron/core/event-log.ts',
    ]);
  });
});
