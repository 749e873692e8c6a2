import type { Migration } from './index';

/**
 * Issue 11 item 5: purging ID numbers from a door laptop. Events stay append-only with one narrow
 * exception: an event's payload may be replaced, every other column unchanged, only when a stored
 * 'privacy.purged' event of this device's own (meta.own_device_id) names it: another device's purge,
 * arriving by sync, vouches for nothing here. That event is signed and lists the payload's hash before and
 * after, so verify checks the redacted payload against it (verify-log.ts). The purge's payload is
 * canonical JSON, so an id is named exactly as '{"eventId":"<id>",' (a text search: parsing the
 * list for every updated row made a purge of 1 500 events take seconds). Nothing can reorder,
 * renumber, re-sign or delete an event, and no event a purge does not name can change at all.
 */
export const migration0015PurgeRedaction: Migration = {
  version: 15,
  name: 'purge-redaction',
  up(db) {
    db.exec(`
      DROP TRIGGER events_refuse_update;
      CREATE TRIGGER events_refuse_update BEFORE UPDATE ON events
        WHEN NOT (
          NEW.local_order IS OLD.local_order AND NEW.id IS OLD.id AND NEW.device_id IS OLD.device_id
          AND NEW.seq IS OLD.seq AND NEW.at IS OLD.at AND NEW.actor IS OLD.actor AND NEW.type IS OLD.type
          AND NEW.prev_hash IS OLD.prev_hash AND NEW.hash IS OLD.hash AND NEW.sig IS OLD.sig
          AND NEW.clock_offset_ms IS OLD.clock_offset_ms
          AND EXISTS (
            SELECT 1 FROM events AS purge
            WHERE purge.type = 'privacy.purged' AND purge.device_id = (SELECT value FROM meta WHERE key = 'own_device_id')
              AND instr(purge.payload, '{"eventId":"' || OLD.id || '",') > 0
          )
        )
        BEGIN SELECT RAISE(ABORT, 'events are append-only: UPDATE refused'); END;
    `);
  },
};
