import { computeTimetable, type TimetableStep } from './timetable';

/**
 * The moments the rest of the app asks about, taken from the computed timetable and the plan's
 * late cut-off. Nothing else in the app may hard-code a time of day. Times are minutes after
 * midnight and may carry fractions (a clock reads seconds too).
 */
export interface TimeGates {
  /** 查证入场 (S−25): the doors open. */
  checkinOpensAt: number;
  /** 开考 (S). */
  examStartsAt: number;
  /** S + the plan's cut-off (第十九条): from this moment on a candidate is late. */
  lateFrom: number;
  /** S+30: hand-in and leaving allowed from here… */
  handInFrom: number;
  /** …until E−15 (停止交卷), which is already refused. */
  handInUntil: number;
  /** E (收卷). */
  examEndsAt: number;
}

export interface GatePlan {
  startTime: string;
  endTime: string;
  lateCutoffMinutes: number;
}

function minutesOf(steps: readonly TimetableStep[], id: TimetableStep['id']): number {
  const step = steps.find((s) => s.id === id);
  if (!step) throw new Error(`timetable has no step ${id}`);
  return step.minutesFromMidnight;
}

/** Undefined when the plan's times do not make a timetable (the plan screen says why). */
export function timeGates(plan: GatePlan): TimeGates | undefined {
  const timetable = computeTimetable(plan.startTime, plan.endTime);
  if (!timetable.ok) return undefined;
  const { steps } = timetable;
  const examStartsAt = minutesOf(steps, 'exam-start');
  return {
    checkinOpensAt: minutesOf(steps, 'checkin-open'),
    examStartsAt,
    lateFrom: examStartsAt + plan.lateCutoffMinutes,
    handInFrom: minutesOf(steps, 'hand-in-open'),
    handInUntil: minutesOf(steps, 'hand-in-closed'),
    examEndsAt: minutesOf(steps, 'papers-collected'),
  };
}

export const isCheckinOpen = (gates: TimeGates, minutesNow: number): boolean => minutesNow >= gates.checkinOpensAt;

/** S+30 ≤ now < E−15: the boundary minute of 停止交卷 is already closed. */
export const isHandInAllowed = (gates: TimeGates, minutesNow: number): boolean =>
  minutesNow >= gates.handInFrom && minutesNow < gates.handInUntil;

/** Minutes after local midnight of a Date, seconds included, on the clock the caller trusts. */
export function minutesOfDay(date: Date): number {
  return date.getHours() * 60 + date.getMinutes() + date.getSeconds() / 60 + date.getMilliseconds() / 60_000;
}

/** YYYY-MM-DD of a Date on the clock the caller trusts (local time, as the plan's date is written). */
export function localDate(date: Date): string {
  const pad = (n: number): string => String(n).padStart(2, '0');
  return `${date.getFullYear()}-${pad(date.getMonth() + 1)}-${pad(date.getDate())}`;
}

export interface LateCutoff {
  /** The first late minute after midnight (开考 + the plan's cut-off). */
  lateFrom: number;
  /** From `lateFrom` on, to the second: 09:00:00 is late, 08:59:59 is not. */
  passed: boolean;
}

/**
 * The late cut-off (第十九条) as it stands at `now`, the one rule every door path asks: a scan, an
 * admission with a reason, an admission in doubt, the 缺考 list. Judged on the exam day's clock only:
 * on another date (a day set up ahead, the day after, a test) nobody is late and nobody is absent
 * yet, so `passed` is false. Undefined when the plan's times make no timetable.
 */
export function lateCutoff(plan: GatePlan & { date: string }, now: Date): LateCutoff | undefined {
  const gates = timeGates(plan);
  if (gates === undefined) return undefined;
  const passed = localDate(now) === plan.date && minutesOfDay(now) >= gates.lateFrom;
  return { lateFrom: gates.lateFrom, passed };
}

/** Has the late cut-off passed at `now`? See `lateCutoff`. */
export function lateCutoffPassed(plan: GatePlan & { date: string }, now: Date): boolean {
  return lateCutoff(plan, now)?.passed === true;
}
