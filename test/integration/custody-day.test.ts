import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { rebuildProjections } from '../../electron/core/projection';
import { dumpProjection } from '../../electron/core/sqlite-projection-store';
import type { StaffMember } from '../../shared/domain/types';
import { openClockedCore, valueOf, type ClockedCore } from '../support/clocked-core';
import { fixtureDay } from '../support/fixture-day';
import { proofOf, setPinsAtBriefing } from '../support/staff-proof';

// Four rooms of 30 (01–04); room n's 主监考 is KW-P(2n−1), its 副监考 KW-P(2n); S001 is the 主考.
const day = fixtureDay(120);
const office: StaffMember[] = [
  { staffId: 'B001', name: '钱保密', role: 'secrecy-officer', badgeCode: 'KW-B001' },
  { staffId: 'B002', name: '孙保密', role: 'secrecy-officer', badgeCode: 'KW-B002' },
  { staffId: 'K001', name: '郑考务', role: 'exam-affairs', badgeCode: 'KW-K001' },
];
const rooms = ['01', '02', '03', '04'];
const chief = (room: string): string => `KW-P${String(2 * Number(room) - 1).padStart(4, '0')}`;
const second = (room: string): string => `KW-P${String(2 * Number(room)).padStart(4, '0')}`;
const codes = (room: string) => ({ paper: `SJ-${room}`, sheet: `DTK-${room}`, paperReturn: `HS-${room}`, sheetReturn: `HK-${room}` });
const refusal = (answer: { ok: boolean; error?: { message: string } }): string => (answer.ok ? 'accepted' : (answer.error?.message ?? ''));
const intact = (bagCodes: string[]) => bagCodes.map((bagCode) => ({ bagCode, intact: true }));
const counted = (bagCodes: string[], count: number) => bagCodes.map((bagCode) => ({ bagCode, count }));
const none = { givers: [], receivers: [], performers: [], counts: [], seals: [] };

