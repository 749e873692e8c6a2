import { describe, expect, it } from 'vitest';
import type { Bag } from '../../shared/custody/bags';
import { foldCustody, type CustodyEntry } from '../../shared/custody/custody-log';
import { BAG_STATES, CUSTODY_STEPS, STEP_DEFINITIONS, type BagState, type CustodyStep, type PartyPart } from '../../shared/custody/custody-steps';
import { refusedWith } from '../../shared/api/refusal';
import { custodyStepRefusal, custodyStepVerdict, type CustodyStepRequest } from '../../shared/custody/step-refusal';
import { refusalText } from '../../renderer/src/i18n/i18n';
import type { StaffMember } from '../../shared/domain/types';

type Person = Pick<StaffMember, 'staffId' | 'name' | 'role' | 'roomNo'>;
const staff = {
  examiner: { staffId: 'S01', name: '王主考', role: 'chief-examiner' },
  deputy: { staffId: 'S02', name: '赵副主考', role: 'deputy-chief-examiner' },
  secrecy1: { staffId: 'S03', name: '钱保密', role: 'secrecy-officer' },
  secrecy2: { staffId: 'S04', name: '孙保密', role: 'secrecy-officer' },
  affairs: { staffId: 'S05', name: '周考务', role: 'exam-affairs' },
  chief2: { staffId: 'S10', name: '李主监', role: 'chief-proctor', roomNo: '2' },
  second2: { staffId: 'S11', name: '吴副监', role: 'second-proctor', roomNo: '2' },
  chief3: { staffId: 'S12', name: '郑主监', role: 'chief-proctor', roomNo: '3' },
  roving: { staffId: 'S13', name: '冯流动', role: 'roving-proctor' },
  support: { staffId: 'S14', name: '陈保障', role: 'support' },
} satisfies Record<string, Person>;

const paperBag: Bag = { code: 'P-2', kind: 'paper', occupation: '电工', level: '四级', count: 30, roomNo: '2', sealNos: ['F001'], source: 'press-label' };
const returnBag: Bag = { code: 'R-2', kind: 'paper-return', occupation: '电工', level: '四级', count: 0, roomNo: '2', sealNos: [], source: 'generated' };

/** A bag record in `state`, as the fold would hold it. */
function bagIn(state: BagState, bag: Bag = paperBag) {
  const log = foldCustody([{ type: 'bags.registered', payload: { bags: [bag] }, eventId: 'e0', deviceId: 'd', seq: 1, at: '2026-11-30T07:00:00+08:00', actor: { staffId: 'S05', name: '周考务', role: 'exam-affairs' } }]);
  const record = log.bags.get(bag.code)!;
  record.state = state;
  return record;
}

/** People who satisfy each step's rules, for the bag of room 2. */
const goodParties: Record<CustodyStep, { part: PartyPart; staff: Person }[]> = {
  store: [
    { part: 'receiver', staff: staff.secrecy1 },
    { part: 'receiver', staff: staff.secrecy2 },
  ],
  'take-out': [
    { part: 'giver', staff: staff.secrecy1 },
    { part: 'receiver', staff: staff.examiner },
  ],
  issue: [
    { part: 'giver', staff: staff.examiner },
    { part: 'receiver', staff: staff.chief2 },
  ],
  arrive: [{ part: 'performer', staff: staff.chief2 }],
  'show-seal': [{ part: 'performer', staff: staff.chief2 }],
  open: [{ part: 'performer', staff: staff.chief2 }],
  'seal-return': [
    { part: 'performer', staff: staff.chief2 },
    { part: 'performer', staff: staff.second2 },
  ],
  return: [
    { part: 'giver', staff: staff.chief2 },
    { part: 'receiver', staff: staff.affairs },
  ],
  'office-seal': [
    { part: 'performer', staff: staff.examiner },
    { part: 'performer', staff: staff.affairs },
  ],
  escort: [
    { part: 'performer', staff: staff.secrecy1 },
    { part: 'performer', staff: staff.support },
  ],
  deliver: [{ part: 'giver', staff: staff.secrecy1 }],
};

function request(step: CustodyStep, state: BagState, overrides: Partial<CustodyStepRequest> = {}, kind: 'paper' | 'return' = STEP_DEFINITIONS[step].kinds.includes('paper') ? 'paper' : 'return'): CustodyStepRequest {
  const bag = kind === 'paper' ? paperBag : returnBag;
  const record = bagIn(state, bag);
  if (bag === returnBag) record.lastCount = 28;
  const definition = STEP_DEFINITIONS[step];
  return {
    step,
    bag: record,
    bagCode: bag.code,
    parties: goodParties[step],
    count: definition.countChecked ? (bag === returnBag ? 28 : 30) : undefined,
    seal: definition.sealChecked ? { intact: true, sealNo: bag.sealNos[0] } : undefined,
    recipient: step === 'deliver' ? '评卷点 刘老师' : undefined,
    recordCollected: null,
    dayClosed: false,
    ...overrides,
  };
}

