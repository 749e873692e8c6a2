import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { openCoreHost, type CoreHost } from '../../electron/core/core-host';
import { keyFingerprintFor } from '../../electron/core/device-key';
import { eventHash } from '../../electron/core/event-log';
import { verifyEventLog } from '../../electron/core/verify-log';
import { signSyncFile, type SyncFile } from '../../electron/sync/sync-file';
import { FIXTURE_PLAN_FORM, fixtureDay } from '../support/fixture-day';
import { makeTempDir } from '../support/temp-dir';
import { alteredInside, sealedHolds, unsealed } from '../support/sealed';
import { unwrap } from '../support/await-result';

const day = fixtureDay(60);
const chief = 'S001';
const proctor = 'P0002';
const at = (h: number, m: number): Date => new Date(2026, 10, 25, h, m);

const hashOf = (unsigned: Record<string, unknown>): string => eventHash(unsigned as never);
const countEvents = (host: CoreHost): number => host.real.db.prepare('SELECT COUNT(*) FROM events').pluck().get() as number;
const countOf = (host: CoreHost, deviceId: string): number =>
  host.real.db.prepare('SELECT COUNT(*) FROM events WHERE device_id = ?').pluck().get(deviceId) as number;
const isPinned = (host: CoreHost, deviceId: string): boolean =>
  host.real.db.prepare('SELECT 1 FROM devices WHERE device_id = ?').get(deviceId) !== undefined;

