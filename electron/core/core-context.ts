import type { Db } from './database';
import type { DeviceEventWriter } from './event-log';
import type { ForeignEventWriter } from './foreign-events';
import type { ProjectionFolder } from './projection-folder';
import type { DeviceKey } from './device-key';
import type { DatabaseKey } from './database-key';
import type { SqliteProjectionStore } from './sqlite-projection-store';
import type { ExamDayEvent } from '../../shared/events/event';
import type { EventPayload, EventType } from '../../shared/events/event-types';
import type { Actor } from '../../shared/domain/types';
import type { ApiOutput } from '../../shared/api/contract';

export type RehearsalInfo = ApiOutput<'startRehearsal'>;

export interface CoreContext {
  db: Db;
  writer: DeviceEventWriter;
  /** Stores other devices' events (day package, sync); never this device's own. */
  foreign: ForeignEventWriter;
  store: SqliteProjectionStore;
  /** Folds every committed event into `store` so that it equals the canonical fold of the log. */
  folder: ProjectionFolder;
  now: () => Date;
}

/** What handlers know beyond the database: where files live and how the clock runs. */
export interface CoreEnvironment {
  deviceId: string;
  /** Signs what the device hands out whole (the day package); events are signed by the writer. */
  deviceKey: DeviceKey;
  /** The data folder's database key: it also unseals device-key.pem when the log is audited. */
  databaseKey: DatabaseKey;
  dataDir: string;
  /** Shipped resources (announcements); undefined when the caller ships none (some tests). */
  resourcesDir: string | undefined;
  /** Virtual ms per real ms (1 except in a rehearsal or with --clock-speed). */
  speed: number;
  /** Set on a rehearsal's core only. */
  rehearsal: RehearsalInfo | null;
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
        ctx.folder.fold(event);
        return event;
      });
      ctx.folder.settle();
      return () => result(committed);
    })()();
  } catch (error) {
    ctx.writer.resync();
    ctx.folder.resync();
    throw error;
  }
}
