import { describe, expect, it } from 'vitest';
import type { Bag } from '../../shared/custody/bags';
import { foldCustody, type BagRecord, type CustodyEntry } from '../../shared/custody/custody-log';
import type { BagState } from '../../shared/custody/custody-steps';
import { overdueBags, overdueBagsCoded } from '../../shared/custody/overdue';
import { refusalText } from '../../renderer/src/i18n/i18n';
import { closeDayRefusal, reconcileCustody } from '../../shared/custody/reconcile';
import { refusalZh } from '../../shared/api/refusal';
import { timeGates } from '../../shared/timetable/gates';

const actor = { staffId: 'S05', name: '周考务', role: 'exam-affairs' as const };
const bag = (code: string, kind: Bag['kind'], roomNo = '2', count = 30): Bag => ({ code, kind, occupation: '电工', level: '四级', count, roomNo, sealNos: [], source: 'generated' });

/** Records in given states, as folded (the fold is tested in custody-rules.test.ts). */
function records(bags: [Bag, BagState][]): BagRecord[] {
  const entry: CustodyEntry = { type: 'bags.registered', payload: { bags: bags.map(([b]) => b) }, eventId: 'e1', deviceId: 'a', seq: 1, at: '2026-11-30T07:00:00+08:00', actor };
  const log = foldCustody([entry]);
  return bags.map(([b, state]) => Object.assign(log.bags.get(b.code)!, { state }));
}

/** A time of day on the machine's local clock, as the app reads the timetable. */
const at = (date: string, hhmm: string, seconds = 0): Date => {
  const [h, m] = hhmm.split(':').map(Number);
  const d = new Date(`${date}T00:00:00`);
  d.setHours(h!, m!, seconds, 0);
  return d;
};

