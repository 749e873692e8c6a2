import { resolve } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { openCenterApp, type CenterApp } from '../../electron/center/center-app';
import { listen } from '../../electron/center/http/center-server';
import { issueEnrolmentCode } from '../../electron/center/enrolment';
import { hashPassword } from '../../electron/center/users';
import { openCore, type Core } from '../../electron/core/core';
import { enrolWithCenter, fetchCaller, pushToCenter } from '../../electron/sync/center-target';
import { dayKeyOf } from '../../shared/center/center-protocol';
import { centerRoomRecordSchema } from '../../shared/center/center-room-record';
import { CenterBrowser } from '../support/center-browser';
import { KeyedDevice, proctor } from '../support/center-fixture';
import { valueOf } from '../support/clocked-core';
import { fixtureDay, fixtureDayEvents } from '../support/fixture-day';
import { proofOf, setPinsAtBriefing } from '../support/staff-proof';
import { makeTempDir } from '../support/temp-dir';

// Room 01: P0001 主监考, P0002 副监考; S001 主考; R001 流动监考. 8:30–10:00, late from 9:00.
const day = fixtureDay(60);
const room = day.candidates.filter((x) => x.roomNo === '01');
const [scanned, manual, doubted, late, revoked, cheater, talker, leaver, early] = room;

/**
 * The center's 考场情况记录单 (issue 14 item 4) is the site's: an office core records a room's whole
 * day (a door's admissions synced to it, manual, late and revoked admissions, a confirmed doubt, 开考核对,
 * incidents with a correction, a leave, hand-in, counts, signatures and an amendment), pushes the
 * day to a real center over HTTP, and the center's endpoint answers, for each room, exactly the record
 * the office's own getRoomRecord answers at the same moment. No ID number is in it.
 */
