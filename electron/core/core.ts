import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { ExamDayHandlers } from '../../shared/api/contract';
import { virtualNowMs, type ClockSpec } from '../../shared/clock/virtual-clock';
import type { ProjectionStore } from '../../shared/projection/store';
import { databaseFiles, openDatabase, type Db } from './database';
import { createOwnerOnlyFile, makeOwnerOnlyDir, restrictToOwner } from './owner-only';
import { loadOrCreateDeviceKey } from './device-key';
import { DeviceEventWriter } from './event-log';
import { ForeignEventWriter } from './foreign-events';
import { ProjectionFolder } from './projection-folder';
import { SqliteProjectionStore } from './sqlite-projection-store';
import { createHandlers } from './handlers';
import { loadSampleDay } from './sample-day-loader';
import { commitEvents, type CoreContext, type PendingEvent, type RehearsalInfo } from './core-context';
import type { ExamDayEvent } from '../../shared/events/event';

export const DATABASE_FILE = 'examday.sqlite';

/** The API a single core answers; starting and stopping rehearsals is the CoreHost's (core-host.ts). */
export type CoreHandlers = Omit<ExamDayHandlers, HostMethod>;

/** Methods that replace or swap the core itself, so the CoreHost answers them (core-host.ts). */
export type HostMethod = 'startRehearsal' | 'stopRehearsal' | 'startNewDay' | 'importDayPackage';

export interface CoreOptions {
  /** Folder holding the database and the device key. Created if missing. */
  dataDir: string;
  /** Injected clock, for tests. Takes precedence over `clock`. */
  now?: () => Date;
  /** A virtual clock (another time of day, faster): --clock, --clock-skew, rehearsals. */
  clock?: ClockSpec;
  /** Electron-ABI better_sqlite3.node; omitted under plain Node. */
  nativeBinding?: string;
  /** Loaded into an empty log, so a fresh install shows a working day. */
  sampleDayFile?: string;
  /** Pins the sample day's 开考 ("HH:MM"); otherwise about 20 minutes from now. */
  sampleStart?: string;
  /** The shipped resources folder (announcements/…): ROOT/resources, or process.resourcesPath when packaged. */
  resourcesDir?: string;
  /** Marks a rehearsal's core; getClock reports it. */
  rehearsal?: RehearsalInfo;
}

export interface Core {
  readonly db: Db;
  readonly deviceId: string;
  readonly dataDir: string;
  readonly handlers: CoreHandlers;
  /** Read-only use outside the core (rehearsal seeding); writes go through `commit`. */
  readonly store: ProjectionStore;
  readonly now: () => Date;
  /** Stores other devices' events (a day package, a sync batch), all or nothing. */
  readonly foreign: ForeignEventWriter;
  /** Appends events through the one write path (imports, seeding); returns them as committed. */
  commit(events: PendingEvent[]): ExamDayEvent[];
  close(): void;
}

/** Opens (or creates) a device's core: database, key, event writer, projection and API handlers. */
export function openCore(options: CoreOptions): Core {
  makeOwnerOnlyDir(options.dataDir);
  const clock = options.clock;
  const now = options.now ?? (clock ? () => new Date(virtualNowMs(clock, Date.now())) : () => new Date());
  const dbFile = join(options.dataDir, DATABASE_FILE);
  createOwnerOnlyFile(dbFile);
  const db = openDatabase(dbFile, { nativeBinding: options.nativeBinding });
  try {
    restrictToOwner(databaseFiles(dbFile));
    const key = loadOrCreateDeviceKey(options.dataDir);
    const store = new SqliteProjectionStore(db);
    const writer = new DeviceEventWriter(db, key, now, () => store.getClockOffset(key.deviceId)?.offsetMs);
    const folder = new ProjectionFolder(db, store);
    const foreign = new ForeignEventWriter(db, folder, now, key.deviceId);
    const ctx: CoreContext = { db, writer, foreign, store, folder, now };
    const isEmpty = (db.prepare('SELECT COUNT(*) AS n FROM events').get() as { n: number }).n === 0;
    if (isEmpty && options.sampleDayFile) {
      const sample: unknown = JSON.parse(readFileSync(options.sampleDayFile, 'utf8'));
      loadSampleDay(ctx, sample, options.sampleStart);
    }
    const handlers = createHandlers(ctx, {
      deviceId: key.deviceId,
      dataDir: options.dataDir,
      resourcesDir: options.resourcesDir,
      speed: options.now ? 1 : (clock?.speed ?? 1),
      rehearsal: options.rehearsal ?? null,
    });
    return {
      db,
      deviceId: key.deviceId,
      dataDir: options.dataDir,
      handlers,
      store,
      now,
      foreign,
      commit: (events) => commitEvents(ctx, () => ({ events, result: (committed) => committed })),
      close: () => db.close(),
    };
  } catch (error) {
    db.close();
    throw error;
  }
}