describe('the custody state machine (附件5, issue 13 item 3)', () => {
  // Every (step, state) pair: allowed exactly when the table says so.
  const pairs = CUSTODY_STEPS.flatMap((step) => BAG_STATES.map((state) => ({ step, state, allowed: STEP_DEFINITIONS[step].from.includes(state) })));
  it.each(pairs)('$step from $state: allowed=$allowed', ({ step, state, allowed }) => {
    const refusal = custodyStepRefusal(request(step, state));
    if (allowed) expect(refusal).toBeNull();
    else expect(refusal).toMatchObject({ forgivable: true, reason: expect.stringMatching(/不能|尚未|从未|已启封/) });
  });

  it('follows 附件5 from the press to marking for a paper bag and a return bag', () => {
    const paperPath: CustodyStep[] = ['store', 'take-out', 'issue', 'arrive', 'show-seal', 'open'];
    const returnPath: CustodyStep[] = ['store', 'take-out', 'issue', 'arrive', 'seal-return', 'return', 'office-seal', 'escort', 'deliver'];
    const walk = (path: CustodyStep[]): BagState[] => {
      let state: BagState = 'received';
      const seen: BagState[] = [];
      for (const step of path) {
        expect(STEP_DEFINITIONS[step].from).toContain(state);
        state = STEP_DEFINITIONS[step].to;
        seen.push(state);
      }
      return seen;
    };
    expect(walk(paperPath)).toEqual(['in-secure-room', 'with-examiner', 'with-proctor', 'in-room', 'seal-shown', 'opened']);
    expect(walk(returnPath).at(-1)).toBe('delivered');
  });

  it.each([
    ['open before the seal is shown', request('open', 'in-room'), '尚未向考生展示密封完好'],
    ['accept a bag the office never gave out', request('return', 'in-secure-room'), '考务办从未发出'],
    ['accept an opened paper bag', request('return', 'opened'), '已启封'],
    ['accept a return bag not sealed in the room', request('return', 'in-room', {}, 'return'), '尚未在考场装袋密封'],
  ])('refuses to %s', (_name, req, message) => {
    expect(custodyStepRefusal(req)?.reason).toContain(message);
  });

  it("refuses to hand a room-2 bag to room 3's proctor, whatever the step", () => {
    const issue = request('issue', 'with-examiner', { parties: [{ part: 'giver', staff: staff.examiner }, { part: 'receiver', staff: staff.chief3 }] });
    expect(custodyStepRefusal(issue)).toEqual({ forgivable: false, reason: '试卷袋 P-2 属于第2考场，郑主监是第3考场的监考，不能分发签收' });
    const open = request('open', 'seal-shown', { parties: [{ part: 'performer', staff: staff.chief3 }] });
    expect(custodyStepRefusal(open)?.reason).toContain('第3考场的监考');
  });

  it('refuses the wrong role for each part', () => {
    const byProctor = request('issue', 'with-examiner', { parties: [{ part: 'giver', staff: staff.affairs }, { part: 'receiver', staff: staff.chief2 }] });
    expect(custodyStepRefusal(byProctor)?.reason).toBe('周考务是考务人员，不能作为交出人分发签收（须为主考或副主考）');
    const roving = request('take-out', 'in-secure-room', { parties: [{ part: 'giver', staff: staff.roving }, { part: 'receiver', staff: staff.examiner }] });
    expect(custodyStepRefusal(roving)?.reason).toContain('冯流动是流动监考');
  });

  describe('the two-person rule (附件4 保密室双人, 专车双人押送)', () => {
    it.each([
      ['store with one 保密员', request('store', 'received', { parties: [{ part: 'receiver', staff: staff.secrecy1 }] }), '须扫描 2 名接收人'],
      ['store with the same badge twice', request('store', 'received', { parties: [{ part: 'receiver', staff: staff.secrecy1 }, { part: 'receiver', staff: staff.secrecy1 }] }), '扫描了两次'],
      ['escort with one person', request('escort', 'office-sealed', { parties: [{ part: 'performer', staff: staff.secrecy1 }] }), '须扫描 2 名经办人'],
      ['office seal by one person twice', request('office-seal', 'accepted', { parties: [{ part: 'performer', staff: staff.affairs }, { part: 'performer', staff: staff.affairs }] }), '扫描了两次'],
      ['take-out without the 主考', request('take-out', 'in-secure-room', { parties: [{ part: 'giver', staff: staff.secrecy1 }] }), '须扫描接收人'],
      ['seal the return bag with one proctor', request('seal-return', 'in-room', { parties: [{ part: 'performer', staff: staff.chief2 }] }), '须扫描 2 名经办人'],
    ])('refuses to %s', (_name, req, message) => {
      const refusal = custodyStepRefusal(req);
      expect(refusal?.forgivable).toBe(false);
      expect(refusal?.reason).toContain(message);
    });

    it('accepts a 保密员 with the 主考 in the 保密室', () => {
      expect(custodyStepRefusal(request('store', 'received', { parties: [{ part: 'receiver', staff: staff.secrecy1 }, { part: 'receiver', staff: staff.examiner }] }))).toBeNull();
    });
  });

  describe('counts and seals', () => {
    it('refuses a count that differs from the bag, forgivably', () => {
      expect(custodyStepRefusal(request('issue', 'with-examiner', { count: 29 }))).toEqual({ forgivable: true, reason: '试卷袋 P-2 清点 29 份，与袋上的 30 份不符' });
    });
    it("refuses a return bag whose count differs from the room record's collected count", () => {
      expect(custodyStepRefusal(request('return', 'return-sealed', { count: 28, recordCollected: 27 }, 'return'))?.reason).toBe('答卷回收袋 R-2 28 份，与考场记录单收回的 27 份不符');
      expect(custodyStepRefusal(request('return', 'return-sealed', { count: 27 }, 'return'))?.reason).toBe('试卷袋 R-2 清点 27 份，与装袋时的 28 份不符');
    });
    it("refuses at 签收 a bag of another 职业 or 等级 than the room's candidates sit", () => {
      const room = [{ occupation: '电工', level: '三级' }, { occupation: '焊工', level: '四级' }];
      expect(custodyStepRefusal(request('issue', 'with-examiner', { roomSubjects: room }))).toEqual({ forgivable: true, reason: '试卷袋 P-2 是电工四级，本考场考生为电工三级、焊工四级：职业或等级不符' });
      expect(custodyStepRefusal(request('issue', 'with-examiner', { roomSubjects: [...room, { occupation: '电工', level: '四级' }] }))).toBeNull();
    });
    it('asks for the count and the seal where the step checks them', () => {
      expect(custodyStepRefusal(request('issue', 'with-examiner', { count: undefined }))?.reason).toBe('分发签收须清点试卷袋 P-2 的份数');
      expect(custodyStepRefusal(request('issue', 'with-examiner', { seal: undefined }))?.reason).toBe('分发签收须确认试卷袋 P-2 的密封情况');
    });
    it('refuses a broken seal and a seal number that is not the registered one', () => {
      expect(custodyStepRefusal(request('show-seal', 'in-room', { seal: { intact: false } }))?.reason).toContain('封条破损');
      expect(custodyStepRefusal(request('show-seal', 'in-room', { seal: { intact: true, sealNo: 'F999' } }))?.reason).toBe('试卷袋 P-2 封条号 F999 与登记的 F001 不符');
    });
  });

  it('refuses every step once the day is closed, an unknown bag, a kind the step is not for, and a delivery without a recipient', () => {
    expect(custodyStepRefusal(request('issue', 'with-examiner', { dayClosed: true }))?.reason).toBe('本考试日已日结，不能再记录试卷流转');
    expect(custodyStepRefusal(request('issue', 'with-examiner', { bag: undefined, bagCode: 'X-1' }))?.reason).toContain('X-1 未登记');
    const openReturnBag = { ...request('open', 'seal-shown'), bag: bagIn('seal-shown', returnBag), bagCode: 'R-2' };
    expect(custodyStepRefusal(openReturnBag)?.reason).toBe('答卷回收袋（R-2）不能启封');
    expect(custodyStepRefusal(request('deliver', 'escorted', { recipient: ' ' }))?.reason).toBe('请填写评卷点接收人姓名');
  });
});

