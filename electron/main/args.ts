import { parseArgs } from 'node:util';

export interface MainArgs {
  dataDir: string | undefined;
  sampleStart: string | undefined;
}

/**
 * `electron . [--data DIR] [--sample-start HH:MM]`. Lenient on purpose: Electron, Chromium and
 * Playwright add switches of their own (--inspect, --remote-debugging-port, …) that are not ours.
 */
export function parseMainArgs(argv: string[]): MainArgs {
  const { values } = parseArgs({
    args: argv,
    options: { data: { type: 'string' }, 'sample-start': { type: 'string' } },
    strict: false,
    allowPositionals: true,
  });
  const dataDir = typeof values.data === 'string' && values.data !== '' ? values.data : undefined;
  const start = values['sample-start'];
  if (start !== undefined && (typeof start !== 'string' || !/^([01]\d|2[0-3]):[0-5]\d$/.test(start))) {
    throw new Error(`--sample-start 应为 HH:MM，例如 08:30，而不是 ${String(start)}`);
  }
  return { dataDir, sampleStart: start };
}
