import type { Migration } from './index';

/**
 * Issue 13, custody of the sealed bags: the registry, every step and exception, and 日结, kept as
 * entries and folded by shared/custody/custody-log.ts when read. A projection table only; the
 * 日结 events a log already holds are copied in, so an upgraded day reads as a rebuilt one.
 */
export const migration0012Custody: Migration = {
  version: 12,
  name: 'custody',
  up(db) {
    db.exec(`
      CREATE TABLE proj_custody_entries (
        device_id TEXT NOT NULL,
        seq INTEGER NOT NULL,
        at TEXT NOT NULL,
        event_id TEXT NOT NULL,
        type TEXT NOT NULL,
        payload TEXT NOT NULL,
        actor TEXT NOT NULL,
        PRIMARY KEY (device_id, seq)
      ) STRICT;
      CREATE INDEX proj_custody_entries_order ON proj_custody_entries (at, device_id, seq);
      INSERT INTO proj_custody_entries (device_id, seq, at, event_id, type, payload, actor)
        SELECT device_id, seq, at, id, type, payload, actor FROM events WHERE type = 'day.closed';
    `);
  },
};
