import type { Migration } from './index';

/**
 * Issue 12, the room record: each room's record events (incidents, hand-ins, leaves, 收卷, paper
 * counts, signatures) in log order, folded by shared/record/record-log.ts. A projection table only.
 */
export const migration0011RoomRecord: Migration = {
  version: 11,
  name: 'room-record',
  up(db) {
    db.exec(`
      CREATE TABLE proj_record_entries (
        device_id TEXT NOT NULL,
        seq INTEGER NOT NULL,
        room_no TEXT NOT NULL,
        at TEXT NOT NULL,
        event_id TEXT NOT NULL,
        type TEXT NOT NULL,
        payload TEXT NOT NULL,
        actor TEXT NOT NULL,
        PRIMARY KEY (device_id, seq)
      ) STRICT;
      CREATE INDEX proj_record_entries_room ON proj_record_entries (room_no, at, device_id, seq);
    `);
  },
};
