import type { Db } from './database';
import { parseEvent } from '../../shared/events/event';
import { applyEvent } from '../../shared/projection/apply-event';
import { rowToRawEvent, type EventRow } from './event-log';
import { clearProjection, SqliteProjectionStore } from './sqlite-projection-store';

const REBUILD_PAGE_SIZE = 2_000;

/**
 * Drops every projection row and folds the whole log again, in the order events were stored.
 * Refuses (throws) on an event that does not parse: run verify first to learn where.
 */
export function rebuildProjections(db: Db): void {
  db.transaction(() => {
    clearProjection(db);
    const store = new SqliteProjectionStore(db);
    // better-sqlite3 cannot write while a statement on the same connection is still iterating,
    // so the log is read in pages and each page folded before the next is read.
    const page = db.prepare('SELECT * FROM events WHERE local_order > ? ORDER BY local_order LIMIT ?');
    let after = 0;
    for (;;) {
      const rows = page.all(after, REBUILD_PAGE_SIZE) as EventRow[];
      for (const row of rows) {
        const parsed = parseEvent(rowToRawEvent(row));
        if (!parsed.ok) throw new Error(`cannot rebuild: event ${row.id}: ${parsed.reason}`);
        applyEvent(store, parsed.event);
        after = row.local_order;
      }
      if (rows.length < REBUILD_PAGE_SIZE) break;
    }
  })();
}
