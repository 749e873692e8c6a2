import Database from 'better-sqlite3';
import { runMigrations } from './migrations/run-migrations';

export type Db = Database.Database;

export interface OpenDatabaseOptions {
  /** Path to an Electron-ABI build of better_sqlite3.node; undefined loads the Node build. */
  nativeBinding?: string;
  readonly?: boolean;
}

/** The database file and the two SQLite keeps beside it in WAL mode. */
export function databaseFiles(file: string): string[] {
  return [file, `${file}-wal`, `${file}-shm`];
}

/**
 * The one way the app opens its database. WAL with synchronous=FULL on every open: better-sqlite3
 * is compiled with SQLITE_DEFAULT_WAL_SYNCHRONOUS=1 (NORMAL), which may lose the last commits on a
 * power cut, and a verdict must never be shown for a check-in that could be lost.
 */
export function openDatabase(file: string, options: OpenDatabaseOptions = {}): Db {
  const db = new Database(file, {
    nativeBinding: options.nativeBinding,
    readonly: options.readonly ?? false,
    fileMustExist: options.readonly ?? false,
  });
  if (!options.readonly) db.pragma('journal_mode = WAL');
  db.pragma('synchronous = FULL');
  db.pragma('foreign_keys = ON');
  db.pragma('busy_timeout = 5000');
  assertDurable(db, options.readonly ?? false);
  if (!options.readonly) runMigrations(db);
  return db;
}

function assertDurable(db: Db, readonly: boolean): void {
  const journal = db.pragma('journal_mode', { simple: true });
  const sync = db.pragma('synchronous', { simple: true });
  // synchronous: 2 = FULL
  if ((!readonly && journal !== 'wal') || sync !== 2) {
    throw new Error(`database is not durable: journal_mode=${String(journal)} synchronous=${String(sync)}`);
  }
}
