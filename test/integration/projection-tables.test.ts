import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { openCore } from '../../electron/core/core';
import { rebuildProjections } from '../../electron/core/projection';
import { dumpProjection, projectionTables } from '../../electron/core/sqlite-projection-store';
import { fixtureDay, fixtureDayEvents } from '../support/fixture-day';
import { makeTempDir } from '../support/temp-dir';

/**
 * A rebuild drops every projection table the schema has, not a list typed by hand: a migration that
 * adds a proj_* table is cleared and compared with no second edit.
 */
describe('projection tables for rebuild', () => {
  let temp: ReturnType<typeof makeTempDir>;
  beforeEach(() => {
    temp = makeTempDir();
  });
  afterEach(() => temp.remove());

  it('are every proj_* table in the schema, and only those', () => {
    const core = openCore({ dataDir: temp.dir });
    try {
      const tables = (core.db.prepare("SELECT name FROM sqlite_master WHERE type = 'table' ORDER BY name").all() as { name: string }[]).map((r) => r.name);
      expect(projectionTables(core.db)).toEqual(tables.filter((name) => name.startsWith('proj_')));
      expect(projectionTables(core.db)).not.toContain('events');
      expect(projectionTables(core.db)).not.toContain('candidate_photos');
      expect(Object.keys(dumpProjection(core.db))).toEqual(projectionTables(core.db));
    } finally {
      core.close();
    }
  });

  it('include a table a later migration adds: the rebuild empties it and the dump shows it', () => {
    const core = openCore({ dataDir: temp.dir });
    try {
      core.commit(fixtureDayEvents(fixtureDay(2)));
      // As a future migration would: a new projection table with a row folded into it.
      core.db.exec("CREATE TABLE proj_future (key TEXT PRIMARY KEY) STRICT; INSERT INTO proj_future VALUES ('stale')");
      expect(dumpProjection(core.db).proj_future).toEqual([{ key: 'stale' }]);
      rebuildProjections(core.db);
      expect(dumpProjection(core.db).proj_future).toEqual([]);
      expect(dumpProjection(core.db).proj_candidates).toHaveLength(2);
    } finally {
      core.close();
    }
  });
});
