import { parseArgs } from 'node:util';
import type { ClockSpec } from '../../shared/clock/virtual-clock';
import { CLOCK_ARG_OPTIONS, honouredClockArgs, parseClockArgs } from '../core/clock-args';

export interface MainArgs {
  dataDir: string | undefined;
  sampleStart: string | undefined;
  /** --clock / --clock-speed / --clock-skew: a virtual device clock for tests and training. */
  clock: ClockSpec | undefined;
  /** The clock switches given to a packaged app, which ignores them (honouredClockArgs). */
  ignoredClockSwitches: string[];
}

/**
 * `electron . [--data DIR] [--sample-start HH:MM] [--clock HH:MM[:SS]] [--clock-speed N]
 * [--clock-skew SECONDS]`. Lenient on purpose: Electron, Chromium and Playwright add switches
 * of their own (--inspect, --remote-debugging-port, …) that are not ours. A packaged app
 * (`app.isPackaged`) ignores the clock switches.
 */
export function parseMainArgs(argv: string[], realNowMs: number = Date.now(), build: { packaged: boolean } = { packaged: false }): MainArgs {
  const { values } = parseArgs({
    args: argv,
    options: { data: { type: 'string' }, 'sample-start': { type: 'string' }, ...CLOCK_ARG_OPTIONS },
    strict: false,
    allowPositionals: true,
  });
  const dataDir = typeof values.data === 'string' && values.data !== '' ? values.data : undefined;
  const start = values['sample-start'];
  if (start !== undefined && (typeof start !== 'string' || !/^([01]\d|2[0-3]):[0-5]\d$/.test(start))) {
    throw new Error(`--sample-start 应为 HH:MM，例如 08:30，而不是 ${String(start)}`);
  }
  const clockArgs = honouredClockArgs(values, build.packaged);
  return { dataDir, sampleStart: start, clock: parseClockArgs(clockArgs.values, realNowMs), ignoredClockSwitches: clockArgs.ignored };
}