describe("a refused step in the UI's language (issue 15 item 13)", () => {
  const wrongRole = request('issue', 'with-examiner', { parties: [{ part: 'giver', staff: staff.affairs }, { part: 'receiver', staff: staff.chief2 }] });
  const otherRoom = request('issue', 'with-examiner', { parties: [{ part: 'giver', staff: staff.examiner }, { part: 'receiver', staff: staff.chief3 }] });
  const tooEarly = request('open', 'in-room', { parties: [{ part: 'performer', staff: staff.chief2 }] });
  const skipped = request('escort', 'in-room');
  const onePerson = request('store', 'received', { parties: [{ part: 'receiver', staff: staff.secrecy1 }] });
  const returnCount = request('return', 'return-sealed', { count: 28, recordCollected: 27 }, 'return');
  const openReturnBag = { ...request('open', 'seal-shown'), bag: bagIn('seal-shown', returnBag), bagCode: 'R-2' };
  it.each([
    ['a role, a party and a step', wrongRole, '周考务是考务人员，不能作为交出人分发签收（须为主考或副主考）', '周考务 (Exam affairs staff) cannot be "Handed over by" for "Issue to room" (must be Chief examiner or Deputy chief examiner)'],
    ['rooms, by their names', otherRoom, '试卷袋 P-2 属于第2考场，郑主监是第3考场的监考，不能分发签收', 'Paper bag P-2 belongs to 第2考场; 郑主监 is a proctor of 第3考场 and cannot do "Issue to room"'],
    ['the order of 附件5', tooEarly, '试卷袋 P-2 尚未向考生展示密封完好（验封），不能启封', 'Paper bag P-2: its intact seal has not been shown to the candidates yet ("Show seal"), so it cannot be opened'],
    ['a state and a step', skipped, '试卷袋 P-2 当前为“已到考场”，不能押送出考点', 'Paper bag P-2 is now "In the room": it cannot go through "Escort out"'],
    ['the number of people', onePerson, '存入保密室须扫描 2 名接收人（保密员或主考）的胸卡', '"Store in secure room" needs the badges of 2 people scanned as "Received by" (Secrecy officer or Chief examiner)'],
    ['a bag kind and a count', returnCount, '答卷回收袋 R-2 28 份，与考场记录单收回的 27 份不符', 'Answered papers (return) R-2: 28, but the room record collected 27'],
    ['a bag kind the step is not for', openReturnBag, '答卷回收袋（R-2）不能启封', 'A bag of Answered papers (return) (R-2) cannot go through "Open"'],
  ])('%s', (_name, req, zh, en) => {
    const verdict = custodyStepVerdict(req);
    expect(verdict).not.toBeNull();
    const { error } = refusedWith(verdict!.refusal);
    expect(error.message).toBe(zh);
    expect(custodyStepRefusal(req)?.reason).toBe(zh);
    expect(refusalText('zh', error)).toBe(zh);
    expect(refusalText('en', error)).toBe(en);
  });
});

