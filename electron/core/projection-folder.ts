import type { Db } from './database';
import type { ExamDayEvent } from '../../shared/events/event';
import { applyEvent } from '../../shared/projection/apply-event';
import { ConvergenceTracker, ORDER_FREE_EVENT_TYPES } from '../../shared/projection/canonical-order';
import type { EventType } from '../../shared/events/event-types';
import { rebuildProjections } from './projection';
import type { SqliteProjectionStore } from './sqlite-projection-store';

/**
 * Folds every committed event, this device's and other devices', into the SQLite projection so that
 * it always equals the canonical fold of the log (convergence, issue 10): in place when the
 * ConvergenceTracker says that is the same, else by one rebuild at the end of the transaction.
 * Call `fold` inside the transaction that stores the event and `settle` before it commits;
 * `resync` after a rollback, since the tracker then noted events the log does not hold.
 */
export class ProjectionFolder {
  private tracker = new ConvergenceTracker();
  private rebuildDue = false;
  private rebuildCount = 0;

  constructor(
    private readonly db: Db,
    private readonly store: SqliteProjectionStore,
  ) {
    this.resync();
  }

  /** How many times arrivals forced a rebuild since the core opened (for the office's diagnostics). */
  get rebuilds(): number {
    return this.rebuildCount;
  }

  fold(event: ExamDayEvent): void {
    if (this.tracker.place(event) === 'rebuild') this.rebuildDue = true;
    if (!this.rebuildDue) applyEvent(this.store, event);
  }

  settle(): void {
    if (!this.rebuildDue) return;
    this.rebuildDue = false;
    rebuildProjections(this.db);
    this.rebuildCount += 1;
  }

  /** Notes every held event again, each device's in seq order; payloads are read only where they matter. */
  resync(): void {
    this.rebuildDue = false;
    this.tracker = new ConvergenceTracker();
    const rows = this.db.prepare('SELECT device_id, seq, at, type, payload FROM events ORDER BY device_id, seq').iterate() as IterableIterator<{
      device_id: string;
      seq: number;
      at: string;
      type: string;
      payload: string;
    }>;
    for (const row of rows) {
      const orderFree = ORDER_FREE_EVENT_TYPES.has(row.type as EventType);
      const event = { deviceId: row.device_id, seq: row.seq, at: row.at, type: row.type, payload: orderFree ? {} : (JSON.parse(row.payload) as unknown) };
      this.tracker.place(event as ExamDayEvent);
    }
  }
}
