import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { join } from 'node:path';
import { DATABASE_FILE, openCore } from '../../electron/core/core';
import { quickCheckAside } from '../../electron/core/quick-check-aside';
import { fixtureDay, fixtureDayEvents } from '../support/fixture-day';
import { databaseKeyOf } from '../support/raw-database';
import { makeTempDir } from '../support/temp-dir';

describe("verify's quick_check on a second core", () => {
  let temp: ReturnType<typeof makeTempDir>;
  beforeEach(() => {
    temp = makeTempDir();
    const core = openCore({ dataDir: temp.dir, now: () => new Date(2026, 10, 25, 8, 10) });
    core.commit(fixtureDayEvents(fixtureDay(30)));
    core.close();
  });
  afterEach(() => temp.remove());

  it("answers SQLite's 'ok' for an intact encrypted file, opened with the folder's key in the worker", async () => {
    expect(await quickCheckAside(join(temp.dir, DATABASE_FILE), databaseKeyOf(temp.dir))).toBe('ok');
  });

  it('answers nothing (the caller checks inline) when the worker cannot open the file', async () => {
    expect(await quickCheckAside(join(temp.dir, DATABASE_FILE), undefined)).toBeUndefined();
    expect(await quickCheckAside(join(temp.dir, 'missing.sqlite'), databaseKeyOf(temp.dir))).toBeUndefined();
  });
});
