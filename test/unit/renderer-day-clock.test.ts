import { describe, expect, it } from 'vitest';
import { computeTimetable } from '../../shared/timetable/timetable';
import { correctedNowAt, deviceNowAt, parseSpokenTime, type ClockSample } from '../../renderer/src/clock/clock-math';
import { duePrompt, PROMPT_LATE_MINUTES, promptKey } from '../../renderer/src/timetable/prompts';
import { findRecorded, formatCountdown, minutesAgo, stateInScope, stepsForDoor, stepTiming } from '../../renderer/src/timetable/schedule-view';
import { confirmationById } from '../../shared/timetable/confirmations';
import { describeOffset, formatEventTime } from '../../renderer/src/format';

const timetable = computeTimetable('08:30', '10:00');
if (!timetable.ok) throw new Error(timetable.reason);
const steps = timetable.steps;
const at = (hhmm: string, seconds = 0) => {
  const [h, m] = hhmm.split(':').map(Number);
  return (h ?? 0) * 60 + (m ?? 0) + seconds / 60;
};

describe('renderer clock arithmetic', () => {
  const sample: ClockSample = { deviceNowMs: 1_000_000, speed: 1, offsetMs: null, receivedAtPerf: 500 };

  it('runs on from the core answer at real speed', () => {
    expect(deviceNowAt(sample, 500)).toBe(1_000_000);
    expect(deviceNowAt(sample, 2_500)).toBe(1_002_000);
  });

  it('runs faster in a rehearsal', () => {
    expect(deviceNowAt({ ...sample, speed: 10 }, 1_500)).toBe(1_010_000);
  });

  it('shows the office time: a device 5 minutes fast is shown 5 minutes earlier', () => {
    expect(correctedNowAt({ ...sample, offsetMs: 300_000 }, 500)).toBe(700_000);
    expect(correctedNowAt({ ...sample, offsetMs: -2_000 }, 500)).toBe(1_002_000);
    expect(correctedNowAt(sample, 500)).toBe(1_000_000);
  });

  it('reads the office clock as people type it', () => {
    expect(parseSpokenTime('07:35:20')).toBe(7 * 3600 + 35 * 60 + 20);
    expect(parseSpokenTime('7:35')).toBe(7 * 3600 + 35 * 60);
    expect(parseSpokenTime('07：35：20')).toBe(7 * 3600 + 35 * 60 + 20);
    expect(parseSpokenTime('24:00:00')).toBeUndefined();
    expect(parseSpokenTime('07:60:00')).toBeUndefined();
    expect(parseSpokenTime('0735')).toBeUndefined();
  });
});

describe('prompts at 开考, E−15 and E', () => {
  const key = '2026-11-26|08:30|real';

  it('fires at its moment and for a few minutes after, not before', () => {
    expect(duePrompt(steps, at('08:29', 59), key, [])).toBeUndefined();
    expect(duePrompt(steps, at('08:30'), key, [])?.moment).toBe('exam-start');
    expect(duePrompt(steps, at('09:45'), key, [])?.moment).toBe('hand-in-closed');
    expect(duePrompt(steps, at('09:45') + PROMPT_LATE_MINUTES - 0.01, key, [])?.moment).toBe('hand-in-closed');
    expect(duePrompt(steps, at('09:45') + PROMPT_LATE_MINUTES, key, [])).toBeUndefined();
    expect(duePrompt(steps, at('10:00', 30), key, [])?.textZh).toBe('考试结束，停止答题');
  });

  it('fires once per exam and device', () => {
    const fired = [promptKey(key, 'hand-in-closed')];
    expect(duePrompt(steps, at('09:46'), key, fired)).toBeUndefined();
    // A rehearsal of the same exam is another exam as far as prompts go.
    expect(duePrompt(steps, at('09:46'), '2026-11-26|08:30|2026-11-26T06:00:00.000Z', fired)?.moment).toBe('hand-in-closed');
  });

  it('says the E−15 words of 附件5', () => {
    expect(duePrompt(steps, at('09:45'), key, [])?.textZh).toBe('距考试结束还有15分钟，停止交卷');
  });
});

describe('timetable view helpers', () => {
  it('shows a door only the steps its proctors have a part in', () => {
    const ids = stepsForDoor(steps).map((s) => s.id);
    // Everyone arrives (报到); the briefing is the 主考's.
    expect(ids).toContain('staff-arrive');
    expect(ids).not.toContain('work-briefing');
    expect(ids).toContain('rules-announced');
    expect(ids).toContain('papers-returned');
  });

  it('marks one step current from its own minute to the next step', () => {
    const index = steps.findIndex((s) => s.id === 'rules-announced');
    expect(stepTiming(steps, index, at('08:19', 59))).toBe('future');
    expect(stepTiming(steps, index, at('08:20'))).toBe('current');
    expect(stepTiming(steps, index, at('08:24', 59))).toBe('current');
    expect(stepTiming(steps, index, at('08:25'))).toBe('past');
    expect(stepTiming(steps, steps.length - 1, at('23:00'))).toBe('current');
  });

  it('finds a confirmation in its scope only', () => {
    const recorded = [{ confirmationId: 'seal-shown', roomNo: '01', at: '2026-11-26T00:26:00.000Z', staffId: 'S03', staffName: '杨建民', role: 'chief-proctor' }];
    const sealShown = confirmationById('seal-shown')!;
    const step = steps.find((s) => s.id === 'papers-unsealed')!;
    expect(findRecorded(recorded, 'seal-shown', '01')).toBeDefined();
    expect(findRecorded(recorded, 'seal-shown', '02')).toBeUndefined();
    expect(stateInScope(sealShown, step, recorded, '01', at('08:40'))).toBe('done');
    expect(stateInScope(sealShown, step, recorded, '02', at('08:40'))).toBe('overdue');
    expect(stateInScope(sealShown, step, recorded, '02', at('08:26'))).toBe('open');
  });

  it('counts down as mm:ss, with hours when needed', () => {
    expect(formatCountdown(0)).toBe('00:00');
    expect(formatCountdown(65)).toBe('01:05');
    expect(formatCountdown(59.2)).toBe('01:00');
    expect(formatCountdown(3_725)).toBe('1:02:05');
    expect(formatCountdown(-3)).toBe('00:00');
  });

  it('says how old a room’s information is in whole minutes', () => {
    const now = Date.parse('2026-11-26T00:30:00.000Z');
    expect(minutesAgo('2026-11-26T00:27:30.000Z', now)).toBe(2);
    expect(minutesAgo('2026-11-26T00:30:05.000Z', now)).toBe(0);
    expect(minutesAgo('not a date', now)).toBeUndefined();
  });
});

describe('times as the screens say them', () => {
  it('says a clock error the way people do, in both languages', () => {
    expect(describeOffset(300_000, 'zh')).toBe('+5分00秒');
    expect(describeOffset(-12_000, 'zh')).toBe('−12秒');
    expect(describeOffset(301_000, 'en')).toBe('+5 min 01 s');
    expect(describeOffset(-12_000, 'en')).toBe('−12 s');
  });

  it('shows an event stamped by a fast device on the office clock', () => {
    const stamped = new Date(2026, 10, 26, 8, 20, 0).toISOString();
    expect(formatEventTime(stamped, 300_000)).toBe('08:15:00');
    expect(formatEventTime(stamped, null)).toBe('08:20:00');
    expect(formatEventTime('garbage', null)).toBe('garbage');
  });
});