describe('同步包: a USB file between a door and the office, with the checks of LAN sync', () => {
  let temps: ReturnType<typeof makeTempDir>[];
  let hosts: CoreHost[];
  const open = (clock: Date): CoreHost => {
    const temp = makeTempDir();
    temps.push(temp);
    const host = openCoreHost({ dataDir: temp.dir, now: () => clock }, { intervalMs: 3_600_000 });
    hosts.push(host);
    return host;
  };

  beforeEach(() => {
    temps = [];
    hosts = [];
  });
  afterEach(async () => {
    for (const host of hosts) {
      host.close();
      await host.sync.close();
    }
    for (const temp of temps) temp.remove();
  });

  function officeWithDay(plan = FIXTURE_PLAN_FORM): CoreHost {
    const office = open(at(7, 30));
    unwrap(office.handlers.savePlan({ plan }));
    unwrap(office.handlers.importRoster({ rooms: day.rooms, candidates: day.candidates }));
    unwrap(office.handlers.registerStaff({ staff: day.staff.map(({ staffId, name, role, roomNo }) => ({ staffId, name, role, ...(roomNo ? { roomNo } : {}) })) }));
    return office;
  }

  /** A door laptop that got the office's day by its day package (no LAN), and admitted `admitted` candidates. */
  function doorOf(office: CoreHost, admitted: number, from = 0): CoreHost {
    const door = open(at(8, 5));
    const { content, passphrase } = unwrap(office.handlers.exportDayPackage({}));
    unwrap(door.handlers.importDayPackage({ content, passphrase }));
    admit(door, admitted, from);
    return door;
  }

  function admit(door: CoreHost, count: number, from: number): void {
    for (const candidate of day.candidates.slice(from, from + count)) {
      unwrap(door.handlers.checkIn({ roomNo: candidate.roomNo, input: candidate.ticketNo, method: 'scanner', actorStaffId: proctor }));
      const verdict = unwrap(door.handlers.checkIn({ roomNo: candidate.roomNo, input: candidate.idNumber, method: 'scanner', actorStaffId: proctor }));
      expect(verdict.verdict.kind).toBe('admitted');
    }
  }

  const fingerprintOf = (host: CoreHost): string => keyFingerprintFor(host.real.key.publicKeyHex);
  /** A sealed 同步包 and the passphrase its exporting screen showed (null: sealed to the office's key). */
  type Carried = { content: string; passphrase: string | null };
  const importAt = (office: CoreHost, { content, passphrase }: Carried, door: CoreHost) =>
    office.handlers.importSyncFile({ content, passphrase, confirmedFingerprint: fingerprintOf(door), actorStaffId: chief });
  const fileIn = ({ content, passphrase }: Carried): SyncFile => JSON.parse(unsealed('sync-file', content, passphrase)) as SyncFile;
  /** The file inside changed by `change`, signed again and sealed again by `door` (so only the event checks can catch it). */
  const alteredAndResigned = (carried: Carried, door: CoreHost, change: (file: SyncFile) => void): Carried => ({
    passphrase: carried.passphrase,
    content: alteredInside('sync-file', carried.content, carried.passphrase, door.real.key, (inner) => {
      const { sig: _sig, ...file } = JSON.parse(inner) as SyncFile;
      change(file as SyncFile);
      return JSON.stringify(signSyncFile(file, (hash) => door.real.key.signHash(hash)));
    }),
  });
  /** The file inside changed without signing it again, sealed again by `door`. */
  const alteredInsideOnly = (carried: Carried, door: CoreHost, change: (file: SyncFile) => void): Carried => ({
    passphrase: carried.passphrase,
    content: alteredInside('sync-file', carried.content, carried.passphrase, door.real.key, (inner) => {
      const file = JSON.parse(inner) as SyncFile;
      change(file);
      return JSON.stringify(file);
    }),
  });

  it('carries a door’s record to the office once: the fingerprint compared, n stored, then nothing the second time', () => {
    const office = officeWithDay();
    const door = doorOf(office, 5);
    const doorEvents = countOf(door, door.real.deviceId);
    expect(doorEvents).toBe(10);

    const exported = unwrap(door.handlers.exportSyncFile({ scope: 'all' }));
    expect(exported.fileName).toBe(`同步包_2026-11-25_${door.real.deviceId.slice(0, 8)}.examday-sync.json`);
    expect(exported.events).toBe(countEvents(door));

    const before = countEvents(office);
    const inspected = unwrap(office.handlers.inspectSyncFile({ content: exported.content, passphrase: exported.passphrase }));
    expect(inspected).toEqual({
      fromDeviceId: door.real.deviceId,
      fromName: null,
      fingerprint: fingerprintOf(door),
      needsConfirmation: true,
      planName: FIXTURE_PLAN_FORM.planName,
      events: exported.events,
      newEvents: doorEvents,
    });
    expect(countEvents(office)).toBe(before);

    const first = unwrap(importAt(office, exported, door));
    expect(first).toEqual({ stored: doorEvents, alreadyHeld: exported.events - doorEvents, forks: 0 });
    const candidate = day.candidates[0]!;
    expect(office.real.store.getAdmission(candidate.ticketNo)?.deviceId).toBe(door.real.deviceId);
    // The import is on the record, by whom and with the fingerprint compared.
    const fact = office.real.db.prepare("SELECT actor, payload FROM events WHERE type = 'sync.file-imported'").all() as { actor: string; payload: string }[];
    expect(fact).toHaveLength(1);
    expect(JSON.parse(fact[0]!.payload)).toEqual({ fromDeviceId: door.real.deviceId, fingerprintConfirmed: true, events: exported.events, stored: doorEvents, forks: 0 });
    expect(JSON.parse(fact[0]!.actor)).toMatchObject({ staffId: chief });
    expect(verifyEventLog(office.real.db).ok).toBe(true);

    // The key is pinned now: no fingerprint to compare, and the same file changes nothing.
    const afterFirst = countEvents(office);
    const { content, passphrase } = exported;
    expect(unwrap(office.handlers.inspectSyncFile({ content, passphrase }))).toMatchObject({ needsConfirmation: false, newEvents: 0 });
    const second = unwrap(office.handlers.importSyncFile({ content, passphrase, actorStaffId: chief }));
    expect(second).toEqual({ stored: 0, alreadyHeld: exported.events, forks: 0 });
    expect(countEvents(office)).toBe(afterFirst);
    expect(office.real.db.prepare('SELECT COUNT(*) FROM sync_receipts').pluck().get()).toBe(1);
  });

  it('is sealed on the USB stick: no name or ID number in its bytes; a wrong passphrase and an altered file told apart', () => {
    const office = officeWithDay();
    const door = doorOf(office, 5);
    const exported = unwrap(door.handlers.exportSyncFile({ scope: 'all' }));
    const { content, passphrase } = exported;
    expect(JSON.parse(content)).toMatchObject({ format: 'examday-sealed', kind: 'sync-file', sender: { deviceId: door.real.deviceId } });
    // The file carries the whole roster (the office's events): none of it readable.
    expect(fileIn(exported).events.length).toBe(exported.events);
    for (const c of day.candidates) {
      expect(sealedHolds(content, c.idNumber)).toBe(false);
      expect(sealedHolds(content, c.name)).toBe(false);
    }
    const before = countEvents(office);
    const wrong = (passphrase ?? '').replace(/.$/, (c) => (c === 'A' ? 'B' : 'A'));
    expect(office.handlers.inspectSyncFile({ content, passphrase: wrong })).toEqual({ ok: false, error: { code: 'invalid-input', message: '口令不正确：请核对导出方屏幕上显示的口令' } });
    expect(importAt(office, { content, passphrase: wrong }, door)).toMatchObject({ ok: false, error: { message: expect.stringMatching(/^口令不正确/) } });
    const envelope = JSON.parse(content) as { tag: string };
    const tag = Buffer.from(envelope.tag, 'base64');
    tag.writeUInt8(tag.readUInt8(0) ^ 1, 0);
    expect(importAt(office, { content: JSON.stringify({ ...envelope, tag: tag.toString('base64') }), passphrase }, door)).toMatchObject({
      ok: false,
      error: { message: expect.stringMatching(/^文件已损坏或被篡改/) },
    });
    expect(importAt(office, { content: content.slice(0, -10), passphrase }, door)).toMatchObject({ ok: false, error: { message: expect.stringMatching(/^文件已损坏或被篡改/) } });
    expect(importAt(office, { content: unsealed('sync-file', content, passphrase), passphrase }, door)).toMatchObject({ ok: false, error: { message: expect.stringContaining('没有加密') } });
    const dayPackage = unwrap(office.handlers.exportDayPackage({}));
    expect(importAt(office, { content: dayPackage.content, passphrase: dayPackage.passphrase }, door)).toMatchObject({ ok: false, error: { message: '这是考试日数据包，不是同步包' } });
    expect(countEvents(office)).toBe(before);
    expect(isPinned(office, door.real.deviceId)).toBe(false);
    expect(unwrap(importAt(office, exported, door)).stored).toBe(10);
  });

  it('refuses a file of another exam day or organisation, and a device with no day yet, storing nothing', () => {
    const office = officeWithDay();
    const otherOffice = officeWithDay({ ...FIXTURE_PLAN_FORM, date: '2026-11-26', planName: '20261126 保育师' });
    const otherDoor = doorOf(otherOffice, 2);
    const wrongDay = unwrap(otherDoor.handlers.exportSyncFile({ scope: 'all' }));
    const before = countEvents(office);
    const refused = importAt(office, wrongDay, otherDoor);
    expect(refused).toMatchObject({ ok: false, error: { message: expect.stringContaining('另一个考试日（2026-11-26') } });
    expect(office.handlers.inspectSyncFile({ content: wrongDay.content, passphrase: wrongDay.passphrase })).toMatchObject({ ok: false });
    expect(countEvents(office)).toBe(before);
    expect(isPinned(office, otherDoor.real.deviceId)).toBe(false);

    const otherOrg = officeWithDay({ ...FIXTURE_PLAN_FORM, organisation: '北京市另一所职业技能培训学校' });
    const orgDoor = doorOf(otherOrg, 1);
    const wrongOrg = importAt(office, unwrap(orgDoor.handlers.exportSyncFile({ scope: 'all' })), orgDoor);
    expect(wrongOrg).toMatchObject({ ok: false, error: { message: expect.stringContaining('另一评价机构') } });
    expect(countEvents(office)).toBe(before);

    const fresh = open(at(8, 0));
    const door = doorOf(office, 1);
    const noDay = fresh.handlers.importSyncFile({ ...unwrap(door.handlers.exportSyncFile({ scope: 'all' })), actorStaffId: chief });
    expect(noDay).toMatchObject({ ok: false, error: { message: expect.stringContaining('请先导入考试日数据包或与考务办配对') } });
    expect(countEvents(fresh)).toBe(0);
  });

  it('refuses a changed event (hash), a removed middle event (broken link), a bad signature and a wrong fingerprint, storing nothing', () => {
    const office = officeWithDay();
    const door = doorOf(office, 4);
    const exported = unwrap(door.handlers.exportSyncFile({ scope: 'all' }));
    const { content, passphrase } = exported;
    const before = countEvents(office);
    const doorId = door.real.deviceId;
    const ownIndexes = (file: SyncFile): number[] => file.events.flatMap((e, i) => (e.deviceId === doorId ? [i] : []));
    const expectNothingStored = (): void => {
      expect(countEvents(office)).toBe(before);
      expect(isPinned(office, doorId)).toBe(false);
    };

    const changed = alteredAndResigned(exported, door, (file) => {
      const index = ownIndexes(file)[2]!;
      file.events[index] = { ...file.events[index], at: '2026-11-25T00:01:00.000Z' };
    });
    expect(importAt(office, changed, door)).toMatchObject({ ok: false, error: { message: expect.stringContaining('哈希不符') } });
    expectNothingStored();

    const gap = alteredAndResigned(exported, door, (file) => {
      file.events.splice(ownIndexes(file)[3]!, 1);
    });
    expect(office.handlers.inspectSyncFile(gap)).toMatchObject({ ok: false, error: { message: expect.stringContaining('接不上') } });
    expect(importAt(office, gap, door)).toMatchObject({ ok: false, error: { message: expect.stringContaining('接不上') } });
    expectNothingStored();

    // Cut without signing again: the manifest no longer matches.
    const cut = alteredInsideOnly(exported, door, (file) => {
      file.events.splice(ownIndexes(file)[3]!, 1);
    });
    expect(importAt(office, cut, door)).toMatchObject({ ok: false, error: { message: expect.stringContaining('签名无效') } });
    const flipped = alteredInsideOnly(exported, door, (file) => {
      file.sig = `${file.sig.startsWith('0') ? '1' : '0'}${file.sig.slice(1)}`;
    });
    expect(importAt(office, flipped, door)).toMatchObject({ ok: false, error: { message: expect.stringContaining('签名无效') } });
    expectNothingStored();

    const wrongFingerprint = office.handlers.importSyncFile({ content, passphrase, confirmedFingerprint: fingerprintOf(office), actorStaffId: chief });
    expect(wrongFingerprint).toMatchObject({ ok: false, error: { message: expect.stringContaining('指纹') } });
    expect(office.handlers.importSyncFile({ content, passphrase, actorStaffId: chief })).toMatchObject({ ok: false, error: { message: expect.stringContaining('指纹') } });
    expectNothingStored();

    // The untouched file still imports: nothing above was the file's fault but the changes.
    expect(unwrap(importAt(office, exported, door)).stored).toBe(8);
  });

  it('keeps a fork as evidence and stores the rest of the file', () => {
    const office = officeWithDay();
    const door = doorOf(office, 2);
    const first = unwrap(door.handlers.exportSyncFile({ scope: 'all' }));
    unwrap(importAt(office, first, door));
    // The door's data folder restored from an old copy would write other events under the same numbers;
    // here the door signs a different event 4 with its real key.
    const forked = alteredAndResigned(first, door, (file) => {
      const index = file.events.findIndex((e) => e.deviceId === door.real.deviceId && e.seq === 4);
      const { hash: _h, sig: _s, ...original } = file.events[index] as Record<string, unknown>;
      const { ticketNo: _t, document: _d, ...payload } = original.payload as Record<string, unknown>;
      const unsigned = { ...original, payload: { ...payload, verdict: 'not-on-roster' } };
      const hash = hashOf(unsigned);
      file.events[index] = { ...unsigned, hash, sig: door.real.key.signHash(hash) };
    });
    const result = unwrap(office.handlers.importSyncFile({ ...forked, actorStaffId: chief }));
    expect(result.forks).toBe(1);
    expect(office.real.db.prepare('SELECT device_id, seq FROM sync_forks').all()).toEqual([{ device_id: door.real.deviceId, seq: 4 }]);
  });

  it("'since-receipt' carries only what the receiver's newest receipt does not cover", () => {
    const office = officeWithDay();
    const door = doorOf(office, 3);
    unwrap(importAt(office, unwrap(door.handlers.exportSyncFile({ scope: 'all' })), door));
    // The office answers with its own file (what the door lacks since the door's receipt): its receipt
    // tells the door what the office holds. The office's key is pinned at the door by the day package.
    unwrap(office.handlers.registerStaff({ staff: [{ staffId: 'S009', name: '新增考务', role: 'exam-affairs' }] }));
    const officeId = office.real.deviceId;
    const lacking = countOf(office, officeId) - countOf(door, officeId);
    expect(lacking).toBeGreaterThanOrEqual(2); // the file-imported fact and the staff list
    const officeFile = unwrap(office.handlers.exportSyncFile({ scope: 'since-receipt' }));
    expect(officeFile.events).toBe(lacking);
    expect(unwrap(door.handlers.inspectSyncFile({ content: officeFile.content, passphrase: officeFile.passphrase }))).toMatchObject({ needsConfirmation: false, newEvents: lacking });
    unwrap(door.handlers.importSyncFile({ content: officeFile.content, passphrase: officeFile.passphrase, actorStaffId: proctor }));

    // The door's record now: 6 check-in events the office holds, its own import fact (7), 4 more check-ins.
    admit(door, 2, 3);
    expect(countOf(door, door.real.deviceId)).toBe(11);
    const since = unwrap(door.handlers.exportSyncFile({ scope: 'since-receipt' }));
    const file = fileIn(since);
    expect(file.events.map((e) => [e.deviceId, e.seq])).toEqual([7, 8, 9, 10, 11].map((seq) => [door.real.deviceId, seq]));
    expect(unwrap(door.handlers.exportSyncFile({ scope: 'all' })).events).toBe(countEvents(door));
    expect(unwrap(office.handlers.importSyncFile({ content: since.content, passphrase: since.passphrase, actorStaffId: chief }))).toEqual({ stored: 5, alreadyHeld: 0, forks: 0 });
    expect(countOf(office, door.real.deviceId)).toBe(11);
  });
});
