import type { Migration } from './index';

/**
 * Issue 9: facts about the record itself, each written once. `own_device_id` names the device whose
 * key (device-key.pem) writes this log, so a missing or swapped key is noticed even before the device
 * has written anything; `day_origin` says how the record began (the sample day, or empty), so the
 * sample day is seeded only into a brand-new folder. A log from before this migration takes its own
 * device from the first key it stored (every open stored its own key before any other device's) and
 * is never seeded.
 */
export const migration0009Meta: Migration = {
  version: 9,
  name: 'meta',
  up(db) {
    db.exec(`
      CREATE TABLE meta (
        key TEXT PRIMARY KEY,
        value TEXT NOT NULL
      ) STRICT;
      CREATE TRIGGER meta_refuse_update BEFORE UPDATE ON meta
        BEGIN SELECT RAISE(ABORT, 'meta is written once: UPDATE refused'); END;
      CREATE TRIGGER meta_refuse_delete BEFORE DELETE ON meta
        BEGIN SELECT RAISE(ABORT, 'meta is written once: DELETE refused'); END;

      INSERT INTO meta (key, value) SELECT 'own_device_id', device_id FROM devices ORDER BY rowid LIMIT 1;
      INSERT INTO meta (key, value) SELECT 'day_origin', 'before-meta' WHERE EXISTS (SELECT 1 FROM devices);
    `);
  },
};
