import type { Db } from './database';

/** How the record began: seeded with the sample day, started empty, or older than the marker. */
export type DayOrigin = 'sample-day' | 'empty' | 'before-meta';

export interface RecordMeta {
  /** The device whose key writes this log (device-key.pem in the same folder). */
  own_device_id: string;
  day_origin: DayOrigin;
  /** Hex of the key purged ID numbers are hashed with (id-number-key.ts); absent before the first purge. */
  id_match_key: string;
}

/** A fact about the record (table `meta`, migration 0009); undefined until written. */
export function readMeta<K extends keyof RecordMeta>(db: Db, key: K): RecordMeta[K] | undefined {
  const row = db.prepare('SELECT value FROM meta WHERE key = ?').get(key) as { value: string } | undefined;
  return row?.value as RecordMeta[K] | undefined;
}

/** Writes a fact once: the table refuses a change (a trigger), so a second write throws. */
export function writeMeta<K extends keyof RecordMeta>(db: Db, key: K, value: RecordMeta[K]): void {
  db.prepare('INSERT INTO meta (key, value) VALUES (?, ?)').run(key, value);
}
