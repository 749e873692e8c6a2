import type { Migration } from './index';

/**
 * Issue 4, 缺考: each room's confirmed absentee list (a JSON array of ticket and seat) with who
 * confirmed it and when. A projection table only; 'absentees.confirmed' events say it all.
 */
export const migration0008Absentees: Migration = {
  version: 8,
  name: 'absentees',
  up(db) {
    db.exec(`
      CREATE TABLE proj_absentee_confirmations (
        room_no TEXT PRIMARY KEY,
        absentees TEXT NOT NULL,
        at TEXT NOT NULL,
        confirmed_by TEXT NOT NULL
      ) STRICT;
    `);
  },
};
