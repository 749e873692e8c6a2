import { SYSTEM_ACTOR } from '../../shared/domain/types';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { openCoreHost, type CoreHost } from '../../electron/core/core-host';
import { rowToRawEvent, type EventRow } from '../../electron/core/event-log';
import { verifyEventLog } from '../../electron/core/verify-log';
import { fixtureDay, fixtureDayEvents } from '../support/fixture-day';
import { testPng } from '../support/photo-files';
import { makeTempDir } from '../support/temp-dir';
import { unwrap, until } from '../support/await-result';

const day = fixtureDay(40);
const at = (h: number, m: number): Date => new Date(2026, 10, 25, h, m);
const CHIEF = { examinerBadgeCode: 'KW-S001', examinerPin: '739164' };

describe('purging photos and ID numbers from a door laptop (issue 11 item 5)', () => {
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

  /** An office with the day, a PIN for the 主考 and two photos, and a door of room 01 paired to it. */
  async function officeAndDoor(): Promise<{ office: CoreHost; door: CoreHost }> {
    const office = open(at(7, 30));
    office.real.commit(fixtureDayEvents(day));
    unwrap(office.handlers.setPin({ badgeCode: 'KW-S001', pin: CHIEF.examinerPin, pinRepeat: CHIEF.examinerPin }));
    const photos = day.candidates.slice(0, 2).map((c, i) => ({ key: c.ticketNo, dataBase64: Buffer.from(testPng(i + 1)).toString('base64') }));
    unwrap(office.handlers.attachCandidatePhotos({ photos, actorStaffId: 'S001' }));
    await office.sync.ready;
    unwrap(office.handlers.startSyncListener({ host: '127.0.0.1', port: 0, actorStaffId: 'S001' }));
    await office.sync.whenListening();
    const offer = unwrap(office.handlers.createPairingOffer({ deviceName: '第01考场门口', roomNo: '01', actorStaffId: 'S001' }));
    const door = open(at(8, 5));
    await door.sync.ready;
    unwrap(door.handlers.pairWithOffice({ code: offer.code, deviceName: '门口 01', actorStaffId: 'P0002' }));
    await until('pairing', () => unwrap(door.handlers.getSyncStatus({})).pairing.state !== 'pairing');
    await door.sync.tick();
    return { office, door };
  }

  const idNumbersIn = (host: CoreHost, ids: string[]): string[] => {
    const text = [
      ...(host.real.db.prepare('SELECT payload FROM events').pluck().all() as string[]),
      ...(host.real.db.prepare('SELECT candidate FROM proj_candidates').pluck().all() as string[]),
      ...(host.real.db.prepare('SELECT id_number FROM proj_candidates').pluck().all() as string[]),
    ].join('\n');
    return ids.filter((id) => text.includes(id));
  };

  it('removes photos and full ID numbers once the office holds the record; verify passes and a scanned ID still matches', async () => {
    const { office, door } = await officeAndDoor();
    const [first, second] = day.candidates;
    // An ID card scanned at the door: its number is in the door's own signed event too.
    expect(unwrap(door.handlers.checkIn({ roomNo: '01', input: first!.idNumber, method: 'scanner', actorStaffId: 'P0002' })).verdict.kind).toBe('admitted');
    expect(door.real.db.prepare('SELECT COUNT(*) FROM candidate_photos').pluck().get()).toBe(2);
    await door.sync.tick();

    const purged = unwrap(door.handlers.purgePersonalData(CHIEF));
    expect(purged.photosRemoved).toBe(2);
    // The roster's one event per candidate and the door's one ID scan.
    expect(purged.eventsRedacted).toBe(day.candidates.length + 1);
    expect(idNumbersIn(door, day.candidates.map((c) => c.idNumber))).toEqual([]);
    expect(door.real.db.prepare('SELECT COUNT(*) FROM candidate_photos').pluck().get()).toBe(0);

    const report = verifyEventLog(door.real.db, { ownPublicKeyHex: door.real.key.publicKeyHex });
    expect(report.problems).toEqual([]);
    expect(report.ok).toBe(true);
    expect((report.notes ?? []).join('\n')).toContain(`${day.candidates.length + 1} 条事件中的证件号码已替换为脱敏形式`);
    expect((report.notes ?? []).join('\n')).toContain('2 张照片已删除');

    // The door still knows a card it has never seen in full since: by the keyed hash.
    const again = unwrap(door.handlers.checkIn({ roomNo: '01', input: second!.idNumber, method: 'scanner', actorStaffId: 'P0002' }));
    expect(again.verdict).toMatchObject({ kind: 'admitted', candidate: { ticketNo: second!.ticketNo, idMasked: `**************${second!.idNumber.slice(-4)}` } });
    expect(unwrap(door.handlers.checkIn({ roomNo: '01', input: first!.idNumber, method: 'scanner', actorStaffId: 'P0002' })).verdict.kind).toBe('already-admitted');
    // …and keeps no full number of the cards scanned since.
    expect(idNumbersIn(door, [first!.idNumber, second!.idNumber])).toEqual([]);
    expect(verifyEventLog(door.real.db).ok).toBe(true);
    // The office keeps every number, and its log is untouched.
    expect(idNumbersIn(office, [first!.idNumber])).toEqual([first!.idNumber]);
    expect(verifyEventLog(office.real.db).ok).toBe(true);

    // The purge reaches the office with the next sync, and vouches for nothing there: the office's
    // own copy of a redacted event may not be rewritten, and if it were, verify would say so.
    await door.sync.tick();
    expect(office.real.db.prepare("SELECT COUNT(*) FROM events WHERE type = 'privacy.purged'").pluck().get()).toBe(1);
    const onOffice = office.real.db.prepare("SELECT id FROM events WHERE type = 'candidate.registered' LIMIT 1").pluck().get() as string;
    const redactedText = door.real.db.prepare('SELECT payload FROM events WHERE id = ?').pluck().get(onOffice) as string;
    expect(() => office.real.db.prepare('UPDATE events SET payload = ? WHERE id = ?').run(redactedText, onOffice)).toThrow(/UPDATE refused/);
    office.real.db.exec('DROP TRIGGER events_refuse_update');
    office.real.db.prepare('UPDATE events SET payload = ? WHERE id = ?').run(redactedText, onOffice);
    expect(verifyEventLog(office.real.db).problems).toContainEqual(expect.objectContaining({ kind: 'chain', eventId: onOffice, message: expect.stringContaining('哈希不符') }));

    // Altering a redacted payload after the purge is caught: the purge's record fixes what it left.
    const redacted = door.real.db.prepare("SELECT id, payload FROM events WHERE type = 'candidate.registered' LIMIT 1").get() as { id: string; payload: string };
    door.real.db.prepare('UPDATE events SET payload = ? WHERE id = ?').run(redacted.payload.replace('"name":"', '"name":"X'), redacted.id);
    const tampered = verifyEventLog(door.real.db);
    expect(tampered.ok).toBe(false);
    expect(tampered.firstBroken?.reason).toContain('清除后被改动');
  });

  it("removes the full ID number from a corrected candidate's row too", async () => {
    const { office, door } = await officeAndDoor();
    const third = day.candidates[2]!;
    office.real.commit([{ type: 'candidate.corrected', payload: { candidate: { ...third, name: `${third.name}更` }, note: '更正姓名' }, actor: SYSTEM_ACTOR }]);
    await door.sync.tick();
    expect(idNumbersIn(door, [third.idNumber])).toEqual([third.idNumber]);
    await door.sync.tick();
    const purged = unwrap(door.handlers.purgePersonalData(CHIEF));
    expect(purged.eventsRedacted).toBe(day.candidates.length + 1);
    expect(idNumbersIn(door, [third.idNumber])).toEqual([]);
    expect(verifyEventLog(door.real.db, { ownPublicKeyHex: door.real.key.publicKeyHex })).toMatchObject({ ok: true, problems: [] });
    expect(unwrap(door.handlers.checkIn({ roomNo: third.roomNo, input: third.idNumber, method: 'scanner', actorStaffId: 'P0002' })).verdict).toMatchObject({ candidate: { ticketNo: third.ticketNo } });
  });

  it('refuses without a receipt covering the door’s log, and on the office, and for anyone but the 主考', async () => {
    const { office, door } = await officeAndDoor();
    // A scan after the last sync: the office's receipt no longer covers the door's head.
    unwrap(door.handlers.checkIn({ roomNo: '01', input: day.candidates[3]!.ticketNo, method: 'scanner', actorStaffId: 'P0002' }));
    const uncovered = door.handlers.purgePersonalData(CHIEF);
    expect(uncovered).toMatchObject({ ok: false, error: { code: 'refused' } });
    expect(!uncovered.ok && uncovered.error.message).toMatch(/收据只确认收到本机第 \d+ 条记录，本机已有 \d+ 条/);
    expect(door.real.db.prepare('SELECT COUNT(*) FROM candidate_photos').pluck().get()).toBe(2);

    const notChief = door.handlers.purgePersonalData({ examinerBadgeCode: 'KW-P0001', examinerPin: '739164' });
    expect(!notChief.ok && notChief.error.message).toContain('不是主考');
    const onOffice = office.handlers.purgePersonalData(CHIEF);
    expect(!onOffice.ok && onOffice.error.message).toContain('考务办设备');

    // A door holding the day (here from the office's own rows) that has never synced back.
    const fresh = open(at(8, 6));
    const officeRows = office.real.db.prepare('SELECT * FROM events WHERE device_id = ? ORDER BY seq').all(office.real.deviceId) as EventRow[];
    const stored = fresh.real.foreign.storeBatch({ devices: [{ deviceId: office.real.deviceId, publicKeyHex: office.real.key.publicKeyHex }], events: officeRows.map(rowToRawEvent) });
    expect(stored.ok).toBe(true);
    const noReceipt = fresh.handlers.purgePersonalData(CHIEF);
    expect(!noReceipt.ok && noReceipt.error.message).toContain('还没有考务办（或中心）的同步收据');
    expect(idNumbersIn(door, [day.candidates[0]!.idNumber])).toEqual([day.candidates[0]!.idNumber]);
    expect(verifyEventLog(door.real.db).ok).toBe(true);
  });

  it('shows a full ID number to the 主考 only, writing an event that names the candidate, not the number', async () => {
    const { door } = await officeAndDoor();
    const candidate = day.candidates[5]!;
    const refused = door.handlers.revealIdNumber({ ticketNo: candidate.ticketNo, examinerBadgeCode: 'KW-S001', examinerPin: '000001' });
    expect(!refused.ok && refused.error.message).toContain('PIN 不正确');
    const shown = unwrap(door.handlers.revealIdNumber({ ticketNo: candidate.ticketNo, ...CHIEF }));
    expect(shown.idNumber).toBe(candidate.idNumber);
    const event = door.real.db.prepare("SELECT actor, payload FROM events WHERE type = 'id-number.revealed'").get() as { actor: string; payload: string };
    expect(JSON.parse(event.payload)).toEqual({ ticketNo: candidate.ticketNo });
    expect(JSON.parse(event.actor)).toMatchObject({ staffId: 'S001' });

    await door.sync.tick();
    unwrap(door.handlers.purgePersonalData(CHIEF));
    const afterPurge = door.handlers.revealIdNumber({ ticketNo: candidate.ticketNo, ...CHIEF });
    expect(!afterPurge.ok && afterPurge.error.message).toContain('已清除');
  });
});
