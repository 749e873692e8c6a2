import { describe, expect, it } from 'vitest';
import { decideCheckin } from '../../shared/checkin/decide-checkin';
import { otherSession } from '../../shared/checkin/session';
import type { StaffMember } from '../../shared/domain/types';
import { MemoryProjectionStore } from '../../shared/projection/memory-store';
import { isRoomProctor, mayReverify, maySignDoubt } from '../../shared/staffing/roles';
import { lateCutoff, lateCutoffPassed } from '../../shared/timetable/gates';
import { fixtureDay } from '../support/fixture-day';
import { LATE_CUTOFF_CASES } from '../support/late-cutoff-cases';

describe('the late cut-off (第十九条): one rule, and the scan verdict follows it', () => {
  for (const { label, examDate, clock, late } of LATE_CUTOFF_CASES) {
    it(`${label}: ${late ? 'late' : 'not late'}`, () => {
      const day = fixtureDay(1, { date: examDate });
      expect(lateCutoffPassed(day.plan, clock)).toBe(late);
      expect(lateCutoff(day.plan, clock)).toEqual({ lateFrom: 9 * 60, passed: late });
      const store = new MemoryProjectionStore();
      store.setPlan(day.plan);
      day.rooms.forEach((r) => store.putRoom(r));
      day.candidates.forEach((c) => store.putCandidate(c));
      const verdict = decideCheckin(store, { roomNo: '01', input: day.candidates[0]!.ticketNo, now: clock }).verdict;
      expect(verdict).toMatchObject(late ? { kind: 'late', lateFrom: '09:00' } : { kind: 'admitted' });
    });
  }

  it('gives no cut-off for a plan whose times make no timetable', () => {
    const plan = { date: '2026-11-25', startTime: '10:00', endTime: '09:00', lateCutoffMinutes: 30 };
    expect(lateCutoff(plan, new Date(2026, 10, 25, 11, 0))).toBeUndefined();
    expect(lateCutoffPassed(plan, new Date(2026, 10, 25, 11, 0))).toBe(false);
  });
});

describe('the session a candidate is booked for', () => {
  const plan = { date: '2026-11-25', startTime: '08:30' };
  it.each([
    ['no session: the plan’s own', undefined, undefined],
    ['the same date and time', { date: '2026-11-25', startTime: '08:30' }, undefined],
    ['another time that day', { date: '2026-11-25', startTime: '13:30' }, { date: '2026-11-25', startTime: '13:30' }],
    ['another day', { date: '2026-11-26', startTime: '08:30' }, { date: '2026-11-26', startTime: '08:30' }],
  ])('%s', (_label, session, expected) => {
    expect(otherSession({ session }, plan)).toEqual(expected);
  });
});

describe('who may do what at a room (附件3, 附件4, 附件5)', () => {
  const staff = (role: StaffMember['role'], roomNo?: string): Pick<StaffMember, 'role' | 'roomNo'> => ({ role, roomNo });
  const rows: [string, Pick<StaffMember, 'role' | 'roomNo'>, { proctor: boolean; reverify: boolean; signDoubt: boolean }][] = [
    ['主监考 of room 01', staff('chief-proctor', '01'), { proctor: true, reverify: true, signDoubt: true }],
    ['副监考 of room 01', staff('second-proctor', '01'), { proctor: true, reverify: true, signDoubt: true }],
    ['主监考 of room 02', staff('chief-proctor', '02'), { proctor: false, reverify: false, signDoubt: false }],
    ['副监考 of room 02', staff('second-proctor', '02'), { proctor: false, reverify: false, signDoubt: false }],
    ['流动监考', staff('roving-proctor'), { proctor: false, reverify: true, signDoubt: false }],
    ['主考', staff('chief-examiner'), { proctor: false, reverify: true, signDoubt: true }],
    ['副主考', staff('deputy-chief-examiner'), { proctor: false, reverify: true, signDoubt: false }],
    ['考务人员', staff('exam-affairs'), { proctor: false, reverify: false, signDoubt: false }],
    ['保密员', staff('secrecy-officer'), { proctor: false, reverify: false, signDoubt: false }],
  ];
  it.each(rows)('%s, at room 01', (_label, member, expected) => {
    expect({ proctor: isRoomProctor(member, '01'), reverify: mayReverify(member, '01'), signDoubt: maySignDoubt(member, '01') }).toEqual(expected);
  });
});
