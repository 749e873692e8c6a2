import { afterEach, describe, expect, it } from 'vitest';
import { cpSync } from 'node:fs';
import { openCoreHost, type CoreHost } from '../../electron/core/core-host';
import { FIXTURE_PLAN_FORM, fixtureDay } from '../support/fixture-day';
import { makeTempDir } from '../support/temp-dir';
import { keyFileBeside } from '../../electron/core/database-key';
import { unwrap } from '../support/await-result';

const day = fixtureDay(60);
const chief = 'S001';
const clock = new Date(2026, 10, 25, 8, 5);

/**
 * A door's data folder copied (a restored backup, a cloned disk) and both copies writing on: the
 * same device's chain forks. The copy that syncs second must be refused, its event kept as
 * evidence and a 'fork' finding raised at the office, whether the copy holds fewer of the device's
 * events than the office (it stopped early) or more (it wrote on).
 */
describe('site sync: a door folder copied and both copies writing (a fork)', () => {
  const temps: ReturnType<typeof makeTempDir>[] = [];
  const hosts: CoreHost[] = [];
  afterEach(async () => {
    for (const host of hosts.splice(0)) {
      host.close();
      await host.sync.close();
    }
    for (const temp of temps.splice(0)) temp.remove();
  });
  const open = (dir = makeTempDir()): CoreHost => {
    if (!temps.includes(dir)) temps.push(dir);
    const host = openCoreHost({ dataDir: dir.dir, now: () => clock }, { intervalMs: 3_600_000 });
    hosts.push(host);
    return host;
  };
  const closeHost = async (host: CoreHost): Promise<void> => {
    hosts.splice(hosts.indexOf(host), 1);
    host.close();
    await host.sync.close();
  };
  const admit = (door: CoreHost, index: number): void => {
    const candidate = day.candidates[index]!;
    unwrap(door.handlers.checkIn({ roomNo: candidate.roomNo, input: candidate.ticketNo, method: 'scanner', actorStaffId: 'P0002' }));
    unwrap(door.handlers.checkIn({ roomNo: candidate.roomNo, input: candidate.idNumber, method: 'scanner', actorStaffId: 'P0002' }));
  };

  async function officeAndDoor(): Promise<{ office: CoreHost; door: CoreHost; doorDir: ReturnType<typeof makeTempDir> }> {
    const office = open();
    unwrap(office.handlers.savePlan({ plan: FIXTURE_PLAN_FORM }));
    unwrap(office.handlers.importRoster({ rooms: day.rooms, candidates: day.candidates }));
    unwrap(office.handlers.registerStaff({ staff: day.staff.map(({ staffId, name, role, roomNo }) => ({ staffId, name, role, ...(roomNo ? { roomNo } : {}) })) }));
    await office.sync.ready;
    unwrap(office.handlers.startSyncListener({ host: '127.0.0.1', port: 0, actorStaffId: chief }));
    await office.sync.whenListening();
    const offer = unwrap(office.handlers.createPairingOffer({ deviceName: '第01考场门口', roomNo: '01', actorStaffId: chief }));
    const doorDir = makeTempDir();
    const door = open(doorDir);
    await door.sync.ready;
    unwrap(door.handlers.pairWithOffice({ code: offer.code, deviceName: '门口', actorStaffId: 'P0002' }));
    for (let i = 0; i < 200 && unwrap(door.handlers.getSyncStatus({})).pairing.state === 'pairing'; i += 1) await new Promise((resolve) => setTimeout(resolve, 20));
    await door.sync.tick();
    admit(door, 0);
    await door.sync.tick();
    return { office, door, doorDir };
  }

  /** Copies the door's folder while it is closed, reopens the door, and opens the copy beside it. */
  async function cloneOf(door: CoreHost, doorDir: ReturnType<typeof makeTempDir>): Promise<{ door: CoreHost; clone: CoreHost }> {
    await closeHost(door);
    const cloneDir = makeTempDir();
    cpSync(doorDir.dir, cloneDir.dir, { recursive: true });
    // The folder alone carries no database key (database-key.ts): a copier takes the key file beside it too.
    cpSync(keyFileBeside(doorDir.dir), keyFileBeside(cloneDir.dir));
    return { door: open(doorDir), clone: open(cloneDir) };
  }

  const forkFindings = (office: CoreHost, deviceId: string) =>
    unwrap(office.handlers.listFindings({})).findings.filter((f) => f.kind === 'fork' && f.subject === deviceId);

  it('the copy holds fewer of its events than the office: refused, kept, a finding', async () => {
    const setup = await officeAndDoor();
    const { door, clone } = await cloneOf(setup.door, setup.doorDir);
    admit(door, 1);
    admit(door, 2);
    await door.sync.tick();
    admit(clone, 3);
    await clone.sync.tick();
    expect(forkFindings(setup.office, door.real.deviceId)).toHaveLength(1);
    expect(unwrap(clone.handlers.getSyncStatus({})).lastError).toMatch(/分叉/);
    // The copy's check-in never reached the office; the real door's did.
    expect(setup.office.real.store.getAdmission(day.candidates[3]!.ticketNo)).toBeUndefined();
    expect(setup.office.real.store.getAdmission(day.candidates[2]!.ticketNo)?.deviceId).toBe(door.real.deviceId);
  });

  it('the copy holds more of its events than the office: refused, kept, a finding', async () => {
    const setup = await officeAndDoor();
    const { door, clone } = await cloneOf(setup.door, setup.doorDir);
    admit(door, 1);
    await door.sync.tick();
    admit(clone, 3);
    admit(clone, 4);
    await clone.sync.tick();
    expect(forkFindings(setup.office, door.real.deviceId)).toHaveLength(1);
    expect(unwrap(clone.handlers.getSyncStatus({})).lastError).toMatch(/分叉/);
    expect(setup.office.real.store.getAdmission(day.candidates[3]!.ticketNo)).toBeUndefined();
    // Every round of the copy reports it again; the evidence is kept once.
    await clone.sync.tick();
    expect(forkFindings(setup.office, door.real.deviceId)).toHaveLength(1);
  });
});
