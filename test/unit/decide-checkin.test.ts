import { describe, expect, it } from 'vitest';
import { decideCheckin } from '../../shared/checkin/decide-checkin';
import { MemoryProjectionStore } from '../../shared/projection/memory-store';
import { applyEvent } from '../../shared/projection/apply-event';
import type { ExamDayEvent } from '../../shared/events/event';
import { fixtureDay } from '../support/fixture-day';
import { idCheckDigit } from '../../shared/id/id-number';

function storeWith(candidateCount: number) {
  const day = fixtureDay(candidateCount);
  const store = new MemoryProjectionStore();
  store.setPlan(day.plan);
  day.rooms.forEach((r) => store.putRoom(r));
  day.candidates.forEach((c) => store.putCandidate(c));
  return { day, store };
}

function admittedEvent(ticketNo: string, roomNo: string, seq: number): ExamDayEvent {
  return {
    id: `dev-${seq}`,
    deviceId: 'abcdef0123456789',
    seq,
    at: '2026-11-25T00:10:00.000Z',
    actor: { staffId: 'P0002', name: '副监考1', role: 'second-proctor' },
    type: 'checkin.attempted',
    payload: { roomNo, input: { method: 'scanner', value: ticketNo }, verdict: 'admitted', ticketNo },
    prevHash: '0'.repeat(64),
    hash: '1'.repeat(64),
    sig: '2'.repeat(128),
  };
}

describe('decideCheckin', () => {
  const { day, store } = storeWith(60);
  const inRoom1 = day.candidates[0]!;
  const inRoom2 = day.candidates[35]!;

  it('admits a candidate of this room by ticket number or by ID number', () => {
    expect(decideCheckin(store, { roomNo: '01', input: inRoom1.ticketNo }).verdict).toMatchObject({
      kind: 'admitted',
      candidate: { ticketNo: inRoom1.ticketNo, name: inRoom1.name, seatNo: 1 },
    });
    expect(decideCheckin(store, { roomNo: '01', input: inRoom1.idNumber }).verdict.kind).toBe('admitted');
  });

  it('accepts a lower-case x and full-width digits from a scanner or keyboard', () => {
    const withX = day.candidates.find((c) => c.idNumber.endsWith('X'));
    if (withX) {
      expect(decideCheckin(store, { roomNo: withX.roomNo, input: withX.idNumber.toLowerCase() }).verdict.kind).toBe('admitted');
    }
    const fullWidth = inRoom1.idNumber.replace(/\d/g, (d) => String.fromCharCode(d.charCodeAt(0) + 0xfee0));
    expect(decideCheckin(store, { roomNo: '01', input: ` ${fullWidth} ` }).verdict.kind).toBe('admitted');
  });

  it('sends a candidate of another room to that room and seat', () => {
    expect(decideCheckin(store, { roomNo: '01', input: inRoom2.ticketNo }).verdict).toMatchObject({
      kind: 'wrong-room',
      candidate: { roomNo: '02', seatNo: inRoom2.seatNo },
    });
  });

  it('tells an ID with a wrong check digit from one that is simply not on the roster', () => {
    const wrongDigit = inRoom1.idNumber.slice(0, 17) + (inRoom1.idNumber.endsWith('0') ? '1' : '0');
    const invalid = decideCheckin(store, { roomNo: '01', input: wrongDigit }).verdict;
    expect(invalid).toMatchObject({ kind: 'invalid-id' });
    expect(invalid.kind === 'invalid-id' && invalid.inputMasked.endsWith(wrongDigit.slice(-4))).toBe(true);
    expect(invalid.kind === 'invalid-id' && invalid.inputMasked.includes(wrongDigit.slice(0, 6))).toBe(false);
    expect(decideCheckin(store, { roomNo: '01', input: '123456789012345' }).verdict.kind).toBe('invalid-id');
    expect(decideCheckin(store, { roomNo: '01', input: 'ZZ-UNKNOWN' }).verdict.kind).toBe('not-on-roster');
  });

  it('refuses an ID whose birth date is after the exam date', () => {
    // Plan date 2026-11-25: someone "born" on 2026-12-01 cannot be sitting today.
    const first17 = '11010520261201001';
    const future = first17 + idCheckDigit(first17);
    expect(decideCheckin(store, { roomNo: '01', input: future }).verdict).toMatchObject({ kind: 'invalid-id' });
  });

  it('reports an earlier admission with when, where and by which device', () => {
    const local = storeWith(10).store;
    applyEvent(local, admittedEvent(fixtureDay(10).candidates[2]!.ticketNo, '01', 1));
    const verdict = decideCheckin(local, { roomNo: '01', input: fixtureDay(10).candidates[2]!.ticketNo }).verdict;
    expect(verdict).toMatchObject({
      kind: 'already-admitted',
      admittedAt: '2026-11-25T00:10:00.000Z',
      admittedInRoomNo: '01',
      admittedByDeviceId: 'abcdef0123456789',
      // Not enrolled here, nobody of that id on the list: the screen says so rather than show a device id.
      admittedAtDoor: null,
      admittedByName: null,
    });
  });
});

