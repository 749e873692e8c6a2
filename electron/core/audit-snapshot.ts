import { copyFileSync, mkdtempSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { basename, join } from 'node:path';
import { openDatabase, type Db } from './database';
import type { DatabaseKey } from './database-key';

export interface AuditSnapshot {
  db: Db;
  /** The file `db` reads: the private copy, or the original opened in place. */
  file: string;
  /** true when the original was opened in place because its -wal holds commits not yet in the file. */
  inPlace: boolean;
  close(): void;
}

const walHoldsCommits = (file: string): boolean => {
  try {
    return statSync(`${file}-wal`).size > 0;
  } catch {
    return false;
  }
};

/**
 * The audit reads every page three times (quick_check, the log, the projection tables), and with
 * encryption each read from the file is a decryption: a page cache the size of a large day's file
 * (negative: KiB) keeps them decrypted in between.
 */
const AUDIT_CACHE_KIB = -131072;

/**
 * Opens a database for an audit so that not one byte of the audited folder changes. A read-only
 * SQLite connection to a WAL database still creates -wal and -shm files beside it, and
 * better-sqlite3 has no URI support for `immutable=1`; so when the app was closed (no -wal, or an
 * empty one) the file is copied to a private temporary folder and the copy is opened read-only.
 * When a -wal holds commits (the app is running, or stopped without a checkpoint), copying the two
 * files apart could tear a transaction, so the original is opened read-only in place: SQLite then
 * reads the -wal and uses the existing -shm (creating it only if it is missing) and never writes the
 * database file itself. `key` is the folder's database key; undefined reads an earlier version's plain file.
 */
export function openAuditSnapshot(file: string, key: DatabaseKey | undefined): AuditSnapshot {
  if (walHoldsCommits(file)) {
    const db = openDatabase(file, { readonly: true, key });
    db.pragma('query_only = ON');
    db.pragma(`cache_size = ${AUDIT_CACHE_KIB}`);
    return { db, file, inPlace: true, close: () => db.close() };
  }
  const folder = mkdtempSync(join(tmpdir(), 'examday-verify-'));
  try {
    const copy = join(folder, basename(file));
    copyFileSync(file, copy);
    const db = openDatabase(copy, { readonly: true, key });
    db.pragma('query_only = ON');
    db.pragma(`cache_size = ${AUDIT_CACHE_KIB}`);
    return {
      db,
      file: copy,
      inPlace: false,
      close: () => {
        db.close();
        rmSync(folder, { recursive: true, force: true });
      },
    };
  } catch (error) {
    rmSync(folder, { recursive: true, force: true });
    throw error;
  }
}