describe('custody of a 4-room day, from the registry to 日结, on a real SQLite file', () => {
  let day0: ClockedCore;
  beforeEach(() => {
    day0 = openClockedCore(day, 7, 0);
    day0.core.commit(office.map((staff) => ({ type: 'staff.registered', payload: { staff }, actor: { staffId: 'system', name: '系统', role: 'system' } })));
  });
  afterEach(() => day0.close());

  it('hands every bag out and back by badge, refuses what cannot be, and closes only once reconciled', () => {
    const h = day0.core.handlers;
    const { setClock } = day0;
    const bagEntries = rooms.flatMap((roomNo) => {
      const c = codes(roomNo);
      const common = { occupation: day.candidates[0]!.occupation, level: day.candidates[0]!.level, roomNo, sealNos: [], source: 'press-label' as const };
      return [
        { ...common, code: c.paper, kind: 'paper' as const, count: 32, sealNos: [`F-${roomNo}`] },
        { ...common, code: c.sheet, kind: 'answer-sheet' as const, count: 32 },
        { ...common, code: c.paperReturn, kind: 'paper-return' as const, count: 0 },
        { ...common, code: c.sheetReturn, kind: 'answer-sheet-return' as const, count: 0 },
      ];
    });
    // Before any bag: every room's two 等级 (15 四级, 15 三级) lack their 试卷 and 答题卡 (the count check).
    expect(valueOf(h.getCustody({})).registryFindings.map((f) => f.severity)).toEqual(Array(16).fill('warning'));
    expect(refusal(h.registerBags({ bags: bagEntries, actorStaffId: 'P0001' }))).toBe('试卷袋须由主考、副主考、考务人员或保密员登记');
    expect(valueOf(h.registerBags({ bags: bagEntries, actorStaffId: 'K001' })).codes).toHaveLength(16);
    expect(refusal(h.registerBags({ bags: [bagEntries[0]!], actorStaffId: 'K001' }))).toBe('试卷袋 SJ-01 已登记');
    const all = bagEntries.map((b) => b.code);
    // The bags registered here are all 四级 (32 for 15 candidates): only the 三级 papers are still missing.
    const stillMissing = valueOf(h.getCustody({})).registryFindings;
    expect(stillMissing).toHaveLength(8);
    expect(stillMissing.every((f) => f.severity === 'warning' && f.message.includes('三级'))).toBe(true);

    setClock(7, 10);
    expect(refusal(h.recordCustodyStep({ ...none, step: 'store', bagCodes: all, receivers: ['KW-B001'], seals: intact(all) }))).toContain('须扫描 2 名接收人');
    valueOf(h.recordCustodyStep({ ...none, step: 'store', bagCodes: all, receivers: ['KW-B001', 'KW-B002'], seals: intact(all) }));
    setClock(7, 40);
    valueOf(h.recordCustodyStep({ ...none, step: 'take-out', bagCodes: all, givers: ['KW-B001'], receivers: ['KW-S001'], seals: intact(all) }));

    setClock(7, 42);
    const ofRoom = (room: string): string[] => Object.values(codes(room));
    const issue = (room: string, receiver: string) =>
      h.recordCustodyStep({
        ...none,
        step: 'issue',
        bagCodes: ofRoom(room),
        givers: ['KW-S001'],
        receivers: [receiver],
        counts: [...counted([codes(room).paper, codes(room).sheet], 32), ...counted([codes(room).paperReturn, codes(room).sheetReturn], 0)],
        seals: intact(ofRoom(room)),
      });
    expect(refusal(issue('02', chief('03')))).toBe('试卷袋 SJ-02 属于第2考场，主监考3是第3考场的监考，不能分发签收');
    expect(refusal(h.recordCustodyStep({ ...none, step: 'issue', bagCodes: [codes('01').paper], givers: ['KW-S001'], receivers: [chief('01')], counts: counted([codes('01').paper], 31), seals: intact([codes('01').paper]) }))).toBe(
      '试卷袋 SJ-01 清点 31 份，与袋上的 32 份不符',
    );
    for (const room of rooms) valueOf(issue(room, chief(room)));
    setClock(7, 48);
    for (const room of ['01', '02', '03']) valueOf(h.recordCustodyStep({ ...none, step: 'arrive', bagCodes: ofRoom(room), performers: [chief(room), second(room)] }));

    // S−40: room 04's bags are still with its 主监考.
    setClock(7, 50);
    const at750 = valueOf(h.getCustody({}));
    expect(at750.overdue.map((o) => [o.bagCode, o.rule])).toEqual(ofRoom('04').map((code) => [code, 'not-in-room']));
    expect(at750.bags.find((b) => b.code === 'SJ-04')).toMatchObject({ state: 'with-proctor', holders: [{ name: '主监考4' }] });
    valueOf(h.recordCustodyStep({ ...none, step: 'arrive', bagCodes: ofRoom('04'), performers: [chief('04')] }));

    setClock(8, 26);
    for (const room of rooms) {
      const papers = [codes(room).paper, codes(room).sheet];
      expect(refusal(h.recordCustodyStep({ ...none, step: 'open', bagCodes: papers, performers: [chief(room)] }))).toContain('尚未向考生展示密封完好');
      valueOf(h.recordCustodyStep({ ...none, step: 'show-seal', bagCodes: papers, performers: [chief(room)], seals: papers.map((bagCode) => ({ bagCode, intact: true, ...(bagCode.startsWith('SJ') ? { sealNo: `F-${room}` } : {}) })) }));
      valueOf(h.recordCustodyStep({ ...none, step: 'open', bagCodes: papers, performers: [chief(room)] }));
    }

    // Room 01 keeps its record: 30 in, 30 collected; its return bags must hold that many.
    setClock(8, 28);
    for (const c of day.candidates.filter((x) => x.roomNo === '01')) valueOf(h.checkIn({ roomNo: '01', input: c.ticketNo, method: 'scanner', actorStaffId: 'P0002' }));
    setClock(10, 0);
    valueOf(h.collectPapers({ roomNo: '01', actorStaffId: 'P0001' }));
    for (const kind of ['paper', 'answer-sheet'] as const) {
      valueOf(h.recordPaperCount({ roomNo: '01', count: { kind, received: 32, issued: 30, spare: 2, absentKept: 0, collected: 30 }, actorStaffId: 'P0001' }));
    }
    setClock(10, 2);
    const seal = (room: string, code: string, kind: 'paper-return' | 'answer-sheet-return', count: number) =>
      h.sealReturnBag({ roomNo: room, code, kind, count, performers: [chief(room), second(room)] });
    expect(refusal(seal('01', 'HS-01', 'paper-return', 29))).toBe('答卷回收袋 HS-01 29 份，与考场记录单收回的 30 份不符');
    expect(refusal(h.sealReturnBag({ roomNo: '01', code: 'HS-01', kind: 'paper-return', count: 30, performers: [chief('01'), chief('01')] }))).toContain('扫描了两次');
    for (const room of rooms) {
      valueOf(seal(room, codes(room).paperReturn, 'paper-return', 30));
      if (room !== '04') valueOf(seal(room, codes(room).sheetReturn, 'answer-sheet-return', 30));
    }

    setClock(10, 6);
    const returned = rooms.flatMap((room) => [codes(room).paperReturn, ...(room === '04' ? [] : [codes(room).sheetReturn])]);
    expect(refusal(h.recordCustodyStep({ ...none, step: 'return', bagCodes: [codes('04').sheetReturn], givers: [chief('04')], receivers: ['KW-K001'], counts: counted([codes('04').sheetReturn], 30), seals: intact([codes('04').sheetReturn]) }))).toBe(
      '回收袋 HK-04 尚未在考场装袋密封，不能交回',
    );
    for (const room of rooms) {
      const mine = returned.filter((c) => c.endsWith(room));
      valueOf(h.recordCustodyStep({ ...none, step: 'return', bagCodes: mine, givers: [chief(room), second(room)], receivers: ['KW-K001'], counts: counted(mine, 30), seals: intact(mine) }));
    }
    setClock(10, 20);
    valueOf(h.recordCustodyStep({ ...none, step: 'office-seal', bagCodes: returned, performers: ['KW-S001', 'KW-K001'] }));
    expect(refusal(h.recordCustodyStep({ ...none, step: 'escort', bagCodes: returned, performers: ['KW-B001'], seals: intact(returned) }))).toContain('须扫描 2 名经办人');
    valueOf(h.recordCustodyStep({ ...none, step: 'escort', bagCodes: returned, performers: ['KW-B001', 'KW-B002'], seals: intact(returned) }));

    // Room 04's answer-sheet return bag never came back: 日结 waits for the 主考's exception.
    const before = valueOf(h.getCustody({}));
    expect(before.reconciliation).toEqual({
      reconciled: false,
      problems: [
        {
          bagCode: 'HK-04',
          roomNo: '04',
          message: '第4考场答题卡回收袋 HK-04 未完成交回、清点和封存（现为“已到考场”）',
          refusal: { code: 'custody-reconcile-return-unfinished', params: expect.objectContaining({ code: 'HK-04', stateEn: 'In the room' }) },
          signed: false,
        },
      ],
    });
    setPinsAtBriefing(day0.core, ['S001', 'P0001', 'P0007']);
    expect(refusal(h.closeDay({ examiner: proofOf('S001') }))).toContain('试卷流转尚未闭环，不能日结：第4考场答题卡回收袋 HK-04');
    expect(h.closeDay({ examiner: proofOf('S001') })).toMatchObject({ ok: false, error: { refusal: { code: 'custody-close-day-open', params: { problemsEn: expect.stringContaining('Paper bag HK-04 (Answer sheets (return)) has not been returned') } } } });
    expect(refusal(h.signCustodyException({ bagCode: 'HK-04', examiner: proofOf('P0007'), reason: '遗失' }))).toContain('须由主考扫描胸卡');
    valueOf(h.signCustodyException({ bagCode: 'hk-04', examiner: proofOf('S001'), reason: '答题卡已随答卷袋装入 HS-04，空袋未使用' }));
    expect(refusal(h.closeDay({ examiner: proofOf('P0001') }))).toContain('须由主考扫描胸卡');
    expect(refusal(h.closeDay({ examiner: proofOf('S001', '135792') }))).toBe('PIN 不正确，还可尝试 4 次');
    expect(valueOf(h.closeDay({ examiner: proofOf('S001'), note: '全部试卷袋已押送评卷点' })).name).toBe('周主考');
    const closedBy = day0.core.db.prepare("SELECT actor FROM events WHERE type = 'day.closed'").get() as { actor: string };
    expect(JSON.parse(closedBy.actor)).toEqual({ staffId: 'S001', name: '周主考', role: 'chief-examiner', proof: 'badge+pin' });
    expect(refusal(h.closeDay({ examiner: proofOf('S001') }))).toBe('本考试日已日结');
    expect(refusal(h.recordCustodyStep({ ...none, step: 'deliver', bagCodes: returned, givers: ['KW-B001'], counts: counted(returned, 30), seals: intact(returned), recipient: '评卷点 刘老师' }))).toBe('本考试日已日结，不能再记录试卷流转');

    const live = valueOf(h.getCustody({}));
    expect(live.dayClosed).toMatchObject({ byName: '周主考' });
    expect(live.reconciliation.reconciled).toBe(true);
    expect(live.bags.find((b) => b.code === 'HS-01')).toMatchObject({ state: 'escorted', holders: [{ name: '钱保密' }, { name: '孙保密' }] });
    expect(live.bags.find((b) => b.code === 'HS-01')!.history.map((x) => x.step)).toEqual(['store', 'take-out', 'issue', 'arrive', 'seal-return', 'return', 'office-seal', 'escort']);
    // One room's view holds only its bags.
    expect(valueOf(h.getCustody({ roomNo: '02' })).bags.map((b) => b.code)).toEqual(ofRoom('02'));

    const dump = dumpProjection(day0.core.db);
    rebuildProjections(day0.core.db);
    expect(dumpProjection(day0.core.db)).toEqual(dump);
    expect({ ...valueOf(h.getCustody({})), generatedAt: '' }).toEqual({ ...live, generatedAt: '' });
  });
});
