import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { join } from 'node:path';
import { openCore, DATABASE_FILE, type Core } from '../../electron/core/core';
import { openDatabase } from '../../electron/core/database';
import { sha256Hex, verifySignature } from '../../electron/core/device-key';
import { sealedLinkInput } from '../../shared/events/chain-link';
import { eventHash, rowToRawEvent, type EventRow } from '../../electron/core/event-log';
import { rebuildProjections } from '../../electron/core/projection';
import { dumpProjection } from '../../electron/core/sqlite-projection-store';
import { verifyEventLog } from '../../electron/core/verify-log';
import { runVerifyCommand } from '../../electron/cli/verify-command';
import { GENESIS_HASH, type UnsignedEvent } from '../../shared/events/event';
import { fixtureDay, fixtureDayEvents } from '../support/fixture-day';
import { makeTempDir } from '../support/temp-dir';
import { databaseKeyOf, openRawDatabase } from '../support/raw-database';

const day = fixtureDay(60);
const proctor = day.staff.find((s) => s.role === 'second-proctor' && s.roomNo === '01')!;

function checkIn(core: Core, input: string, roomNo = '01') {
  const result = core.handlers.checkIn({ roomNo, input, method: 'scanner', actorStaffId: proctor.staffId });
  if (!result.ok) throw new Error(result.error.message);
  return result.value;
}

function rows(core: Core): EventRow[] {
  return core.db.prepare('SELECT * FROM events ORDER BY local_order').all() as EventRow[];
}

