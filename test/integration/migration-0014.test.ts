import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { openCore } from '../../electron/core/core';
import { rebuildProjections } from '../../electron/core/projection';
import { dumpProjection } from '../../electron/core/sqlite-projection-store';
import { copyDataDirAtVersion } from '../support/database-at-version';
import { fixtureDay, fixtureDayEvents } from '../support/fixture-day';
import { makeTempDir } from '../support/temp-dir';

/** A day imported before roster changes existed (version 13): after the upgrade a candidate can be withdrawn. */
describe('migration 0014 (roster changes) on a day already imported', () => {
  let temp: ReturnType<typeof makeTempDir>;
  beforeEach(() => {
    temp = makeTempDir();
  });
  afterEach(() => temp.remove());

  it('adds the withdrawals table empty; a withdrawal then folds as a rebuild would', () => {
    const day = fixtureDay(30);
    const source = makeTempDir();
    const writer = openCore({ dataDir: source.dir, now: () => new Date(2026, 10, 25, 7, 0) });
    writer.commit(fixtureDayEvents(day));
    writer.close();
    copyDataDirAtVersion(source.dir, temp.dir, 13);
    source.remove();

    const core = openCore({ dataDir: temp.dir, now: () => new Date(2026, 10, 25, 7, 5) });
    try {
      expect(core.db.prepare('SELECT COUNT(*) AS n FROM proj_candidate_withdrawals').get()).toEqual({ n: 0 });
      const ticketNo = day.candidates[3]!.ticketNo;
      expect(core.handlers.withdrawCandidate({ ticketNo, reason: '退考', actorStaffId: 'S001' })).toMatchObject({ ok: true });
      expect(core.store.countCandidates()).toBe(29);
      const live = dumpProjection(core.db);
      rebuildProjections(core.db);
      expect(dumpProjection(core.db)).toEqual(live);
    } finally {
      core.close();
    }
  });
});
