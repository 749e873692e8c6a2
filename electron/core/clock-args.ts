import type { ClockSpec } from '../../shared/clock/virtual-clock';

/** The test and training switches both entry points accept (browser mode and Electron). */
export interface ClockArgValues {
  clock?: unknown;
  'clock-speed'?: unknown;
  'clock-skew'?: unknown;
}

export const CLOCK_ARG_OPTIONS = {
  clock: { type: 'string' },
  'clock-speed': { type: 'string' },
  'clock-skew': { type: 'string' },
} as const;

const CLOCK_SWITCHES = ['clock', 'clock-speed', 'clock-skew'] as const;

/**
 * The clock switches a build honours: all of them from a checkout (tests, training, `npm start`),
 * none in a packaged app, where they would let anyone with a shortcut put a false time on the day's
 * signed record. Returns the values to parse and the switches withheld, for one log line.
 */
export function honouredClockArgs(values: ClockArgValues, packaged: boolean): { values: ClockArgValues; ignored: string[] } {
  const given = CLOCK_SWITCHES.filter((name) => values[name] !== undefined);
  if (!packaged || given.length === 0) return { values, ignored: [] };
  return { values: {}, ignored: given.map((name) => `--${name}`) };
}

const MAX_SPEED = 100;
const MAX_SKEW_SECONDS = 12 * 60 * 60;

function text(value: unknown, flag: string): string | undefined {
  if (value === undefined) return undefined;
  if (typeof value !== 'string' || value === '') throw new Error(`${flag} 需要一个值`);
  return value.trim();
}

/**
 * `--clock HH:MM[:SS]` (the device clock reads this local time now), `--clock-speed N` (it runs
 * N× real time, default 1) and `--clock-skew SECONDS` (it is off by that much, e.g. 300 for a
 * device 5 minutes fast). Undefined when none is given: the real clock. `realNowMs` is injectable
 * for tests.
 */
export function parseClockArgs(values: ClockArgValues, realNowMs: number = Date.now()): ClockSpec | undefined {
  const clock = text(values.clock, '--clock');
  const speedText = text(values['clock-speed'], '--clock-speed');
  const skewText = text(values['clock-skew'], '--clock-skew');
  if (clock === undefined && speedText === undefined && skewText === undefined) return undefined;

  let anchorVirtualMs = realNowMs;
  if (clock !== undefined) {
    const match = /^([01]\d|2[0-3]):([0-5]\d)(?::([0-5]\d))?$/.exec(clock);
    if (!match) throw new Error(`--clock 应为 HH:MM 或 HH:MM:SS，例如 08:20，而不是 ${clock}`);
    const today = new Date(realNowMs);
    today.setHours(Number(match[1]), Number(match[2]), Number(match[3] ?? 0), 0);
    anchorVirtualMs = today.getTime();
  }
  let speed = 1;
  if (speedText !== undefined) {
    speed = Number(speedText);
    if (!Number.isFinite(speed) || speed <= 0 || speed > MAX_SPEED) {
      throw new Error(`--clock-speed 应为大于 0、不超过 ${MAX_SPEED} 的倍数，例如 10，而不是 ${speedText}`);
    }
  }
  if (skewText !== undefined) {
    const skew = Number(skewText);
    if (!/^[+-]?\d+(\.\d+)?$/.test(skewText) || Math.abs(skew) > MAX_SKEW_SECONDS) {
      throw new Error(`--clock-skew 应为秒数（可为负，绝对值不超过 ${MAX_SKEW_SECONDS}），例如 300，而不是 ${skewText}`);
    }
    anchorVirtualMs += Math.round(skew * 1000);
  }
  return { anchorRealMs: realNowMs, anchorVirtualMs, speed };
}
