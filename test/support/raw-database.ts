import Database from 'better-sqlite3-multiple-ciphers';
import { join } from 'node:path';
import { DATABASE_FILE } from '../../electron/core/core';
import { applyDatabaseKey, type Db } from '../../electron/core/database';
import { findDatabaseKey, isEncryptedDatabaseFile, type DatabaseKey } from '../../electron/core/database-key';

/** The data folder's database key, as the core finds it (the key file beside the folder in tests). */
export function databaseKeyOf(dataDir: string): DatabaseKey {
  const found = findDatabaseKey(dataDir);
  if (found.state !== 'found') throw new Error(`no database key for ${dataDir}: ${found.state}`);
  return found.key;
}

/**
 * The folder's database as someone holding the file and its key can open it: no migrations, no
 * checks, the triggers there to be dropped. A plain file (an older release's) is opened as it is.
 */
export function openRawDatabase(dataDir: string, options: { readonly?: boolean } = {}): Db {
  const file = join(dataDir, DATABASE_FILE);
  const encrypted = isEncryptedDatabaseFile(file);
  const db = new Database(file, { readonly: options.readonly ?? false });
  if (encrypted) applyDatabaseKey(db, databaseKeyOf(dataDir));
  return db;
}
