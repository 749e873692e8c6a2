import { resolve } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { openCore, type Core } from '../../electron/core/core';
import { rebuildProjections } from '../../electron/core/projection';
import { dumpProjection } from '../../electron/core/sqlite-projection-store';
import { valueOf } from '../support/clocked-core';
import { fixtureDay, fixtureDayEvents } from '../support/fixture-day';
import { proofOf, setPinsAtBriefing } from '../support/staff-proof';
import { makeTempDir } from '../support/temp-dir';

// Room 01: P0001 主监考 (KW-P0001), P0002 副监考 (KW-P0002); room 02's 主监考 P0003; S001 主考; R001 流动监考.
const day = fixtureDay(60);
const room = day.candidates.filter((x) => x.roomNo === '01');
const other = day.candidates.find((x) => x.roomNo === '02')!;
const [cheater, early, leaver, absent] = [room[0]!, room[1]!, room[2]!, room[29]!];
const refusal = (answer: { ok: boolean; error?: { message: string } }): string => (answer.ok ? 'accepted' : (answer.error?.message ?? ''));

describe('the room record, complete: check-in to both signatures on a real SQLite file', () => {
  let temp: ReturnType<typeof makeTempDir>;
  let core: Core;
  let clockMs = 0;
  const setClock = (h: number, m: number, s = 0): void => {
    clockMs = new Date(2026, 10, 25, h, m, s).getTime();
  };
  beforeEach(() => {
    temp = makeTempDir();
    setClock(8, 10);
    core = openCore({ dataDir: temp.dir, now: () => new Date(clockMs), resourcesDir: resolve(__dirname, '..', '..', 'resources') });
    core.commit(fixtureDayEvents(day));
    setPinsAtBriefing(core, ['S001', 'P0001', 'P0002', 'P0003', 'R001']);
  });
  afterEach(() => {
    core.close();
    temp.remove();
  });

  it('records, refuses what a proctor gets wrong, signs, freezes, and rebuilds to the same record', () => {
    const h = core.handlers;
    for (const c of room.slice(0, 29)) valueOf(h.checkIn({ roomNo: '01', input: c.ticketNo, method: 'scanner', actorStaffId: 'P0002' }));
    const kinds = valueOf(h.getIncidentKinds({})).kinds;
    expect(kinds.map((k) => k.zh)).toEqual(expect.arrayContaining(['携带违规物品', '夹带', '抄袭/偷看', '交头接耳', '替考', '使用通讯工具', '扰乱考场秩序', '拒不服从管理', '提前/拖延交卷', '其他']));

    setClock(8, 26);
    valueOf(h.confirmStep({ confirmationId: 'seal-shown', roomNo: '01', actorStaffId: 'P0001' }));
    // A problem found at 启封 is reported; the office card shows it at once.
    valueOf(h.recordIncident({ roomNo: '01', subject: { kind: 'papers' }, kindId: 'count-mismatch', cheating: false, actions: [], description: '答题卡少 1 份', actorStaffId: 'P0001' }));
    expect(valueOf(h.getDashboard({})).rooms.find((r) => r.roomNo === '01')).toMatchObject({ paperProblems: ['数量不符：答题卡少 1 份'], incidents: 1 });
    const paper = { kind: 'paper' as const, received: 32, issued: 29, spare: 2, absentKept: 1, collected: null };
    valueOf(h.recordPaperCount({ roomNo: '01', count: paper, actorStaffId: 'P0001' }));
    expect(refusal(h.recordPaperCount({ roomNo: '01', count: { ...paper, kind: 'answer-sheet', received: 31, issued: 30 }, actorStaffId: 'P0001' }))).toContain('结余为负');
    valueOf(h.recordPaperCount({ roomNo: '01', count: { ...paper, kind: 'answer-sheet', received: 31, spare: 1 }, actorStaffId: 'P0001' }));

    setClock(8, 40);
    // The witness gives their own badge and PIN: not the recorder, not another room's proctor.
    const crib = { roomNo: '01', subject: { kind: 'candidate' as const, ticketNo: cheater.ticketNo }, kindId: 'crib-notes', cheating: true, actions: ['confiscated' as const, 'terminated' as const], description: '袖中夹带纸条', occurredAt: '08:38', actorStaffId: 'P0001' };
    expect(refusal(h.recordIncident({ ...crib, witness: proofOf('P0001') }))).toBe('证明人：证明人须为记录人以外的另一人');
    expect(refusal(h.recordIncident({ ...crib, witness: proofOf('P0003') }))).toBe('证明人：证明人须为本考场另一名监考、流动监考或主考');
    valueOf(h.recordIncident({ ...crib, witness: proofOf('P0002') }));
    const recorded = JSON.parse(core.db.prepare("SELECT payload FROM events WHERE type = 'incident.recorded' ORDER BY local_order DESC LIMIT 1").pluck().get() as string) as { witnessStaffId: string; witnessProof: string };
    expect(recorded).toMatchObject({ witnessStaffId: 'P0002', witnessProof: 'badge+pin' });
    expect(refusal(h.recordIncident({ roomNo: '01', subject: { kind: 'candidate', ticketNo: other.ticketNo }, kindId: 'talking', cheating: false, actions: ['warning'], description: '', actorStaffId: 'P0001' }))).toContain('不是本考场考生');
    expect(refusal(h.recordIncident({ roomNo: '01', subject: { kind: 'candidate', ticketNo: early.ticketNo }, kindId: 'talking', cheating: false, actions: [], description: '', occurredAt: '08:50', actorStaffId: 'P0001' }))).toBe('违纪时间不能晚于现在');
    expect(refusal(h.recordIncident({ roomNo: '01', subject: { kind: 'candidate', ticketNo: early.ticketNo }, kindId: 'talking', cheating: false, actions: [], description: '', actorStaffId: 'P0003' }))).toContain('本考场主监考');
    const talking = valueOf(h.recordIncident({ roomNo: '01', subject: { kind: 'candidate', ticketNo: early.ticketNo }, kindId: 'talking', cheating: false, actions: ['warning'], description: '', actorStaffId: 'P0001' }));
    valueOf(h.correctIncident({ roomNo: '01', incidentEventId: talking.eventId, correction: 'withdrawn', reason: '看错座位', corrector: proofOf('P0001') }));
    expect(refusal(h.recordHandIn({ roomNo: '01', ticketNo: early.ticketNo, actorStaffId: 'P0001' }))).toBe('开考30分钟后才能交卷：09:00 起可以交卷');
    // The 流动监考 goes along and proves it with badge and PIN; a room proctor's badge or a wrong PIN is refused.
    expect(refusal(h.recordLeave({ roomNo: '01', ticketNo: leaver.ticketNo, reason: 'toilet', companion: proofOf('P0002'), actorStaffId: 'P0001' }))).toContain('流动监考');
    expect(refusal(h.recordLeave({ roomNo: '01', ticketNo: leaver.ticketNo, reason: 'toilet', companion: proofOf('R001', '135790'), actorStaffId: 'P0001' }))).toBe('陪同人：PIN 不正确，还可尝试 4 次');
    valueOf(h.recordLeave({ roomNo: '01', ticketNo: leaver.ticketNo, reason: 'toilet', companion: proofOf('R001'), actorStaffId: 'P0001' }));
    setClock(8, 47);
    valueOf(h.recordReturn({ roomNo: '01', ticketNo: leaver.ticketNo, actorStaffId: 'P0001' }));

    setClock(9, 2);
    const pending = valueOf(h.getRoomRoster({ roomNo: '01' })).rows.filter((r) => r.absence === 'pending').map((r) => r.ticketNo);
    expect(pending).toEqual([absent.ticketNo]);
    valueOf(h.recordHandIn({ roomNo: '01', ticketNo: early.ticketNo, actorStaffId: 'P0001' }));
    expect(refusal(h.recordHandIn({ roomNo: '01', ticketNo: early.ticketNo, actorStaffId: 'P0001' }))).toContain('已交卷');
    expect(refusal(h.signRecord({ roomNo: '01', signer: proofOf('P0001') }))).toContain('暂不能签名：缺考名单尚未确认；尚未收卷');
    valueOf(h.confirmAbsentees({ roomNo: '01', ticketNos: pending, confirmer: proofOf('P0001') }));

    setClock(9, 45);
    expect(refusal(h.recordHandIn({ roomNo: '01', ticketNo: room[5]!.ticketNo, actorStaffId: 'P0001' }))).toContain('已停止交卷');
    expect(refusal(h.collectPapers({ roomNo: '01', actorStaffId: 'P0001' }))).toContain('10:00');
    setClock(10, 0);
    // 29 in, one handed in, one terminated: 27 collected.
    expect(valueOf(h.collectPapers({ roomNo: '01', actorStaffId: 'P0001' })).collected).toBe(27);
    valueOf(h.recordPaperCount({ roomNo: '01', count: { ...paper, collected: 29 }, actorStaffId: 'P0001' }));
    valueOf(h.recordPaperCount({ roomNo: '01', count: { ...paper, kind: 'answer-sheet', received: 31, spare: 1, collected: 28 }, actorStaffId: 'P0001' }));
    expect(valueOf(h.getRoomRecord({ roomNo: '01' })).signingProblems).toEqual(['答题卡：收回 28 份 ≠ 发出 29 份（差 1 份）']);

    expect(refusal(h.signRecord({ roomNo: '01', signer: proofOf('P0003') }))).toContain('第 02 考场');
    expect(refusal(h.signRecord({ roomNo: '01', signer: proofOf('P0001') }))).toContain('答题卡');
    expect(refusal(h.signRecordException({ roomNo: '01', examiner: proofOf('P0001'), reason: '已报告' }))).toContain('主考');
    valueOf(h.signRecordException({ roomNo: '01', examiner: proofOf('S001'), reason: '答题卡一份由考生带出，已报告考务办' }));
    setClock(10, 5);
    expect(valueOf(h.signRecord({ roomNo: '01', signer: { badgeCode: 'kw-p0001', pin: proofOf('P0001').pin } }))).toMatchObject({ slot: 'chief-proctor', frozen: false });
    expect(refusal(h.signRecord({ roomNo: '01', signer: proofOf('P0001') }))).toBe('主监考1已于本记录单签名，不能重复签名');
    expect(valueOf(h.signRecord({ roomNo: '01', signer: proofOf('P0002') }))).toMatchObject({ slot: 'second-proctor', frozen: true });

    // Frozen: a change must be an amendment with its reason.
    setClock(10, 10);
    expect(refusal(h.recordIncident({ roomNo: '01', subject: { kind: 'candidate', ticketNo: room[6]!.ticketNo }, kindId: 'talking', cheating: false, actions: ['warning'], description: '', occurredAt: '09:20', actorStaffId: 'P0001' }))).toContain('更正原因');
    valueOf(h.recordIncident({ roomNo: '01', subject: { kind: 'candidate', ticketNo: room[6]!.ticketNo }, kindId: 'talking', cheating: false, actions: ['warning'], description: '', occurredAt: '09:20', actorStaffId: 'P0001', amendmentReason: '漏记' }));

    const record = valueOf(h.getRoomRecord({ roomNo: '01' }));
    expect(record.signatures).toMatchObject({ chief: { name: '主监考1' }, second: { name: '副监考1' }, exception: { name: '周主考' } });
    expect(record.amendments).toEqual([expect.objectContaining({ what: '补记违纪/舞弊：交头接耳', reason: '漏记', by: { name: '主监考1', role: 'chief-proctor' } })]);
    expect(record.incidents.filter((i) => i.amendment).map((i) => i.kindLabel)).toEqual(['交头接耳']);
    expect(record.handIns.map((x) => x.ticketNo)).toEqual([early.ticketNo]);
    expect(record.leaves).toEqual([expect.objectContaining({ ticketNo: leaver.ticketNo, reason: 'toilet', accompaniedBy: { name: '吴流动', role: 'roving-proctor' } })]);
    expect(record.seal.shownAt).not.toBeNull();
    expect(record.balance).toBe('mismatch');

    // The results preview matches the incidents: the standing 夹带 is 舞弊, the withdrawn 交头接耳 is not.
    const results = valueOf(h.getResults({ roomNo: '01' })).rows;
    expect(results.filter((r) => r.result === 'cheating')).toEqual([expect.objectContaining({ ticketNo: cheater.ticketNo, incident: '08:38 夹带：袖中夹带纸条' })]);
    expect(results.filter((r) => r.result === 'absent').map((r) => r.ticketNo)).toEqual([absent.ticketNo]);
    expect(results.filter((r) => r.result === 'sat')).toHaveLength(28);
    expect(results[0]!.idMasked).not.toContain(cheater.idNumber.slice(0, 6));
    expect(valueOf(h.getResults({})).rows).toHaveLength(60);

    const dash = valueOf(h.getDashboard({}));
    expect(dash.rooms.find((r) => r.roomNo === '01')).toMatchObject({ handIns: 1, balance: 'mismatch', signed: 'both' });
    expect(dash.unsignedAfterReturn).toEqual(['02']);

    // Rebuilt from the events, the projection and the record are the live ones.
    const live = dumpProjection(core.db);
    const liveRecord = { ...record, generatedAt: '' };
    rebuildProjections(core.db);
    expect(dumpProjection(core.db)).toEqual(live);
    expect({ ...valueOf(h.getRoomRecord({ roomNo: '01' })), generatedAt: '' }).toEqual(liveRecord);
  });
});
