import type { Migration } from './index';

/**
 * Issue 11 item 1, signing in by badge and PIN: each PIN set, sign-in, wrong PIN and unlock kept as
 * an entry per person and folded by shared/staffing/pin-log.ts when read. A projection table only;
 * no earlier release wrote these events, so it starts empty.
 */
export const migration0013StaffPins: Migration = {
  version: 13,
  name: 'staff-pins',
  up(db) {
    db.exec(`
      CREATE TABLE proj_pin_entries (
        device_id TEXT NOT NULL,
        seq INTEGER NOT NULL,
        staff_id TEXT NOT NULL,
        at TEXT NOT NULL,
        event_id TEXT NOT NULL,
        type TEXT NOT NULL,
        payload TEXT NOT NULL,
        actor TEXT NOT NULL,
        PRIMARY KEY (device_id, seq)
      ) STRICT;
      CREATE INDEX proj_pin_entries_person ON proj_pin_entries (staff_id, at, device_id, seq);
    `);
  },
};