describe('overdue against the timetable (issue 13 item 4), at the boundaries, for two exam times', () => {
  const exams = [
    { start: '08:30', end: '10:00', inRoomBy: '07:50', returnedBy: '10:10', openFrom: '08:25' },
    { start: '14:00', end: '15:30', inRoomBy: '13:20', returnedBy: '15:40', openFrom: '13:55' },
  ];
  const date = '2026-11-30';
  for (const exam of exams) {
    const plan = { date, startTime: exam.start, endTime: exam.end, lateCutoffMinutes: 30 };
    const gates = timeGates(plan)!;
    const minus = (hhmm: string, seconds: number): Date => new Date(at(date, hhmm).getTime() - seconds * 1000);

    it(`${exam.start}: a room's bag not in the room is overdue from ${exam.inRoomBy}, not a second before`, () => {
      const bags = records([
        [bag('P-1', 'paper'), 'with-proctor'],
        [bag('P-2', 'paper', '3'), 'in-room'],
        [bag('R-1', 'paper-return'), 'in-secure-room'],
      ]);
      expect(overdueBags(bags, plan, gates, minus(exam.inRoomBy, 1))).toEqual([]);
      const due = overdueBags(bags, plan, gates, at(date, exam.inRoomBy));
      expect(due).toEqual([{ bagCode: 'P-1', roomNo: '2', rule: 'not-in-room', dueAt: exam.inRoomBy, message: `第2考场试卷 P-1 应于 ${exam.inRoomBy} 前到达考场，现为“主监考已签收”` }]);
    });

    it(`${exam.start}: a return bag not back is overdue from ${exam.returnedBy}`, () => {
      const bags = records([
        [bag('R-1', 'paper-return'), 'return-sealed'],
        [bag('R-2', 'answer-sheet-return'), 'accepted'],
        [bag('R-3', 'paper-return', '3'), 'received'],
      ]);
      expect(overdueBags(bags, plan, gates, minus(exam.returnedBy, 1))).toEqual([]);
      expect(overdueBags(bags, plan, gates, at(date, exam.returnedBy)).map((o) => [o.bagCode, o.rule, o.dueAt])).toEqual([['R-1', 'not-returned', exam.returnedBy]]);
    });

    it(`${exam.start}: a bag opened before ${exam.openFrom} is flagged, at ${exam.openFrom} it is not`, () => {
      const [early, onTime] = records([
        [bag('P-1', 'paper'), 'opened'],
        [bag('P-2', 'paper'), 'opened'],
      ]);
      const opened = (record: BagRecord, when: Date): void => {
        record.history.push({ eventId: 'x', deviceId: 'd', step: 'open', handoffId: 'h', at: when.toISOString(), place: 'room', roomNo: '2', parties: [{ part: 'performer', staffId: 'S10', name: '李主监', role: 'chief-proctor' }], count: null, seal: null, recipient: null, note: null, standing: 'applied' });
      };
      opened(early!, minus(exam.openFrom, 1));
      opened(onTime!, at(date, exam.openFrom));
      const flagged = overdueBags([early!, onTime!], plan, gates, at(date, exam.end));
      expect(flagged.map((o) => [o.bagCode, o.rule])).toEqual([['P-1', 'opened-early']]);
      expect(flagged[0]!.message).toContain('李主监');
    });
  }

  it("says what is overdue in the UI's language: the Chinese as before, the English naming the kind and state in English (issue 15 item 13)", () => {
    const plan = { date: '2026-11-30', startTime: '08:30', endTime: '10:00', lateCutoffMinutes: 30 };
    const gates = timeGates(plan)!;
    const [paper, returnBag, opened] = records([
      [bag('P-1', 'paper'), 'with-proctor'],
      [bag('R-1', 'paper-return'), 'return-sealed'],
      [bag('P-3', 'paper', '3'), 'opened'],
    ]);
    opened!.history.push({ eventId: 'x', deviceId: 'd', step: 'open', handoffId: 'h', at: at('2026-11-30', '08:20').toISOString(), place: 'room', roomNo: '3', parties: [{ part: 'performer', staffId: 'S10', name: '李主监', role: 'chief-proctor' }, { part: 'performer', staffId: 'S11', name: '吴副监', role: 'second-proctor' }], count: null, seal: null, recipient: null, note: null, standing: 'applied' });
    const now = at('2026-11-30', '10:10');
    const coded = overdueBagsCoded([paper!, returnBag!, opened!], plan, gates, now);
    expect(coded.map(({ refusal: _refusal, ...overdue }) => overdue)).toEqual(overdueBags([paper!, returnBag!, opened!], plan, gates, now));
    expect(coded.map((o) => [o.message, refusalText('zh', o), refusalText('en', o)])).toEqual([
      ['第2考场试卷 P-1 应于 07:50 前到达考场，现为“主监考已签收”', '第2考场试卷 P-1 应于 07:50 前到达考场，现为“主监考已签收”', '第2考场: Paper bag P-1 (Question papers) should have been in the room by 07:50; it is "With chief proctor"'],
      ['第2考场答卷回收袋 R-1 应于 10:10 前交回考务办，现为“已装袋密封”', '第2考场答卷回收袋 R-1 应于 10:10 前交回考务办，现为“已装袋密封”', '第2考场: Paper bag R-1 (Answered papers (return)) should have been back at the office by 10:10; it is "Sealed for return"'],
      ['第3考场试卷 P-3 于 08:20 启封，早于 08:25（李主监、吴副监）', '第3考场试卷 P-3 于 08:20 启封，早于 08:25（李主监、吴副监）', '第3考场: Paper bag P-3 (Question papers) was opened at 08:20, before 08:25 (李主监, 吴副监)'],
    ]);
  });

  it('judges nothing overdue on another date (a day set up ahead)', () => {
    const plan = { date: '2026-12-01', startTime: '08:30', endTime: '10:00', lateCutoffMinutes: 30 };
    expect(overdueBags(records([[bag('P-1', 'paper'), 'received']]), plan, timeGates(plan)!, at('2026-11-30', '09:00'))).toEqual([]);
  });
});

