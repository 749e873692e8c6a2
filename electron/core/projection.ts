import type { Db } from './database';
import { parseEvent } from '../../shared/events/event';
import { applyEvent } from '../../shared/projection/apply-event';
import { rowToRawEvent, type EventRow } from './event-log';
import { clearProjection, SqliteProjectionStore } from './sqlite-projection-store';

/**
 * Drops every projection row and folds the whole log again, in the order events were stored.
 * Refuses (throws) on an event that does not parse: run verify first to learn where.
 */
export function rebuildProjections(db: Db): void {
  db.transaction(() => {
    clearProjection(db);
    const store = new SqliteProjectionStore(db);
    for (const row of db.prepare('SELECT * FROM events ORDER BY local_order').iterate() as IterableIterator<EventRow>) {
      const parsed = parseEvent(rowToRawEvent(row));
      if (!parsed.ok) throw new Error(`cannot rebuild: event ${row.id}: ${parsed.reason}`);
      applyEvent(store, parsed.event);
    }
  })();
}
