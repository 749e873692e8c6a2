import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { keyFileBeside } from '../../electron/core/database-key';

/**
 * A fresh data folder per test, removed afterwards with the database key file the core writes beside
 * it (<folder>.key, database-key.ts).
 */
export function makeTempDir(prefix = 'examday-'): { dir: string; remove: () => void } {
  const dir = mkdtempSync(join(tmpdir(), prefix));
  return { dir, remove: () => removeDataDir(dir) };
}

/** Removes a data folder and the key file beside it. */
export function removeDataDir(dir: string): void {
  rmSync(dir, { recursive: true, force: true });
  rmSync(keyFileBeside(dir), { force: true });
}
