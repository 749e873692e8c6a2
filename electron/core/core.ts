import { mkdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { ExamDayHandlers } from '../../shared/api/contract';
import { openDatabase, type Db } from './database';
import { loadOrCreateDeviceKey } from './device-key';
import { DeviceEventWriter } from './event-log';
import { SqliteProjectionStore } from './sqlite-projection-store';
import { createHandlers } from './handlers';
import { loadSampleDay } from './sample-day-loader';
import { commitEvents, type PendingEvent } from './core-context';
import type { ExamDayEvent } from '../../shared/events/event';

export const DATABASE_FILE = 'examday.sqlite';

export interface CoreOptions {
  /** Folder holding the database and the device key. Created if missing. */
  dataDir: string;
  /** Injected clock, for tests and rehearsals. */
  now?: () => Date;
  /** Electron-ABI better_sqlite3.node; omitted under plain Node. */
  nativeBinding?: string;
  /** Loaded into an empty log, so a fresh install shows a working day. */
  sampleDayFile?: string;
  /** Pins the sample day's 开考 ("HH:MM"); otherwise about 20 minutes from now. */
  sampleStart?: string;
}

export interface Core {
  readonly db: Db;
  readonly deviceId: string;
  readonly handlers: ExamDayHandlers;
  /** Appends events through the one write path (imports, seeding); returns them as committed. */
  commit(events: PendingEvent[]): ExamDayEvent[];
  close(): void;
}

/** Opens (or creates) a device's core: database, key, event writer, projection and API handlers. */
export function openCore(options: CoreOptions): Core {
  mkdirSync(options.dataDir, { recursive: true });
  const now = options.now ?? (() => new Date());
  const db = openDatabase(join(options.dataDir, DATABASE_FILE), { nativeBinding: options.nativeBinding });
  try {
    const key = loadOrCreateDeviceKey(options.dataDir);
    const writer = new DeviceEventWriter(db, key, now);
    const store = new SqliteProjectionStore(db);
    const isEmpty = (db.prepare('SELECT COUNT(*) AS n FROM events').get() as { n: number }).n === 0;
    if (isEmpty && options.sampleDayFile) {
      const sample: unknown = JSON.parse(readFileSync(options.sampleDayFile, 'utf8'));
      loadSampleDay({ db, writer, store, now }, sample, options.sampleStart);
    }
    const ctx = { db, writer, store, now };
    return {
      db,
      deviceId: key.deviceId,
      handlers: createHandlers(ctx),
      commit: (events) => commitEvents(ctx, () => ({ events, result: (committed) => committed })),
      close: () => db.close(),
    };
  } catch (error) {
    db.close();
    throw error;
  }
}
