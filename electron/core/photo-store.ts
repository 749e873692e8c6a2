import { createHash } from 'node:crypto';
import type { Db } from './database';

export interface StoredPhoto {
  sha256: string;
  mime: string;
  bytes: Buffer;
}

export const sha256OfBytes = (bytes: Uint8Array): string => createHash('sha256').update(bytes).digest('hex');

/**
 * Photo bytes beside the log (migration 0005), keyed by sha256, so the same image stored twice is one
 * row and the event's hash is all a reader needs. Writes happen inside the caller's transaction.
 */
export class PhotoStore {
  private readonly stmt;
  constructor(db: Db) {
    this.stmt = {
      put: db.prepare('INSERT OR IGNORE INTO candidate_photos (sha256, mime, bytes) VALUES (?, ?, ?)'),
      get: db.prepare('SELECT sha256, mime, bytes FROM candidate_photos WHERE sha256 = ?'),
    };
  }
  put(sha256: string, mime: string, bytes: Uint8Array): void {
    this.stmt.put.run(sha256, mime, Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength));
  }
  get(sha256: string): StoredPhoto | undefined {
    return this.stmt.get.get(sha256) as StoredPhoto | undefined;
  }
}