describe('the center’s room record equals the site’s', () => {
  let clockMs = 0;
  const setClock = (h: number, m: number): void => {
    clockMs = new Date(2026, 10, 25, h, m).getTime();
  };
  const cleanups: (() => unknown)[] = [];
  let core: Core;
  let center: CenterApp;
  let base: string;

  beforeEach(async () => {
    setClock(8, 10);
    const office = makeTempDir();
    core = openCore({ dataDir: office.dir, now: () => new Date(clockMs), resourcesDir: resolve(__dirname, '..', '..', 'resources') });
    cleanups.push(office.remove, () => core.close());
    core.commit(fixtureDayEvents(day));
    setPinsAtBriefing(core, ['S001', 'P0001', 'P0002', 'R001']);
    const centerDir = makeTempDir('examday-center-');
    center = await openCenterApp({ dataDir: centerDir.dir, now: () => new Date(clockMs) });
    cleanups.push(centerDir.remove, () => center.close());
    base = `http://127.0.0.1:${await listen(center.server, 0, '127.0.0.1')}`;
  });
  afterEach(async () => {
    for (const cleanup of cleanups.splice(0).reverse()) await cleanup();
  });

  /** The office's day in room 01, as its proctors record it through the handlers. */
  function recordRoomDay(): void {
    const h = core.handlers;
    // A door laptop admitted ten candidates; its events reached the office by sync.
    const door = new KeyedDevice();
    room.slice(10, 20).forEach((c, i) =>
      door.write('checkin.attempted', { roomNo: '01', input: { method: 'scanner', value: c.ticketNo }, verdict: 'admitted', ticketNo: c.ticketNo }, proctor, new Date(clockMs + i * 15_000)),
    );
    const stored = core.foreign.storeBatch({ devices: [{ deviceId: door.deviceId, publicKeyHex: door.publicKeyHex }], events: door.events });
    if (!stored.ok) throw new Error(stored.reason);

    for (const c of [scanned!, cheater!, talker!, leaver!, early!, revoked!]) valueOf(h.checkIn({ roomNo: '01', input: c.ticketNo, method: 'scanner', actorStaffId: 'P0002' }));
    valueOf(h.admitWithReason({ roomNo: '01', ticketNo: manual!.ticketNo, reason: 'temporary-id', actorStaffId: 'P0002' }));
    valueOf(h.checkIn({ roomNo: '01', input: doubted!.ticketNo, method: 'scanner', actorStaffId: 'P0002' }));
    valueOf(h.admitInDoubt({ roomNo: '01', ticketNo: doubted!.ticketNo, reason: 'photo-mismatch', actorStaffId: 'P0002' }));
    valueOf(h.revokeAdmission({ roomNo: '01', ticketNo: revoked!.ticketNo, reason: 'wrong-candidate', actorStaffId: 'P0002' }));

    setClock(8, 26);
    valueOf(h.confirmStep({ confirmationId: 'seal-shown', roomNo: '01', actorStaffId: 'P0001' }));
    setClock(8, 31);
    valueOf(h.confirmStep({ confirmationId: 'exam-started', roomNo: '01', actorStaffId: 'P0001' }));
    valueOf(h.markReverify({ roomNo: '01', seatNo: manual!.seatNo, result: 'suspected-impostor', note: '面部与照片不符', actorStaffId: 'P0002' }));
    valueOf(h.resolveDoubt({ roomNo: '01', ticketNo: doubted!.ticketNo, outcome: 'confirmed', signer: proofOf('S001') }));

    setClock(8, 40);
    valueOf(h.recordIncident({ roomNo: '01', subject: { kind: 'candidate', ticketNo: cheater!.ticketNo }, kindId: 'crib-notes', cheating: true, actions: ['confiscated', 'terminated'], description: '袖中夹带纸条', occurredAt: '08:38', actorStaffId: 'P0001', witness: proofOf('P0002') }));
    const talking = valueOf(h.recordIncident({ roomNo: '01', subject: { kind: 'candidate', ticketNo: talker!.ticketNo }, kindId: 'talking', cheating: false, actions: ['warning'], description: '', actorStaffId: 'P0001' }));
    valueOf(h.correctIncident({ roomNo: '01', incidentEventId: talking.eventId, correction: 'withdrawn', reason: '看错座位', corrector: proofOf('P0001') }));
    valueOf(h.recordLeave({ roomNo: '01', ticketNo: leaver!.ticketNo, reason: 'toilet', companion: proofOf('R001'), actorStaffId: 'P0001' }));
    setClock(8, 47);
    valueOf(h.recordReturn({ roomNo: '01', ticketNo: leaver!.ticketNo, actorStaffId: 'P0001' }));

    setClock(9, 2);
    valueOf(h.admitWithReason({ roomNo: '01', ticketNo: late!.ticketNo, reason: 'late-approved', note: '交通拥堵', actorStaffId: 'P0002', approver: proofOf('P0001') }));
    valueOf(h.recordHandIn({ roomNo: '01', ticketNo: early!.ticketNo, actorStaffId: 'P0001' }));
    const pending = valueOf(h.getRoomRoster({ roomNo: '01' })).rows.filter((r) => r.absence === 'pending').map((r) => r.ticketNo);
    valueOf(h.confirmAbsentees({ roomNo: '01', ticketNos: pending, confirmer: proofOf('P0001') }));

    setClock(10, 0);
    valueOf(h.collectPapers({ roomNo: '01', actorStaffId: 'P0001' }));
    const paper = { kind: 'paper' as const, received: 32, issued: 29, spare: 2, absentKept: 1, collected: 29 };
    valueOf(h.recordPaperCount({ roomNo: '01', count: paper, actorStaffId: 'P0001' }));
    valueOf(h.recordPaperCount({ roomNo: '01', count: { ...paper, kind: 'answer-sheet', received: 31, spare: 1, collected: 28 }, actorStaffId: 'P0001' }));
    valueOf(h.signRecordException({ roomNo: '01', examiner: proofOf('S001'), reason: '答题卡一份由考生带出，已报告考务办' }));
    setClock(10, 5);
    valueOf(h.signRecord({ roomNo: '01', signer: proofOf('P0001') }));
    valueOf(h.signRecord({ roomNo: '01', signer: proofOf('P0002') }));
    setClock(10, 10);
    valueOf(h.recordIncident({ roomNo: '01', subject: { kind: 'candidate', ticketNo: room[12]!.ticketNo }, kindId: 'talking', cheating: false, actions: ['warning'], description: '', occurredAt: '09:20', actorStaffId: 'P0001', amendmentReason: '漏记' }));
  }

  async function pushDayToCenter(): Promise<string> {
    const { code } = await issueEnrolmentCode(center.store, day.plan.organisation, new Date(clockMs));
    const call = fetchCaller();
    const enrolled = await enrolWithCenter(core, call, base, code, '测试考点');
    if (!enrolled.ok) throw new Error(enrolled.reason);
    const pushed = await pushToCenter(core, call);
    if (!pushed.ok || pushed.forks > 0) throw new Error(JSON.stringify(pushed));
    return dayKeyOf({ organisation: day.plan.organisation, date: day.plan.date, planId: day.plan.planId });
  }

  async function browserOf(username: string, role: 'reviewer' | 'auditor'): Promise<CenterBrowser> {
    await center.store.addUser({ username, role, passwordHash: await hashPassword(`${username} password`), createdAt: new Date(clockMs).toISOString() });
    const browser = new CenterBrowser(base);
    await browser.logIn(username, `${username} password`);
    return browser;
  }

  it('answers, for every room, the record the office builds from the same events, and never an ID number', async () => {
    recordRoomDay();
    const dayKey = await pushDayToCenter();
    const auditor = await browserOf('wang.auditor', 'auditor');
    const path = (roomNo: string) => `/api/room-record?day=${encodeURIComponent(dayKey)}&room=${encodeURIComponent(roomNo)}`;

    for (const roomNo of ['01', '02']) {
      const res = await auditor.call('GET', path(roomNo));
      expect(res.status).toBe(200);
      const body = await res.text();
      const answer = JSON.parse(body) as { ok: true; value: unknown };
      const served = centerRoomRecordSchema.parse(answer.value);
      expect(served.record).toEqual(valueOf(core.handlers.getRoomRecord({ roomNo })));
      expect(served.plan).toEqual({ organisation: day.plan.organisation, planName: day.plan.planName, date: day.plan.date, startTime: '08:30', endTime: '10:00', subject: day.plan.subject });
      // The auditor may not see a full ID number: none is in the record, not even in part beyond the list's mask.
      for (const c of day.candidates) expect(body).not.toContain(c.idNumber.slice(0, 14));
    }
    // The day held everything the record shows: it is the complete one, not an empty shell that happens to agree.
    const record = centerRoomRecordSchema.parse((await auditor.json('GET', path('01'))).value).record;
    expect([record.admitted, record.lateAdmissions.length, record.manualAdmissions.length, record.revocations.length, record.doubts.length, record.reverify.impostors.length]).toEqual([18, 1, 1, 1, 1, 1]);
    expect([record.incidents.length, record.handIns.length, record.leaves.length, record.amendments.length, record.signatures.frozenAt !== null]).toEqual([5, 1, 1, 1, true]);

    expect(await auditor.json('GET', path('99'))).toMatchObject({ status: 404, message: '该考试日没有考场 99' });
    expect(await auditor.json('GET', `/api/room-record?day=${encodeURIComponent(dayKey)}`)).toMatchObject({ status: 400, message: '缺少考试日或考场' });
    expect((await new CenterBrowser(base).call('GET', path('01'))).status).toBe(401);
  });
});
