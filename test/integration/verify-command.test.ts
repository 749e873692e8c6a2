import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import Database from 'better-sqlite3-multiple-ciphers';
import { createHash, generateKeyPairSync, sign } from 'node:crypto';
import { existsSync, readdirSync, readFileSync, rmSync, truncateSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { VerifyReport } from '../../shared/api/contract';
import { runVerifyCommand } from '../../electron/cli/verify-command';
import { DATABASE_FILE, openCore, type Core } from '../../electron/core/core';
import { keyFingerprint, readOwnPublicKey } from '../../electron/core/device-key';
import { MIGRATIONS } from '../../electron/core/migrations';
import { runMigrations } from '../../electron/core/migrations/run-migrations';
import { keepReceipt } from '../../electron/sync/sync-log';
import { PROTOCOL_VERSION, signReceipt } from '../../shared/sync/protocol';
import { sha256Hex } from '../../electron/core/device-key';
import { fixtureDay, fixtureDayEvents } from '../support/fixture-day';
import { testPng } from '../support/photo-files';
import { makeTempDir } from '../support/temp-dir';
import { databaseKeyOf, openRawDatabase } from '../support/raw-database';

/** A tiny PNG header followed by filler: enough for the photo type check. */
const day = fixtureDay(3);
const APPEND_ONLY_TRIGGERS = ['events_refuse_update', 'events_refuse_delete', 'devices_refuse_update', 'devices_refuse_delete'];

describe('examday verify: an audit that reads, never writes, and sees what lives beside the events', () => {
  let temp: ReturnType<typeof makeTempDir>;
  let file: string;

  /** A real day on disk, with a photo and two admissions, written through the core; the app then closed. */
  beforeEach(() => {
    temp = makeTempDir();
    file = join(temp.dir, DATABASE_FILE);
    const core = openCore({ dataDir: temp.dir, now: () => new Date(2026, 10, 25, 8, 10) });
    core.commit(fixtureDayEvents(day));
    const photo = core.handlers.attachCandidatePhotos({ photos: [{ key: day.candidates[0]!.ticketNo, dataBase64: Buffer.from(testPng(7)).toString('base64') }] });
    expect(photo).toMatchObject({ ok: true, value: { attached: 1 } });
    for (const candidate of day.candidates.slice(0, 2)) {
      expect(core.handlers.checkIn({ roomNo: '01', input: candidate.ticketNo, method: 'scanner', actorStaffId: 'P0002' }).ok).toBe(true);
    }
    core.close();
  });
  afterEach(() => temp.remove());

  async function verify(dir = temp.dir): Promise<{ code: number; report: VerifyReport; lines: string[] }> {
    const json: string[] = [];
    const code = await runVerifyCommand(['--data', dir, '--json'], (line) => json.push(line));
    const lines: string[] = [];
    expect(await runVerifyCommand(['--data', dir], (line) => lines.push(line))).toBe(code);
    return { code, report: JSON.parse(json[0]!) as VerifyReport, lines };
  }

  /** What an attacker with the file does: opens it with plain SQLite, triggers out of the way, then puts them back. */
  function tamper(edit: (db: Database.Database) => void): void {
    const db = openRawDatabase(temp.dir);
    const triggers = APPEND_ONLY_TRIGGERS.map((name) => db.prepare("SELECT sql FROM sqlite_master WHERE type = 'trigger' AND name = ?").pluck().get(name) as string);
    for (const name of APPEND_ONLY_TRIGGERS) db.exec(`DROP TRIGGER ${name}`);
    edit(db);
    for (const sql of triggers) db.exec(sql);
    db.close();
  }

  const sha256 = (path: string): string => createHash('sha256').update(readFileSync(path)).digest('hex');
  const kinds = (report: VerifyReport): string[] => (report.problems ?? []).map((p) => p.kind);

  it('passes an intact day, names each device key with its fingerprint and where the trust comes from', async () => {
    const { code, report, lines } = await verify();
    expect(code).toBe(0);
    expect(report).toMatchObject({ ok: true, problems: [], devices: 1, schemaVersion: MIGRATIONS.length });
    const own = readOwnPublicKey(temp.dir, databaseKeyOf(temp.dir))!;
    expect(report.deviceKeys).toEqual([{ deviceId: expect.any(String), fingerprint: keyFingerprint(own), trust: 'own-key-file', events: report.eventsChecked }]);
    expect(lines[0]).toMatch(/^完好/);
    expect(lines.join('\n')).toContain(`公钥指纹 ${keyFingerprint(own)}（来源：本机密钥文件）`);

    // Without the key file (an auditor's copy of the database only) the same key is merely learned.
    rmSync(join(temp.dir, 'device-key.pem'));
    expect((await verify()).report.deviceKeys?.[0]?.trust).toBe('learned');
  });

  it('leaves the folder byte for byte as it was: no -wal, no -shm, no migration (app closed)', async () => {
    const before = sha256(file);
    const entries = readdirSync(temp.dir).sort();
    expect((await verify()).code).toBe(0);
    expect(sha256(file)).toBe(before);
    expect(readdirSync(temp.dir).sort()).toEqual(entries);
  });

  it('reads a live log in place without writing its database file (app running, -wal present)', async () => {
    const core: Core = openCore({ dataDir: temp.dir, now: () => new Date(2026, 10, 25, 8, 12) });
    try {
      expect(core.handlers.checkIn({ roomNo: '01', input: day.candidates[2]!.ticketNo, method: 'scanner', actorStaffId: 'P0002' }).ok).toBe(true);
      expect(existsSync(`${file}-wal`)).toBe(true);
      const before = [sha256(file), sha256(`${file}-wal`)];
      const { code, report } = await verify();
      expect(code).toBe(0);
      expect(report.eventsChecked).toBe((core.db.prepare('SELECT COUNT(*) FROM events').pluck().get() as number));
      expect([sha256(file), sha256(`${file}-wal`)]).toEqual(before);
    } finally {
      core.close();
    }
  });

  it('finds a log re-signed with another key once the device key row was replaced', async () => {
    const forger = generateKeyPairSync('ed25519');
    const forgedKey = forger.publicKey.export({ type: 'spki', format: 'der' }).toString('hex');
    tamper((db) => {
      const rows = db.prepare('SELECT id, hash FROM events').all() as { id: string; hash: string }[];
      const resign = db.prepare('UPDATE events SET sig = ? WHERE id = ?');
      for (const row of rows) resign.run(sign(null, Buffer.from(row.hash, 'hex'), forger.privateKey).toString('hex'), row.id);
      db.prepare('UPDATE devices SET public_key = ?').run(forgedKey);
    });
    const { code, report, lines } = await verify();
    expect(code).toBe(1);
    expect(kinds(report)).toContain('device-key');
    expect(report.problems?.find((p) => p.kind === 'device-key')?.message).toMatch(/公钥与设备标识不符/);
    expect(report.firstBroken?.reason).toMatch(/公钥记录不可信/);
    // Verified on the device that wrote it, the key file says so as well.
    expect(report.problems?.some((p) => p.message.includes('与本机密钥文件不符'))).toBe(true);
    expect(report.deviceKeys?.[0]).toMatchObject({ fingerprint: keyFingerprint(forgedKey), trust: 'learned' });
    expect(lines[0]).toMatch(/^已损坏/);
  });

  it('finds one event whose signature was replaced, though the audit runs while the pool checks signatures', async () => {
    const forger = generateKeyPairSync('ed25519');
    tamper((db) => {
      const row = db.prepare('SELECT id, seq, hash FROM events ORDER BY seq LIMIT 1 OFFSET 3').get() as { id: string; seq: number; hash: string };
      db.prepare('UPDATE events SET sig = ? WHERE id = ?').run(sign(null, Buffer.from(row.hash, 'hex'), forger.privateKey).toString('hex'), row.id);
    });
    const { code, report } = await verify();
    expect(code).toBe(1);
    expect(report.firstBroken).toMatchObject({ seq: 4, reason: '签名无效' });
    expect(kinds(report)).toEqual(['chain']);
  });

  it("finds a photo whose bytes were replaced in candidate_photos", async () => {
    tamper((db) => db.prepare('UPDATE candidate_photos SET bytes = ?').run(Buffer.from(testPng(8))));
    const { code, report } = await verify();
    expect(code).toBe(1);
    expect(report.problems).toEqual([expect.objectContaining({ kind: 'photo', message: expect.stringMatching(/内容被改动/) })]);
    expect(report.firstBroken).toBeUndefined();
  });

  it('finds a projection row deleted, and names the row by its key only', async () => {
    tamper((db) => db.prepare('DELETE FROM proj_admissions WHERE ticket_no = ?').run(day.candidates[1]!.ticketNo));
    const { code, report } = await verify();
    expect(code).toBe(1);
    expect(report.problems).toEqual([
      expect.objectContaining({ kind: 'projection', message: expect.stringContaining(`proj_admissions 缺少 ticket_no=${day.candidates[1]!.ticketNo} 的行`) }),
    ]);
  });

  it('finds a changed candidate row without printing the ID number', async () => {
    const candidate = day.candidates[0]!;
    tamper((db) => db.prepare("UPDATE proj_candidates SET room_no = '02' WHERE ticket_no = ?").run(candidate.ticketNo));
    const { code, report, lines } = await verify();
    expect(code).toBe(1);
    expect(report.problems?.[0]?.message).toContain('列 room_no 被改动');
    expect(lines.join('\n')).not.toContain(candidate.idNumber);
  });

  it('finds two events of one device stored in swapped order', async () => {
    tamper((db) => {
      const [a, b] = db.prepare('SELECT local_order FROM events ORDER BY local_order DESC LIMIT 2').pluck().all() as number[];
      const move = db.prepare('UPDATE events SET local_order = ? WHERE local_order = ?');
      move.run(-1, a);
      move.run(a, b);
      move.run(b, -1);
    });
    const { code, report } = await verify();
    expect(code).toBe(1);
    expect(kinds(report)).toContain('storage-order');
    expect(report.problems?.find((p) => p.kind === 'storage-order')?.message).toMatch(/存储顺序被调换/);
  });

  it('finds an append-only trigger dropped', async () => {
    const db = openRawDatabase(temp.dir);
    db.exec('DROP TRIGGER events_refuse_delete');
    db.close();
    const { code, report } = await verify();
    expect(code).toBe(1);
    expect(report.problems).toEqual([{ kind: 'schema', message: '缺少触发器 events_refuse_delete（只可追加的保护被移除）' }]);
  });

  it('finds an append-only trigger rewritten to let everything through', async () => {
    const db = openRawDatabase(temp.dir);
    db.exec('DROP TRIGGER events_refuse_update; CREATE TRIGGER events_refuse_update BEFORE UPDATE ON events WHEN 0 BEGIN SELECT 1; END;');
    db.close();
    expect((await verify()).report.problems).toEqual([{ kind: 'schema', message: '触发器 events_refuse_update 的定义被改动' }]);
  });

  /**
   * What a door holds after a push (door-client.ts): the office's key pinned and the receipt it
   * signed for all of this door's events, kept as sync keeps it. The office is a real second core.
   */
  function keepOfficeReceipt(): { heldSeq: number } {
    const officeDir = makeTempDir();
    try {
      const office = openCore({ dataDir: officeDir.dir, now: () => new Date(2026, 10, 25, 8, 15) });
      const door = openCore({ dataDir: temp.dir, now: () => new Date(2026, 10, 25, 8, 15) });
      try {
        expect(door.foreign.pin([{ deviceId: office.deviceId, publicKeyHex: office.key.publicKeyHex }])).toEqual({ ok: true });
        const head = door.db.prepare('SELECT seq, hash FROM events WHERE device_id = ? ORDER BY seq DESC LIMIT 1').get(door.deviceId) as { seq: number; hash: string };
        const receipt = signReceipt(
          { kind: 'receipt', protocolVersion: PROTOCOL_VERSION, receiverDeviceId: office.deviceId, heads: { [door.deviceId]: head }, at: '2026-11-25T00:15:00.000Z' },
          { sha256Hex, signHash: (hash) => office.key.signHash(hash) },
        );
        expect(keepReceipt(door.db, receipt, door.now())).toBe(true);
        return { heldSeq: head.seq };
      } finally {
        door.close();
        office.close();
      }
    } finally {
      officeDir.remove();
    }
  }

  it('reads the receipts it holds: a log cut after a sync shows against the receipt for its tail', async () => {
    const { heldSeq } = keepOfficeReceipt();
    expect((await verify())).toMatchObject({ code: 0, report: { ok: true } });

    tamper((db) => {
      const own = db.prepare("SELECT value FROM meta WHERE key = 'own_device_id'").pluck().get() as string;
      db.prepare('DELETE FROM events WHERE device_id = ? AND seq > ?').run(own, heldSeq - 2);
    });
    const { code, report, lines } = await verify();
    expect(code).toBe(1);
    const cut = report.problems?.find((p) => p.kind === 'receipt');
    expect(cut?.message).toMatch(new RegExp(`^本机记录被截断：设备 [0-9a-f]{6} 于 2026-11-25T00:15:00.000Z 签发的收据表明它已收到本机第 ${heldSeq} 条，本机只有到第 ${heldSeq - 2} 条$`));
    expect(lines.join('\n')).toContain('问题［同步收据］本机记录被截断');

    // The same without the key file (an auditor's copy): the folder's meta names its own device.
    rmSync(join(temp.dir, 'device-key.pem'));
    expect((await verify()).report.problems?.some((p) => p.kind === 'receipt' && p.message.startsWith('本机记录被截断'))).toBe(true);
  });

  it('reports a receipt whose signature does not verify, and trusts nothing it claims', async () => {
    const { heldSeq } = keepOfficeReceipt();
    const db = openRawDatabase(temp.dir);
    const trigger = db.prepare("SELECT sql FROM sqlite_master WHERE name = 'sync_receipts_refuse_update'").pluck().get() as string;
    db.exec('DROP TRIGGER sync_receipts_refuse_update');
    // A forger raises the claim to cover more than the log holds, without the office's key to re-sign.
    const heads = JSON.parse(db.prepare('SELECT heads FROM sync_receipts').pluck().get() as string) as Record<string, { seq: number; hash: string }>;
    for (const head of Object.values(heads)) head.seq = heldSeq + 5;
    db.prepare('UPDATE sync_receipts SET heads = ?').run(JSON.stringify(heads));
    db.exec(trigger);
    db.close();
    const { code, report } = await verify();
    expect(code).toBe(1);
    expect(report.problems).toEqual([
      { kind: 'receipt', deviceId: expect.any(String), message: expect.stringMatching(/签发的收据（第 1 张）签名无效（签名与内容不符）：收据被伪造或改动$/) },
    ]);
  });

  async function expectUnreadable(why: RegExp): Promise<void> {
    const lines: string[] = [];
    expect(await runVerifyCommand(['--data', temp.dir], (line) => lines.push(line))).toBe(2);
    expect(lines).toHaveLength(1);
    expect(lines[0]).toMatch(/^无法读取数据库 /);
    expect(lines[0]).toMatch(why);
    const json: string[] = [];
    expect(await runVerifyCommand(['--data', temp.dir, '--json'], (line) => json.push(line))).toBe(2);
    expect(JSON.parse(json[0]!)).toEqual({ ok: false, unreadable: lines[0] });
  }

  it('answers exit 2 and one line for random bytes, a non-SQLite file and an empty file', async () => {
    writeFileSync(file, Buffer.from(Array.from({ length: 8192 }, (_, i) => (i * 131 + 17) % 256)));
    await expectUnreadable(/不是 SQLite 数据库/);
    writeFileSync(file, '准考证号,姓名\n2026001,王伟\n');
    await expectUnreadable(/不是 SQLite 数据库/);
    writeFileSync(file, '');
    await expectUnreadable(/不是考务现场的数据库/);
  });

  it('answers exit 2 and one line for a truncated SQLite file', async () => {
    truncateSync(file, Math.floor(readFileSync(file).length / 2));
    await expectUnreadable(/损坏|截断/);
  });

  it('answers exit 2 for a database from a newer version, and leaves it alone', async () => {
    const db = openRawDatabase(temp.dir);
    db.pragma(`user_version = ${MIGRATIONS.length + 1}`);
    db.close();
    const before = sha256(file);
    await expectUnreadable(new RegExp(`第 ${MIGRATIONS.length + 1} 版，比本程序支持的第 ${MIGRATIONS.length} 版新`));
    expect(sha256(file)).toBe(before);
  });

  it('verifies a database from an older version as it is, without migrating it', async () => {
    // The same events and key in a file built by the migrations before the last one.
    const source = openRawDatabase(temp.dir, { readonly: true });
    const events = source.prepare('SELECT * FROM events ORDER BY local_order').all() as Record<string, unknown>[];
    const devices = source.prepare('SELECT * FROM devices').all() as Record<string, unknown>[];
    const photos = source.prepare('SELECT * FROM candidate_photos').all() as Record<string, unknown>[];
    source.close();
    rmSync(file);
    const older = new Database(file);
    older.pragma('journal_mode = WAL');
    runMigrations(older, MIGRATIONS.slice(0, -1));
    const columns = Object.keys(events[0]!);
    const insert = older.prepare(`INSERT INTO events (${columns.join(', ')}) VALUES (${columns.map((c) => `@${c}`).join(', ')})`);
    for (const event of events) insert.run(event);
    for (const device of devices) older.prepare('INSERT INTO devices VALUES (@device_id, @public_key, @first_seen_at)').run(device);
    for (const photo of photos) older.prepare('INSERT INTO candidate_photos VALUES (@sha256, @mime, @bytes)').run(photo);
    older.close();
    const before = sha256(file);

    const { code, report } = await verify();
    expect(code).toBe(0);
    expect(report).toMatchObject({ ok: true, eventsChecked: events.length, schemaVersion: MIGRATIONS.length - 1 });
    expect(report.notes?.[0]).toMatch(/旧版程序生成，未与重建结果比较/);
    expect(sha256(file)).toBe(before);
  });
});
