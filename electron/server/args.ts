import { parseArgs } from 'node:util';
import type { ClockSpec } from '../../shared/clock/virtual-clock';
import { CLOCK_ARG_OPTIONS, parseClockArgs } from '../core/clock-args';

export interface WebArgs {
  port: number;
  dataDir: string | undefined;
  sampleStart: string | undefined;
  /** --no-sample: a brand-new folder starts empty (a door laptop that will get its day from the office). */
  noSample: boolean;
  /** --clock / --clock-speed / --clock-skew: a virtual device clock for tests and training. */
  clock: ClockSpec | undefined;
}

/**
 * `npm run web -- [--port N] [--data DIR] [--sample-start HH:MM | --no-sample] [--clock HH:MM[:SS]]
 * [--clock-speed N] [--clock-skew SECONDS]`
 */
export function parseWebArgs(argv: string[], realNowMs: number = Date.now()): WebArgs {
  const { values } = parseArgs({
    args: argv,
    options: {
      port: { type: 'string' },
      data: { type: 'string' },
      'sample-start': { type: 'string' },
      'no-sample': { type: 'boolean' },
      ...CLOCK_ARG_OPTIONS,
    },
    strict: true,
  });
  const port = values.port === undefined ? 5780 : Number(values.port);
  if (!Number.isInteger(port) || port < 0 || port > 65535) throw new Error(`端口无效：${values.port}`);
  const sampleStart = values['sample-start'];
  if (sampleStart !== undefined && !/^([01]\d|2[0-3]):[0-5]\d$/.test(sampleStart)) {
    throw new Error(`--sample-start 应为 HH:MM，例如 08:30，而不是 ${sampleStart}`);
  }
  if (sampleStart !== undefined && values['no-sample']) throw new Error('--sample-start 与 --no-sample 不能同时使用');
  return { port, dataDir: values.data, sampleStart, noSample: values['no-sample'] === true, clock: parseClockArgs(values, realNowMs) };
}
