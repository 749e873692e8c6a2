import type { Migration } from './index';

/**
 * Issue 4, both documents at the door: the half-done pair per door (room and device), so a reload of
 * the door screen keeps the 准考证 scanned a moment ago. A projection table only; the events say it all.
 */
export const migration0004DoorPairing: Migration = {
  version: 4,
  name: 'door-pairing',
  up(db) {
    db.exec(`
      CREATE TABLE proj_door_pending (
        room_no TEXT NOT NULL,
        device_id TEXT NOT NULL,
        ticket_no TEXT NOT NULL,
        document TEXT NOT NULL CHECK (document IN ('ticket', 'id')),
        at TEXT NOT NULL,
        seq INTEGER NOT NULL,
        PRIMARY KEY (room_no, device_id)
      ) STRICT;
    `);
  },
};
