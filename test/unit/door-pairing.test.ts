import { seededRandom as random } from '../support/seeded-random';
import { describe, expect, it } from 'vitest';
import { decideCheckin, PAIR_TIMEOUT_MS } from '../../shared/checkin/decide-checkin';
import { extractTicketNumber } from '../../shared/checkin/ticket-code';
import { checkinVerdictSchema, type CheckinVerdict } from '../../shared/checkin/verdict';
import { examPlanSchema, ticketPatternProblem, type Candidate, type ExamPlan } from '../../shared/domain/types';
import type { ExamDayEvent } from '../../shared/events/event';
import { idCheckDigit } from '../../shared/id/id-number';
import { applyEvent } from '../../shared/projection/apply-event';
import { MemoryProjectionStore } from '../../shared/projection/memory-store';
import { fixtureDay } from '../support/fixture-day';

const DEVICE = 'door-device-0001';
/** 08:15 local on the fixture's exam day (开考 08:30, late from 09:00). */
const BEFORE_LATE = new Date(2026, 10, 25, 8, 15, 0);

/** A door over a memory projection: decides like the core's handler and folds the event it would commit. */
class Door {
  readonly store = new MemoryProjectionStore();
  private seq = 0;
  now = BEFORE_LATE;

  constructor(
    readonly day = fixtureDay(60, { requiredDocuments: 'ticket-and-id' }),
    readonly roomNo = '01',
    readonly deviceId = DEVICE,
  ) {
    this.store.setPlan(day.plan);
    day.rooms.forEach((r) => this.store.putRoom(r));
    day.candidates.forEach((c) => this.store.putCandidate(c));
  }

  setPlan(changes: Partial<ExamPlan>): this {
    this.store.setPlan({ ...this.day.plan, ...changes });
    return this;
  }

  addCandidate(candidate: Candidate): this {
    this.store.putCandidate(candidate);
    return this;
  }

  scan(input: string, deviceId = this.deviceId): CheckinVerdict {
    const decision = decideCheckin(this.store, { roomNo: this.roomNo, input, deviceId, now: this.now });
    this.seq += 1;
    const event = {
      id: `${deviceId}-${this.seq}`,
      deviceId,
      seq: this.seq,
      at: this.now.toISOString(),
      actor: { staffId: 'P0002', name: '副监考1', role: 'second-proctor' },
      type: 'checkin.attempted',
      payload: {
        roomNo: this.roomNo,
        input: { method: 'scanner', value: input },
        verdict: decision.verdict.kind,
        ...(decision.ticketNo === undefined ? {} : { ticketNo: decision.ticketNo }),
        ...(decision.document === undefined ? {} : { document: decision.document }),
      },
      prevHash: '0'.repeat(64),
      hash: '1'.repeat(64),
      sig: '2'.repeat(128),
    } as ExamDayEvent;
    applyEvent(this.store, event);
    return decision.verdict;
  }

  later(ms: number): this {
    this.now = new Date(this.now.getTime() + ms);
    return this;
  }
}

