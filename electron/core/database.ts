import Database from 'better-sqlite3-multiple-ciphers';
import { copyFileSync, renameSync, rmSync } from 'node:fs';
import { dirname } from 'node:path';
import { isEncryptedDatabaseFile, isPlainDatabaseFile, type DatabaseKey } from './database-key';
import { syncFile, syncFolder } from './durable-file';
import { runMigrations } from './migrations/run-migrations';
import { restrictToOwner } from './owner-only';
import { StartupRefusal } from './startup-refusal';

export type Db = Database.Database;

export interface OpenDatabaseOptions {
  /** Path to an Electron-ABI better_sqlite3.node; undefined loads the Node build. */
  nativeBinding?: string | undefined;
  readonly?: boolean;
  /**
   * The data folder's key (database-key.ts). Required to write; an audit (readonly) of a folder an
   * earlier version wrote in the clear reads it without one.
   */
  key: DatabaseKey | undefined;
}

/** The database file and the two SQLite keeps beside it in WAL mode. */
export function databaseFiles(file: string): string[] {
  return [file, `${file}-wal`, `${file}-shm`];
}

/**
 * SQLCipher 4's format (SQLite3MultipleCiphers' `sqlcipher` cipher, legacy=4: AES-256-CBC pages with an
 * HMAC-SHA512 each), so the sqlcipher tool opens the file too. A raw 256-bit key skips the passphrase
 * KDF, which would cost every open a quarter of a second for nothing: the key is random already.
 * Set first, before anything reads the file.
 */
export function applyDatabaseKey(db: Db, key: DatabaseKey): void {
  for (const pragma of databaseKeyPragmas(key)) db.pragma(pragma);
}

/** applyDatabaseKey's statements, in order (a worker's own connection runs them too: quick-check-aside.ts). */
export function databaseKeyPragmas(key: DatabaseKey): string[] {
  return [`cipher = 'sqlcipher'`, 'legacy = 4', `key = "x'${key.hex()}'"`];
}

/**
 * The one way the app opens its database: encrypted (an earlier version's plain file is encrypted in
 * place first), WAL with synchronous=FULL on every open. SQLite is compiled with
 * SQLITE_DEFAULT_WAL_SYNCHRONOUS=1 (NORMAL), which may lose the last commits on a power cut, and a
 * verdict must never be shown for a check-in that could be lost. A wrong key is a StartupRefusal; no
 * new database is ever made over a file this key cannot read.
 */
export function openDatabase(file: string, options: OpenDatabaseOptions): Db {
  const readonly = options.readonly ?? false;
  if (!readonly && isPlainDatabaseFile(file)) {
    if (!options.key) throw new Error('openDatabase: a key is needed to write the database');
    encryptInPlace(file, options.key, options.nativeBinding);
  }
  // An audit reads a plain (or empty) file as it is; everything the app writes is encrypted.
  const needsKey = !readonly || isEncryptedDatabaseFile(file);
  const db = new Database(file, { nativeBinding: options.nativeBinding, readonly, fileMustExist: readonly });
  try {
    if (needsKey) {
      if (!options.key) throw new StartupRefusal(`数据库 ${file} 已加密，需要数据库密钥才能读取。`);
      applyDatabaseKey(db, options.key);
      assertKeyOpens(db, file);
    }
    if (!readonly) db.pragma('journal_mode = WAL');
    db.pragma('synchronous = FULL');
    db.pragma('foreign_keys = ON');
    db.pragma('busy_timeout = 5000');
    assertDurable(db, readonly);
    if (!readonly) runMigrations(db);
    return db;
  } catch (error) {
    db.close();
    throw error;
  }
}

/** The key does not open the file (or its first page was damaged: SQLCipher cannot tell the two apart). */
export class WrongDatabaseKey extends StartupRefusal {
  constructor(file: string) {
    super(`无法用数据库密钥打开 ${file}：密钥不是这份数据的，或文件已损坏。程序不会新建数据库覆盖它；请找回与这个数据目录一起保存的密钥。`);
  }
}

/** The first read after PRAGMA key: SQLite says SQLITE_NOTADB when the key does not open the file. */
function assertKeyOpens(db: Db, file: string): void {
  try {
    db.prepare('SELECT COUNT(*) FROM sqlite_master').get();
  } catch (error) {
    if (error instanceof Database.SqliteError && error.code === 'SQLITE_NOTADB') {
      throw new WrongDatabaseKey(file);
    }
    throw error;
  }
  // A build of SQLite without the cipher ignores PRAGMA key and would write the records in the clear.
  if (db.pragma('cipher', { simple: true }) !== 'sqlcipher') throw new Error('this SQLite build does not encrypt (PRAGMA cipher)');
}

/**
 * Encrypts a plain database (an earlier version's, or a test fixture's) without ever leaving a half-done
 * file under its name: the plain file is checkpointed and left in rollback-journal mode (no -wal beside
 * it), copied, the copy encrypted by PRAGMA rekey (which SQLite3MultipleCiphers refuses in WAL mode),
 * flushed and renamed over the plain file, and the folder flushed. A crash before the rename leaves the
 * plain file whole (the copy is dropped on the next try); after it, the encrypted one.
 */
function encryptInPlace(file: string, key: DatabaseKey, nativeBinding: string | undefined): void {
  const copy = `${file}.encrypting`;
  for (const leftover of [...databaseFiles(copy), `${copy}-journal`]) rmSync(leftover, { force: true });
  const plain = new Database(file, { nativeBinding, fileMustExist: true });
  try {
    plain.pragma('wal_checkpoint(TRUNCATE)');
    plain.pragma('journal_mode = DELETE');
  } finally {
    plain.close();
  }
  copyFileSync(file, copy);
  // copyFileSync gives the copy the plain file's mode, which an earlier version may have left open.
  restrictToOwner([copy]);
  const encrypted = new Database(copy, { nativeBinding, fileMustExist: true });
  try {
    encrypted.pragma(`cipher = 'sqlcipher'`);
    encrypted.pragma('legacy = 4');
    encrypted.pragma(`rekey = "x'${key.hex()}'"`);
  } finally {
    encrypted.close();
  }
  syncFile(copy);
  for (const keep of databaseFiles(file).slice(1)) rmSync(keep, { force: true });
  renameSync(copy, file);
  syncFolder(dirname(file));
}

function assertDurable(db: Db, readonly: boolean): void {
  const journal = db.pragma('journal_mode', { simple: true });
  const sync = db.pragma('synchronous', { simple: true });
  // synchronous: 2 = FULL
  if ((!readonly && journal !== 'wal') || sync !== 2) {
    throw new Error(`database is not durable: journal_mode=${String(journal)} synchronous=${String(sync)}`);
  }
}
