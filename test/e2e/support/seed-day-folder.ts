import { execFileSync } from 'node:child_process';
import { bundleForTest } from '../../support/bundle-for-test';
import type { SeededDay } from './seed-day';

let script: Promise<string> | undefined;

/**
 * Seeds a data folder with the core itself, in a child process: Playwright's loader cannot import
 * the core's ESM-only dependencies, so the seeding script is bundled once and run with node.
 */
export async function seedDayFolder(dataDir: string, options: { candidates?: number; photoTickets?: string[] } = {}): Promise<SeededDay> {
  script ??= bundleForTest('test/e2e/support/seed-day-cli.ts', 'seed-day');
  const out = execFileSync(process.execPath, [await script, dataDir, JSON.stringify(options)], { encoding: 'utf8', maxBuffer: 64 * 1024 * 1024 });
  return JSON.parse(out) as SeededDay;
}
