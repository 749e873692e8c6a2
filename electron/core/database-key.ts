import { randomBytes } from 'node:crypto';
import { closeSync, existsSync, openSync, readFileSync, readSync, statSync } from 'node:fs';
import { basename, dirname, join, resolve } from 'node:path';
import { writeFileDurably } from './durable-file';
import { restrictToOwner } from './owner-only';
import { StartupRefusal } from './startup-refusal';

/** Overrides the key file (browser mode, the CLI, tests): 64 hexadecimal digits, 256 bits. */
export const DATABASE_KEY_ENV = 'EXAMDAY_DATABASE_KEY';
/** In the Electron app: the key sealed by the operating system's keystore, inside the data folder. */
export const SEALED_KEY_FILE = 'database-key.sealed';

const KEY_BYTES = 32;
const KEY_HEX = /^[0-9a-fA-F]{64}$/;
/** The first 16 bytes of every unencrypted SQLite file; an SQLCipher file starts with a random salt. */
const PLAIN_SQLITE_HEADER = Buffer.from('SQLite format 3\0', 'latin1');

/**
 * The data folder's 256-bit key: SQLCipher's raw key for the database and, through HKDF, the key that
 * seals the device's signing key (device-key.ts). Never printed: it shows as [DatabaseKey] in logs.
 */
