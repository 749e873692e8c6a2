import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { openCore } from '../../electron/core/core';
import { rebuildProjections } from '../../electron/core/projection';
import { dumpProjection } from '../../electron/core/sqlite-projection-store';
import { copyDataDirAtVersion } from '../support/database-at-version';
import { fixtureDay, fixtureDayEvents } from '../support/fixture-day';
import { makeTempDir } from '../support/temp-dir';

/** A 日结 written before custody existed (version 11) counts after the upgrade: custody refuses new steps. */
describe('migration 0012 (custody) on a day already closed', () => {
  let temp: ReturnType<typeof makeTempDir>;
  beforeEach(() => {
    temp = makeTempDir();
  });
  afterEach(() => temp.remove());

  it('copies the 日结 the log holds into the custody entries, as a rebuild would', () => {
    const source = makeTempDir();
    const writer = openCore({ dataDir: source.dir, now: () => new Date(2026, 10, 25, 11, 0) });
    writer.commit(fixtureDayEvents(fixtureDay(30)));
    writer.commit([{ type: 'day.closed', payload: { note: '旧版本日结' }, actor: { staffId: 'S001', name: '周主考', role: 'chief-examiner' } }]);
    writer.close();
    copyDataDirAtVersion(source.dir, temp.dir, 11);
    source.remove();

    const core = openCore({ dataDir: temp.dir, now: () => new Date(2026, 10, 25, 11, 5) });
    try {
      expect(core.handlers.getCustody({})).toMatchObject({ ok: true, value: { dayClosed: { byName: '周主考' } } });
      expect(core.handlers.closeDay({ examiner: { badgeCode: 'KW-S001', pin: '246801' } })).toMatchObject({ ok: false, error: { message: '本考试日已日结' } });
      const live = dumpProjection(core.db);
      rebuildProjections(core.db);
      expect(dumpProjection(core.db)).toEqual(live);
    } finally {
      core.close();
    }
  });
});
