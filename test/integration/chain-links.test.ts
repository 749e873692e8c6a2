import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { openCore, type Core } from '../../electron/core/core';
import { SignaturePool } from '../../electron/core/signature-pool';
import { verifyEventLog, verifyEventLogInParallel } from '../../electron/core/verify-log';
import { fixtureDay, fixtureDayEvents } from '../support/fixture-day';
import { openRawDatabase } from '../support/raw-database';
import { TestDevice } from '../support/signed-chain';
import { makeTempDir } from '../support/temp-dir';

// Sealed and plain links side by side (shared/events/chain-link.ts): a log holds the events of
// earlier versions (plain links, every signature checked on its own) beside this version's (sealed,
// one signature vouching for the run), and the audit finds a replaced signature in either.
const APPEND_ONLY_TRIGGERS = ['events_refuse_update', 'events_refuse_delete'];
const day = fixtureDay(20);
const proctor = { staffId: 'P0002', name: '副监考1', role: 'second-proctor' } as const;

function writeScans(device: TestDevice, count: number): void {
  for (let i = 0; i < count; i += 1) {
    const candidate = day.candidates[i]!;
    device.write(
      'checkin.attempted',
      { roomNo: candidate.roomNo, input: { method: 'scanner', value: candidate.ticketNo }, verdict: 'admitted', ticketNo: candidate.ticketNo, document: 'ticket' },
      proctor,
      new Date(Date.UTC(2026, 10, 25, 0, 10, i)),
    );
  }
}

describe('sealed and plain chain links in one log', () => {
  let temp: ReturnType<typeof makeTempDir>;
  let core: Core;
  const sealedDoor = TestDevice.enrollable('sealed');
  const plainDoor = TestDevice.enrollable('plain');
  writeScans(sealedDoor, 6);
  writeScans(plainDoor, 6);

  beforeEach(() => {
    temp = makeTempDir();
    core = openCore({ dataDir: temp.dir, now: () => new Date(2026, 10, 25, 8, 10) });
    core.commit(fixtureDayEvents(day));
    for (const door of [sealedDoor, plainDoor]) {
      const batch = { devices: [{ deviceId: door.deviceId, publicKeyHex: door.publicKeyHex }], events: door.events.map((e) => ({ ...e })) };
      expect(core.foreign.storeBatch(batch)).toMatchObject({ ok: true, stored: 6 });
    }
  });
  afterEach(() => {
    core.close();
    temp.remove();
  });

  function replaceSignature(deviceId: string, seq: number): void {
    core.close();
    const db = openRawDatabase(temp.dir);
    const triggers = APPEND_ONLY_TRIGGERS.map((name) => db.prepare("SELECT sql FROM sqlite_master WHERE type = 'trigger' AND name = ?").pluck().get(name) as string);
    for (const name of APPEND_ONLY_TRIGGERS) db.exec(`DROP TRIGGER ${name}`);
    const other = new TestDevice('forger');
    const hash = db.prepare('SELECT hash FROM events WHERE device_id = ? AND seq = ?').pluck().get(deviceId, seq) as string;
    db.prepare('UPDATE events SET sig = ? WHERE device_id = ? AND seq = ?').run(other.signHash(hash), deviceId, seq);
    for (const sql of triggers) db.exec(sql);
    db.close();
    core = openCore({ dataDir: temp.dir, now: () => new Date(2026, 10, 25, 8, 10) });
  }

  it('writes sealed links itself, and verifies both kinds', () => {
    const own = core.db.prepare('SELECT prev_hash, hash FROM events WHERE device_id = ? AND seq = 2').get(core.deviceId) as { prev_hash: string };
    const first = core.db.prepare('SELECT hash FROM events WHERE device_id = ? AND seq = 1').pluck().get(core.deviceId);
    expect(own.prev_hash).not.toBe(first);
    expect(plainDoor.events[1]!.prevHash).toBe(plainDoor.events[0]!.hash);
    expect(verifyEventLog(core.db)).toMatchObject({ ok: true, devices: 3 });
  });

  it.each([
    ['sealed', sealedDoor],
    ['plain', plainDoor],
  ])('finds a middle signature replaced in a %s run, at that event', (_kind, door) => {
    replaceSignature(door.deviceId, 3);
    const report = verifyEventLog(core.db);
    expect(report.ok).toBe(false);
    expect(report.firstBroken).toMatchObject({ deviceId: door.deviceId, seq: 3, reason: '签名无效' });
  });

  it('checks an older log of plain links on the worker pool, and finds a replaced signature there', async () => {
    const oldDoor = TestDevice.enrollable('plain');
    for (let round = 0; round < 8; round += 1) writeScans(oldDoor, 20);
    expect(core.foreign.storeBatch({ devices: [{ deviceId: oldDoor.deviceId, publicKeyHex: oldDoor.publicKeyHex }], events: oldDoor.events.map((e) => ({ ...e })) })).toMatchObject({ ok: true, stored: 160 });
    const pool = new SignaturePool(2);
    try {
      expect(await verifyEventLogInParallel(core.db, {}, pool)).toMatchObject({ ok: true });
      replaceSignature(oldDoor.deviceId, 77);
      expect((await verifyEventLogInParallel(core.db, {}, pool)).firstBroken).toMatchObject({ deviceId: oldDoor.deviceId, seq: 77, reason: '签名无效' });
    } finally {
      await pool.close();
    }
  });

  it("finds a replaced signature on a device's last event, which nothing after it vouches for", () => {
    replaceSignature(sealedDoor.deviceId, 6);
    expect(verifyEventLog(core.db).firstBroken).toMatchObject({ deviceId: sealedDoor.deviceId, seq: 6, reason: '签名无效' });
  });
});
