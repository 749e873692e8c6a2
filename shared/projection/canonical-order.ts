import type { ExamDayEvent } from '../events/event';
import type { EventType } from '../events/event-types';
import { applyEvent } from './apply-event';
import type { ProjectionStore } from './store';
import { compareCanonicalKeys, type CanonicalKey } from './canonical-key';

/**
 * Convergence (DESIGN "Sync": two devices holding the same events show the same state, whatever the
 * arrival order). The choice, and why:
 *
 * - The state of a set of events is DEFINED as the fold of that set in canonical order: by the
 *   event's time, then deviceId, then seq. The time is the device's `at` carried forward as a running
 *   maximum over the device's own chain, so a device's events keep their seq order even when its clock
 *   was set back: the order is total, a function of the set alone, and respects every device chain.
 * - Folding in arrival order gives that same state for the ORDER_FREE event types below: their
 *   reducers commute (earliest admission and confirmation by (at, deviceId, seq), newest room activity,
 *   a device's latest clock check by seq, a door's pending pair touched only by that door's own chain).
 *   Check-ins are nearly all of a day's cross-device traffic, so a door's batch arriving after the
 *   office's newer events is folded in place.
 * - Any other event that arrives behind the newest folded one (a doubt, a re-verification, an
 *   absentee list, setup) makes the projection be rebuilt in canonical order. Rare, and always right.
 *
 * Making every reducer commutative instead would need each record to carry the key of the event
 * behind it (doubts, reverify marks, absentee lists, the plan): a schema change for little gain.
 */

/** Event types whose reducers commute with every other event's: folded in place, whatever their time. */
export const ORDER_FREE_EVENT_TYPES: ReadonlySet<EventType> = new Set<EventType>([
  'checkin.attempted',
  'checkin.overridden',
  'step.confirmed',
  'clock.checked',
  'day.closed',
  'finding.resolved',
]);

/** The canonical order of a set of events (see above). Each device's events must form a chain from seq 1. */
export function canonicalOrder(events: readonly ExamDayEvent[]): ExamDayEvent[] {
  const byDevice = new Map<string, ExamDayEvent[]>();
  for (const event of events) {
    const chain = byDevice.get(event.deviceId);
    if (chain) chain.push(event);
    else byDevice.set(event.deviceId, [event]);
  }
  const keyed: { key: CanonicalKey; event: ExamDayEvent }[] = [];
  for (const chain of byDevice.values()) {
    chain.sort((a, b) => a.seq - b.seq);
    let floor = Number.NEGATIVE_INFINITY;
    for (const event of chain) {
      floor = Math.max(floor, Date.parse(event.at));
      keyed.push({ key: { ms: floor, deviceId: event.deviceId, seq: event.seq }, event });
    }
  }
  keyed.sort((a, b) => compareCanonicalKeys(a.key, b.key));
  return keyed.map((k) => k.event);
}

/**
 * Folds events as they arrive, from this device and from sync, so that the store always equals the
 * canonical fold of everything received: in place when that is provably the same, by a rebuild into
 * a fresh store otherwise. Holds the events it folded (a day's log fits in memory); the SQLite core
 * does the same with an ORDER BY on the canonical key.
 */
export class ConvergentFold {
  private current: ProjectionStore;
  private readonly events: ExamDayEvent[] = [];
  private readonly deviceFloors = new Map<string, { seq: number; ms: number }>();
  private newest: CanonicalKey | undefined;
  private rebuildCount = 0;

  constructor(private readonly newStore: () => ProjectionStore) {
    this.current = newStore();
  }

  get store(): ProjectionStore {
    return this.current;
  }

  /** How often arrivals forced a rebuild (for tests and the office's diagnostics). */
  get rebuilds(): number {
    return this.rebuildCount;
  }

  /** Folds events that verify-batch accepted (or this device wrote): each device's in seq order. */
  receive(events: readonly ExamDayEvent[]): void {
    let mustRebuild = false;
    for (const event of events) {
      const floor = this.deviceFloors.get(event.deviceId);
      if ((floor?.seq ?? 0) + 1 !== event.seq) {
        throw new Error(`event ${event.deviceId}/${event.seq} does not continue its chain (held ${floor?.seq ?? 0})`);
      }
      const key: CanonicalKey = { ms: Math.max(floor?.ms ?? Number.NEGATIVE_INFINITY, Date.parse(event.at)), deviceId: event.deviceId, seq: event.seq };
      this.deviceFloors.set(event.deviceId, { seq: event.seq, ms: key.ms });
      this.events.push(event);
      const inOrder = this.newest === undefined || compareCanonicalKeys(key, this.newest) > 0;
      if (inOrder) this.newest = key;
      if (mustRebuild) continue;
      if (inOrder || ORDER_FREE_EVENT_TYPES.has(event.type)) applyEvent(this.current, event);
      else mustRebuild = true;
    }
    if (mustRebuild) {
      const store = this.newStore();
      for (const event of canonicalOrder(this.events)) applyEvent(store, event);
      this.current = store;
      this.rebuildCount += 1;
    }
  }
}
