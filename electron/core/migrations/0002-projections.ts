import type { Migration } from './index';

/**
 * Projection tables: current state folded from the events. They may be dropped and rebuilt at
 * any time (projection.ts), so they hold nothing the log does not.
 */
export const migration0002Projections: Migration = {
  version: 2,
  name: 'projections',
  up(db) {
    db.exec(`
      CREATE TABLE proj_plan (
        singleton INTEGER PRIMARY KEY CHECK (singleton = 1),
        plan TEXT NOT NULL
      ) STRICT;
      CREATE TABLE proj_rooms (
        room_no TEXT PRIMARY KEY,
        room TEXT NOT NULL
      ) STRICT;
      CREATE TABLE proj_staff (
        staff_id TEXT PRIMARY KEY,
        staff TEXT NOT NULL
      ) STRICT;
      CREATE TABLE proj_candidates (
        ticket_no TEXT PRIMARY KEY,
        id_number TEXT NOT NULL,
        room_no TEXT NOT NULL,
        seat_no INTEGER NOT NULL,
        candidate TEXT NOT NULL
      ) STRICT;
      CREATE INDEX proj_candidates_id_number ON proj_candidates (id_number);
      CREATE INDEX proj_candidates_room ON proj_candidates (room_no, seat_no);
      CREATE TABLE proj_admissions (
        ticket_no TEXT PRIMARY KEY,
        room_no TEXT NOT NULL,
        at TEXT NOT NULL,
        device_id TEXT NOT NULL,
        seq INTEGER NOT NULL,
        actor_staff_id TEXT NOT NULL
      ) STRICT;
      CREATE INDEX proj_admissions_room ON proj_admissions (room_no);
    `);
  },
};
