import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createHash, generateKeyPairSync, sign } from 'node:crypto';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { strFromU8, strToU8, unzipSync, zipSync, type Zippable } from 'fflate';
import { runVerifyArchiveCommand } from '../../electron/cli/verify-archive-command';
import { verifyDayArchive } from '../../electron/center/archive/verify-day-archive';
import { writeDayArchive, type DayArchiveInput } from '../../electron/center/archive/write-day-archive';
import { openCore } from '../../electron/core/core';
import type { PendingEvent } from '../../electron/core/core-context';
import { deviceIdFor, sha256Hex, type DeviceKey } from '../../electron/core/device-key';
import { rowToRawEvent, type EventRow } from '../../electron/core/event-log';
import { EVENTS_FILE, MANIFEST_FILE, MANIFEST_SIGNATURE_FILE, RECEIPTS_FILE } from '../../shared/center/archive-manifest';
import { PROTOCOL_VERSION, signReceipt, type Heads } from '../../shared/sync/protocol';
import { fixtureDay, fixtureDayEvents } from '../support/fixture-day';
import { makeTempDir } from '../support/temp-dir';
import { makeReceipt } from '../../electron/sync/sync-log';

/** An Ed25519 key as the center holds one. */
function centerKey(): Pick<DeviceKey, 'deviceId' | 'publicKeyHex' | 'signHash'> {
  const { privateKey, publicKey } = generateKeyPairSync('ed25519');
  const publicKeyHex = publicKey.export({ format: 'der', type: 'spki' }).toString('hex');
  return { deviceId: deviceIdFor(publicKeyHex), publicKeyHex, signHash: (hash) => sign(null, Buffer.from(hash, 'hex'), privateKey).toString('hex') };
}

const day = fixtureDay(12);
const center = centerKey();
const attacker = centerKey();
/** A real PDF's first bytes are enough: the archive hashes documents, it does not render them. */
const recordPdf = strToU8('%PDF-1.7\n% 考场情况记录单 01\n%%EOF\n');

