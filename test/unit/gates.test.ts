import { describe, expect, it } from 'vitest';
import { isCheckinOpen, isHandInAllowed, lateCutoffPassed, minutesOfDay, timeGates } from '../../shared/timetable/gates';

const at = (hhmm: string): number => {
  const [h, m, s] = hhmm.split(':').map(Number);
  return h! * 60 + m! + (s ?? 0) / 60;
};

describe('time gates from the 附件5 timetable', () => {
  it('08:30–10:00: doors at 08:05, late from 09:00, hand-in 09:00 until 09:45, end 10:00', () => {
    const gates = timeGates({ startTime: '08:30', endTime: '10:00', lateCutoffMinutes: 30 })!;
    expect(gates).toEqual({
      checkinOpensAt: at('08:05'),
      examStartsAt: at('08:30'),
      lateFrom: at('09:00'),
      handInFrom: at('09:00'),
      handInUntil: at('09:45'),
      examEndsAt: at('10:00'),
    });
  });

  it('14:00–16:00 afternoon exam: doors at 13:35, hand-in 14:30 until 15:45', () => {
    const gates = timeGates({ startTime: '14:00', endTime: '16:00', lateCutoffMinutes: 15 })!;
    expect(gates.checkinOpensAt).toBe(at('13:35'));
    expect(gates.lateFrom).toBe(at('14:15'));
    expect(gates.handInFrom).toBe(at('14:30'));
    expect(gates.handInUntil).toBe(at('15:45'));
    expect(gates.examEndsAt).toBe(at('16:00'));
  });

  it('hand-in: S+30 is allowed, E−15 is already refused', () => {
    const gates = timeGates({ startTime: '08:30', endTime: '10:00', lateCutoffMinutes: 30 })!;
    expect(isHandInAllowed(gates, at('08:59:59'))).toBe(false);
    expect(isHandInAllowed(gates, at('09:00'))).toBe(true);
    expect(isHandInAllowed(gates, at('09:44:59'))).toBe(true);
    expect(isHandInAllowed(gates, at('09:45'))).toBe(false);
    expect(isHandInAllowed(gates, at('10:30'))).toBe(false);
  });

  it('check-in opens exactly at S−25; lateness starts exactly at the cut-off', () => {
    const gates = timeGates({ startTime: '14:00', endTime: '16:00', lateCutoffMinutes: 30 })!;
    expect(isCheckinOpen(gates, at('13:34:59'))).toBe(false);
    expect(isCheckinOpen(gates, at('13:35'))).toBe(true);
    const plan = { date: '2026-11-26', startTime: '14:00', endTime: '16:00', lateCutoffMinutes: 30 };
    expect(lateCutoffPassed(plan, new Date(2026, 10, 26, 14, 29, 59))).toBe(false);
    expect(lateCutoffPassed(plan, new Date(2026, 10, 26, 14, 30))).toBe(true);
  });

  it('gives no gates for times that make no timetable', () => {
    expect(timeGates({ startTime: '10:00', endTime: '09:00', lateCutoffMinutes: 30 })).toBeUndefined();
    expect(timeGates({ startTime: '8点', endTime: '10:00', lateCutoffMinutes: 30 })).toBeUndefined();
  });

  it('reads minutes of the day with seconds', () => {
    expect(minutesOfDay(new Date(2026, 10, 26, 9, 44, 30))).toBeCloseTo(at('09:44:30'));
  });
});