export class DatabaseKey {
  readonly #bytes: Buffer;
  private constructor(bytes: Buffer) {
    this.#bytes = Buffer.from(bytes);
  }
  static generate(): DatabaseKey {
    return new DatabaseKey(randomBytes(KEY_BYTES));
  }
  /** undefined unless `text` is exactly 64 hexadecimal digits. */
  static fromHex(text: string): DatabaseKey | undefined {
    return KEY_HEX.test(text) ? new DatabaseKey(Buffer.from(text, 'hex')) : undefined;
  }
  /** For SQLCipher's PRAGMA key = "x'…'" only. */
  hex(): string {
    return this.#bytes.toString('hex');
  }
  bytes(): Buffer {
    return Buffer.from(this.#bytes);
  }
  toString(): string {
    return '[DatabaseKey]';
  }
  toJSON(): string {
    return '[DatabaseKey]';
  }
  [Symbol.for('nodejs.util.inspect.custom')](): string {
    return '[DatabaseKey]';
  }
}

/**
 * The operating system's keystore (Electron's safeStorage: DPAPI, Keychain, libsecret), handed to the
 * core by the main process: the core never imports electron.
 */
export interface OsKeystore {
  /** Its name, for messages. */
  readonly name: string;
  seal(secret: string): Buffer;
  /** Throws when the sealed bytes are not this user's (another account, another computer). */
  unseal(sealed: Buffer): string;
}

export interface DatabaseKeySource {
  /** Set in the Electron app only; elsewhere the key is the environment's or the key file's. */
  keystore?: OsKeystore | undefined;
  env?: NodeJS.ProcessEnv;
}

/** `<data-folder>.key`: beside the folder, not in it, so a copy of the folder alone carries no key. */
export function keyFileBeside(dataDir: string): string {
  const folder = resolve(dataDir);
  return join(dirname(folder), `${basename(folder)}.key`);
}

/** true when `file` exists and holds something that is not a plain SQLite file (an encrypted one). */
export function isEncryptedDatabaseFile(file: string): boolean {
  if (!existsSync(file) || statSync(file).size === 0) return false;
  return !startsWithPlainHeader(file);
}

/** true when `file` is an unencrypted SQLite database (an earlier version's, or a test's). */
export function isPlainDatabaseFile(file: string): boolean {
  return existsSync(file) && statSync(file).size > 0 && startsWithPlainHeader(file);
}

function startsWithPlainHeader(file: string): boolean {
  const header = Buffer.alloc(PLAIN_SQLITE_HEADER.length);
  const fd = openSync(file, 'r');
  try {
    readSync(fd, header, 0, header.length, 0);
  } finally {
    closeSync(fd);
  }
  return header.equals(PLAIN_SQLITE_HEADER);
}

export type FoundDatabaseKey =
  | { state: 'found'; key: DatabaseKey; from: string }
  | { state: 'missing'; whereToPut: string }
  /** `problem` is one line of Chinese. */
  | { state: 'unusable'; problem: string };

function readKeyFile(file: string): FoundDatabaseKey {
  let text: string;
  try {
    text = readFileSync(file, 'utf8').trim();
  } catch (error) {
    return { state: 'unusable', problem: `无法读取数据库密钥文件 ${file}（${(error as NodeJS.ErrnoException).code ?? String(error)}）` };
  }
  const key = DatabaseKey.fromHex(text);
  if (!key) return { state: 'unusable', problem: `数据库密钥文件 ${file} 已损坏：应为 64 位十六进制数（256 位密钥）` };
  // Whatever the umask was when someone copied it back, it stays readable by its owner only.
  restrictToOwner([file]);
  return { state: 'found', key, from: file };
}

function readSealedFile(file: string, keystore: OsKeystore): FoundDatabaseKey {
  try {
    const key = DatabaseKey.fromHex(keystore.unseal(readFileSync(file)).trim());
    if (key) return { state: 'found', key, from: file };
  } catch {
    // The same refusal as damaged content: either way this keystore cannot give the key back.
  }
  return {
    state: 'unusable',
    problem: `无法用本机${keystore.name}解开数据库密钥 ${file}：它由另一个系统账户或另一台计算机保存，或已损坏`,
  };
}

/**
 * Finds the data folder's key without creating or changing anything (an audit uses this). In order:
 * the environment variable, then (Electron) the keystore-sealed file in the folder, then the key file
 * beside the folder.
 */
export function findDatabaseKey(dataDir: string, source: DatabaseKeySource = {}): FoundDatabaseKey {
  const env = source.env ?? process.env;
  const fromEnv = env[DATABASE_KEY_ENV];
  if (fromEnv !== undefined && fromEnv !== '') {
    const key = DatabaseKey.fromHex(fromEnv.trim());
    return key
      ? { state: 'found', key, from: `环境变量 ${DATABASE_KEY_ENV}` }
      : { state: 'unusable', problem: `环境变量 ${DATABASE_KEY_ENV} 应为 64 位十六进制数（256 位密钥）` };
  }
  const sealed = join(dataDir, SEALED_KEY_FILE);
  if (source.keystore && existsSync(sealed)) return readSealedFile(sealed, source.keystore);
  const beside = keyFileBeside(dataDir);
  if (existsSync(beside)) return readKeyFile(beside);
  return { state: 'missing', whereToPut: beside };
}

/**
 * The data folder's key for the core, created on the first open of a folder that holds nothing
 * encrypted yet (a new folder, or one an earlier version wrote in the clear). Refused, never
 * replaced, when encrypted data is there but its key is not: a new key cannot read it, and a new
 * empty database over it would hide the record. `holdsEncryptedData` is the caller's look at the folder.
 */
export function openDatabaseKey(dataDir: string, source: DatabaseKeySource, holdsEncryptedData: boolean): DatabaseKey {
  const found = findDatabaseKey(dataDir, source);
  if (found.state === 'found') {
    // A folder moved from browser mode into the Electron app: the keystore takes the key over.
    if (source.keystore && found.from === keyFileBeside(dataDir)) sealIntoKeystore(dataDir, found.key, source.keystore);
    return found.key;
  }
  if (found.state === 'unusable') throw new StartupRefusal(`${found.problem}，考务现场不会启动。`);
  if (holdsEncryptedData) {
    const sealedElsewhere = !source.keystore && existsSync(join(dataDir, SEALED_KEY_FILE));
    const where = sealedElsewhere
      ? `它的密钥保存在 Electron 应用的系统钥匙串中（${SEALED_KEY_FILE}），请用该电脑上的 Electron 应用打开，或设置环境变量 ${DATABASE_KEY_ENV}`
      : `请把原来的密钥文件放回 ${found.whereToPut}（仅限本人读取），或设置环境变量 ${DATABASE_KEY_ENV}`;
    throw new StartupRefusal(`数据目录 ${dataDir} 中的记录已加密，但找不到数据库密钥，考务现场不会启动：程序不会用新密钥覆盖已加密的记录。${where}。`);
  }
  const key = DatabaseKey.generate();
  if (source.keystore) sealIntoKeystore(dataDir, key, source.keystore);
  else writeFileDurably(found.whereToPut, `${key.hex()}\n`);
  return key;
}

function sealIntoKeystore(dataDir: string, key: DatabaseKey, keystore: OsKeystore): void {
  writeFileDurably(join(dataDir, SEALED_KEY_FILE), keystore.seal(key.hex()));
}