describe('the day archive: one signed zip that verify-archive checks offline (issue 14 item 6)', () => {
  let temp: ReturnType<typeof makeTempDir>;
  let input: DayArchiveInput;
  let archive: Uint8Array;

  /** A real site log written through the core: the day, then admissions at room 01's door. */
  beforeAll(() => {
    temp = makeTempDir();
    const core = openCore({ dataDir: temp.dir, now: () => new Date(2026, 10, 25, 8, 10) });
    core.commit(fixtureDayEvents(day));
    const proctor = day.staff.find((s) => s.role === 'second-proctor')!;
    const admissions: PendingEvent[] = day.candidates.slice(0, 4).map((c) => ({
      type: 'checkin.attempted',
      payload: { roomNo: c.roomNo, input: { method: 'scanner', value: c.ticketNo }, verdict: 'admitted', ticketNo: c.ticketNo, document: 'ticket' },
      actor: { staffId: proctor.staffId, name: proctor.name, role: proctor.role },
    }));
    core.commit(admissions);
    const events = (core.db.prepare('SELECT * FROM events ORDER BY local_order').all() as EventRow[]).map(rowToRawEvent);
    const devices = (core.db.prepare('SELECT device_id, public_key FROM devices').all() as { device_id: string; public_key: string }[]).map((d) => ({
      deviceId: d.device_id,
      publicKeyHex: d.public_key,
      name: '考务办',
    }));
    const last = events[events.length - 1]!;
    const heads: Heads = { [core.deviceId]: { seq: last.seq as number, hash: last.hash as string } };
    const receipt = signReceipt(
      { kind: 'receipt', protocolVersion: PROTOCOL_VERSION, receiverDeviceId: center.deviceId, heads, at: '2026-11-25T10:30:00.000Z' },
      { sha256Hex, signHash: (hash) => center.signHash(hash) },
    );
    // The office's own receipt (sync-log.ts), as it answers every push: it names its own head too.
    const officeReceipt = makeReceipt(core.db, core.key, new Date('2026-11-25T10:20:00Z'));
    core.close();
    input = {
      day: { organisation: '北京市职业技能鉴定指导中心', planName: '2026年第4期', date: '2026-11-25' },
      center: { name: '北京市评价中心', key: center },
      events,
      devices,
      receipts: [officeReceipt, receipt],
      documents: [{ name: 'room-01.pdf', bytes: recordPdf }],
      createdAt: new Date('2026-11-26T09:00:00Z'),
    };
    archive = writeDayArchive(input);
  });
  afterAll(() => temp.remove());

  /** The zip's files, edited, zipped again: what someone with the file and fflate can do. */
  function edited(edit: (files: Record<string, Uint8Array>) => void, resign?: Pick<DeviceKey, 'publicKeyHex' | 'signHash'>): Uint8Array {
    const files = unzipSync(archive);
    edit(files);
    if (resign) {
      const manifest = JSON.parse(strFromU8(files[MANIFEST_FILE]!)) as { center: { publicKeyHex: string }; files: { path: string; sha256: string; bytes: number }[]; counts: { events: number } };
      manifest.center.publicKeyHex = resign.publicKeyHex;
      manifest.files = manifest.files.filter((f) => files[f.path]).map((f) => ({ path: f.path, sha256: sha256OfBytes(files[f.path]!), bytes: files[f.path]!.length }));
      manifest.counts.events = strFromU8(files[EVENTS_FILE]!).split('\n').filter(Boolean).length;
      files[MANIFEST_FILE] = strToU8(JSON.stringify(manifest));
      files[MANIFEST_SIGNATURE_FILE] = strToU8(resign.signHash(sha256OfBytes(files[MANIFEST_FILE])));
    }
    return zipSync(files as Zippable);
  }

  it('an untouched archive verifies: signature, every file, every event and the receipt', () => {
    const verdict = verifyDayArchive(archive, { pinnedCenterKeyHex: center.publicKeyHex });
    expect(verdict.problems).toEqual([]);
    expect(verdict.ok).toBe(true);
    expect(verdict.events).toBe(input.events.length);
    expect(Object.keys(unzipSync(archive)).sort()).toEqual(['devices.json', 'documents/room-01.pdf', 'events.jsonl', 'manifest.json', 'manifest.sig', 'receipts.json']);
  });

  it('a byte changed in one event fails with the file and the event named', () => {
    const tampered = edited((files) => {
      files[EVENTS_FILE] = strToU8(strFromU8(files[EVENTS_FILE]!).replace('"verdict":"admitted"', '"verdict":"wrong-room"'));
    });
    const verdict = verifyDayArchive(tampered);
    expect(verdict.ok).toBe(false);
    expect(verdict.problems).toContain('文件 events.jsonl 与清单的 sha256 不符（已被改动）');
    expect(verdict.problems.some((p) => p.includes('哈希不符'))).toBe(true);
  });

  it('the same change with the manifest re-signed by another key: the event hash still gives it away, and the pinned key too', () => {
    const tampered = edited((files) => {
      files[EVENTS_FILE] = strToU8(strFromU8(files[EVENTS_FILE]!).replace('"verdict":"admitted"', '"verdict":"wrong-room"'));
    }, attacker);
    expect(verifyDayArchive(tampered).problems.some((p) => p.includes('哈希不符'))).toBe(true);
    expect(verifyDayArchive(tampered, { pinnedCenterKeyHex: center.publicKeyHex }).problems[0]).toMatch(/另一把密钥/);
  });

  it('a removed file fails with its name', () => {
    const verdict = verifyDayArchive(edited((files) => delete files['documents/room-01.pdf']));
    expect(verdict.ok).toBe(false);
    expect(verdict.problems).toContain('缺少文件 documents/room-01.pdf（清单中有，存档中没有）');
  });

  it('a file slipped in fails with its name', () => {
    const verdict = verifyDayArchive(edited((files) => (files['documents/extra.pdf'] = recordPdf)));
    expect(verdict.problems).toContain('多出文件 documents/extra.pdf（清单中没有）');
  });

  it('the last events cut off and the manifest re-signed: the receipt shows the cut', () => {
    const tampered = edited((files) => {
      const lines = strFromU8(files[EVENTS_FILE]!).split('\n').filter(Boolean);
      files[EVENTS_FILE] = strToU8(lines.slice(0, -2).map((l) => `${l}\n`).join(''));
    }, attacker);
    const verdict = verifyDayArchive(tampered);
    expect(verdict.ok).toBe(false);
    expect(verdict.problems.some((p) => p.includes('回执') && p.includes('截断'))).toBe(true);
  });

  it('a receipt whose signature was changed is reported', () => {
    const verdict = verifyDayArchive(
      edited((files) => {
        const receipts = JSON.parse(strFromU8(files[RECEIPTS_FILE]!)) as { sig: string }[];
        receipts[0]!.sig = receipts[0]!.sig.replace(/^./, (c) => (c === '0' ? '1' : '0'));
        files[RECEIPTS_FILE] = strToU8(JSON.stringify(receipts));
      }, center),
    );
    expect(verdict.problems.some((p) => p.includes('回执') && p.includes('签名无效'))).toBe(true);
  });

  it('the CLI: 0 intact, 1 tampered, 2 unreadable, with the reason in one line', () => {
    const good = join(temp.dir, 'day.zip');
    const bad = join(temp.dir, 'bad.zip');
    const junk = join(temp.dir, 'junk.zip');
    writeFileSync(good, archive);
    writeFileSync(bad, edited((files) => delete files['documents/room-01.pdf']));
    writeFileSync(junk, 'not a zip');
    const out: string[] = [];
    expect(runVerifyArchiveCommand([good, '--center-key', center.publicKeyHex], (l) => out.push(l))).toBe(0);
    expect(out[0]).toMatch(/^完好：.*2026-11-25/);
    expect(runVerifyArchiveCommand([bad], (l) => out.push(l))).toBe(1);
    expect(out.at(-1)).toContain('缺少文件 documents/room-01.pdf');
    expect(runVerifyArchiveCommand([junk], (l) => out.push(l))).toBe(2);
    expect(out.at(-1)).toContain('不是 zip');
    expect(runVerifyArchiveCommand([join(temp.dir, 'none.zip')], (l) => out.push(l))).toBe(2);
    expect(out.at(-1)).toContain('文件不存在');
  });
});

function sha256OfBytes(bytes: Uint8Array): string {
  return createHash('sha256').update(bytes).digest('hex');
}
