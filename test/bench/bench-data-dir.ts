import { mkdirSync, mkdtempSync, rmSync, statfsSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { removeDataDir } from '../support/temp-dir';

/** statfs's f_type for tmpfs (linux/magic.h). */
const TMPFS_MAGIC = 0x01021994;

/** `.bench-data/` at the repository root (gitignored); `npm run bench` runs from there. */
export const BENCH_DATA_ROOT = resolve(process.cwd(), '.bench-data');

/**
 * A fresh data folder on the disk the app would use, removed afterwards. The core syncs every
 * commit (database.ts), so a folder in RAM (tmpfs, which /tmp often is) would time the writes
 * without the disk: such a folder is refused rather than measured.
 */
export function makeBenchDataDir(prefix: string): { dir: string; remove: () => void } {
  mkdirSync(BENCH_DATA_ROOT, { recursive: true });
  const dir = mkdtempSync(join(BENCH_DATA_ROOT, prefix));
  if (statfsSync(dir).type === TMPFS_MAGIC) {
    rmSync(dir, { recursive: true, force: true });
    throw new Error(`${BENCH_DATA_ROOT} is on tmpfs: the benchmarks need a real disk`);
  }
  return { dir, remove: () => removeDataDir(dir) };
}
