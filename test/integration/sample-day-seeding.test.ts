import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { join, resolve } from 'node:path';
import { openCoreHost, type CoreHost } from '../../electron/core/core-host';
import { makeTempDir } from '../support/temp-dir';

const ROOT = resolve(__dirname, '..', '..');
const SAMPLE_DAY = join(ROOT, 'resources', 'sample-day', 'sample-day.json');

const eventCount = (host: CoreHost): number => (host.real.db.prepare('SELECT COUNT(*) AS n FROM events').get() as { n: number }).n;

describe('the sample day', () => {
  let temp: ReturnType<typeof makeTempDir>;
  beforeEach(() => {
    temp = makeTempDir();
  });
  afterEach(() => temp.remove());
  const open = (sample = true): CoreHost => openCoreHost({ dataDir: temp.dir, ...(sample ? { sampleDayFile: SAMPLE_DAY } : {}) });

  it('is seeded on the first start of a new folder, once', () => {
    let host = open();
    expect(host.real.store.getPlan()).toBeDefined();
    const seeded = eventCount(host);
    host.close();
    host = open();
    expect(eventCount(host)).toBe(seeded);
    host.close();
  });

  it('never comes back into a new day someone started, after a restart', () => {
    let host = open();
    expect(host.handlers.startNewDay({ confirm: true })).toMatchObject({ ok: true, value: { archivedTo: expect.any(String) } });
    expect(eventCount(host)).toBe(0);
    host.close();
    // An ordinary restart: the app passes the sample day file every time.
    host = open();
    expect(host.real.store.getPlan()).toBeUndefined();
    expect(eventCount(host)).toBe(0);
    host.close();
  });

  it('is not seeded later into a folder first opened without it', () => {
    let host = open(false);
    host.close();
    host = open();
    expect(eventCount(host)).toBe(0);
    host.close();
  });
});
