import { localDate, minutesOfDay, type GatePlan } from '../timetable/gates';
import { computeTimetable } from '../timetable/timetable';

/**
 * 送还试卷 (附件5 E+5): by then every room's record should be signed by both proctors. Judged on the
 * exam day's clock only, like the late cut-off.
 */
export function returnDeadlinePassed(plan: GatePlan & { date: string }, now: Date): boolean {
  if (localDate(now) !== plan.date) return false;
  const timetable = computeTimetable(plan.startTime, plan.endTime);
  const step = timetable.ok ? timetable.steps.find((s) => s.id === 'papers-returned') : undefined;
  return step !== undefined && minutesOfDay(now) >= step.minutesFromMidnight;
}
