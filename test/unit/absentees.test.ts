import { describe, expect, it } from 'vitest';
import { absenteeListRefusal, mayConfirmAbsentees, mayCorrectConfirmedAbsence, pendingAbsentees } from '../../shared/checkin/absentees';
import type { StaffMember } from '../../shared/domain/types';
import { applyEvent } from '../../shared/projection/apply-event';
import { MemoryProjectionStore } from '../../shared/projection/memory-store';
import type { ExamDayEvent } from '../../shared/events/event';
import { lateCutoffPassed } from '../../shared/timetable/gates';
import { mayApproveLate } from '../../shared/checkin/late-approval';

const plan = { date: '2026-11-25', startTime: '08:30', endTime: '10:00', lateCutoffMinutes: 15 };
const staff = (role: StaffMember['role'], roomNo?: string): StaffMember => ({ staffId: `X-${role}`, name: role, role, ...(roomNo ? { roomNo } : {}) });

describe('缺考: when, who and which list', () => {
  it('is due from the plan cut-off on the exam day only', () => {
    expect(lateCutoffPassed(plan, new Date(2026, 10, 25, 8, 44, 59))).toBe(false);
    expect(lateCutoffPassed(plan, new Date(2026, 10, 25, 8, 45))).toBe(true);
    expect(lateCutoffPassed(plan, new Date(2026, 10, 24, 9, 0))).toBe(false);
  });

  it('lists the candidates not admitted, by seat', () => {
    const list = pendingAbsentees(
      [
        { ticketNo: 'T3', seatNo: 3 },
        { ticketNo: 'T1', seatNo: 1 },
        { ticketNo: 'T2', seatNo: 2 },
      ],
      (t) => t === 'T2',
    );
    expect(list.map((c) => c.ticketNo)).toEqual(['T1', 'T3']);
  });

  it('lets the room 主监考, the 主考 and 副主考 confirm; only the 主考 and 副主考 correct afterwards', () => {
    expect(mayConfirmAbsentees(staff('chief-proctor', '01'), '01')).toBe(true);
    expect(mayConfirmAbsentees(staff('chief-proctor', '02'), '01')).toBe(false);
    expect(mayConfirmAbsentees(staff('second-proctor', '01'), '01')).toBe(false);
    expect(mayConfirmAbsentees(staff('chief-examiner'), '01')).toBe(true);
    expect(mayConfirmAbsentees(staff('deputy-chief-examiner'), '01')).toBe(true);
    expect(mayCorrectConfirmedAbsence(staff('chief-proctor', '01'))).toBe(false);
    expect(mayCorrectConfirmedAbsence(staff('chief-examiner'))).toBe(true);
    // The same people who may let a late candidate in.
    expect(mayApproveLate(staff('chief-proctor', '01'), '01')).toBe(true);
    expect(mayApproveLate(staff('chief-proctor', '02'), '01')).toBe(false);
    expect(mayApproveLate(staff('roving-proctor'), '01')).toBe(false);
  });

  it('accepts the list as it stands, in any order, and says what changed otherwise', () => {
    const current = [
      { ticketNo: 'T1', name: '张三' },
      { ticketNo: 'T3', name: '李四' },
    ];
    expect(absenteeListRefusal(['T3', 'T1'], current)).toBeNull();
    expect(absenteeListRefusal([], [])).toBeNull();
    expect(absenteeListRefusal(['T1', 'T1', 'T3'], current)).toBe('缺考名单中有重复的考生');
    expect(absenteeListRefusal(['T1', 'T2', 'T3'], current)).toContain('有 1 名考生已入场');
    expect(absenteeListRefusal(['T1'], current)).toContain('李四未在名单上');
  });
});

describe('absentees.confirmed in the projection', () => {
  const event = (id: string, actorName: string, tickets: string[]): ExamDayEvent =>
    ({
      id,
      deviceId: 'dev',
      seq: 1,
      at: '2026-11-25T01:10:00.000Z',
      type: 'absentees.confirmed',
      payload: { roomNo: '01', absentees: tickets.map((ticketNo, i) => ({ ticketNo, seatNo: i + 1 })) },
      actor: { staffId: actorName, name: actorName, role: 'chief-proctor' },
    }) as unknown as ExamDayEvent;

  it('keeps the first confirmation of a room (a second device may confirm too)', () => {
    const store = new MemoryProjectionStore();
    applyEvent(store, event('e1', '甲', ['T1', 'T2']));
    applyEvent(store, event('e2', '乙', ['T1']));
    expect(store.getAbsenteeConfirmation('01')).toMatchObject({ confirmedBy: { name: '甲' }, absentees: [{ ticketNo: 'T1' }, { ticketNo: 'T2' }] });
    expect(store.getAbsenteeConfirmation('02')).toBeUndefined();
  });
});
