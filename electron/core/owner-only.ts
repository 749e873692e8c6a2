import { chmodSync, closeSync, existsSync, mkdirSync, openSync } from 'node:fs';
import { dirname, resolve } from 'node:path';

/**
 * The data folder holds ID numbers, photos and the device's signing key, so whatever the user's umask
 * the core's folders are 0700 and its files 0600. Modes given to mkdir/open are masked by the umask,
 * hence the explicit chmod after each. (On Windows chmod only toggles read-only; the profile's ACLs
 * protect the folder there.)
 */
const OWNER_ONLY_DIR = 0o700;
const OWNER_ONLY_FILE = 0o600;

/** `mkdir -p` that makes every folder it creates owner-only; folders that already exist are left as they are. */
export function makeOwnerOnlyDir(dir: string): void {
  const target = resolve(dir);
  const firstCreated = mkdirSync(target, { recursive: true, mode: OWNER_ONLY_DIR });
  if (firstCreated === undefined) return;
  for (let level = target; ; level = dirname(level)) {
    chmodSync(level, OWNER_ONLY_DIR);
    if (level === resolve(firstCreated) || level === dirname(level)) break;
  }
}

/** Creates an empty owner-only file unless it exists; SQLite gives its -wal and -shm the same mode. */
export function createOwnerOnlyFile(file: string): void {
  if (existsSync(file)) return;
  closeSync(openSync(file, 'wx', OWNER_ONLY_FILE));
  chmodSync(file, OWNER_ONLY_FILE);
}

/** Makes each of the files that exists owner-only (files an earlier version or SQLite created). */
export function restrictToOwner(files: string[]): void {
  for (const file of files) if (existsSync(file)) chmodSync(file, OWNER_ONLY_FILE);
}