describe('reconciliation (issue 13 item 6)', () => {
  const none = (): number | null => null;
  const logOf = (bags: [Bag, BagState, number?][]) => {
    const log = foldCustody([{ type: 'bags.registered', payload: { bags: bags.map(([b]) => b) }, eventId: 'e1', deviceId: 'a', seq: 1, at: '2026-11-30T07:00:00+08:00', actor }]);
    for (const [b, state, count] of bags) Object.assign(log.bags.get(b.code)!, { state, lastCount: count ?? null });
    return log;
  };

  it('reconciles when papers are opened or never left, and return bags are sealed by the office', () => {
    const log = logOf([
      [bag('P-1', 'paper'), 'opened'],
      [bag('S-1', 'spare', '2', 2), 'in-secure-room'],
      [bag('S-2', 'spare', '2', 2), 'office-sealed'],
      [bag('R-1', 'paper-return'), 'office-sealed', 28],
      [bag('R-9', 'paper-return', '3'), 'received'],
    ]);
    expect(reconcileCustody(log, none)).toEqual({ reconciled: true, problems: [] });
  });

  it('finds a bag that is missing, a return bag not sealed, and counts that differ from the record', () => {
    const log = logOf([
      [bag('P-1', 'paper'), 'in-room'],
      [bag('R-1', 'paper-return'), 'accepted', 28],
      [bag('C-1', 'answer-sheet-return'), 'office-sealed', 30],
    ]);
    const collected = (roomNo: string, kind: 'paper' | 'answer-sheet'): number | null => (roomNo === '2' ? (kind === 'paper' ? 29 : 30) : null);
    const { reconciled, problems } = reconcileCustody(log, collected);
    expect(reconciled).toBe(false);
    expect(problems.map((p) => p.message)).toEqual([
      '第2考场试卷 P-1 既未启封也未交回（现为“已到考场”）',
      '第2考场答卷回收袋 R-1 未完成交回、清点和封存（现为“考务办已接收”）',
      '第2考场答卷回收袋共 28 份，与考场记录单收回的 29 份不符',
    ]);
  });

  describe("each problem in the UI's language (issue 15 item 13): the Chinese as before, the English naming kind, state and step in English", () => {
    const log = logOf([
      [bag('P-1', 'paper'), 'in-room'],
      [bag('R-1', 'paper-return'), 'accepted', 28],
      [bag('C-1', 'answer-sheet-return', '3'), 'office-sealed', 30],
      [bag('S-9', 'spare', ''), 'with-examiner'],
    ]);
    const party = (name: string) => ({ part: 'performer' as const, staffId: name, name, role: 'chief-proctor' as const });
    const step = { eventId: 'x', deviceId: 'd', handoffId: 'h', at: '2026-11-30T07:45:00+08:00', place: 'office' as const, roomNo: '3', count: 30, recipient: null, note: null };
    log.bags.get('C-1')!.history.push(
      { ...step, step: 'return', parties: [party('李主监')], seal: { intact: false, sealNo: null }, standing: 'applied' },
      { ...step, step: 'office-seal', parties: [party('周考务'), party('吴保密')], seal: null, standing: 'not-applied' },
    );
    const collected = (roomNo: string, kind: 'paper' | 'answer-sheet'): number | null => (roomNo === '2' && kind === 'paper' ? 29 : null);
    const { problems } = reconcileCustody(log, collected);
    it.each([
      ['custody-reconcile-paper-unfinished', '第2考场试卷 P-1 既未启封也未交回（现为“已到考场”）', '第2考场: Paper bag P-1 (Question papers) was neither opened nor returned (it is "In the room")'],
      ['custody-reconcile-return-unfinished', '第2考场答卷回收袋 R-1 未完成交回、清点和封存（现为“考务办已接收”）', '第2考场: Paper bag R-1 (Answered papers (return)) has not been returned, counted and sealed (it is "Accepted by office")'],
      ['custody-reconcile-seal-broken', '第3考场答题卡回收袋 C-1 交回考务办时封条破损', '第3考场: Paper bag C-1 (Answer sheets (return)): the seal was broken at "Return to office"'],
      ['custody-reconcile-conflict', '第3考场答题卡回收袋 C-1 的“考务办封存签字”记录与其他设备的记录冲突（周考务、吴保密）', '第3考场: Paper bag C-1 (Answer sheets (return)): its "Office seals and signs" record conflicts with another device\'s (周考务, 吴保密)'],
      ['custody-reconcile-paper-unfinished', '备用卷 S-9 既未启封也未交回（现为“主考已领取”）', 'Paper bag S-9 (Spare papers) was neither opened nor returned (it is "With chief examiner")'],
      ['custody-reconcile-count-differs', '第2考场答卷回收袋共 28 份，与考场记录单收回的 29 份不符', '第2考场: Answered papers (return): 28 copies in all, but the room record collected 29'],
    ])('%s: %s', (code, zh, en) => {
      const problem = problems.find((p) => p.message === zh);
      expect(problem?.refusal?.code).toBe(code);
      expect([refusalZh(problem!.refusal as Parameters<typeof refusalZh>[0]), refusalText('zh', problem!), refusalText('en', problem!)]).toEqual([zh, zh, en]);
    });

    it('日结 is refused naming three problems in either language, and counting the rest', () => {
      const three = closeDayRefusal(problems.slice(0, 3))!;
      const all = closeDayRefusal(problems)!;
      const said = (refusal: typeof all) => [refusalZh(refusal), refusalText('en', { message: refusalZh(refusal), refusal })];
      expect(said(three)).toEqual([
        '试卷流转尚未闭环，不能日结：第2考场试卷 P-1 既未启封也未交回（现为“已到考场”）；第2考场答卷回收袋 R-1 未完成交回、清点和封存（现为“考务办已接收”）；第3考场答题卡回收袋 C-1 交回考务办时封条破损。请处理或由主考逐袋签署例外',
        'Custody of the papers is not closed yet, so the day cannot be closed: 第2考场: Paper bag P-1 (Question papers) was neither opened nor returned (it is "In the room"); 第2考场: Paper bag R-1 (Answered papers (return)) has not been returned, counted and sealed (it is "Accepted by office"); 第3考场: Paper bag C-1 (Answer sheets (return)): the seal was broken at "Return to office". Resolve them, or have the chief examiner sign an exception bag by bag',
      ]);
      expect(said(all)[0]).toMatch(/交回考务办时封条破损 等 6 项。请处理/);
      expect(said(all)[1]).toMatch(/"Return to office" \(6 in all\)\. Resolve them/);
      expect(closeDayRefusal([])).toBeNull();
    });
  });

  it('counts a problem as signed only when the exception came after the bag last moved', () => {
    const log = logOf([[bag('P-1', 'paper'), 'with-proctor']]);
    const record = log.bags.get('P-1')!;
    record.history.push({ eventId: 'x', deviceId: 'd', step: 'issue', handoffId: 'h', at: '2026-11-30T07:45:00+08:00', place: 'office', roomNo: '2', parties: [], count: 30, seal: { intact: true, sealNo: null }, recipient: null, note: null, standing: 'applied' });
    record.exceptions.push({ eventId: 'x1', at: '2026-11-30T07:40:00+08:00', byName: '王主考', byStaffId: 'S01', reason: '早签', problems: [] });
    expect(reconcileCustody(log, none).reconciled).toBe(false);
    record.exceptions.push({ eventId: 'x2', at: '2026-11-30T10:30:00+08:00', byName: '王主考', byStaffId: 'S01', reason: '试卷袋遗失，已报告', problems: [] });
    expect(reconcileCustody(log, none)).toMatchObject({ reconciled: true, problems: [{ bagCode: 'P-1', signed: true }] });
  });
});
