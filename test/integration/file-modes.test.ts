import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { chmodSync, existsSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { openCore, DATABASE_FILE } from '../../electron/core/core';
import { archiveDayFiles, ARCHIVE_FOLDER } from '../../electron/core/day-archive';
import { fixtureDay, fixtureDayEvents } from '../support/fixture-day';
import { makeTempDir } from '../support/temp-dir';

const mode = (path: string): string => (statSync(path).mode & 0o777).toString(8);
const KEY_FILE = 'device-key.pem';

/**
 * The data folder holds ID numbers, photos and the device's signing key: whatever the umask, the core
 * creates its folders owner-only (0700) and its files owner-only (0600). POSIX modes; Windows has ACLs.
 */
describe.skipIf(process.platform === 'win32')('owner-only files and folders', () => {
  let temp: ReturnType<typeof makeTempDir>;
  let previousUmask: number;

  // A common umask (group-writable, world-readable) that would leave 0664 files and 0775 folders.
  beforeAll(() => {
    previousUmask = process.umask(0o002);
  });
  afterAll(() => {
    process.umask(previousUmask);
  });
  beforeEach(() => {
    temp = makeTempDir();
  });
  afterEach(() => temp.remove());

  it('creates the data folder (each new level) 0700 and the database, its -wal and -shm and the key 0600', () => {
    const dataDir = join(temp.dir, 'examday', 'data');
    const core = openCore({ dataDir });
    try {
      core.commit(fixtureDayEvents(fixtureDay(3)));
      expect(mode(join(temp.dir, 'examday'))).toBe('700');
      expect(mode(dataDir)).toBe('700');
      for (const file of [DATABASE_FILE, `${DATABASE_FILE}-wal`, `${DATABASE_FILE}-shm`, KEY_FILE]) {
        expect(existsSync(join(dataDir, file)), file).toBe(true);
        expect(mode(join(dataDir, file)), file).toBe('600');
      }
    } finally {
      core.close();
    }
  });

  it('tightens a database and key an earlier version left readable to others when it opens them', () => {
    const dataDir = join(temp.dir, 'data');
    openCore({ dataDir }).close();
    chmodSync(join(dataDir, DATABASE_FILE), 0o644);
    chmodSync(join(dataDir, KEY_FILE), 0o644);
    const core = openCore({ dataDir });
    try {
      expect(mode(join(dataDir, DATABASE_FILE))).toBe('600');
      expect(mode(join(dataDir, KEY_FILE))).toBe('600');
    } finally {
      core.close();
    }
  });

  it('archives a day into owner-only folders, its files owner-only', () => {
    const dataDir = join(temp.dir, 'data');
    const core = openCore({ dataDir });
    core.commit(fixtureDayEvents(fixtureDay(3)));
    core.close();
    chmodSync(join(dataDir, DATABASE_FILE), 0o644);
    const folder = archiveDayFiles(dataDir, new Date(2026, 10, 25, 17, 5, 0));
    expect(mode(join(dataDir, ARCHIVE_FOLDER))).toBe('700');
    expect(mode(folder)).toBe('700');
    expect(mode(join(folder, DATABASE_FILE))).toBe('600');
    expect(mode(join(folder, KEY_FILE))).toBe('600');
  });
});
