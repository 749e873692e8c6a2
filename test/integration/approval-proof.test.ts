import { resolve } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { openCore, type Core } from '../../electron/core/core';
import { rebuildProjections } from '../../electron/core/projection';
import { dumpProjection } from '../../electron/core/sqlite-projection-store';
import { verifyEventLog } from '../../electron/core/verify-log';
import { valueOf } from '../support/clocked-core';
import { fixtureDay, fixtureDayEvents } from '../support/fixture-day';
import { proofOf, setPinsAtBriefing } from '../support/staff-proof';
import { makeTempDir } from '../support/temp-dir';

// Room 01: P0001 主监考, P0002 副监考; room 02: P0003 主监考; S001 主考; R001 流动监考. 8:30 开考, late from 9:00.
const day = fixtureDay(60);
const room01 = day.candidates.filter((c) => c.roomNo === '01');
const refusal = (answer: { ok: boolean; error?: { message: string } }): string => (answer.ok ? 'accepted' : (answer.error?.message ?? ''));

describe('every approval is a badge and a PIN (issue 11 item 2), on a real SQLite file', () => {
  let temp: ReturnType<typeof makeTempDir>;
  let core: Core;
  let clockMs = 0;
  const clocked = {
    setClock: (h: number, m: number): void => {
      clockMs = new Date(2026, 10, 25, h, m).getTime();
    },
  };
  beforeEach(() => {
    temp = makeTempDir();
    clocked.setClock(8, 10);
    // The resources give the incident kinds a correction refers to.
    core = openCore({ dataDir: temp.dir, now: () => new Date(clockMs), resourcesDir: resolve(__dirname, '..', '..', 'resources') });
    core.commit(fixtureDayEvents(day));
    setPinsAtBriefing(core, ['S001', 'P0001', 'P0002', 'P0003', 'R001']);
  });
  afterEach(() => {
    core.close();
    temp.remove();
  });

  const actorsOf = (type: string) => (core.db.prepare('SELECT actor FROM events WHERE type = ? ORDER BY seq').all(type) as { actor: string }[]).map((r) => JSON.parse(r.actor) as unknown);
  const payloadsOf = (type: string) => (core.db.prepare('SELECT payload FROM events WHERE type = ? ORDER BY seq').all(type) as { payload: string }[]).map((r) => JSON.parse(r.payload) as unknown);
  const failedPins = () => (core.db.prepare("SELECT COUNT(*) AS n FROM events WHERE type = 'staff.pin-failed'").get() as { n: number }).n;
  const admitLate = (ticketNo: string, approver?: ReturnType<typeof proofOf>) =>
    core.handlers.admitWithReason({ roomNo: '01', ticketNo, reason: 'late-approved', actorStaffId: 'P0002', ...(approver ? { approver } : {}) });

  it('a late admission: refused without a badge, with a badge not on the list, of the wrong role or room, or a wrong PIN; the 主监考 proven is the actor', () => {
    clocked.setClock(9, 5);
    const late = room01[0]!.ticketNo;
    expect(refusal(admitLate(late))).toBe('须由本考场主监考扫描胸卡并输入 PIN 批准入场');
    expect(refusal(admitLate(late, { badgeCode: 'KW-X999', pin: '246899' }))).toBe('胸卡码不在本考试日的工作人员名单中');
    expect(refusal(admitLate(late, { badgeCode: '12345', pin: '246899' }))).toBe('这不是工作人员胸卡（胸卡码以 KW- 开头）');
    expect(refusal(admitLate(late, proofOf('P0002')))).toBe('迟到考生须由本考场主监考（或主考、副主考）批准入场：副监考1（第 01 考场副监考）不能批准');
    expect(refusal(admitLate(late, proofOf('R001')))).toMatch(/^迟到考生须由本考场主监考.*吴流动/);
    expect(refusal(admitLate(late, proofOf('P0003')))).toBe('迟到考生须由本考场主监考（或主考、副主考）批准入场：主监考2（第 02 考场主监考）不能批准');
    // The wrong person's PIN is never tried, so it costs them nothing.
    expect(failedPins()).toBe(0);
    expect(refusal(admitLate(late, proofOf('P0001', '135792')))).toBe('PIN 不正确，还可尝试 4 次');
    expect(failedPins()).toBe(1);
    expect(core.db.prepare("SELECT COUNT(*) AS n FROM events WHERE type = 'checkin.overridden' AND payload LIKE ?").get(`%${late}%`)).toEqual({ n: 0 });

    valueOf(admitLate(late, { badgeCode: 'kw-p0001', pin: proofOf('P0001').pin }));
    expect(actorsOf('checkin.overridden').at(-1)).toEqual({ staffId: 'P0001', name: '主监考1', role: 'chief-proctor', proof: 'badge+pin' });
  });

  it('counts wrong PINs at approvals and at sign-in toward one lock', () => {
    clocked.setClock(9, 5);
    for (let i = 0; i < 2; i += 1) expect(refusal(core.handlers.signIn({ badgeCode: 'KW-P0001', pin: '135792', roomNo: '01' }))).toMatch(/^PIN 不正确/);
    for (let i = 0; i < 2; i += 1) expect(refusal(admitLate(room01[0]!.ticketNo, proofOf('P0001', '135792')))).toMatch(/^PIN 不正确/);
    expect(refusal(admitLate(room01[0]!.ticketNo, proofOf('P0001', '135792')))).toBe('PIN 不正确。已连续 5 次错误，胸卡已锁定：请主考扫描胸卡并输入 PIN 解锁');
    expect(refusal(admitLate(room01[0]!.ticketNo, proofOf('P0001')))).toMatch(/^胸卡已锁定/);
    expect(refusal(core.handlers.signIn({ badgeCode: 'KW-P0001', pin: proofOf('P0001').pin, roomNo: '01' }))).toMatch(/^胸卡已锁定/);
    // The 主考 unlocks; the right PIN approves again.
    valueOf(core.handlers.unlockBadge({ badgeCode: 'KW-P0001', examinerBadgeCode: 'KW-S001', examinerPin: proofOf('S001').pin }));
    expect(valueOf(admitLate(room01[0]!.ticketNo, proofOf('P0001'))).verdict.kind).toBe('admitted');
  });

  it('a candidate confirmed absent is admitted only on the 主考\'s badge and PIN', () => {
    clocked.setClock(9, 10);
    const absent = room01.map((c) => c.ticketNo);
    expect(refusal(core.handlers.confirmAbsentees({ roomNo: '01', ticketNos: absent, confirmer: proofOf('P0002') }))).toMatch(/^缺考名单须由本考场主监考/);
    expect(refusal(core.handlers.confirmAbsentees({ roomNo: '01', ticketNos: absent, confirmer: proofOf('P0003') }))).toMatch(/主监考2（第 02 考场主监考）/);
    expect(refusal(core.handlers.confirmAbsentees({ roomNo: '01', ticketNos: absent, confirmer: proofOf('P0001', '000000') }))).toMatch(/^PIN 不正确/);
    valueOf(core.handlers.confirmAbsentees({ roomNo: '01', ticketNos: absent, confirmer: proofOf('P0001') }));
    expect(actorsOf('absentees.confirmed')).toEqual([{ staffId: 'P0001', name: '主监考1', role: 'chief-proctor', proof: 'badge+pin' }]);

    expect(refusal(admitLate(absent[0]!, proofOf('P0001')))).toBe('已确认缺考的考生只有主考或副主考可以更正并准予入场：主监考1（第 01 考场主监考）不能批准');
    expect(refusal(admitLate(absent[0]!))).toMatch(/确认缺考，须由主考或副主考扫描胸卡并输入 PIN 批准入场$/);
    valueOf(admitLate(absent[0]!, proofOf('S001')));
    expect(actorsOf('checkin.overridden').at(-1)).toMatchObject({ staffId: 'S001', proof: 'badge+pin' });
  });

  it('a 存疑 is signed off by both proctors\' badges and PINs (or the 主考\'s), each recorded with its proof', () => {
    const a = room01[0]!.ticketNo;
    valueOf(core.handlers.admitInDoubt({ roomNo: '01', ticketNo: a, reason: 'photo-mismatch', actorStaffId: 'P0002' }));
    const resolve = (signer: ReturnType<typeof proofOf>, secondSigner?: ReturnType<typeof proofOf>) =>
      core.handlers.resolveDoubt({ roomNo: '01', ticketNo: a, outcome: 'cleared', signer, ...(secondSigner ? { secondSigner } : {}) });
    expect(refusal(resolve(proofOf('P0001')))).toBe('须由本考场两位监考员共同确认，或由主考确认');
    expect(refusal(resolve(proofOf('P0001'), proofOf('P0003')))).toBe('只有本考场的两位监考员（或主考）可以解除或确认存疑');
    expect(refusal(resolve(proofOf('P0001'), { badgeCode: 'KW-NOBODY', pin: '246801' }))).toBe('第二位确认人：胸卡码不在本考试日的工作人员名单中');
    expect(failedPins()).toBe(0);
    expect(refusal(resolve(proofOf('P0001'), proofOf('P0002', '135792')))).toBe('第二位确认人：PIN 不正确，还可尝试 4 次');
    expect(refusal(resolve(proofOf('P0001', '135792'), proofOf('P0002')))).toBe('PIN 不正确，还可尝试 4 次');
    valueOf(resolve(proofOf('P0001'), proofOf('P0002')));
    expect(actorsOf('candidate.doubt-resolved')).toEqual([{ staffId: 'P0001', name: '主监考1', role: 'chief-proctor', proof: 'badge+pin' }]);
    expect(payloadsOf('candidate.doubt-resolved')[0]).toMatchObject({ countersignedBy: { staffId: 'P0002', role: 'second-proctor', proof: 'badge+pin' } });
  });

  it('a 附件5 confirmation by someone other than the person on duty takes their badge and PIN', () => {
    clocked.setClock(8, 36);
    const confirm = (confirmer: ReturnType<typeof proofOf>) => core.handlers.confirmStep({ confirmationId: 'seal-shown', roomNo: '01', confirmer });
    expect(refusal(core.handlers.confirmStep({ confirmationId: 'seal-shown', roomNo: '01' }))).toBe('请由值守人员确认，或由规定的岗位人员扫描胸卡并输入 PIN');
    expect(refusal(confirm(proofOf('P0002')))).toBe('该环节须由规定的岗位人员确认');
    expect(refusal(confirm(proofOf('P0003')))).toBe('监考人员只能确认本考场的环节');
    expect(refusal(confirm(proofOf('P0001', '135792')))).toBe('PIN 不正确，还可尝试 4 次');
    valueOf(confirm(proofOf('P0001')));
    expect(actorsOf('step.confirmed')).toEqual([{ staffId: 'P0001', name: '主监考1', role: 'chief-proctor', proof: 'badge+pin' }]);
    // The person on duty still confirms with a tap, recorded without a proof.
    valueOf(core.handlers.confirmStep({ confirmationId: 'exam-started', roomNo: '01', actorStaffId: 'P0001' }));
    expect(actorsOf('step.confirmed').at(-1)).toEqual({ staffId: 'P0001', name: '主监考1', role: 'chief-proctor' });
  });

  it('the room record\'s signatures, the 主考\'s exception and a correction each take the badge and PIN', () => {
    clocked.setClock(9, 5);
    const early = room01[1]!;
    valueOf(core.handlers.admitWithReason({ roomNo: '01', ticketNo: early.ticketNo, reason: 'late-approved', actorStaffId: 'P0002', approver: proofOf('P0001') }));
    const talking = valueOf(core.handlers.recordIncident({ roomNo: '01', subject: { kind: 'candidate', ticketNo: early.ticketNo }, kindId: 'talking', cheating: false, actions: ['warning'], description: '', actorStaffId: 'P0002' }));
    const correct = (corrector: ReturnType<typeof proofOf>) => core.handlers.correctIncident({ roomNo: '01', incidentEventId: talking.eventId, correction: 'withdrawn', reason: '看错座位', corrector });
    expect(refusal(correct(proofOf('R001')))).toBe('考场记录须由本考场主监考、副监考（或主考、副主考）更正：吴流动（流动监考）不能更正');
    expect(refusal(correct(proofOf('P0003')))).toMatch(/主监考2（第 02 考场主监考）不能更正$/);
    expect(refusal(correct(proofOf('P0001', '135792')))).toMatch(/^PIN 不正确/);
    valueOf(correct(proofOf('P0001')));
    expect(actorsOf('incident.corrected')).toEqual([{ staffId: 'P0001', name: '主监考1', role: 'chief-proctor', proof: 'badge+pin' }]);

    // Absentees unconfirmed and papers not collected: signing needs the 主考's exception first.
    const reason = '两名考生缺考，由考务办另行核对';
    expect(refusal(core.handlers.signRecordException({ roomNo: '01', examiner: proofOf('P0001'), reason }))).toBe('例外说明须由主考（或副主考）签署');
    expect(refusal(core.handlers.signRecordException({ roomNo: '01', examiner: proofOf('S001', '135792'), reason }))).toMatch(/^PIN 不正确/);
    valueOf(core.handlers.signRecordException({ roomNo: '01', examiner: proofOf('S001'), reason }));
    expect(actorsOf('record.exception-signed')).toEqual([{ staffId: 'S001', name: '周主考', role: 'chief-examiner', proof: 'badge+pin' }]);

    expect(refusal(core.handlers.signRecord({ roomNo: '01', signer: proofOf('P0003') }))).toContain('第 02 考场');
    expect(refusal(core.handlers.signRecord({ roomNo: '01', signer: proofOf('S001') }))).toContain('只有本考场的主监考、副监考签名');
    expect(refusal(core.handlers.signRecord({ roomNo: '01', signer: proofOf('P0002', '135792') }))).toMatch(/^PIN 不正确/);
    expect(valueOf(core.handlers.signRecord({ roomNo: '01', signer: proofOf('P0002') }))).toMatchObject({ slot: 'second-proctor', frozen: false });
    expect(valueOf(core.handlers.signRecord({ roomNo: '01', signer: proofOf('P0001') }))).toMatchObject({ slot: 'chief-proctor', frozen: true });
    expect(actorsOf('record.signed')).toEqual([
      { staffId: 'P0002', name: '副监考1', role: 'second-proctor', proof: 'badge+pin' },
      { staffId: 'P0001', name: '主监考1', role: 'chief-proctor', proof: 'badge+pin' },
    ]);
    expect(payloadsOf('record.signed')).toMatchObject([{ proof: 'badge+pin' }, { proof: 'badge+pin' }]);

    // Proven actors verify and rebuild like every other event.
    expect(verifyEventLog(core.db)).toMatchObject({ ok: true });
    const live = dumpProjection(core.db);
    rebuildProjections(core.db);
    expect(dumpProjection(core.db)).toEqual(live);
  });
});
