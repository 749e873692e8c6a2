import type { Migration } from './index';

/**
 * Issue 4, 存疑考生: the latest doubt per candidate, open, cleared or confirmed, with who raised it and
 * who resolved it (the 主考, or both proctors: a JSON array of actors). A projection table only.
 */
export const migration0006Doubts: Migration = {
  version: 6,
  name: 'doubts',
  up(db) {
    db.exec(`
      CREATE TABLE proj_doubts (
        ticket_no TEXT PRIMARY KEY,
        room_no TEXT NOT NULL,
        reason TEXT NOT NULL,
        note TEXT,
        status TEXT NOT NULL CHECK (status IN ('open', 'cleared', 'confirmed')),
        raised_at TEXT NOT NULL,
        raised_by TEXT NOT NULL,
        resolved_at TEXT,
        resolved_by TEXT NOT NULL
      ) STRICT;
      CREATE INDEX proj_doubts_room ON proj_doubts (room_no);
    `);
  },
};
