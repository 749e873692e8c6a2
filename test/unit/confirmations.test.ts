import { describe, expect, it } from 'vitest';
import {
  CONFIRMATION_GRACE_MINUTES,
  CONFIRMATIONS,
  confirmationById,
  confirmationRefusal,
  confirmationState,
} from '../../shared/timetable/confirmations';
import { computeTimetable } from '../../shared/timetable/timetable';

describe('step confirmations', () => {
  const timetable = computeTimetable('08:30', '10:00');
  if (!timetable.ok) throw new Error(timetable.reason);
  const stepIds = new Set<string>(timetable.steps.map((s) => s.id));

  it('names the moments the issue lists, each on a real step of the timetable', () => {
    expect(CONFIRMATIONS.map((c) => c.id)).toEqual([
      'briefing-held',
      'clocks-checked',
      'papers-received',
      'seal-shown',
      'exam-started',
      'hand-in-stop-announced',
      'papers-collected',
      'papers-returned',
    ]);
    for (const c of CONFIRMATIONS) expect(stepIds.has(c.stepId)).toBe(true);
  });

  it('is open from a little before its step, overdue after the grace, done once recorded', () => {
    const examStart = timetable.steps.find((s) => s.id === 'exam-start')!;
    const t = examStart.minutesFromMidnight;
    expect(confirmationState(examStart, false, t - 30)).toBe('not-yet');
    expect(confirmationState(examStart, false, t)).toBe('open');
    expect(confirmationState(examStart, false, t + CONFIRMATION_GRACE_MINUTES - 0.01)).toBe('open');
    expect(confirmationState(examStart, false, t + CONFIRMATION_GRACE_MINUTES)).toBe('overdue');
    expect(confirmationState(examStart, true, t + 60)).toBe('done');
  });

  it('lets only the right people confirm, for their own room', () => {
    const examStarted = confirmationById('exam-started')!;
    expect(confirmationRefusal(examStarted, { role: 'chief-proctor', roomNo: '01' }, '01')).toBeUndefined();
    expect(confirmationRefusal(examStarted, { role: 'chief-proctor', roomNo: '02' }, '01')).toMatch(/本考场/);
    expect(confirmationRefusal(examStarted, { role: 'support' }, '01')).toMatch(/岗位/);
    expect(confirmationRefusal(examStarted, { role: 'chief-proctor', roomNo: '01' }, undefined)).toMatch(/考场/);

    const briefing = confirmationById('briefing-held')!;
    expect(confirmationRefusal(briefing, { role: 'chief-examiner' }, undefined)).toBeUndefined();
    expect(confirmationRefusal(briefing, { role: 'chief-examiner' }, '01')).toMatch(/考务办/);
    expect(confirmationRefusal(briefing, { role: 'second-proctor', roomNo: '01' }, undefined)).toMatch(/岗位/);

    const returned = confirmationById('papers-returned')!;
    // 考务人员 receive papers for every room: not bound to one.
    expect(confirmationRefusal(returned, { role: 'exam-affairs' }, '03')).toBeUndefined();
  });

  it('knows nothing of made-up confirmations', () => {
    expect(confirmationById('coffee-served')).toBeUndefined();
  });
});
