import type { Migration } from './index';

/**
 * Issue 4, re-verification at 开考: the latest mark per seat (verified, suspected impostor, seat
 * empty) with who made it. A projection table only; 'seat.reverified' events say it all.
 */
export const migration0007Reverify: Migration = {
  version: 7,
  name: 'reverify',
  up(db) {
    db.exec(`
      CREATE TABLE proj_reverify (
        room_no TEXT NOT NULL,
        seat_no INTEGER NOT NULL,
        ticket_no TEXT NOT NULL,
        result TEXT NOT NULL CHECK (result IN ('verified', 'suspected-impostor', 'seat-empty')),
        at TEXT NOT NULL,
        staff_id TEXT NOT NULL,
        staff_name TEXT NOT NULL,
        PRIMARY KEY (room_no, seat_no)
      ) STRICT;
    `);
  },
};