describe('foldCustody', () => {
  const actor = { staffId: 'S05', name: '周考务', role: 'exam-affairs' as const };
  const registered: CustodyEntry = { type: 'bags.registered', payload: { bags: [paperBag] }, eventId: 'e1', deviceId: 'a', seq: 1, at: '2026-11-30T07:00:00+08:00', actor };
  const step = (seq: number, deviceId: string, s: CustodyStep, at: string, parties = goodParties[s]): CustodyEntry => ({
    type: 'custody.recorded',
    payload: { bagCode: 'p-2', step: s, handoffId: `h${seq}`, place: STEP_DEFINITIONS[s].place, roomNo: '2', parties: parties.map((p) => ({ part: p.part, staffId: p.staff.staffId, name: p.staff.name, role: p.staff.role, proof: 'badge' as const })) },
    eventId: `e${deviceId}${seq}`,
    deviceId,
    seq,
    at,
    actor,
  });

  it('moves the bag, names its holders and keeps its history', () => {
    const log = foldCustody([registered, step(2, 'a', 'store', '2026-11-30T07:10:00+08:00'), step(3, 'a', 'take-out', '2026-11-30T07:40:00+08:00')]);
    const bag = log.bags.get('P-2')!;
    expect(bag.state).toBe('with-examiner');
    expect(bag.holders.map((h) => h.name)).toEqual(['王主考']);
    expect(bag.since).toBe('2026-11-30T07:40:00+08:00');
    expect(bag.history.map((h) => h.standing)).toEqual(['applied', 'applied']);
  });

  it('keeps a second device stepping the same bag the same way as not applied, whatever order it is folded in', () => {
    const a = step(2, 'a', 'store', '2026-11-30T07:10:00+08:00');
    const b = step(1, 'b', 'store', '2026-11-30T07:11:00+08:00');
    const log = foldCustody([registered, a, b]);
    expect(log.bags.get('P-2')!.history.map((h) => h.standing)).toEqual(['applied', 'not-applied']);
    expect(log.bags.get('P-2')!.state).toBe('in-secure-room');
  });

  it('lets the first registration of a code stand and the first 日结', () => {
    const again: CustodyEntry = { ...registered, eventId: 'e9', deviceId: 'b', payload: { bags: [{ ...paperBag, count: 99 }] } };
    const closed = (id: string, name: string): CustodyEntry => ({ type: 'day.closed', payload: {}, eventId: id, deviceId: 'a', seq: 5, at: '2026-11-30T11:00:00+08:00', actor: { ...actor, name } });
    const log = foldCustody([registered, again, closed('c1', '王主考'), closed('c2', '别人')]);
    expect(log.bags.get('P-2')!.bag.count).toBe(30);
    expect(log.dayClosed?.byName).toBe('王主考');
  });
});
