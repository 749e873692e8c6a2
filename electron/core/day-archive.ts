import { existsSync, renameSync } from 'node:fs';
import { join } from 'node:path';
import { DATABASE_FILE } from './core';
import { makeOwnerOnlyDir, restrictToOwner } from './owner-only';
import { KEY_FILE } from './device-key';

export const ARCHIVE_FOLDER = 'archive';
// The key first: a crash part-way then leaves a log without its key (refused on the next start, with
// what to do) rather than the old key beside a new, empty log (a second chain under one device id).
const DAY_FILES = [KEY_FILE, DATABASE_FILE, `${DATABASE_FILE}-wal`, `${DATABASE_FILE}-shm`];

const pad = (n: number): string => String(n).padStart(2, '0');

/**
 * Moves a closed core's database and key to <data>/archive/YYYYMMDD-HHMMSS/ (never deletes them), so
 * the next open starts an empty log with a new device key. Folder and files are owner-only. Returns the archive folder.
 */
export function archiveDayFiles(dataDir: string, at: Date): string {
  const stamp = `${at.getFullYear()}${pad(at.getMonth() + 1)}${pad(at.getDate())}-${pad(at.getHours())}${pad(at.getMinutes())}${pad(at.getSeconds())}`;
  let folder = join(dataDir, ARCHIVE_FOLDER, stamp);
  for (let i = 2; existsSync(folder); i += 1) folder = join(dataDir, ARCHIVE_FOLDER, `${stamp}-${i}`);
  makeOwnerOnlyDir(folder);
  for (const file of DAY_FILES) {
    const from = join(dataDir, file);
    if (existsSync(from)) renameSync(from, join(folder, file));
  }
  restrictToOwner(DAY_FILES.map((file) => join(folder, file)));
  return folder;
}
