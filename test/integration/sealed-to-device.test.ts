import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { openCoreHost, type CoreHost } from '../../electron/core/core-host';
import { keyFingerprintFor } from '../../electron/core/device-key';
import { fixtureDay, fixtureDayEvents } from '../support/fixture-day';
import { sealedHolds } from '../support/sealed';
import { makeTempDir } from '../support/temp-dir';
import { unwrap, until } from '../support/await-result';

const day = fixtureDay(30);
const at = (h: number, m: number): Date => new Date(2026, 10, 25, h, m);

describe('files sealed to the receiving device’s key, learned at pairing (issue 11 item 4)', () => {
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

  async function pairedOfficeAndDoor(): Promise<{ office: CoreHost; door: CoreHost }> {
    const office = open(at(7, 30));
    office.real.commit(fixtureDayEvents(day));
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

  it('door → office: the 同步包 is sealed to the office, opened there with no passphrase, and nowhere else', async () => {
    const { office, door } = await pairedOfficeAndDoor();
    unwrap(door.handlers.checkIn({ roomNo: '01', input: day.candidates[0]!.idNumber, method: 'scanner', actorStaffId: 'P0002' }));
    const exported = unwrap(door.handlers.exportSyncFile({ scope: 'all' }));
    expect(exported.passphrase).toBeNull();
    expect(exported.sealedFor).toEqual({ deviceId: office.real.deviceId, name: '考务办' });
    expect(JSON.parse(exported.content)).toMatchObject({ recipient: { mode: 'device-key', deviceId: office.real.deviceId } });
    expect(sealedHolds(exported.content, day.candidates[0]!.idNumber)).toBe(false);

    const inspected = unwrap(office.handlers.inspectSyncFile({ content: exported.content }));
    expect(inspected.fromDeviceId).toBe(door.real.deviceId);
    const stored = unwrap(office.handlers.importSyncFile({ content: exported.content, confirmedFingerprint: keyFingerprintFor(door.real.key.publicKeyHex), actorStaffId: 'S001' }));
    expect(stored.forks).toBe(0);

    // Any other device: told it is not the receiver, not that the file is damaged.
    const other = open(at(8, 6));
    expect(other.handlers.inspectSyncFile({ content: exported.content, passphrase: 'AAAA-AAAA-AAAA-AAAA' })).toMatchObject({
      ok: false,
      error: { message: expect.stringMatching(/^不是加密给本机的文件：这个同步包是加密给设备 /) },
    });
    // And a changed byte is tampering, at the office too.
    const envelope = JSON.parse(exported.content) as { tag: string };
    const tag = Buffer.from(envelope.tag, 'base64');
    tag[0] = (tag[0] ?? 0) ^ 1;
    expect(office.handlers.inspectSyncFile({ content: JSON.stringify({ ...envelope, tag: tag.toString('base64') }) })).toMatchObject({
      ok: false,
      error: { message: expect.stringMatching(/^文件已损坏或被篡改/) },
    });
  });

  it('office → door: a day package for a paired door is sealed to it; with no door named, by passphrase', async () => {
    const { office, door } = await pairedOfficeAndDoor();
    const forDoor = unwrap(office.handlers.exportDayPackage({ forDeviceId: door.real.deviceId }));
    expect(forDoor.passphrase).toBeNull();
    expect(forDoor.sealedFor).toEqual({ deviceId: door.real.deviceId, name: '第01考场门口' });
    expect(unwrap(door.handlers.inspectDayPackage({ content: forDoor.content })).officeDeviceId).toBe(office.real.deviceId);
    expect(unwrap(door.handlers.importDayPackage({ content: forDoor.content })).officeDeviceId).toBe(office.real.deviceId);

    const anyone = unwrap(office.handlers.exportDayPackage({}));
    expect(anyone.passphrase).toMatch(/^[0-9A-Z]{4}(-[0-9A-Z]{4}){3}$/);
    expect(anyone.sealedFor).toBeNull();
    expect(office.handlers.exportDayPackage({ forDeviceId: 'f'.repeat(16) })).toMatchObject({ ok: false, error: { code: 'not-found' } });
  });
});
