import type { KeyObject } from 'node:crypto';
import { parseEvent, type ExamDayEvent, type UnsignedEvent } from '../../shared/events/event';
import type { Heads } from '../../shared/sync/protocol';
import { verifyBatch, type ForkEvidence, type RejectedEvent } from '../../shared/sync/verify-batch';
import { canonicalJson } from '../../shared/events/canonical-json';
import type { Db } from './database';
import { deviceIdFor, publicKeyFromHex, verifySignature } from './device-key';
import { eventHash, eventRowFor, prepareEventInsert, rowToRawEvent } from './event-log';
import type { ProjectionFolder } from './projection-folder';

/**
 * A device whose events a batch carries, with the public key its events are signed with. Where the
 * key comes from is the caller's to say: the office key of a day package the person compared by
 * fingerprint, a door enrolled with a one-time code, or the office's answer over a pinned TLS link.
 */
export interface ForeignDevice {
  deviceId: string;
  /** SPKI DER, hex, as `devices.public_key` stores it. */
  publicKeyHex: string;
}

/**
 * Events written by other devices, as they arrived (raw JSON objects: their hash covers these exact
 * values). Any number of devices, each device's events in seq order; devices may interleave.
 */
export interface ForeignBatch {
  devices: readonly ForeignDevice[];
  events: readonly unknown[];
}

/** Two different events with the same (device, seq): the one this log holds and the one offered. */
export interface ForeignFork {
  deviceId: string;
  seq: number;
  heldHash: string;
  offeredHash: string;
}

export type ForeignBatchResult =
  | { ok: true; stored: number; alreadyHeld: number }
  /** Nothing of the batch was stored. `forks` lists each device's first divergence, if that was why. */
  | { ok: false; reason: string; forks: ForeignFork[] };

/** What a sync receiver keeps of a batch: every valid chain prefix, with forks kept as evidence. */
export interface ReceivedBatch {
  stored: number;
  alreadyHeld: number;
  forks: ForeignFork[];
  rejected: RejectedEvent[];
  /** Every device's head after the batch: what the receipt signs. */
  heads: Heads;
}

class BatchRefused extends Error {
  constructor(
    readonly reason: string,
    readonly forks: ForeignFork[] = [],
  ) {
    super(reason);
  }
}

const short = (deviceId: string): string => deviceId.slice(0, 6);
const toFork = (f: ForkEvidence): ForeignFork => ({ deviceId: f.deviceId, seq: f.seq, heldHash: f.heldHash, offeredHash: f.incoming.hash });

/**
 * The writer for events from other devices (a day package, a sync batch, a 同步包), beside this
 * device's own DeviceEventWriter. Every check runs inside the storing transaction (a savepoint when
 * the caller already holds one) against what the log holds then, with shared/sync/verify-batch.ts:
 * each device's key is pinned (its id is the key's fingerprint, and a key once stored never
 * changes); each event parses, hashes to its `hash`, is signed by its device, and either is exactly
 * an event already held or extends that device's chain. The same (device, seq) with another hash is
 * a fork. Stored events go through the log's one INSERT and are folded as a rebuild folds them.
 *
 * `storeBatch` is all or nothing (a day package: one broken event and the file is refused);
 * `receive` keeps every valid chain prefix and records forks as evidence (sync: one bad device must
 * not stop the others, and the sender learns from the receipt where to resume).
 */
export class ForeignEventWriter {
  private readonly insert;
  private readonly heldHash;
  private readonly headOf;
  private readonly keyOf;
  private readonly addDevice;
  private readonly putFork;
  private readonly allHeads;
  private readonly keys = new Map<string, KeyObject>();

  constructor(
    private readonly db: Db,
    private readonly folder: ProjectionFolder,
    private readonly now: () => Date,
    private readonly ownDeviceId: string,
  ) {
    this.insert = prepareEventInsert(db);
    this.heldHash = db.prepare('SELECT hash FROM events WHERE device_id = ? AND seq = ?');
    this.headOf = db.prepare('SELECT seq, hash FROM events WHERE device_id = ? ORDER BY seq DESC LIMIT 1');
    this.keyOf = db.prepare('SELECT public_key FROM devices WHERE device_id = ?');
    this.addDevice = db.prepare('INSERT INTO devices (device_id, public_key, first_seen_at) VALUES (?, ?, ?)');
    this.putFork = db.prepare(
      `INSERT OR IGNORE INTO sync_forks (device_id, seq, held_hash, offered_hash, offered_event, offered_by, received_at)
       VALUES (?, ?, ?, ?, ?, ?, ?)`,
    );
    this.allHeads = db.prepare('SELECT device_id, MAX(seq) AS seq, hash FROM events GROUP BY device_id');
  }

  storeBatch(batch: ForeignBatch): ForeignBatchResult {
    try {
      const received = this.inTransaction(() => this.store(batch, { allOrNothing: true, from: undefined }));
      return { ok: true, stored: received.stored, alreadyHeld: received.alreadyHeld };
    } catch (error) {
      if (error instanceof BatchRefused) return { ok: false, reason: error.reason, forks: error.forks };
      throw error;
    }
  }

