import type { ExamDayEvent } from '../events/event';
import type { EventType } from '../events/event-types';
import { applyEvent } from './apply-event';
import type { ProjectionStore } from './store';
import { RECORD_EVENT_TYPES } from '../record/record-log';
import { CUSTODY_EVENT_TYPES } from '../custody/custody-log';
import { PIN_EVENT_TYPES } from '../staffing/pin-events';
import { PRIVACY_EVENT_TYPES } from '../privacy/privacy-events';
import { CENTER_EVENT_TYPES } from '../center/center-events';
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
 *   a device's latest clock check by seq, a door's pending pair touched only by that door's own chain,
 *   the room record's entries kept as a set and folded when read).
 *   Check-ins are nearly all of a day's cross-device traffic, so a door's batch arriving after the
 *   office's newer events is folded in place.
 * - Any other event (a doubt, a re-verification, an absentee list, setup) touches records named by
 *   its conflict keys; it is folded in place unless one of those records was already written by an
 *   event that comes after it canonically. Then the projection is rebuilt in canonical order: rare
 *   (each room's doubts and marks come from its own door), and always right.
 *
 * Making every reducer commutative instead would need each record to carry the key of the event
 * behind it (doubts, reverify marks, absentee lists, the plan): a schema change for little gain.
 */

/** Event types whose reducers commute with every other event's: folded in place, whatever their time. */
export const ORDER_FREE_EVENT_TYPES: ReadonlySet<EventType> = new Set<EventType>([
  'checkin.attempted',
  'checkin.overridden',
  // Admissions and revocations: the state is the earliest admission not revoked, kept as sets.
  'checkin.revoked',
  'step.confirmed',
  'clock.checked',
  'day.closed',
  'finding.resolved',
  'results.export-overridden',
  'sync.file-imported',
  // The room record (issue 12): each is kept as one entry keyed by (deviceId, seq) and folded when
  // read, in an order that is a function of the set (record/record-log.ts); room activity is a max.
  ...RECORD_EVENT_TYPES,
  // Custody (issue 13) likewise: entries folded when read (custody/custody-log.ts).
  ...CUSTODY_EVENT_TYPES,
  // Sign-in (issue 11) likewise: each person's entries folded when read (staffing/pin-log.ts).
  ...PIN_EVENT_TYPES,
  // Purge and reveal fold to nothing.
  ...PRIVACY_EVENT_TYPES,
  // The center's settings and photo purges fold to nothing.
  ...CENTER_EVENT_TYPES,
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
 * The records an event's reducer reads and writes beyond what commutes (see above): two events with
 * no key in common fold to the same state in either order. An order-free event has none.
 */
export function conflictKeys(event: ExamDayEvent): string[] {
  switch (event.type) {
    case 'plan.set':
      return ['plan'];
    case 'room.defined':
      return [`room:${event.payload.room.roomNo}`];
    case 'staff.registered':
      return [`staff:${event.payload.staff.staffId}`];
    case 'candidate.registered':
      return [`candidate:${event.payload.candidate.ticketNo}`];
    case 'candidates.registered':
      return event.payload.candidates.map((c) => `candidate:${c.ticketNo}`);
    case 'candidate.corrected':
      return [`candidate:${event.payload.candidate.ticketNo}`];
    case 'candidate.withdrawn':
      return [`candidate:${event.payload.ticketNo}`];
    case 'candidate.photo-attached':
      return [`photo:${event.payload.ticketNo}`];
    case 'candidate.doubt-raised':
    case 'candidate.doubt-resolved':
      return [`doubt:${event.payload.ticketNo}`];
    case 'seat.reverified':
      return [`reverify:${event.payload.roomNo}:${event.payload.seatNo}`];
    case 'absentees.confirmed':
      return [`absentees:${event.payload.roomNo}`];
    case 'device.enrolled':
    case 'device.revoked':
      return [`device:${event.deviceId}:${event.payload.deviceId}`];
    default:
      return [];
  }
}

export type Placement = 'in-place' | 'rebuild';

/**
 * Decides, event by event, whether folding in arrival order still equals the canonical fold. An
 * event is folded in place unless a record it touches was already written by an event that comes
 * after it canonically; then only a rebuild in canonical order is right. On a real day each room's
 * doubts, re-verification and absentees come from that room's door alone, so rebuilds are rare.
 */
export class ConvergenceTracker {
  private readonly deviceFloors = new Map<string, { seq: number; ms: number }>();
  private readonly newestByKey = new Map<string, CanonicalKey>();

  /** Notes `event` (each device's in seq order) and says how to fold it. */
  place(event: ExamDayEvent): Placement {
    // A gap (a damaged log being opened for verify) is not ours to judge: verify reports it.
    const floor = this.deviceFloors.get(event.deviceId);
    const key: CanonicalKey = { ms: Math.max(floor?.ms ?? Number.NEGATIVE_INFINITY, Date.parse(event.at)), deviceId: event.deviceId, seq: event.seq };
    this.deviceFloors.set(event.deviceId, { seq: event.seq, ms: key.ms });
    let placement: Placement = 'in-place';
    for (const record of conflictKeys(event)) {
      const newest = this.newestByKey.get(record);
      if (newest === undefined || compareCanonicalKeys(key, newest) > 0) this.newestByKey.set(record, key);
      else placement = 'rebuild';
    }
    return placement;
  }
}

/**
 * Folds events as they arrive, from this device and from sync, so that the store always equals the
 * canonical fold of everything received: in place when that is provably the same, by a rebuild into
 * a fresh store otherwise. Holds the events it folded (a day's log fits in memory); the SQLite core
 * does the same with the same tracker (electron/core/projection-folder.ts).
 */
export class ConvergentFold {
  private current: ProjectionStore;
  private readonly events: ExamDayEvent[] = [];
  private readonly tracker = new ConvergenceTracker();
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
      this.events.push(event);
      if (this.tracker.place(event) === 'rebuild') mustRebuild = true;
      if (!mustRebuild) applyEvent(this.current, event);
    }
    if (mustRebuild) {
      const store = this.newStore();
      for (const event of canonicalOrder(this.events)) applyEvent(store, event);
      this.current = store;
      this.rebuildCount += 1;
    }
  }
}