describe('applyEvent', () => {
  it('keeps the first admission when a second device admits the same candidate', () => {
    const { day, store } = storeWith(5);
    const ticketNo = day.candidates[0]!.ticketNo;
    applyEvent(store, admittedEvent(ticketNo, '01', 1));
    applyEvent(store, { ...admittedEvent(ticketNo, '01', 2), deviceId: 'ffffffffffffffff', at: '2026-11-25T00:11:00.000Z' });
    expect(store.getAdmission(ticketNo)).toMatchObject({ deviceId: 'abcdef0123456789', seq: 1 });
  });

  it('records nothing for a verdict other than admitted', () => {
    const { day, store } = storeWith(5);
    const event = admittedEvent(day.candidates[0]!.ticketNo, '01', 1);
    applyEvent(store, { ...event, payload: { ...event.payload, verdict: 'wrong-room' } } as ExamDayEvent);
    expect(store.getAdmission(day.candidates[0]!.ticketNo)).toBeUndefined();
  });
});

describe('a withdrawn candidate (退考) at the door', () => {
  const office = { staffId: 'S001', name: '周主考', role: 'chief-examiner' } as const;
  const stamp = (seq: number, at: string) => ({ id: `office-${seq}`, deviceId: '0123456789abcdef', seq, at, actor: office, prevHash: '0'.repeat(64), hash: '1'.repeat(64), sig: '2'.repeat(128) });
  const withdrawn = (ticketNo: string): ExamDayEvent => ({ ...stamp(1, '2026-11-25T00:05:00.000Z'), type: 'candidate.withdrawn', payload: { ticketNo, reason: '本人申请退考' } });

  const { day, store } = storeWith(60);
  const gone = day.candidates[1]!;
  const back = day.candidates[2]!;
  const staying = day.candidates[3]!;
  applyEvent(store, withdrawn(gone.ticketNo));
  applyEvent(store, withdrawn(back.ticketNo));
  applyEvent(store, { ...stamp(2, '2026-11-25T00:06:00.000Z'), type: 'candidate.registered', payload: { candidate: back } });

  const withdrawnVerdict = {
    kind: 'withdrawn',
    candidate: { ticketNo: gone.ticketNo, name: gone.name, roomNo: '01', seatNo: gone.seatNo, idMasked: `**************${gone.idNumber.slice(-4)}` },
    withdrawnAt: '2026-11-25T00:05:00.000Z',
    withdrawnByName: '周主考',
    reason: '本人申请退考',
  };
  it.each([
    ['the withdrawn candidate’s 准考证 at their own door', '01', gone.ticketNo, withdrawnVerdict, { ticketNo: gone.ticketNo, document: 'ticket' }],
    ['the same 准考证 at another room’s door', '02', gone.ticketNo, withdrawnVerdict, { ticketNo: gone.ticketNo, document: 'ticket' }],
    // The withdrawal keeps the ID number beside it: the card alone says 已退考 too.
    ['the withdrawn candidate’s ID card alone', '01', gone.idNumber, withdrawnVerdict, { ticketNo: gone.ticketNo, document: 'id' }],
    ['the same ID card typed with a lower-case x and spaces', '02', ` ${gone.idNumber.toLowerCase()} `, withdrawnVerdict, { ticketNo: gone.ticketNo, document: 'id' }],
    ['the ID card of a candidate withdrawn and registered again', '01', back.idNumber, { kind: 'admitted', candidate: { ticketNo: back.ticketNo } }, { ticketNo: back.ticketNo, document: 'id' }],
    ['a candidate withdrawn and registered again', '01', back.ticketNo, { kind: 'admitted', candidate: { ticketNo: back.ticketNo } }, { ticketNo: back.ticketNo }],
    ['a candidate never withdrawn', '01', staying.ticketNo, { kind: 'admitted' }, { ticketNo: staying.ticketNo }],
    ['a 准考证号 nobody had', '01', 'ZZ-UNKNOWN', { kind: 'not-on-roster' }, {}],
  ])('%s', (_label, roomNo, input, verdict, decision) => {
    const decided = decideCheckin(store, { roomNo, input });
    expect(decided.verdict).toMatchObject(verdict);
    expect(decided).toMatchObject(decision);
    // Never the full ID number on a door screen.
    expect(JSON.stringify(decided.verdict)).not.toContain(gone.idNumber.slice(0, 14));
  });

  it('refuses a withdrawn candidate’s ID card of a type the plan does not accept before telling who it is, as for a candidate', () => {
    const strict = new MemoryProjectionStore();
    strict.setPlan({ ...day.plan, acceptedIdTypes: ['passport'] });
    strict.putCandidate(gone);
    applyEvent(strict, withdrawn(gone.ticketNo));
    const decided = decideCheckin(strict, { roomNo: '01', input: gone.idNumber });
    expect(decided).toEqual({ verdict: { kind: 'id-type-not-accepted', idType: 'resident-id', accepted: ['passport'] } });
  });

  it('tells a withdrawn candidate’s passport (matched as the roster wrote it) as 已退考, who before document type as for a candidate', () => {
    const abroad = new MemoryProjectionStore();
    abroad.setPlan(day.plan);
    const traveller = { ...gone, idType: 'passport' as const, idNumber: 'E12345678' };
    abroad.putCandidate(traveller);
    applyEvent(abroad, withdrawn(traveller.ticketNo));
    const decided = decideCheckin(abroad, { roomNo: '01', input: 'e1234 5678' });
    expect(decided).toMatchObject({ verdict: { kind: 'withdrawn', candidate: { ticketNo: traveller.ticketNo, idMasked: '*****5678' } }, ticketNo: traveller.ticketNo, document: 'id' });
  });
});
