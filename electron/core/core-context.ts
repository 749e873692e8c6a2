import type { Db } from './database';
import type { DeviceEventWriter } from './event-log';
import type { SqliteProjectionStore } from './sqlite-projection-store';
import type { ExamDayEvent } from '../../shared/events/event';
import type { EventPayload, EventType } from '../../shared/events/event-types';
import type { Actor } from '../../shared/domain/types';
import { applyEvent } from '../../shared/projection/apply-event';

export interface CoreContext {
  db: Db;
  writer: DeviceEventWriter;
  store: SqliteProjectionStore;
  now: () => Date;
}

export interface PendingEvent<T extends EventType = EventType> {
  type: T;
  payload: EventPayload<T>;
  actor: Actor;
}

/**
 * The only write path: inside one transaction, `work` reads the projection and returns the events
 * to append; each is signed, stored and folded into the projection before COMMIT. Whatever
 * `work` returns is handed back only after the commit, so no verdict precedes its event.
 */
export function commitEvents<R>(
  ctx: CoreContext,
  work: () => { events: PendingEvent[]; result: (committed: ExamDayEvent[]) => R },
): R {
  try {
    return ctx.db.transaction(() => {
      const { events, result } = work();
      const committed = events.map((pending) => {
        const event = ctx.writer.append(pending.type, pending.payload as never, pending.actor);
        applyEvent(ctx.store, event);
        return event;
      });
      return () => result(committed);
    })()();
  } catch (error) {
    ctx.writer.resync();
    throw error;
  }
}
