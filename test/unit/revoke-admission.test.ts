import { describe, expect, it } from 'vitest';
import { SYSTEM_ACTOR, type StaffMember } from '../../shared/domain/types';
import type { ExamDayEvent } from '../../shared/events/event';
import { reverifyNeedsNote, REVERIFY_RESULTS } from '../../shared/checkin/reverify';
import { revokeRefusal, type RevokeRefusal } from '../../shared/checkin/revoke-admission';
import { applyEvent } from '../../shared/projection/apply-event';
import { canonicalOrder, ConvergentFold } from '../../shared/projection/canonical-order';
import { MemoryProjectionStore } from '../../shared/projection/memory-store';
import { fixtureDay } from '../support/fixture-day';
import { prng, randomArrival } from '../support/multi-device-day';
import { TestDevice } from '../support/signed-chain';

// 开考 08:30 on 2026-11-25 (fixtureDay).
const day = fixtureDay(60);
const staff = (staffId: string): StaffMember => day.staff.find((s) => s.staffId === staffId)!;
const local = (h: number, m: number, date = 25): Date => new Date(2026, 10, date, h, m);

describe('who may revoke an admission, and until when (issue 15 item 7; 附件5 8:30 开考)', () => {
  const cases: [string, { staffId: string; roomNo?: string; admittedIn: string | undefined; now: Date }, RevokeRefusal | null][] = [
    ['the room\'s 副监考 before 开考', { staffId: 'P0002', admittedIn: '01', now: local(8, 20) }, null],
    ['the room\'s 主监考 one minute before 开考', { staffId: 'P0001', admittedIn: '01', now: local(8, 29) }, null],
    ['the 主考 at any door before 开考', { staffId: 'S001', admittedIn: '01', now: local(8, 10) }, null],
    ['the room\'s 副监考 at 开考', { staffId: 'P0002', admittedIn: '01', now: local(8, 30) }, 'exam-started'],
    ['the 主考 after 开考', { staffId: 'S001', admittedIn: '01', now: local(9, 0) }, 'exam-started'],
    ['another room\'s proctor', { staffId: 'P0003', admittedIn: '01', now: local(8, 20) }, 'not-allowed'],
    ['the 流动监考', { staffId: 'R001', admittedIn: '01', now: local(8, 20) }, 'not-allowed'],
    ['a candidate nobody admitted', { staffId: 'P0002', admittedIn: undefined, now: local(8, 20) }, 'not-admitted'],
    ['an admission at another room\'s door', { staffId: 'P0002', admittedIn: '02', now: local(8, 20) }, 'other-room'],
    ['a day set up ahead (another date, after 8:30)', { staffId: 'P0002', admittedIn: '01', now: local(10, 0, 24) }, null],
  ];
  for (const [label, c, expected] of cases) {
    it(`${label}: ${expected ?? 'allowed'}`, () => {
      expect(revokeRefusal({ staff: staff(c.staffId), roomNo: c.roomNo ?? '01', admittedInRoomNo: c.admittedIn, plan: day.plan, now: c.now })).toBe(expected);
    });
  }
});

describe('a suspected impostor at 开考核对 needs what the proctor saw (item 8)', () => {
  it.each(REVERIFY_RESULTS.map((r) => [r, r === 'suspected-impostor'] as const))('%s: note required %s', (result, required) => {
    expect(reverifyNeedsNote(result)).toBe(required);
  });
});

/**
 * Two doors and the office; admissions, a double admission, revocations and re-admissions. The
 * projection must be the same whatever order they arrive in: the earliest admission not revoked.
 */
