import { describe, expect, it } from 'vitest';
import { STAFF_ROLES } from '../../shared/domain/types';
import type { TimetableStep } from '../../shared/timetable/timetable';
import { computeTimetable, currentStep, parseClockTime } from '../../shared/timetable/timetable';

/** 附件5 as printed for its 8:30—10:00 example, time and step title, top to bottom. */
const PRINTED_IN_ATTACHMENT_5 = [
  ['7:30', '报到'],
  ['7:35', '安排工作'],
  ['7:40', '分发试卷'],
  ['7:50', '送试卷到达考场'],
  ['8:05', '查证入场'],
  ['8:20', '宣布考场纪律'],
  ['8:25', '验封、启封、发卷'],
  ['8:30', '宣布正式开考'],
  ['9:00', '交卷、收卷、填写考场记录单、卡'],
  ['9:45', '宣布停止交卷'],
  ['10:00', '收卷'],
  ['10:05', '送还试卷'],
] as const;

function stepsFor(start: string, end: string): TimetableStep[] {
  const result = computeTimetable(start, end);
  if (!result.ok) throw new Error(`expected a timetable for ${start}–${end}: ${result.reason}`);
  return result.steps;
}

describe('computeTimetable', () => {
  it('reproduces 附件5 for 8:30–10:00, step for step', () => {
    const steps = stepsFor('08:30', '10:00');
    expect(steps.map((s) => [s.at.replace(/^0/, ''), s.titleZh])).toEqual(PRINTED_IN_ATTACHMENT_5.map(([at, title]) => [at, title]));
  });

  it('labels each step by its offset from start S or end E', () => {
    expect(stepsFor('08:30', '10:00').map((s) => [s.id, s.offsetLabel])).toEqual([
      ['staff-arrive', 'S−60'],
      ['work-briefing', 'S−55'],
      ['papers-distributed', 'S−50'],
      ['papers-to-rooms', 'S−40'],
      ['checkin-open', 'S−25'],
      ['rules-announced', 'S−10'],
      ['papers-unsealed', 'S−5'],
      ['exam-start', 'S'],
      ['hand-in-open', 'S+30'],
      ['hand-in-closed', 'E−15'],
      ['papers-collected', 'E'],
      ['papers-returned', 'E+5'],
    ]);
  });

  it('moves every step with the exam slot', () => {
    const steps = stepsFor('13:30', '15:30');
    expect(steps.map((s) => s.at)).toEqual([
      '12:30', '12:35', '12:40', '12:50', '13:05', '13:20', '13:25', '13:30', '14:00', '15:15', '15:30', '15:35',
    ]);
    expect(steps.map((s) => s.minutesFromMidnight)).toEqual([
      750, 755, 760, 770, 785, 800, 805, 810, 840, 915, 930, 935,
    ]);
  });

  it('accepts the unpadded hour 附件5 itself prints and pads it', () => {
    expect(stepsFor('8:30', '10:00')[0]).toMatchObject({ at: '07:30', minutesFromMidnight: 450 });
  });

  it('gives every step a Chinese and an English title, a duty and known roles', () => {
    for (const step of stepsFor('09:00', '11:00')) {
      expect(step.titleZh).not.toBe('');
      expect(step.titleEn).toMatch(/^[A-Z]/);
      expect(step.descriptionZh).toMatch(/[\u4e00-\u9fff]/);
      expect(step.roles.length).toBeGreaterThan(0);
      for (const role of step.roles) expect(STAFF_ROLES).toContain(role);
    }
    const byId = new Map(stepsFor('09:00', '11:00').map((s) => [s.id, s]));
    expect(byId.get('checkin-open')?.roles).toContain('second-proctor');
    expect(byId.get('papers-distributed')?.roles).toContain('secrecy-officer');
  });

  it('keeps the steps in time order at the shortest and longest allowed exams', () => {
    for (const [start, end] of [['08:30', '09:30'], ['08:00', '13:00']] as const) {
      const minutes = stepsFor(start, end).map((s) => s.minutesFromMidnight);
      expect(minutes).toEqual([...minutes].sort((a, b) => a - b));
      expect(new Set(minutes).size).toBe(minutes.length);
    }
  });

  it('refuses badly written times', () => {
    for (const [start, end] of [['8.30', '10:00'], ['08:30', '24:00'], ['08:60', '10:00'], ['', '10:00'], ['08:30', '10:00:00']]) {
      expect(computeTimetable(start!, end!), `${start}–${end}`).toMatchObject({ ok: false, code: 'bad-time' });
    }
    const result = computeTimetable('8.30', '10:00');
    expect(!result.ok && result.reason).toContain('开始时间');
  });

  it('refuses an end not after the start', () => {
    expect(computeTimetable('10:00', '08:30')).toMatchObject({ ok: false, code: 'end-not-after-start' });
    expect(computeTimetable('10:00', '10:00')).toMatchObject({ ok: false, code: 'end-not-after-start' });
  });

  it('refuses exams shorter than an hour or longer than five', () => {
    expect(computeTimetable('08:30', '09:29')).toMatchObject({ ok: false, code: 'duration-out-of-range' });
    expect(computeTimetable('08:00', '13:01')).toMatchObject({ ok: false, code: 'duration-out-of-range' });
  });

  it('refuses a slot whose day would begin before midnight or end after it', () => {
    expect(computeTimetable('00:59', '02:00')).toMatchObject({ ok: false, code: 'outside-the-day' });
    expect(computeTimetable('01:00', '02:00').ok).toBe(true);
    expect(computeTimetable('22:00', '23:55')).toMatchObject({ ok: false, code: 'outside-the-day' });
    expect(stepsFor('22:00', '23:54').at(-1)?.at).toBe('23:59');
  });
});

