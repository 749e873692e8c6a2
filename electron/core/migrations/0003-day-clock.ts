import type { Migration } from './index';

/**
 * Issue 5, running the day by the clock. The event log gains the device's recorded clock offset
 * (NULL for events written before a clock check, and for every event older than this migration);
 * projections gain 附件5 confirmations, each device's latest clock check and each room's newest
 * activity. The ALTER adds a column only: the append-only triggers stay as they are.
 */
export const migration0003DayClock: Migration = {
  version: 3,
  name: 'day-clock',
  up(db) {
    db.exec(`
      ALTER TABLE events ADD COLUMN clock_offset_ms INTEGER;

      CREATE TABLE proj_confirmations (
        confirmation_id TEXT NOT NULL,
        -- '' for a site-wide (office) confirmation: a NULL would not be unique in the key.
        room_key TEXT NOT NULL,
        at TEXT NOT NULL,
        event_id TEXT NOT NULL,
        device_id TEXT NOT NULL,
        seq INTEGER NOT NULL,
        staff_id TEXT NOT NULL,
        staff_name TEXT NOT NULL,
        role TEXT NOT NULL,
        PRIMARY KEY (confirmation_id, room_key)
      ) STRICT;
      CREATE TABLE proj_clock_offsets (
        device_id TEXT PRIMARY KEY,
        offset_ms INTEGER NOT NULL,
        at TEXT NOT NULL,
        seq INTEGER NOT NULL
      ) STRICT;
      CREATE TABLE proj_room_activity (
        room_no TEXT PRIMARY KEY,
        last_at TEXT NOT NULL
      ) STRICT;
    `);
  },
};
