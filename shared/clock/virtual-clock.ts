/**
 * A clock that may run from another time of day and faster than real time: rehearsals (演练) at
 * 10×, and tests that need 08:20 at any hour. With speed 1 and no shift it is the device clock.
 */
export interface ClockSpec {
  /** Real ms since the epoch at which the virtual clock read `anchorVirtualMs`. */
  anchorRealMs: number;
  anchorVirtualMs: number;
  /** Virtual ms per real ms. */
  speed: number;
}

export function virtualNowMs(spec: ClockSpec, realMs: number): number {
  return spec.anchorVirtualMs + (realMs - spec.anchorRealMs) * spec.speed;
}

export const REAL_TIME: ClockSpec = { anchorRealMs: 0, anchorVirtualMs: 0, speed: 1 };

/** Speeds a rehearsal may run at. */
export const REHEARSAL_SPEEDS = [1, 5, 10, 30, 60] as const;
export type RehearsalSpeed = (typeof REHEARSAL_SPEEDS)[number];
