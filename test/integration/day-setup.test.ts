import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { openCoreHost, type CoreHost } from '../../electron/core/core-host';
import { verifyEventLog } from '../../electron/core/verify-log';
import { rebuildProjections } from '../../electron/core/projection';
import { dumpProjection } from '../../electron/core/sqlite-projection-store';
import { FIXTURE_PLAN_FORM as planForm, fixtureDay } from '../support/fixture-day';
import { makeTempDir } from '../support/temp-dir';
import { testPng } from '../support/photo-files';
import { alteredInside, sealedHolds, unsealed } from '../support/sealed';
import { DatabaseKey } from '../../electron/core/database-key';
import { createDeviceKeyFile } from '../../electron/core/device-key';


const png = (seed: number): string => Buffer.from(testPng(seed)).toString('base64');

describe('setting up the day and handing it to a door laptop', () => {
  let office: ReturnType<typeof makeTempDir>;
  let door: ReturnType<typeof makeTempDir>;
  let officeHost: CoreHost;
  const day = fixtureDay(40);
  beforeEach(() => {
    office = makeTempDir();
    door = makeTempDir();
    officeHost = openCoreHost({ dataDir: office.dir, now: () => new Date(2026, 10, 25, 7, 0) });
  });
  afterEach(() => {
    officeHost.close();
    office.remove();
    door.remove();
  });

  const setUp = (): void => {
    const h = officeHost.handlers;
    expect(h.savePlan({ plan: planForm })).toMatchObject({ ok: true });
    const imported = h.importRoster({ rooms: day.rooms, candidates: day.candidates });
    // Two rooms, then the 40 candidates in one 'candidates.registered' event.
    expect(imported).toEqual({ ok: true, value: { rooms: 2, candidates: 40, events: 3 } });
    expect(h.registerStaff({ staff: day.staff.map(({ badgeCode: _b, ...s }) => s) })).toMatchObject({ ok: true, value: { registered: day.staff.length } });
    expect(h.attachCandidatePhotos({ photos: [{ key: day.candidates[0]!.ticketNo, dataBase64: png(3) }] })).toMatchObject({ ok: true });
  };

  it('refuses a plan whose end is not after its start, and a roster before the plan', () => {
    const h = officeHost.handlers;
    expect(h.importRoster({ rooms: day.rooms, candidates: day.candidates })).toMatchObject({ ok: false, error: { message: expect.stringContaining('考试计划') } });
    setUp();
    const day2 = h.getDay({});
    expect(day2.ok && day2.value.staff.every((s) => /^KW-[0-9A-Z]{8}$/.test(s.badgeCode ?? ''))).toBe(true);
    // A batch of candidates folds like single ones: a rebuild gives the same projection.
    expect(officeHost.real.store.listCandidatesInRoom('02')).toHaveLength(10);
    const live = dumpProjection(officeHost.real.db);
    rebuildProjections(officeHost.real.db);
    expect(dumpProjection(officeHost.real.db)).toEqual(live);
    // Saving the staff again keeps each badge code.
    const before = day2.ok ? day2.value.staff.map((s) => s.badgeCode) : [];
    h.registerStaff({ staff: day.staff });
    const after = h.getDay({});
    expect(after.ok ? after.value.staff.map((s) => s.badgeCode) : []).toEqual(before);
  });

  it('commits a roster all or nothing: one bad candidate changes nothing', () => {
    const h = officeHost.handlers;
    h.savePlan({ plan: planForm });
    const events = (): number => (officeHost.real.db.prepare('SELECT COUNT(*) AS n FROM events').get() as { n: number }).n;
    const count = events();
    const bad = day.candidates.map((c, i) => (i === 17 ? { ...c, idNumber: `${c.idNumber.slice(0, 17)}${c.idNumber.endsWith('0') ? '1' : '0'}` } : c));
    const refused = h.importRoster({ rooms: day.rooms, candidates: bad });
    expect(refused).toMatchObject({ ok: false, error: { code: 'invalid-input', message: expect.stringContaining(day.candidates[17]!.ticketNo) } });
    const seatTwice = day.candidates.map((c, i) => (i === 1 ? { ...c, seatNo: 1 } : c));
    expect(h.importRoster({ rooms: day.rooms, candidates: seatTwice })).toMatchObject({ ok: false, error: { message: expect.stringContaining('座位已有人') } });
    expect(events()).toBe(count);
    expect(officeHost.real.store.countCandidates()).toBe(0);
  });

  it('exports a signed package that a door laptop loads and checks a candidate in with', () => {
    setUp();
    const exported = officeHost.handlers.exportDayPackage({});
    if (!exported.ok) throw new Error(exported.error.message);
    expect(exported.value.photos).toBe(1);

    // The door laptop starts on the sample day's place: its own record is archived, then the package loads.
    const doorHost = openCoreHost({ dataDir: door.dir, now: () => new Date(2026, 10, 25, 8, 10) });
    try {
      doorHost.handlers.savePlan({ plan: { ...planForm, planName: '旧的一天' } });
      const { content } = exported.value;
      const passphrase = exported.value.passphrase ?? ''; // no door named: sealed by passphrase
      const loaded = doorHost.handlers.importDayPackage({ content, passphrase });
      expect(loaded).toMatchObject({ ok: true, value: { planName: '20261125 保育师', eventsImported: exported.value.events, photos: 1 } });
      expect(loaded.ok && loaded.value.archivedTo !== null && existsSync(join(loaded.value.archivedTo, 'examday.sqlite'))).toBe(true);
      const c = day.candidates[3]!;
      // The door may ask for the ID after the ticket (准考证 and ID, 第十九条): show both.
      let verdict = doorHost.handlers.checkIn({ roomNo: c.roomNo, input: c.ticketNo, method: 'typed', actorStaffId: 'P0002' });
      if (verdict.ok && verdict.value.verdict.kind !== 'admitted') {
        verdict = doorHost.handlers.checkIn({ roomNo: c.roomNo, input: c.idNumber, method: 'typed', actorStaffId: 'P0002' });
      }
      expect(verdict).toMatchObject({ ok: true, value: { verdict: { kind: 'admitted' } } });
      expect(doorHost.handlers.getCandidatePhoto({ ticketNo: day.candidates[0]!.ticketNo })).toMatchObject({ ok: true });
      expect(verifyEventLog(doorHost.real.db)).toMatchObject({ ok: true, devices: 2 });
      // Loading it again adds nothing and keeps the door's own check-in.
      expect(doorHost.handlers.importDayPackage({ content, passphrase })).toMatchObject({ ok: true, value: { eventsImported: 0, archivedTo: null } });
      expect(doorHost.real.store.getAdmission(c.ticketNo)).toBeDefined();
    } finally {
      doorHost.close();
    }
  });

  it('carries no name or ID number on the USB stick: the file is sealed, the passphrase only on the office screen', () => {
    setUp();
    const exported = officeHost.handlers.exportDayPackage({});
    if (!exported.ok) throw new Error(exported.error.message);
    const { content } = exported.value;
    const passphrase = exported.value.passphrase ?? ''; // no door named: sealed by passphrase
    expect(passphrase).toMatch(/^[0-9A-Z]{4}(-[0-9A-Z]{4}){3}$/);
    expect(JSON.parse(content)).toMatchObject({ format: 'examday-sealed', kind: 'day-package', sender: { deviceId: officeHost.real.deviceId } });
    for (const c of day.candidates) {
      expect(sealedHolds(content, c.idNumber)).toBe(false);
      expect(sealedHolds(content, c.idNumber.slice(-6))).toBe(false);
      expect(sealedHolds(content, c.name)).toBe(false);
    }
    expect(sealedHolds(content, passphrase)).toBe(false);
    // Each export has its own passphrase.
    const again = officeHost.handlers.exportDayPackage({});
    expect(again.ok && again.value.passphrase).not.toBe(passphrase);
  });

  it('tells a wrong passphrase from a damaged or altered file, and refuses a plain package, storing nothing', () => {
    setUp();
    const exported = officeHost.handlers.exportDayPackage({});
    if (!exported.ok) throw new Error(exported.error.message);
    const { content } = exported.value;
    const passphrase = exported.value.passphrase ?? ''; // no door named: sealed by passphrase
    const doorHost = openCoreHost({ dataDir: door.dir });
    try {
      const load = (file: string, typed = passphrase) => doorHost.handlers.importDayPackage({ content: file, passphrase: typed });
      const wrong = passphrase.replace(/^./, (c) => (c === 'A' ? 'B' : 'A'));
      expect(load(content, wrong)).toEqual({ ok: false, error: { code: 'invalid-input', message: '口令不正确：请核对导出方屏幕上显示的口令' } });
      expect(doorHost.handlers.inspectDayPackage({ content, passphrase: wrong })).toMatchObject({ ok: false, error: { message: expect.stringMatching(/^口令不正确/) } });
      expect(load(content, '1234')).toMatchObject({ ok: false, error: { message: '口令应为 16 个字符（现为 4 个）' } });
      const envelope = JSON.parse(content) as { ciphertext: string };
      const bytes = Buffer.from(envelope.ciphertext, 'base64');
      bytes.writeUInt8(bytes.readUInt8(bytes.length >> 1) ^ 0x20, bytes.length >> 1);
      expect(load(JSON.stringify({ ...envelope, ciphertext: bytes.toString('base64') }))).toMatchObject({ ok: false, error: { message: expect.stringMatching(/^文件已损坏或被篡改/) } });
      expect(load(content.slice(0, content.length / 2))).toMatchObject({ ok: false, error: { message: expect.stringMatching(/^文件已损坏或被篡改.*不完整/) } });
      // A plain package (as earlier versions wrote it) is refused, not read.
      expect(load(unsealed('day-package', content, passphrase))).toMatchObject({ ok: false, error: { message: expect.stringContaining('没有加密') } });
      // The office's package sealed by another device's key: the envelope and the file inside disagree.
      const stranger = makeTempDir();
      try {
        const rewrapped = alteredInside('day-package', content, passphrase, createDeviceKeyFile(stranger.dir, DatabaseKey.generate()), (inner) => inner);
        expect(load(rewrapped)).toMatchObject({ ok: false, error: { message: '文件已损坏或被篡改：加密信封与其中的数据包不是同一台设备签发的' } });
      } finally {
        stranger.remove();
      }
      expect((doorHost.real.db.prepare('SELECT COUNT(*) AS n FROM events').get() as { n: number }).n).toBe(0);
      expect(load(content)).toMatchObject({ ok: true });
    } finally {
      doorHost.close();
    }
  });

  it('refuses a tampered, truncated or foreign package with a reason, and stores nothing', () => {
    setUp();
    const exported = officeHost.handlers.exportDayPackage({});
    if (!exported.ok) throw new Error(exported.error.message);
    const { content } = exported.value;
    const passphrase = exported.value.passphrase ?? ''; // no door named: sealed by passphrase
    const key = officeHost.real.key;
    const doorHost = openCoreHost({ dataDir: door.dir });
    try {
      const load = (file: string) => doorHost.handlers.importDayPackage({ content: file, passphrase });
      // Changed inside and sealed again with the right passphrase and key: the package's own signature catches it.
      const inside = (change: (inner: string) => string) => alteredInside('day-package', content, passphrase, key, change);
      const name = day.candidates[5]!.name;
      const renamed = inside((inner) => inner.replace(`"name":"${name}"`, `"name":"${name}X"`));
      expect(load(renamed)).toMatchObject({ ok: false, error: { message: expect.stringContaining('被改动') } });
      expect(load(inside((inner) => inner.slice(0, inner.length / 2)))).toMatchObject({ ok: false, error: { message: expect.stringContaining('无法读取') } });
      expect(load(content.slice(0, content.length / 2))).toMatchObject({ ok: false, error: { message: expect.stringContaining('文件已损坏或被篡改') } });
      expect(load('{"hello":1}')).toMatchObject({ ok: false, error: { message: '文件不是考试日数据包' } });
      const dropped = inside((inner) => {
        const pkg = JSON.parse(inner) as { events: unknown[] };
        return JSON.stringify({ ...pkg, events: pkg.events.slice(0, -1) });
      });
      expect(load(dropped)).toMatchObject({ ok: false, error: { message: expect.stringContaining('签名无效') } });
      const photo = inside((inner) => {
        const pkg = JSON.parse(inner) as { photos: { dataBase64: string }[] };
        return JSON.stringify({ ...pkg, photos: [{ ...pkg.photos[0]!, dataBase64: png(9) }] });
      });
      expect(load(photo)).toMatchObject({ ok: false, error: { message: expect.stringContaining('照片被改动') } });
      expect((doorHost.real.db.prepare('SELECT COUNT(*) AS n FROM events').get() as { n: number }).n).toBe(0);

      // A second office's package after the first one is refused.
      expect(load(content)).toMatchObject({ ok: true });
      const other = makeTempDir();
      const otherOffice = openCoreHost({ dataDir: other.dir });
      otherOffice.handlers.savePlan({ plan: planForm });
      otherOffice.handlers.importRoster({ rooms: day.rooms, candidates: day.candidates });
      const foreign = otherOffice.handlers.exportDayPackage({});
      otherOffice.close();
      other.remove();
      if (!foreign.ok) throw new Error(foreign.error.message);
      expect(doorHost.handlers.importDayPackage({ content: foreign.value.content, passphrase: foreign.value.passphrase })).toMatchObject({ ok: false, error: { message: expect.stringContaining('另一台考务办设备') } });
    } finally {
      doorHost.close();
    }
  });
});