describe('parseClockTime', () => {
  it('reads HH:MM and H:MM as minutes after midnight', () => {
    expect(parseClockTime('00:00')).toBe(0);
    expect(parseClockTime('8:05')).toBe(485);
    expect(parseClockTime('23:59')).toBe(1439);
    expect(parseClockTime('24:00')).toBeUndefined();
    expect(parseClockTime('8:5')).toBeUndefined();
  });
});

describe('currentStep', () => {
  const steps = stepsFor('08:30', '10:00');
  const at = (clock: string) => parseClockTime(clock)!;

  it('has no current step before staff arrive', () => {
    expect(currentStep(steps, at('07:00'))).toEqual({ current: undefined, next: steps[0], minutesUntilNext: 30 });
  });

  it('puts a step in force from its own minute', () => {
    expect(currentStep(steps, at('07:29'))).toMatchObject({ current: undefined, next: { id: 'staff-arrive' }, minutesUntilNext: 1 });
    expect(currentStep(steps, at('07:30'))).toMatchObject({ current: { id: 'staff-arrive' }, next: { id: 'work-briefing' }, minutesUntilNext: 5 });
    expect(currentStep(steps, at('08:04'))).toMatchObject({ current: { id: 'papers-to-rooms' }, next: { id: 'checkin-open' }, minutesUntilNext: 1 });
    expect(currentStep(steps, at('08:05'))).toMatchObject({ current: { id: 'checkin-open' }, next: { id: 'rules-announced' }, minutesUntilNext: 15 });
    expect(currentStep(steps, at('09:44'))).toMatchObject({ current: { id: 'hand-in-open' }, next: { id: 'hand-in-closed' } });
  });

  it('keeps the last step once it has begun, with nothing next', () => {
    expect(currentStep(steps, at('10:05'))).toEqual({ current: steps[11], next: undefined, minutesUntilNext: undefined });
    expect(currentStep(steps, at('23:00')).current?.id).toBe('papers-returned');
  });

  it('answers for an empty table', () => {
    expect(currentStep([], 600)).toEqual({ current: undefined, next: undefined, minutesUntilNext: undefined });
  });
});
