import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { openCore, type Core } from '../../electron/core/core';
import { openCoreHost, type CoreHost } from '../../electron/core/core-host';
import { verifyEventLog } from '../../electron/core/verify-log';
import { rebuildProjections } from '../../electron/core/projection';
import { dumpProjection } from '../../electron/core/sqlite-projection-store';
import type { Candidate } from '../../shared/domain/types';
import { fixtureDay, fixtureDayEvents } from '../support/fixture-day';
import { makeTempDir } from '../support/temp-dir';
import { unwrap, until } from '../support/await-result';

const day = fixtureDay(40);
/** 08:10 on the fixture's exam day: 查证入场. */
const clockMs = new Date(2026, 10, 25, 8, 10).getTime();

/** 退考 at the office, then the candidate's 准考证 at the door: 已退考, not 不在名单 (checkin/decide-checkin.ts). */
describe('a withdrawn candidate scanned at the door', () => {
  let temp: ReturnType<typeof makeTempDir>;
  let core: Core;
  beforeEach(() => {
    temp = makeTempDir();
    core = openCore({ dataDir: temp.dir, now: () => new Date(clockMs) });
    core.commit(fixtureDayEvents(day));
  });
  afterEach(() => {
    core.close();
    temp.remove();
  });

  const gone = day.candidates[4] as Candidate;
  const scan = (input: string) => {
    const answer = core.handlers.checkIn({ roomNo: gone.roomNo, input, method: 'scanner', actorStaffId: 'P0002' });
    if (!answer.ok) throw new Error(answer.error.message);
    return answer.value;
  };
  const storedVerdict = (eventId: string) => {
    const row = core.db.prepare("SELECT payload FROM events WHERE id = ? AND type = 'checkin.attempted'").get(eventId) as { payload: string } | undefined;
    return row && (JSON.parse(row.payload) as { verdict: string; ticketNo?: string; document?: string });
  };

  it('answers 已退考 with the row as it stood, when, by whom and why; the attempt is stored with that verdict; a rebuild gives the same projection', () => {
    expect(core.handlers.withdrawCandidate({ ticketNo: gone.ticketNo, reason: '本人申请退考', actorStaffId: 'S001' })).toMatchObject({ ok: true });

    const answer = scan(gone.ticketNo);
    expect(answer.verdict).toEqual({
      kind: 'withdrawn',
      candidate: {
        ticketNo: gone.ticketNo,
        name: gone.name,
        roomNo: gone.roomNo,
        seatNo: gone.seatNo,
        occupation: gone.occupation,
        level: gone.level,
        idMasked: `**************${gone.idNumber.slice(-4)}`,
      },
      withdrawnAt: new Date(clockMs).toISOString(),
      withdrawnByName: '周主考',
      reason: '本人申请退考',
    });
    expect(storedVerdict(answer.eventId)).toMatchObject({ verdict: 'withdrawn', ticketNo: gone.ticketNo, document: 'ticket' });
    // The office's feed of refused scans names the withdrawn candidate too.
    expect(core.handlers.getDashboard({})).toMatchObject({ ok: true, value: { feed: expect.arrayContaining([expect.objectContaining({ detail: 'withdrawn', name: gone.name })]) } });

    // The ID card alone says 已退考 too, and its attempt names the candidate and the document.
    const byCard = scan(gone.idNumber);
    expect(byCard.verdict).toEqual(answer.verdict);
    expect(storedVerdict(byCard.eventId)).toMatchObject({ verdict: 'withdrawn', ticketNo: gone.ticketNo, document: 'id' });
    // The number stays beside the withdrawal, never in the JSON the office lists.
    const row = core.db.prepare('SELECT id_number, withdrawal FROM proj_candidate_withdrawals WHERE ticket_no = ?').get(gone.ticketNo) as { id_number: string; withdrawal: string };
    expect(row.id_number).toBe(gone.idNumber);
    expect(row.withdrawal).not.toContain(gone.idNumber.slice(0, 14));

    const live = dumpProjection(core.db);
    rebuildProjections(core.db);
    expect(dumpProjection(core.db)).toEqual(live);
  });
});

