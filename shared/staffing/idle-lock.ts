import type { ExamPlan } from '../domain/types';

/** Issue 11: a door device locks after this many minutes without a scan, key or touch, unless the plan says otherwise. */
export const DEFAULT_IDLE_LOCK_MINUTES = 10;
export const MIN_IDLE_LOCK_MINUTES = 1;
export const MAX_IDLE_LOCK_MINUTES = 120;

/** The quiet period the day's plan sets, in ms (the default when the plan predates the setting). */
export function idleLockMs(plan: Pick<ExamPlan, 'idleLockMinutes'> | null): number {
  return (plan?.idleLockMinutes ?? DEFAULT_IDLE_LOCK_MINUTES) * 60_000;
}

/**
 * Whether a device quiet since `lastActivityMs` is to lock at `nowMs`. Both are real elapsed time
 * (performance.now), not the day's clock: a rehearsal at 60× must not lock a door after ten seconds.
 */
export function isIdleFor(lastActivityMs: number, nowMs: number, quietMs: number): boolean {
  return nowMs - lastActivityMs >= quietMs;
}
