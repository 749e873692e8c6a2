import type { Heads, Receipt, DayIdentity } from '../../shared/sync/protocol';
import { receiptIsAuthentic, signReceipt, PROTOCOL_VERSION } from '../../shared/sync/protocol';
import type { HeldEvents } from '../../shared/sync/plan-batches';
import type { ForkRecord } from '../../shared/sync/findings';
import type { ProjectionStore } from '../../shared/projection/store';
import type { Db } from '../core/database';
import { publicKeyFromHex, sha256Hex, verifySignature, type DeviceKey } from '../core/device-key';
import { prepareHeadsQuery, rowToRawEvent, type EventRow, type HeldHeadRow } from '../core/event-log';

/** A held event as sync sends it: the stored row's raw object (its hash covers exactly these values). */
export interface WireEvent {
  deviceId: string;
  seq: number;
  hash: string;
  raw: Record<string, unknown>;
  bytes: number;
}

/** Keys, quotes, colons, commas and braces of a raw event's JSON, and room for `clockOffsetMs`'s key. */
const RAW_EVENT_JSON_OVERHEAD = 160;

/**
 * The UTF-8 length of JSON.stringify(rowToRawEvent(row)), or a little more, from the stored texts
 * without encoding the event again: actor and payload are stored as the canonical JSON the raw object
 * re-encodes to; the other values are identifiers, hex, ISO times and numbers (up to 20 characters
 * each), which JSON writes as they are. A batch's byte bound needs no more than an upper bound.
 */
function wireBytes(row: EventRow): number {
  const texts = [row.id, row.device_id, row.at, row.type, row.prev_hash, row.hash, row.sig].reduce((sum, text) => sum + Buffer.byteLength(text), 0);
  return Buffer.byteLength(row.actor) + Buffer.byteLength(row.payload) + texts + 2 * 20 + RAW_EVENT_JSON_OVERHEAD;
}

/** The events table as shared/sync/plan-batches.ts asks for it. */
export function heldEvents(db: Db): HeldEvents<WireEvent> {
  const heads = prepareHeadsQuery(db);
  const hashAt = db.prepare('SELECT hash FROM events WHERE device_id = ? AND seq = ?').pluck();
  const from = db.prepare('SELECT * FROM events WHERE device_id = ? AND seq >= ? ORDER BY seq LIMIT ?');
  return {
    heads: () => headsOf(heads()),
    hashAt: (deviceId, seq) => hashAt.get(deviceId, seq) as string | undefined,
    eventsFrom: (deviceId, fromSeq, limit) =>
      (from.all(deviceId, fromSeq, limit) as EventRow[]).map((row) => ({ deviceId: row.device_id, seq: row.seq, hash: row.hash, raw: rowToRawEvent(row), bytes: wireBytes(row) })),
  };
}

function headsOf(rows: HeldHeadRow[]): Heads {
  const heads: Heads = {};
  for (const row of rows) heads[row.device_id] = { seq: row.seq, hash: row.hash };
  return heads;
}

/** Which exam day this device holds, from its plan; undefined before a plan is set (a fresh door). */
export function dayIdentityOf(store: ProjectionStore): DayIdentity | undefined {
  const plan = store.getPlan();
  return plan ? { planId: plan.planId, date: plan.date, organisation: plan.organisation } : undefined;
}

/** Public keys of the given devices, as pinned here (sent along a batch so the receiver can check it). */
export function pinnedKeys(db: Db, deviceIds: Iterable<string>): { deviceId: string; publicKeyHex: string }[] {
  const keyOf = db.prepare('SELECT public_key FROM devices WHERE device_id = ?').pluck();
  return [...new Set(deviceIds)].flatMap((deviceId) => {
    const key = keyOf.get(deviceId) as string | undefined;
    return key ? [{ deviceId, publicKeyHex: key }] : [];
  });
}

/** This device's signed statement of what it holds now. */
export function makeReceipt(db: Db, key: DeviceKey, at: Date): Receipt {
  const heads = heldEvents(db).heads();
  return signReceipt(
    { kind: 'receipt', protocolVersion: PROTOCOL_VERSION, receiverDeviceId: key.deviceId, heads, at: at.toISOString() },
    { sha256Hex, signHash: (hash) => key.signHash(hash) },
  );
}

