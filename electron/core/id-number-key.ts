import { createHmac, randomBytes } from 'node:crypto';
import type { KeyedIdNumber } from '../../shared/privacy/redact-personal';
import type { Db } from './database';
import { readMeta, writeMeta } from './record-meta';

/**
 * The key under which this device hashes ID numbers for matching once they are purged (issue 11
 * item 5): 32 random bytes, made by the first purge and kept in the record's meta (write-once, in
 * the encrypted database). Each device has its own, so a hash taken from one door's record
 * matches nothing on another's.
 */
export function idNumberKey(db: Db): Buffer | undefined {
  const hex = readMeta(db, 'id_match_key');
  return hex === undefined ? undefined : Buffer.from(hex, 'hex');
}

/** The key, made now if this device has none yet. Call inside the purge's transaction. */
export function ensureIdNumberKey(db: Db): Buffer {
  const held = idNumberKey(db);
  if (held) return held;
  const key = randomBytes(32);
  writeMeta(db, 'id_match_key', key.toString('hex'));
  return key;
}

/** HMAC-SHA256 of the ID number exactly as the roster and the door's parser write it (digits, capital X). */
export function keyedIdNumber(key: Buffer): KeyedIdNumber {
  return (idNumber) => createHmac('sha256', key).update(idNumber, 'utf8').digest('hex');
}
