import type { Migration } from './index';

/**
 * Issue 10, site sync. `sync_receipts`: every receipt another device signed for what it holds of
 * ours (and of others); `verify` reads them, so a log whose tail was cut shows against a receipt for
 * more than it holds. `sync_forks`: the evidence of a fork, an offered event that differs from the
 * one held under the same (device, seq). Both are evidence and append-only, like the log.
 * `proj_enrolled_devices` is the projection of 'device.enrolled' / 'device.revoked', per recording
 * device: the office's record of each door, and each door's own record of its office.
 * `sync_peers` is plain local status (when each peer last synced, its last error): not evidence.
 */
export const migration0010Sync: Migration = {
  version: 10,
  name: 'sync',
  up(db) {
    db.exec(`
      CREATE TABLE sync_receipts (
        id INTEGER PRIMARY KEY AUTOINCREMENT,
        receiver_device_id TEXT NOT NULL,
        heads TEXT NOT NULL,
        at TEXT NOT NULL,
        sig TEXT NOT NULL,
        received_at TEXT NOT NULL
      ) STRICT;
      CREATE INDEX sync_receipts_by_receiver ON sync_receipts (receiver_device_id, id);
      CREATE TRIGGER sync_receipts_refuse_update BEFORE UPDATE ON sync_receipts
        BEGIN SELECT RAISE(ABORT, 'receipts are append-only: UPDATE refused'); END;
      CREATE TRIGGER sync_receipts_refuse_delete BEFORE DELETE ON sync_receipts
        BEGIN SELECT RAISE(ABORT, 'receipts are append-only: DELETE refused'); END;

      CREATE TABLE sync_forks (
        id INTEGER PRIMARY KEY AUTOINCREMENT,
        device_id TEXT NOT NULL,
        seq INTEGER NOT NULL,
        held_hash TEXT NOT NULL,
        offered_hash TEXT NOT NULL,
        offered_event TEXT NOT NULL,
        offered_by TEXT NOT NULL,
        received_at TEXT NOT NULL,
        UNIQUE (device_id, seq, offered_hash)
      ) STRICT;
      CREATE TRIGGER sync_forks_refuse_update BEFORE UPDATE ON sync_forks
        BEGIN SELECT RAISE(ABORT, 'fork evidence is append-only: UPDATE refused'); END;
      CREATE TRIGGER sync_forks_refuse_delete BEFORE DELETE ON sync_forks
        BEGIN SELECT RAISE(ABORT, 'fork evidence is append-only: DELETE refused'); END;

      CREATE TABLE sync_peers (
        device_id TEXT PRIMARY KEY,
        last_sync_at TEXT,
        last_error TEXT,
        last_error_at TEXT
      ) STRICT;

      CREATE TABLE proj_enrolled_devices (
        recorded_by TEXT NOT NULL,
        device_id TEXT NOT NULL,
        device TEXT NOT NULL,
        PRIMARY KEY (recorded_by, device_id)
      ) STRICT;

      CREATE TABLE local_settings (
        key TEXT PRIMARY KEY,
        value TEXT NOT NULL
      ) STRICT;
    `);
  },
};