/** 退考 at the office, synced to room 01's door, which then purges ID numbers (issue 11 item 5). */
describe('a withdrawn candidate’s ID card at a door that has purged ID numbers', () => {
  const at = (h: number, m: number): Date => new Date(2026, 10, 25, h, m);
  const CHIEF = { examinerBadgeCode: 'KW-S001', examinerPin: '739164' };
  const gone = day.candidates.find((c) => c.roomNo === '01' && c.seatNo === 5) as Candidate;
  let temps: ReturnType<typeof makeTempDir>[] = [];
  let hosts: CoreHost[] = [];
  const open = (clock: Date): CoreHost => {
    const temp = makeTempDir();
    temps.push(temp);
    const host = openCoreHost({ dataDir: temp.dir, now: () => clock }, { intervalMs: 3_600_000 });
    hosts.push(host);
    return host;
  };
  afterEach(async () => {
    for (const host of hosts) {
      host.close();
      await host.sync.close();
    }
    for (const temp of temps) temp.remove();
    temps = [];
    hosts = [];
  });

  it('still answers 已退考 by the keyed hash, and the database holds no full ID number of theirs', async () => {
    const office = open(at(7, 30));
    office.real.commit(fixtureDayEvents(day));
    unwrap(office.handlers.setPin({ badgeCode: 'KW-S001', pin: CHIEF.examinerPin, pinRepeat: CHIEF.examinerPin }));
    unwrap(office.handlers.withdrawCandidate({ ticketNo: gone.ticketNo, reason: '本人申请退考', actorStaffId: 'S001' }));
    await office.sync.ready;
    unwrap(office.handlers.startSyncListener({ host: '127.0.0.1', port: 0, actorStaffId: 'S001' }));
    await office.sync.whenListening();
    const offer = unwrap(office.handlers.createPairingOffer({ deviceName: '第01考场门口', roomNo: '01', actorStaffId: 'S001' }));
    const door = open(at(8, 5));
    await door.sync.ready;
    unwrap(door.handlers.pairWithOffice({ code: offer.code, deviceName: '门口 01', actorStaffId: 'P0002' }));
    await until('pairing', () => unwrap(door.handlers.getSyncStatus({})).pairing.state !== 'pairing');
    await door.sync.tick();

    const scanAtDoor = (input: string) => unwrap(door.handlers.checkIn({ roomNo: '01', input, method: 'scanner', actorStaffId: 'P0002' })).verdict;
    expect(scanAtDoor(gone.idNumber)).toMatchObject({ kind: 'withdrawn', candidate: { ticketNo: gone.ticketNo } });
    await door.sync.tick();
    unwrap(door.handlers.purgePersonalData(CHIEF));

    const full = gone.idNumber.slice(0, 14);
    const text = [
      ...(door.real.db.prepare('SELECT payload FROM events').pluck().all() as string[]),
      ...(door.real.db.prepare('SELECT withdrawal FROM proj_candidate_withdrawals').pluck().all() as string[]),
      ...(door.real.db.prepare('SELECT id_number FROM proj_candidate_withdrawals').pluck().all() as string[]),
    ].join('\n');
    expect(text.includes(full)).toBe(false);
    expect(door.real.db.prepare('SELECT id_number FROM proj_candidate_withdrawals WHERE ticket_no = ?').pluck().get(gone.ticketNo)).toMatch(/^[0-9a-f]{64}$/);

    expect(scanAtDoor(gone.idNumber)).toEqual({
      kind: 'withdrawn',
      candidate: { ticketNo: gone.ticketNo, name: gone.name, roomNo: '01', seatNo: gone.seatNo, occupation: gone.occupation, level: gone.level, idMasked: `**************${gone.idNumber.slice(-4)}` },
      withdrawnAt: at(7, 30).toISOString(),
      withdrawnByName: '周主考',
      reason: '本人申请退考',
    });
    expect(verifyEventLog(door.real.db, { ownPublicKeyHex: door.real.key.publicKeyHex })).toMatchObject({ ok: true, problems: [] });
    const live = dumpProjection(door.real.db);
    rebuildProjections(door.real.db);
    expect(dumpProjection(door.real.db)).toEqual(live);
  });
});