/** Checks a receipt against the receiver's pinned key. */
export function receiptIsValid(db: Db, receipt: Receipt): boolean {
  const keyHex = db.prepare('SELECT public_key FROM devices WHERE device_id = ?').pluck().get(receipt.receiverDeviceId) as string | undefined;
  const key = keyHex ? publicKeyFromHex(keyHex) : undefined;
  if (!key) return false;
  return receiptIsAuthentic(receipt, { sha256Hex, verifySig: (_deviceId, hash, sig) => verifySignature(key, hash, sig) });
}

/**
 * Keeps a receipt another device signed (append-only, like the log): what it held of ours, so a
 * cut tail shows in `verify` against it. Only an authentic one is kept; the same one twice, once.
 */
export function keepReceipt(db: Db, receipt: Receipt, receivedAt: Date): boolean {
  if (!receiptIsValid(db, receipt)) return false;
  const held = db.prepare('SELECT 1 FROM sync_receipts WHERE receiver_device_id = ? AND sig = ?').get(receipt.receiverDeviceId, receipt.sig);
  if (held) return true;
  db.prepare('INSERT INTO sync_receipts (receiver_device_id, heads, at, sig, received_at) VALUES (?, ?, ?, ?, ?)').run(
    receipt.receiverDeviceId,
    JSON.stringify(receipt.heads),
    receipt.at,
    receipt.sig,
    receivedAt.toISOString(),
  );
  return true;
}

/** The newest receipt kept from `receiverDeviceId`, if any. */
export function latestReceipt(db: Db, receiverDeviceId: string): Receipt | undefined {
  const row = db.prepare('SELECT * FROM sync_receipts WHERE receiver_device_id = ? ORDER BY id DESC LIMIT 1').get(receiverDeviceId) as
    | { receiver_device_id: string; heads: string; at: string; sig: string }
    | undefined;
  if (!row) return undefined;
  return { kind: 'receipt', protocolVersion: PROTOCOL_VERSION, receiverDeviceId: row.receiver_device_id, heads: JSON.parse(row.heads) as Heads, at: row.at, sig: row.sig };
}

/** Every fork kept as evidence, as findings.ts takes them. */
export function keptForks(db: Db): ForkRecord[] {
  const rows = db.prepare('SELECT device_id, seq, held_hash, offered_hash FROM sync_forks ORDER BY id').all() as {
    device_id: string;
    seq: number;
    held_hash: string;
    offered_hash: string;
  }[];
  return rows.map((r) => ({ deviceId: r.device_id, seq: r.seq, hashes: [r.held_hash, r.offered_hash] }));
}

/** Local, non-evidence status: when a peer last synced with us and its last error. */
export function notePeerSync(db: Db, deviceId: string, at: Date, error: string | null): void {
  if (error === null) {
    db.prepare(
      `INSERT INTO sync_peers (device_id, last_sync_at) VALUES (?, ?)
       ON CONFLICT (device_id) DO UPDATE SET last_sync_at = excluded.last_sync_at, last_error = NULL, last_error_at = NULL`,
    ).run(deviceId, at.toISOString());
  } else {
    db.prepare(
      `INSERT INTO sync_peers (device_id, last_error, last_error_at) VALUES (?, ?, ?)
       ON CONFLICT (device_id) DO UPDATE SET last_error = excluded.last_error, last_error_at = excluded.last_error_at`,
    ).run(deviceId, error, at.toISOString());
  }
}

export function peerStatus(db: Db): Map<string, { lastSyncAt: string | null; lastError: string | null }> {
  const rows = db.prepare('SELECT device_id, last_sync_at, last_error FROM sync_peers').all() as { device_id: string; last_sync_at: string | null; last_error: string | null }[];
  return new Map(rows.map((r) => [r.device_id, { lastSyncAt: r.last_sync_at, lastError: r.last_error }]));
}

export function readSetting(db: Db, key: string): string | undefined {
  return db.prepare('SELECT value FROM local_settings WHERE key = ?').pluck().get(key) as string | undefined;
}

export function writeSetting(db: Db, key: string, value: string | null): void {
  if (value === null) db.prepare('DELETE FROM local_settings WHERE key = ?').run(key);
  else db.prepare('INSERT INTO local_settings (key, value) VALUES (?, ?) ON CONFLICT (key) DO UPDATE SET value = excluded.value').run(key, value);
}
