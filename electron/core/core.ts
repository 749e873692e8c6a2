import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { ExamDayHandlers } from '../../shared/api/contract';
import { virtualNowMs, type ClockSpec } from '../../shared/clock/virtual-clock';
import type { ProjectionStore } from '../../shared/projection/store';
import { databaseFiles, openDatabase, type Db } from './database';
import type { DatabaseKey, OsKeystore } from './database-key';
import { DATABASE_FILE, openDataFolderKey } from './data-folder-key';
import { createOwnerOnlyFile, makeOwnerOnlyDir, restrictToOwner } from './owner-only';
import { acquireDataDirLock, type DataDirLock, type LockProgram } from './data-dir-lock';
import { openDeviceIdentity } from './device-identity';
import type { DeviceKey } from './device-key';
import type { SyncMethod } from '../sync/sync-service';
import { DeviceEventWriter } from './event-log';
import { ForeignEventWriter } from './foreign-events';
import { ProjectionFolder } from './projection-folder';
import { refoldStaleProjection } from './projection';
import { SqliteProjectionStore } from './sqlite-projection-store';
import { createHandlers } from './handlers';
import { loadSampleDay } from './sample-day-loader';
import { readMeta, writeMeta } from './record-meta';
import { commitEvents, type CoreContext, type PendingEvent, type RehearsalInfo } from './core-context';
import type { ExamDayEvent } from '../../shared/events/event';
import type { ApiResult } from '../../shared/api/result';
import type { Actor } from '../../shared/domain/types';
import type { Approval } from '../../shared/staffing/approvals';
import type { BadgePin } from '../../shared/staffing/proof-input';
import { proveActor } from './prove-actor';

export { DATABASE_FILE, openDataFolderKey };

/** The API a single core answers; starting and stopping rehearsals is the CoreHost's (core-host.ts). */
export type CoreHandlers = Omit<ExamDayHandlers, HostMethod>;

/** Methods that replace or swap the core itself, so the CoreHost answers them (core-host.ts). */
export type HostMethod = 'startRehearsal' | 'stopRehearsal' | 'startNewDay' | 'importDayPackage' | SyncMethod;

export interface CoreOptions {
  /** Folder holding the database and the device key. Created if missing. */
  dataDir: string;
  /** Injected clock, for tests. Takes precedence over `clock`. */
  now?: () => Date;
  /** A virtual clock (another time of day, faster): --clock, --clock-skew, rehearsals. */
  clock?: ClockSpec;
  /** Electron-ABI better_sqlite3.node; omitted under plain Node. */
  nativeBinding?: string;
  /** Electron's safeStorage, from the main process: holds the database key (database-key.ts). */
  keystore?: OsKeystore;
  /** The key, already opened by the caller (CoreHost opens it once for the real, rehearsal and new-day cores). */
  databaseKey?: DatabaseKey;
  /**
   * Loaded into the log of a brand-new data folder, so a fresh install shows a working day. Never
   * into a record that began otherwise (a new day someone started, an imported package): the
   * record's meta.day_origin says how it began.
   */
  sampleDayFile?: string;
  /** Pins the sample day's 开考 ("HH:MM"); otherwise about 20 minutes from now. */
  sampleStart?: string;
  /** The shipped resources folder (announcements/…): ROOT/resources, or process.resourcesPath when packaged. */
  resourcesDir?: string;
  /** Marks a rehearsal's core; getClock reports it. */
  rehearsal?: RehearsalInfo;
  /** Which program opens the folder, named to a second one that is refused (data-dir-lock.ts). */
  program?: LockProgram;
  /** The folder's lock, already held by the caller (CoreHost keeps it across a new day); else taken here. */
  heldLock?: DataDirLock;
}

