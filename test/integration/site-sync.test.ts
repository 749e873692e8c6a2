import { proofFrom, setPinsAtBriefing } from '../support/staff-proof';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { openCoreHost, type CoreHost } from '../../electron/core/core-host';
import { verifyEventLog } from '../../electron/core/verify-log';
import { FIXTURE_PLAN_FORM, fixtureDay } from '../support/fixture-day';
import { makeTempDir } from '../support/temp-dir';
import { unwrap, until } from '../support/await-result';

const day = fixtureDay(60);
const chief = 'S001';
const at = (h: number, m: number): Date => new Date(2026, 10, 25, h, m);

describe('site sync: an office and its doors over loopback TLS', () => {
  let temps: ReturnType<typeof makeTempDir>[];
  let hosts: CoreHost[];
  const calls: string[] = [];
  const open = (clock: Date): CoreHost => {
    const temp = makeTempDir();
    temps.push(temp);
    // A long interval: the test drives each round itself with tick(), so what it asserts is not a race.
    const host = openCoreHost(
      { dataDir: temp.dir, now: () => clock },
      { intervalMs: 3_600_000, wrapCaller: (call) => (target, op, body) => (calls.push(op), call(target, op, body)) },
    );
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

  async function officeListening(): Promise<CoreHost> {
    const office = open(at(7, 30));
    unwrap(office.handlers.savePlan({ plan: FIXTURE_PLAN_FORM }));
    unwrap(office.handlers.importRoster({ rooms: day.rooms, candidates: day.candidates }));
    unwrap(office.handlers.registerStaff({ staff: day.staff.map(({ staffId, name, role, roomNo }) => ({ staffId, name, role, ...(roomNo ? { roomNo } : {}) })) }));
    await office.sync.ready;
    unwrap(office.handlers.startSyncListener({ host: '127.0.0.1', port: 0, actorStaffId: chief }));
    await office.sync.whenListening();
    return office;
  }

  async function pairedDoor(office: CoreHost, roomNo: string): Promise<CoreHost> {
    const offer = unwrap(office.handlers.createPairingOffer({ deviceName: `第${roomNo}考场门口`, roomNo, actorStaffId: chief }));
    const door = open(at(8, 5));
    await door.sync.ready;
    unwrap(door.handlers.pairWithOffice({ code: offer.code, deviceName: `门口 ${roomNo}`, actorStaffId: 'P0002' }));
    await until('pairing', () => unwrap(door.handlers.getSyncStatus({})).pairing.state !== 'pairing');
    expect(unwrap(door.handlers.getSyncStatus({})).pairing).toEqual({ state: 'paired', message: null });
    await door.sync.tick();
    return door;
  }

  it('pairs a door by code, gives it the day, and carries admissions both ways to another door', async () => {
    const office = await officeListening();
    const doorA = await pairedDoor(office, '01');
    const doorB = await pairedDoor(office, '02');
    // The door got the office's plan, rooms and roster through sync.
    expect(doorA.real.store.getPlan()?.planId).toBe(office.real.store.getPlan()?.planId);
    expect(doorA.real.store.countCandidates()).toBe(day.candidates.length);

    const candidate = day.candidates[0]!;
    unwrap(doorA.handlers.checkIn({ roomNo: '01', input: candidate.ticketNo, method: 'scanner', actorStaffId: 'P0002' }));
    const verdict = unwrap(doorA.handlers.checkIn({ roomNo: '01', input: candidate.idNumber, method: 'scanner', actorStaffId: 'P0002' }));
    expect(verdict.verdict.kind).toBe('admitted');
    await doorA.sync.tick();
    expect(office.real.store.getAdmission(candidate.ticketNo)?.deviceId).toBe(doorA.real.deviceId);
    await doorB.sync.tick();
    // Walked to room 2's door after being admitted at room 1's: refused there, with where and when.
    const elsewhere = unwrap(doorB.handlers.checkIn({ roomNo: '01', input: candidate.ticketNo, method: 'scanner', actorStaffId: 'P0004' }));
    expect(elsewhere.verdict.kind).toBe('already-admitted');
    // Named as people name them: the door the office enrolled and the proctor who admitted, never a device id.
    expect(elsewhere.verdict).toMatchObject({ admittedAtDoor: '第01考场门口', admittedByName: '副监考1' });

    const officeStatus = unwrap(office.handlers.getSyncStatus({}));
    expect(officeStatus.role).toBe('office');
    expect(officeStatus.devices.map((d) => d.name).sort()).toEqual(['第01考场门口', '第02考场门口']);
    expect(officeStatus.devices.every((d) => d.lastSyncAt !== null)).toBe(true);
    const doorStatus = unwrap(doorA.handlers.getSyncStatus({}));
    expect(doorStatus).toMatchObject({ role: 'door', office: { name: '考务办' }, outOfTouch: false, lastError: null });

    // Every device holds a verifiable log, and the same events give the same admissions everywhere.
    for (const host of [office, doorA, doorB]) expect(verifyEventLog(host.real.db).ok).toBe(true);
    // A round with nothing new on either side is one request: the hello's heads say so.
    await doorB.sync.tick();
    calls.length = 0;
    await doorB.sync.tick();
    expect(calls).toEqual(['hello']);
    await doorA.sync.tick();
    const admissions = (host: CoreHost) => JSON.stringify(host.real.store.listAdmissionsInRoom('01').sort((a, b) => a.ticketNo.localeCompare(b.ticketNo)));
    expect(admissions(doorA)).toBe(admissions(office));
    expect(admissions(doorB)).toBe(admissions(office));
  });

  it('raises one candidate admitted at two doors as a finding the 主考 resolves with a reason', async () => {
    const office = await officeListening();
    const doorA = await pairedDoor(office, '01');
    const doorB = await pairedDoor(office, '02');
    const candidate = day.candidates[1]!;
    unwrap(doorA.handlers.checkIn({ roomNo: '01', input: candidate.ticketNo, method: 'scanner', actorStaffId: 'P0002' }));
    unwrap(doorA.handlers.checkIn({ roomNo: '01', input: candidate.idNumber, method: 'scanner', actorStaffId: 'P0002' }));
    // Door B has not heard of it yet (no sync in between): a manual admission at another door.
    unwrap(doorB.handlers.admitWithReason({ roomNo: '01', ticketNo: candidate.ticketNo, reason: 'scan-failed', actorStaffId: 'P0001' }));
    await doorA.sync.tick();
    await doorB.sync.tick();
    const findings = unwrap(office.handlers.listFindings({})).findings;
    const twice = findings.find((f) => f.kind === 'admitted-twice');
    expect(twice).toMatchObject({ subject: candidate.ticketNo, roomNo: '01', resolution: null });
    expect(twice?.summary).not.toMatch(/[0-9a-f]{16}/);
    expect(unwrap(office.handlers.getSyncStatus({})).openFindings).toBe(1);
    // The answer is the 主考's, proven by badge and PIN at that moment: a proctor's badge and a wrong PIN are refused.
    setPinsAtBriefing(office.real, [chief, 'P0001']);
    const byProctor = office.handlers.resolveFinding({ findingId: twice!.id, reason: '已核实', examiner: proofFrom(office.real, 'P0001') });
    expect(byProctor).toMatchObject({ ok: false, error: { message: '同步发现的问题须由主考或副主考处理：主监考1（第 01 考场主监考）不能处理' } });
    expect(office.handlers.resolveFinding({ findingId: twice!.id, reason: '已核实', examiner: proofFrom(office.real, chief, '135790') })).toMatchObject({ ok: false, error: { message: 'PIN 不正确，还可尝试 4 次' } });
    unwrap(office.handlers.resolveFinding({ findingId: twice!.id, reason: '同一考生，两门口各扫一次，已核实', examiner: proofFrom(office.real, chief) }));
    expect(unwrap(office.handlers.listFindings({})).findings.find((f) => f.id === twice!.id)?.resolution?.byName).toBe('周主考');
    const resolved = office.real.db.prepare("SELECT actor FROM events WHERE type = 'finding.resolved'").pluck().get() as string;
    expect(JSON.parse(resolved)).toMatchObject({ staffId: chief, proof: 'badge+pin' });
    const refused = office.handlers.resolveFinding({ findingId: twice!.id, reason: '再来一次', examiner: proofFrom(office.real, chief) });
    expect(refused).toMatchObject({ ok: false });
  });

  it('raises a candidate withdrawn at the office and admitted at a door that had not heard of it; after the sync the door answers 已退考', async () => {
    const office = await officeListening();
    const door = await pairedDoor(office, '01');
    const candidate = day.candidates[2]!;
    unwrap(office.handlers.withdrawCandidate({ ticketNo: candidate.ticketNo, reason: '本人申请退考', actorStaffId: chief }));
    // No sync in between: the door still has the candidate on its roster and admits them.
    unwrap(door.handlers.checkIn({ roomNo: '01', input: candidate.ticketNo, method: 'scanner', actorStaffId: 'P0002' }));
    expect(unwrap(door.handlers.checkIn({ roomNo: '01', input: candidate.idNumber, method: 'scanner', actorStaffId: 'P0002' })).verdict.kind).toBe('admitted');
    await door.sync.tick();
    const findings = unwrap(office.handlers.listFindings({})).findings.filter((f) => f.kind === 'admitted-after-withdrawal');
    expect(findings).toHaveLength(1);
    expect(findings[0]).toMatchObject({ subject: candidate.ticketNo, roomNo: '01', resolution: null });
    expect(findings[0]?.summary).toBe(`准考证号 ${candidate.ticketNo} 的考生已在本机办理退考（原因：本人申请退考），之后仍在第01考场门口（第01考场名下）入场，请核实该考生是否应参加考试`);
    expect(findings[0]?.events.map((e) => e.type)).toEqual(['candidate.withdrawn', 'checkin.attempted']);
    // The door now holds the withdrawal too: the next scan of the ticket says so.
    expect(unwrap(door.handlers.checkIn({ roomNo: '01', input: candidate.ticketNo, method: 'scanner', actorStaffId: 'P0002' })).verdict).toMatchObject({ kind: 'withdrawn', reason: '本人申请退考' });
  });

  it('refuses a reused code, an unknown code, a code naming another certificate, and a revoked door', async () => {
    const office = await officeListening();
    const offer = unwrap(office.handlers.createPairingOffer({ deviceName: '第01考场门口', roomNo: '01', actorStaffId: chief }));
    const first = open(at(8, 5));
    await first.sync.ready;
    unwrap(first.handlers.pairWithOffice({ code: offer.code, deviceName: 'a', actorStaffId: 'x' }));
    await until('first pairing', () => unwrap(first.handlers.getSyncStatus({})).pairing.state === 'paired');

    const second = open(at(8, 5));
    await second.sync.ready;
    const tryPair = async (code: string): Promise<string> => {
      unwrap(second.handlers.pairWithOffice({ code, deviceName: 'b', actorStaffId: 'x' }));
      await until('pairing answer', () => unwrap(second.handlers.getSyncStatus({})).pairing.state !== 'pairing');
      return unwrap(second.handlers.getSyncStatus({})).pairing.message ?? '';
    };
    expect(await tryPair(offer.code)).toContain('已经用过');
    const qr = offer.qr.replace(/:([0-9a-f]{10})$/, ':0000000000');
    expect(await tryPair(qr)).toContain('无效');
    const fresh = unwrap(office.handlers.createPairingOffer({ deviceName: '第02考场门口', roomNo: '02', actorStaffId: chief }));
    const wrongPin = fresh.qr.replace(/:([0-9a-f]{64}):/, `:${'ab'.repeat(32)}:`);
    expect(await tryPair(wrongPin)).toContain('指纹');

    // A proctor cannot enrol or revoke devices.
    expect(office.handlers.createPairingOffer({ deviceName: 'x', actorStaffId: 'P0001' })).toMatchObject({ ok: false });
    setPinsAtBriefing(office.real, [chief, 'P0001']);
    expect(office.handlers.revokeDevice({ deviceId: first.real.deviceId, reason: '设备丢失', examiner: proofFrom(office.real, 'P0001') })).toMatchObject({ ok: false });
    unwrap(office.handlers.revokeDevice({ deviceId: first.real.deviceId, reason: '设备丢失', examiner: proofFrom(office.real, chief) }));
    await first.sync.tick();
    expect(unwrap(first.handlers.getSyncStatus({})).lastError).toContain('停用');
  });
});