function revocationDay() {
  const office = new TestDevice('office');
  const door1 = new TestDevice('door-01');
  const door2 = new TestDevice('door-02');
  const at = (minute: number, second = 0): Date => new Date(Date.UTC(2026, 10, 25, 0, minute, second));
  const actor = (s: StaffMember) => ({ staffId: s.staffId, name: s.name, role: s.role });
  const p1 = actor(staff('P0002'));
  const p2 = actor(staff('P0004'));
  office.write('plan.set', { plan: day.plan }, SYSTEM_ACTOR, at(0));
  for (const room of day.rooms) office.write('room.defined', { room }, SYSTEM_ACTOR, at(0));
  for (const s of day.staff) office.write('staff.registered', { staff: s }, SYSTEM_ACTOR, at(0));
  office.write('candidates.registered', { candidates: day.candidates }, SYSTEM_ACTOR, at(1));
  const [a, b, c, d] = day.candidates.filter((x) => x.roomNo === '01');
  const admit = (door: TestDevice, who: typeof a, proctor: typeof p1, minute: number, roomNo = '01'): ExamDayEvent =>
    door.write('checkin.attempted', { roomNo, input: { method: 'scanner', value: who!.ticketNo }, verdict: 'admitted', ticketNo: who!.ticketNo, document: 'id' }, proctor, at(minute));
  const revoke = (door: TestDevice, who: typeof a, admission: ExamDayEvent, minute: number): ExamDayEvent =>
    door.write('checkin.revoked', { roomNo: '01', ticketNo: who!.ticketNo, admission: { deviceId: admission.deviceId, seq: admission.seq }, reason: 'wrong-candidate' }, p1, at(minute));

  // A: admitted at door 1, also at door 2 (a finding), revoked at door 1, admitted again at door 1.
  const a1 = admit(door1, a, p1, 10);
  admit(door2, a, p2, 11, '02');
  revoke(door1, a, a1, 12);
  const aAgain = admit(door1, a, p1, 13);
  // B: admitted and revoked at door 1, then admitted at door 2.
  const b1 = admit(door1, b, p1, 10);
  revoke(door1, b, b1, 12);
  const bAt2 = admit(door2, b, p2, 14, '02');
  // C: admitted, flagged 存疑 (already in), revoked: not admitted at all.
  const c1 = admit(door1, c, p1, 10);
  door1.write('candidate.doubt-raised', { roomNo: '01', ticketNo: c!.ticketNo, reason: 'photo-mismatch' }, p1, at(11));
  revoke(door1, c, c1, 12);
  // D: admitted, nothing else.
  const d1 = admit(door1, d, p1, 10);
  return { chains: [office.events, door1.events, door2.events], expected: { [a!.ticketNo]: aAgain, [b!.ticketNo]: bAt2, [c!.ticketNo]: undefined, [d!.ticketNo]: d1 } };
}

const admissionsOf = (store: MemoryProjectionStore, tickets: string[]) =>
  Object.fromEntries(tickets.map((t) => [t, store.getAdmission(t) ? `${store.getAdmission(t)!.deviceId}/${store.getAdmission(t)!.seq}` : undefined]));

describe('revocations converge: the earliest admission not revoked, whatever the arrival order', () => {
  const { chains, expected } = revocationDay();
  const tickets = Object.keys(expected);
  const want = Object.fromEntries(Object.entries(expected).map(([t, e]) => [t, e ? `${e.deviceId}/${e.seq}` : undefined]));

  it('the canonical fold gives the expected admissions', () => {
    const store = new MemoryProjectionStore();
    for (const event of canonicalOrder(chains.flat())) applyEvent(store, event);
    expect(admissionsOf(store, tickets)).toEqual(want);
  });

  it('plain arrival order (no rebuild) gives the same, in 200 interleavings', () => {
    for (let seed = 1; seed <= 200; seed += 1) {
      const store = new MemoryProjectionStore();
      for (const batch of randomArrival(chains, prng(seed))) for (const event of batch) applyEvent(store, event);
      expect(admissionsOf(store, tickets), `seed ${seed}`).toEqual(want);
    }
  });

  it('the convergent fold never needs a rebuild for them', () => {
    for (let seed = 1; seed <= 50; seed += 1) {
      const fold = new ConvergentFold(() => new MemoryProjectionStore());
      for (const batch of randomArrival(chains, prng(seed))) fold.receive(batch);
      expect(admissionsOf(fold.store as MemoryProjectionStore, tickets)).toEqual(want);
      expect(fold.rebuilds).toBe(0);
    }
  });
});

describe('a revoked admission is no second door (sync findings)', () => {
  it('raises admitted-twice only for admissions that both stand', async () => {
    const { deriveFindings } = await import('../../shared/sync/findings');
    const { chains } = revocationDay();
    const twice = deriveFindings(chains.flat()).filter((f) => f.kind === 'admitted-twice');
    // A: door 1 and door 2 both admitted before door 1's revocation, and door 1 admitted again after it:
    // door 2's admission was revoked with it, so A stands at door 1 alone. B: revoked, then door 2. No finding.
    expect(twice).toEqual([]);
  });
});
