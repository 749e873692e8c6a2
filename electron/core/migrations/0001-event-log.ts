import type { Migration } from './index';

/**
 * The append-only event log. Triggers refuse UPDATE and DELETE so that not even a bug in this
 * app can rewrite history; `devices` holds each device's public key for signature checks.
 */
export const migration0001EventLog: Migration = {
  version: 1,
  name: 'event-log',
  up(db) {
    db.exec(`
      CREATE TABLE events (
        local_order INTEGER PRIMARY KEY AUTOINCREMENT,
        id TEXT NOT NULL UNIQUE,
        device_id TEXT NOT NULL,
        seq INTEGER NOT NULL,
        at TEXT NOT NULL,
        actor TEXT NOT NULL,
        type TEXT NOT NULL,
        payload TEXT NOT NULL,
        prev_hash TEXT NOT NULL,
        hash TEXT NOT NULL,
        sig TEXT NOT NULL,
        UNIQUE (device_id, seq)
      ) STRICT;
      CREATE TRIGGER events_refuse_update BEFORE UPDATE ON events
        BEGIN SELECT RAISE(ABORT, 'events are append-only: UPDATE refused'); END;
      CREATE TRIGGER events_refuse_delete BEFORE DELETE ON events
        BEGIN SELECT RAISE(ABORT, 'events are append-only: DELETE refused'); END;

      CREATE TABLE devices (
        device_id TEXT PRIMARY KEY,
        public_key TEXT NOT NULL,
        first_seen_at TEXT NOT NULL
      ) STRICT;
      CREATE TRIGGER devices_refuse_update BEFORE UPDATE ON devices
        BEGIN SELECT RAISE(ABORT, 'device keys are append-only: UPDATE refused'); END;
      CREATE TRIGGER devices_refuse_delete BEFORE DELETE ON devices
        BEGIN SELECT RAISE(ABORT, 'device keys are append-only: DELETE refused'); END;
    `);
  },
};