describe('event log on a real SQLite file', () => {
  let temp: ReturnType<typeof makeTempDir>;
  let core: Core;

  beforeEach(() => {
    temp = makeTempDir();
    core = openCore({ dataDir: temp.dir });
    core.commit(fixtureDayEvents(day));
  });
  afterEach(() => {
    core.close();
    temp.remove();
  });

  it('chains and signs every check-in event', () => {
    for (const candidate of day.candidates.slice(0, 5)) checkIn(core, candidate.ticketNo);
    checkIn(core, day.candidates[40]!.ticketNo); // wrong room: still an event
    const all = rows(core);
    const publicKey = (core.db.prepare('SELECT public_key FROM devices WHERE device_id = ?').get(core.deviceId) as { public_key: string }).public_key;
    let prev = GENESIS_HASH;
    all.forEach((row, i) => {
      expect(row.seq).toBe(i + 1);
      // Sealed: the link covers the previous event's hash and signature (chain-link.ts).
      expect(row.prev_hash).toBe(prev);
      expect(eventHash(rowToRawEvent(row) as unknown as UnsignedEvent)).toBe(row.hash);
      expect(verifySignature(publicKey, row.hash, row.sig)).toBe(true);
      prev = sha256Hex(sealedLinkInput(row.hash, row.sig));
    });
    const checkins = all.filter((r) => r.type === 'checkin.attempted');
    expect(checkins).toHaveLength(6);
    expect(JSON.parse(checkins[5]!.payload)).toMatchObject({ verdict: 'wrong-room', roomNo: '01' });
    expect(JSON.parse(checkins[0]!.actor)).toEqual({ staffId: proctor.staffId, name: proctor.name, role: 'second-proctor' });
    expect(verifyEventLog(core.db)).toMatchObject({ ok: true, eventsChecked: all.length, devices: 1 });
  });

  it('refuses UPDATE and DELETE on events', () => {
    checkIn(core, day.candidates[0]!.ticketNo);
    expect(() => core.db.prepare("UPDATE events SET payload = '{}' WHERE seq = 1").run()).toThrow(/append-only/);
    expect(() => core.db.prepare('DELETE FROM events WHERE seq = 1').run()).toThrow(/append-only/);
    expect(() => core.db.prepare('DELETE FROM events').run()).toThrow(/append-only/);
    expect(() => core.db.prepare("UPDATE devices SET public_key = 'x'").run()).toThrow(/append-only/);
  });

  it('finds a one-byte edit of a payload at exactly that event', async () => {
    for (const candidate of day.candidates.slice(0, 3)) checkIn(core, candidate.ticketNo);
    const target = rows(core).filter((r) => r.type === 'checkin.attempted')[1]!;
    core.close();

    // An attacker with the file: bypass the triggers and flip one byte of the stored payload.
    const raw = openRawDatabase(temp.dir);
    raw.exec('DROP TRIGGER events_refuse_update');
    const tampered = target.payload.replace('"01"', '"02"');
    expect(tampered).not.toBe(target.payload);
    expect(Buffer.byteLength(tampered)).toBe(Buffer.byteLength(target.payload));
    raw.prepare('UPDATE events SET payload = ? WHERE id = ?').run(tampered, target.id);
    raw.close();

    const db = openDatabase(join(temp.dir, DATABASE_FILE), { key: databaseKeyOf(temp.dir) });
    const report = verifyEventLog(db);
    db.close();
    expect(report.ok).toBe(false);
    expect(report.firstBroken).toMatchObject({ seq: target.seq, eventId: target.id });
    expect(report.firstBroken?.reason).toMatch(/哈希不符/);

    const lines: string[] = [];
    expect(await runVerifyCommand(['--data', temp.dir], (l) => lines.push(l))).toBe(1);
    expect(lines.join('\n')).toContain(`第 ${target.seq} 号事件`);
    core = openCore({ dataDir: temp.dir });
  });

  it('finds an edit that breaks the JSON, a forged signature and a removed event', () => {
    checkIn(core, day.candidates[0]!.ticketNo);
    const last = rows(core).at(-1)!;
    core.close();
    const raw = openRawDatabase(temp.dir);
    raw.exec('DROP TRIGGER events_refuse_update; DROP TRIGGER events_refuse_delete;');
    raw.prepare('UPDATE events SET sig = ? WHERE id = ?').run('0'.repeat(128), last.id);
    raw.close();
    let db = openDatabase(join(temp.dir, DATABASE_FILE), { key: databaseKeyOf(temp.dir) });
    expect(verifyEventLog(db).firstBroken).toMatchObject({ seq: last.seq, reason: '签名无效' });
    db.close();

    const raw2 = openRawDatabase(temp.dir);
    raw2.prepare('DELETE FROM events WHERE seq = 3').run();
    raw2.close();
    db = openDatabase(join(temp.dir, DATABASE_FILE), { key: databaseKeyOf(temp.dir) });
    expect(verifyEventLog(db).firstBroken).toMatchObject({ seq: 4 });
    expect(verifyEventLog(db).firstBroken?.reason).toMatch(/序号不连续/);
    db.close();
    core = openCore({ dataDir: temp.dir });
  });

  it('rebuilds projections equal to the incremental ones', () => {
    // Confirmations and clock checks need a clock inside the day: 2026-11-25 08:40 local.
    core.close();
    core = openCore({ dataDir: temp.dir, now: () => new Date(2026, 10, 25, 8, 40) });
    for (const candidate of day.candidates.slice(0, 20)) checkIn(core, candidate.ticketNo);
    checkIn(core, day.candidates[3]!.ticketNo); // already admitted
    checkIn(core, day.candidates[45]!.ticketNo); // wrong room
    checkIn(core, '110105197001010019'); // invalid or unknown
    checkIn(core, day.candidates[45]!.ticketNo, '02'); // admitted in room 02
    const confirm = (confirmationId: 'briefing-held' | 'exam-started', actorStaffId: string, roomNo?: string) => {
      const result = core.handlers.confirmStep({ confirmationId, actorStaffId, ...(roomNo === undefined ? {} : { roomNo }) });
      if (!result.ok) throw new Error(result.error.message);
    };
    confirm('briefing-held', 'S001');
    confirm('exam-started', 'P0001', '01');
    confirm('exam-started', 'P0001', '01'); // idempotent: no second event
    confirm('exam-started', 'P0003', '02');
    for (const reference of ['08:39:00', '08:40:05']) {
      const check = core.handlers.recordClockCheck({ reference, actorStaffId: 'S001' });
      if (!check.ok) throw new Error(check.error.message);
    }
    checkIn(core, day.candidates[21]!.ticketNo); // carries the offset
    const incremental = dumpProjection(core.db);
    expect((incremental.proj_admissions ?? []).length).toBe(22);
    expect((incremental.proj_confirmations ?? []).length).toBe(3);
    expect(incremental.proj_clock_offsets).toEqual([{ device_id: core.deviceId, offset_ms: -5_000, at: expect.any(String), seq: expect.any(Number) }]);
    expect((incremental.proj_room_activity ?? []).length).toBe(2);
    rebuildProjections(core.db);
    expect(dumpProjection(core.db)).toEqual(incremental);
  });

  it('reads back WAL and synchronous=FULL on every connection', () => {
    const file = join(temp.dir, DATABASE_FILE);
    for (let i = 0; i < 3; i += 1) {
      const db = openDatabase(file, { key: databaseKeyOf(temp.dir) });
      expect(db.pragma('journal_mode', { simple: true })).toBe('wal');
      expect(db.pragma('synchronous', { simple: true })).toBe(2);
      db.close();
    }
    expect(core.db.pragma('journal_mode', { simple: true })).toBe('wal');
    expect(core.db.pragma('synchronous', { simple: true })).toBe(2);
  });

  it('keeps the device identity and the chain across reopening', () => {
    checkIn(core, day.candidates[0]!.ticketNo);
    const deviceId = core.deviceId;
    core.close();
    core = openCore({ dataDir: temp.dir });
    expect(core.deviceId).toBe(deviceId);
    expect(checkIn(core, day.candidates[0]!.ticketNo).verdict.kind).toBe('already-admitted');
    checkIn(core, day.candidates[1]!.ticketNo);
    expect(verifyEventLog(core.db).ok).toBe(true);
  });
});