  /** Stores what is good of a sync batch from `from` (a device id), keeps fork evidence, and says what was left. */
  receive(batch: ForeignBatch, from: string): ReceivedBatch | { refused: string } {
    try {
      return this.inTransaction(() => this.store(batch, { allOrNothing: false, from }));
    } catch (error) {
      if (error instanceof BatchRefused) return { refused: error.reason };
      throw error;
    }
  }

  /** Pins keys alone (an enrolment): refused when a key does not match its device id or a pinned one. */
  pin(devices: readonly ForeignDevice[]): { ok: true } | { ok: false; reason: string } {
    try {
      this.inTransaction(() => this.pinKeys(devices));
      return { ok: true };
    } catch (error) {
      if (error instanceof BatchRefused) return { ok: false, reason: error.reason };
      throw error;
    }
  }

  /** Every device's head as this log holds it. */
  heads(): Heads {
    const heads: Heads = {};
    for (const row of this.allHeads.all() as { device_id: string; seq: number; hash: string }[]) heads[row.device_id] = { seq: row.seq, hash: row.hash };
    return heads;
  }

  private inTransaction<T>(work: () => T): T {
    try {
      return this.db.transaction(work)();
    } catch (error) {
      // The tracker noted events, and the cache keys, that the rolled-back transaction never stored.
      this.folder.resync();
      this.keys.clear();
      throw error;
    }
  }

  private store(batch: ForeignBatch, options: { allOrNothing: boolean; from: string | undefined }): ReceivedBatch {
    this.pinKeys(batch.devices);
    const raws = batch.events.map((raw) => (typeof raw === 'object' && raw !== null && !Array.isArray(raw) ? (raw as Record<string, unknown>) : {}));
    const verdict = verifyBatch(
      raws,
      {
        head: (deviceId) => this.headOf.get(deviceId) as { seq: number; hash: string } | undefined,
        hashAt: (deviceId, seq) => (this.heldHash.get(deviceId, seq) as { hash: string } | undefined)?.hash,
      },
      {
        hashEvent: (raw: UnsignedEvent) => eventHash(raw),
        isEnrolled: (deviceId) => this.pinnedKey(deviceId) !== undefined,
        verifySig: (deviceId, hash, sig) => {
          const key = this.pinnedKey(deviceId);
          return key !== undefined && verifySignature(key, hash, sig);
        },
      },
    );
    const own = verdict.accepted.find((a) => a.event.deviceId === this.ownDeviceId);
    if (own) {
      // A cut tail of this device's own log is not rewritten from a copy: verify and the receipts tell it.
      throw new BatchRefused(`设备 ${short(own.event.deviceId)} 的第 ${own.event.seq} 条记录是本机的记录，但本机没有它：本机的记录不由别处补写`);
    }
    if (options.allOrNothing) {
      if (verdict.forks.length > 0) {
        const list = verdict.forks.map((f) => `设备 ${short(f.deviceId)} 第 ${f.seq} 条`).join('、');
        throw new BatchRefused(`记录分叉：${list}与本机已有的同号记录不同；这批记录未保存`, verdict.forks.map(toFork));
      }
      const first = verdict.rejected[0];
      if (first) throw new BatchRefused(first.reason);
    }
    for (const { raw } of verdict.accepted) {
      const row = eventRowFor(raw as unknown as ExamDayEvent);
      this.insert(row);
      // Folded as a rebuild folds it: parsed back from the row just stored, not from the wire object.
      const stored = parseEvent(rowToRawEvent({ local_order: 0, ...row }));
      if (!stored.ok) throw new Error(`stored event ${row.id} no longer parses: ${stored.reason}`);
      this.folder.fold(stored.event);
    }
    this.folder.settle();
    const receivedAt = this.now().toISOString();
    for (const fork of verdict.forks) {
      this.putFork.run(fork.deviceId, fork.seq, fork.heldHash, fork.incoming.hash, canonicalJson(fork.incomingRaw), options.from ?? 'file', receivedAt);
    }
    return { stored: verdict.accepted.length, alreadyHeld: verdict.duplicates, forks: verdict.forks.map(toFork), rejected: verdict.rejected, heads: this.heads() };
  }

  /** Checks each offered key against its device id and the key already stored; stores the new ones. */
  private pinKeys(devices: readonly ForeignDevice[]): void {
    for (const device of devices) {
      const name = `设备 ${short(device.deviceId)}`;
      if (deviceIdFor(device.publicKeyHex) !== device.deviceId) throw new BatchRefused(`${name}的标识与公钥不符`);
      const key = publicKeyFromHex(device.publicKeyHex);
      if (!key) throw new BatchRefused(`${name}的公钥无法读取`);
      const stored = this.keyOf.get(device.deviceId) as { public_key: string } | undefined;
      if (stored && stored.public_key !== device.publicKeyHex) throw new BatchRefused(`${name}的公钥与本机记录的该设备公钥不同`);
      if (!stored) this.addDevice.run(device.deviceId, device.publicKeyHex, this.now().toISOString());
    }
  }

  /** The pinned key of a device (stored keys never change, so a parsed one is cached). */
  private pinnedKey(deviceId: string): KeyObject | undefined {
    const cached = this.keys.get(deviceId);
    if (cached) return cached;
    const stored = this.keyOf.get(deviceId) as { public_key: string } | undefined;
    const key = stored ? publicKeyFromHex(stored.public_key) : undefined;
    if (key) this.keys.set(deviceId, key);
    return key;
  }
}
