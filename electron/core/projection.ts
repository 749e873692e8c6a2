import type { Db } from './database';
import { parseEvent, type ExamDayEvent } from '../../shared/events/event';
import { applyEvent } from '../../shared/projection/apply-event';
import { canonicalOrder } from '../../shared/projection/canonical-order';
import { rowToRawEvent, type EventRow } from './event-log';
import { clearProjection, SqliteProjectionStore } from './sqlite-projection-store';

const READ_PAGE_SIZE = 2_000;

/** Every event of the log, parsed, read in pages (better-sqlite3 cannot write while a statement iterates). */
export function readWholeLog(db: Db): ExamDayEvent[] {
  const page = db.prepare('SELECT * FROM events WHERE local_order > ? ORDER BY local_order LIMIT ?');
  const events: ExamDayEvent[] = [];
  let after = 0;
  for (;;) {
    const rows = page.all(after, READ_PAGE_SIZE) as EventRow[];
    for (const row of rows) {
      const parsed = parseEvent(rowToRawEvent(row));
      if (!parsed.ok) throw new Error(`cannot rebuild: event ${row.id}: ${parsed.reason}`);
      events.push(parsed.event);
      after = row.local_order;
    }
    if (rows.length < READ_PAGE_SIZE) return events;
  }
}

/**
 * Drops every projection row and folds the whole log again in canonical order (by time, device,
 * seq: shared/projection/canonical-order.ts), so every device holding the same events gets the
 * same state whatever order they arrived in. Refuses (throws) on an event that does not parse:
 * run verify first to learn where.
 */
export function rebuildProjections(db: Db): void {
  db.transaction(() => {
    const events = canonicalOrder(readWholeLog(db));
    clearProjection(db);
    const store = new SqliteProjectionStore(db);
    for (const event of events) applyEvent(store, event);
  })();
}

/**
 * Refolds a projection an older release left without what this one keeps: a withdrawal folded before
 * migration 0017 has no id_number (every withdrawal folded since copies its roster row's), so its ID
 * card would find nobody and verify would find the row differing from a rebuild. Called on open,
 * after the migrations; a crash before its commit leaves the NULLs for the next open to refold.
 */
export function refoldStaleProjection(db: Db): boolean {
  const stale = db.prepare('SELECT EXISTS (SELECT 1 FROM proj_candidate_withdrawals WHERE id_number IS NULL) AS stale').get() as { stale: number };
  if (stale.stale === 0) return false;
  rebuildProjections(db);
  return true;
}