export interface Core {
  readonly db: Db;
  readonly deviceId: string;
  /** Signs events and, for sync, receipts: the data folder's own device key. */
  readonly key: DeviceKey;
  readonly dataDir: string;
  readonly handlers: CoreHandlers;
  /** Read-only use outside the core (rehearsal seeding); writes go through `commit`. */
  readonly store: ProjectionStore;
  readonly now: () => Date;
  /** Stores other devices' events (a day package, a sync batch), all or nothing. */
  readonly foreign: ForeignEventWriter;
  /** Appends events through the one write path (imports, seeding); returns them as committed. */
  commit(events: PendingEvent[]): ExamDayEvent[];
  /**
   * Who gives an approval outside the handlers (site sync's findings and device revocation),
   * proven by badge and PIN at that moment exactly as the handlers prove theirs (prove-actor.ts).
   */
  proveApproval(proof: BadgePin, approval: Approval): ApiResult<Actor>;
  close(): void;
}

/**
 * Opens (or creates) a device's core: the folder's lock, database, key, event writers, projection
 * and API handlers. Throws a StartupRefusal (one line, Chinese) when the folder is in use by another
 * process, its database key is missing or wrong, or its device key is missing, damaged or another device's.
 */
export function openCore(options: CoreOptions): Core {
  makeOwnerOnlyDir(options.dataDir);
  const clock = options.clock;
  const now = options.now ?? (clock ? () => new Date(virtualNowMs(clock, Date.now())) : () => new Date());
  if (options.heldLock && options.heldLock.dataDir !== options.dataDir) throw new Error('heldLock is for another data folder');
  // The holder's start is real time (who holds the folder since when), not the exam day's clock.
  const lock = options.heldLock ?? acquireDataDirLock(options.dataDir, { program: options.program ?? 'program', startedAt: new Date(), nativeBinding: options.nativeBinding });
  const releaseOwnLock = (): void => {
    if (!options.heldLock) lock.release();
  };
  const dbFile = join(options.dataDir, DATABASE_FILE);
  let db: Db;
  let databaseKey: DatabaseKey;
  try {
    databaseKey = openDataFolderKey(options);
    createOwnerOnlyFile(dbFile);
    db = openDatabase(dbFile, { nativeBinding: options.nativeBinding, key: databaseKey });
    restrictToOwner(databaseFiles(dbFile));
  } catch (error) {
    releaseOwnLock();
    throw error;
  }
  try {
    const key = openDeviceIdentity(db, options.dataDir, databaseKey);
    // Before this device's writer stores its own key: a log with no device at all is a new folder.
    const isNewRecord = (db.prepare('SELECT EXISTS (SELECT 1 FROM devices) AS held').get() as { held: number }).held === 0;
    refoldStaleProjection(db);
    const store = new SqliteProjectionStore(db);
    const writer = new DeviceEventWriter(db, key, now, () => store.getClockOffset(key.deviceId)?.offsetMs);
    const folder = new ProjectionFolder(db, store);
    const foreign = new ForeignEventWriter(db, folder, now, key.deviceId);
    const ctx: CoreContext = { db, writer, foreign, store, folder, now };
    if (readMeta(db, 'day_origin') === undefined) {
      const sampleDayFile = isNewRecord ? options.sampleDayFile : undefined;
      db.transaction(() => {
        if (sampleDayFile) {
          const sample: unknown = JSON.parse(readFileSync(sampleDayFile, 'utf8'));
          loadSampleDay(ctx, sample, options.sampleStart);
        }
        writeMeta(db, 'day_origin', sampleDayFile ? 'sample-day' : isNewRecord ? 'empty' : 'before-meta');
      })();
    }
    const handlers = createHandlers(ctx, {
      deviceId: key.deviceId,
      deviceKey: key,
      databaseKey,
      dataDir: options.dataDir,
      resourcesDir: options.resourcesDir,
      speed: options.now ? 1 : (clock?.speed ?? 1),
      rehearsal: options.rehearsal ?? null,
    });
    return {
      db,
      deviceId: key.deviceId,
      key,
      dataDir: options.dataDir,
      handlers,
      store,
      now,
      foreign,
      commit: (events) => commitEvents(ctx, () => ({ events, result: (committed) => committed })),
      proveApproval: (proof, approval) => proveActor(ctx, proof, approval, ''),
      close: () => {
        db.close();
        releaseOwnLock();
      },
    };
  } catch (error) {
    db.close();
    releaseOwnLock();
    throw error;
  }
}