describe('both documents at the door (plan: 准考证 and ID)', () => {
  it('admits once the ticket and the ID of one candidate are both scanned, in either order', () => {
    const door = new Door();
    const [a, b] = door.day.candidates;
    expect(door.scan(a!.ticketNo)).toMatchObject({ kind: 'awaiting-id', candidate: { name: a!.name } });
    expect(door.store.getAdmission(a!.ticketNo)).toBeUndefined();
    expect(door.scan(a!.idNumber)).toMatchObject({ kind: 'admitted', candidate: { ticketNo: a!.ticketNo } });
    expect(door.store.getAdmission(a!.ticketNo)).toBeDefined();

    expect(door.scan(b!.idNumber)).toMatchObject({ kind: 'awaiting-ticket', candidate: { name: b!.name } });
    expect(door.scan(b!.ticketNo)).toMatchObject({ kind: 'admitted', candidate: { ticketNo: b!.ticketNo } });
  });

  it('says awaiting-id with the time the wait ends, and a repeat of the same document keeps waiting', () => {
    const door = new Door();
    const a = door.day.candidates[0]!;
    const first = door.scan(a.ticketNo);
    expect(first.kind === 'awaiting-id' && Date.parse(first.expiresAt) - door.now.getTime()).toBe(PAIR_TIMEOUT_MS);
    expect(door.scan(a.ticketNo).kind).toBe('awaiting-id');
    expect(door.scan(a.idNumber).kind).toBe('admitted');
  });

  it('shows both names when the ticket and the ID belong to different people, in either order', () => {
    const door = new Door();
    const [a, b] = door.day.candidates;
    door.scan(a!.ticketNo);
    expect(door.scan(b!.idNumber)).toMatchObject({
      kind: 'mismatch',
      ticketCandidate: { name: a!.name },
      idCandidate: { name: b!.name },
    });
    expect(door.store.getAdmission(a!.ticketNo)).toBeUndefined();
    expect(door.store.getAdmission(b!.ticketNo)).toBeUndefined();
    // The wait has ended: the next scan starts a new pair.
    expect(door.scan(b!.idNumber).kind).toBe('awaiting-ticket');
    expect(door.scan(a!.ticketNo)).toMatchObject({ kind: 'mismatch', ticketCandidate: { name: a!.name }, idCandidate: { name: b!.name } });
  });

  it('a second ticket replaces the first: the one who walked off is forgotten', () => {
    const door = new Door();
    const [a, b] = door.day.candidates;
    door.scan(a!.ticketNo);
    expect(door.scan(b!.ticketNo)).toMatchObject({ kind: 'awaiting-id', candidate: { name: b!.name } });
    expect(door.scan(b!.idNumber).kind).toBe('admitted');
  });

  it('forgets a half pair after a minute', () => {
    const door = new Door();
    const a = door.day.candidates[0]!;
    door.scan(a.ticketNo);
    door.later(PAIR_TIMEOUT_MS + 1);
    expect(door.scan(a.idNumber).kind).toBe('awaiting-ticket');
    door.later(PAIR_TIMEOUT_MS - 1);
    expect(door.scan(a.ticketNo).kind).toBe('admitted');
  });

  it('keeps the wait through a scan that names nobody', () => {
    const door = new Door();
    const a = door.day.candidates[0]!;
    door.scan(a.ticketNo);
    expect(door.scan('NOT-A-CODE').kind).toBe('not-on-roster');
    const badDigit = a.idNumber.slice(0, 17) + (a.idNumber.endsWith('0') ? '1' : '0');
    expect(door.scan(badDigit).kind).toBe('invalid-id');
    expect(door.scan(a.idNumber).kind).toBe('admitted');
  });

  it('keeps each device its own pair', () => {
    const door = new Door();
    const [a, b] = door.day.candidates;
    door.scan(a!.ticketNo, 'device-A');
    door.scan(b!.ticketNo, 'device-B');
    expect(door.scan(a!.idNumber, 'device-A').kind).toBe('admitted');
    expect(door.scan(b!.idNumber, 'device-B').kind).toBe('admitted');
  });

  it('tells a candidate of another room at the first document, without waiting for the second', () => {
    const door = new Door();
    const elsewhere = door.day.candidates[40]!;
    expect(door.scan(elsewhere.ticketNo)).toMatchObject({ kind: 'wrong-room', candidate: { roomNo: '02' } });
  });

  it('admits on one document when the plan accepts either', () => {
    const door = new Door().setPlan({ requiredDocuments: 'either' });
    const [a, b] = door.day.candidates;
    expect(door.scan(a!.ticketNo).kind).toBe('admitted');
    expect(door.scan(b!.idNumber).kind).toBe('admitted');
    expect(door.scan(a!.idNumber).kind).toBe('already-admitted');
  });

  it('treats a plan without requiredDocuments as asking for both', () => {
    const door = new Door();
    const { requiredDocuments: _omitted, ...plan } = door.day.plan;
    door.store.setPlan(plan);
    expect(door.scan(door.day.candidates[0]!.ticketNo).kind).toBe('awaiting-id');
  });
});

describe('late, wrong session, ID type', () => {
  it('says late once the pair is complete after the cut-off, and admits nobody', () => {
    const door = new Door();
    door.now = new Date(2026, 10, 25, 9, 0, 0);
    const a = door.day.candidates[0]!;
    expect(door.scan(a.ticketNo).kind).toBe('awaiting-id');
    expect(door.scan(a.idNumber)).toMatchObject({ kind: 'late', lateFrom: '09:00', candidate: { name: a.name } });
    expect(door.store.getAdmission(a.ticketNo)).toBeUndefined();
    door.now = new Date(2026, 10, 25, 8, 59, 59);
    const b = door.day.candidates[1]!;
    door.scan(b.ticketNo);
    expect(door.scan(b.idNumber).kind).toBe('admitted');
    // On another date the cut-off is not judged.
    door.now = new Date(2026, 10, 26, 9, 30, 0);
    const c = door.day.candidates[2]!;
    door.scan(c.ticketNo);
    expect(door.scan(c.idNumber).kind).toBe('admitted');
  });

  it('says wrong-session, with their day and time, for a candidate of another session', () => {
    const door = new Door();
    const base = door.day.candidates[5]!;
    const other: Candidate = { ...base, ticketNo: '20261199999901', idNumber: 'E12345678', idType: 'passport', session: { date: '2026-11-26', startTime: '13:30' } };
    door.addCandidate(other).setPlan({ acceptedIdTypes: ['resident-id', 'passport'] });
    expect(door.scan(other.ticketNo)).toMatchObject({ kind: 'wrong-session', session: { date: '2026-11-26', startTime: '13:30' } });
    const same: Candidate = { ...base, ticketNo: '20261199999902', idNumber: 'E12345679', idType: 'passport', session: { date: '2026-11-25', startTime: '08:30' } };
    door.addCandidate(same);
    expect(door.scan(same.ticketNo).kind).toBe('awaiting-id');
  });

  it('refuses a document of a type the plan does not accept, named or not', () => {
    const door = new Door();
    const base = door.day.candidates[3]!;
    const withPassport: Candidate = { ...base, ticketNo: '20261199999903', idType: 'passport', idNumber: 'E87654321' };
    door.addCandidate(withPassport);
    door.scan(withPassport.ticketNo);
    expect(door.scan(withPassport.idNumber)).toMatchObject({
      kind: 'id-type-not-accepted',
      idType: 'passport',
      accepted: ['resident-id'],
      candidate: { name: base.name },
    });
    const first17 = '81000019900101001';
    expect(door.scan(first17 + idCheckDigit(first17))).toMatchObject({ kind: 'id-type-not-accepted', idType: 'hmt-residence-permit' });
  });
});

describe('准考证 codes holding more than the number', () => {
  it('finds the number in a URL or key=value text, by the default rule', () => {
    expect(extractTicketNumber('20261105170101')).toBe('20261105170101');
    expect(extractTicketNumber('HTTPS://RZ.EXAMPLE.CN/ZKZ?ZKZH=20261105170101&SIGN=AB12')).toBe('20261105170101');
    expect(extractTicketNumber('https://x.cn/q?name=x&ticket=20261105170101')).toBe('20261105170101');
    expect(extractTicketNumber('ZKZH=20261105170101;NAME=%E5%BC%A0')).toBe('20261105170101');
    expect(extractTicketNumber('准考证号：20261105170101')).toBe('20261105170101');
    // Not a ticket key: the whole text (it may be an ID number or a bare ticket).
    expect(extractTicketNumber('HTTPS://X.CN/?ID=1')).toBe('HTTPS://X.CN/?ID=1');
    expect(extractTicketNumber('XZKZH=1')).toBe('XZKZH=1');
  });

  it('uses the plan rule when there is one, and checks the rule has exactly one group', () => {
    expect(extractTicketNumber('KS-2026-1105170101-Z', 'KS-(\\d{4}-\\d+)')).toBe('2026-1105170101');
    expect(extractTicketNumber('no match here', 'KS-(\\d+)')).toBe('no match here');
    expect(ticketPatternProblem('zkz/(\\d{14})')).toBeUndefined();
    expect(ticketPatternProblem('(\\d+)-(\\d+)')).toMatch(/一个捕获组/);
    expect(ticketPatternProblem('\\d+')).toMatch(/一个捕获组/);
    expect(ticketPatternProblem('([')).toMatch(/正则表达式/);
    expect(examPlanSchema.shape.ticketPattern.safeParse('(a)(b)').error?.issues[0]?.message).toMatch(/一个捕获组/);
  });

  it('checks in from a URL code, and says not-on-roster for a URL naming a ticket not on it', () => {
    const door = new Door().setPlan({ requiredDocuments: 'either' });
    const a = door.day.candidates[0]!;
    expect(door.scan(`https://rz.example.cn/zkz?zkzh=${a.ticketNo}&sign=ff`).kind).toBe('admitted');
    expect(door.scan('https://rz.example.cn/zkz?zkzh=20269999999999')).toMatchObject({ kind: 'not-on-roster', inputMasked: '**********9999' });
    const custom = new Door().setPlan({ requiredDocuments: 'either', ticketPattern: 'KS-(\\d{14})' });
    expect(custom.scan(`KS-${a.ticketNo}-END`).kind).toBe('admitted');
  });
});


describe('property: any sequence of scans', () => {
  it('never admits one candidate twice on one device and always yields a verdict', () => {
    for (let seed = 1; seed <= 200; seed += 1) {
      const rnd = random(seed);
      const pick = <T>(xs: readonly T[]): T => xs[Math.floor(rnd() * xs.length)]!;
      const requiredDocuments = rnd() < 0.7 ? 'ticket-and-id' : 'either';
      const door = new Door(fixtureDay(45, { requiredDocuments }));
      // A few of this room's candidates and one of the next room, so pairs collide often.
      const people = [...door.day.candidates.slice(0, 4), door.day.candidates[31]!];
      const junk = ['NOT-A-CODE', '11010519900101001X', `https://x.cn/?zkzh=${people[0]!.ticketNo}`];
      const admittedBy = new Map<string, number>();
      const steps: string[] = [];
      for (let i = 0; i < 40; i += 1) {
        const who = pick(people);
        const input = rnd() < 0.1 ? pick(junk) : rnd() < 0.5 ? who.ticketNo : who.idNumber;
        if (rnd() < 0.05) door.later(PAIR_TIMEOUT_MS + 1);
        door.now = new Date(door.now.getTime() + Math.floor(rnd() * 4_000));
        const verdict = door.scan(input);
        steps.push(`${input}→${verdict.kind}`);
        expect(checkinVerdictSchema.safeParse(verdict).success, `seed ${seed}: ${steps.join(', ')}`).toBe(true);
        if (verdict.kind === 'admitted') {
          const ticketNo = verdict.candidate.ticketNo;
          admittedBy.set(ticketNo, (admittedBy.get(ticketNo) ?? 0) + 1);
          expect(admittedBy.get(ticketNo), `seed ${seed}: ${steps.join(', ')}`).toBe(1);
          expect(verdict.candidate.roomNo).toBe('01');
        }
      }
      // Whoever the projection holds as admitted was admitted by exactly one verdict.
      for (const c of people) expect(door.store.getAdmission(c.ticketNo) !== undefined).toBe(admittedBy.has(c.ticketNo));
    }
  });
});
