import type { KeyObject } from 'node:crypto';
import { setImmediate } from 'node:timers/promises';
import { parseEvent, type ExamDayEvent, type UnsignedEvent } from '../../shared/events/event';
import type { Heads } from '../../shared/sync/protocol';
import { verifyBatch, type BatchVerdict, type ForkEvidence, type HeldHead, type RejectedEvent, signaturesToCheck } from '../../shared/sync/verify-batch';
import { canonicalJson } from '../../shared/events/canonical-json';
import type { Db } from './database';
import { deviceIdFor, publicKeyFromHex, sha256Hex, verifySignature } from './device-key';
import { eventHash, eventRowFor, prepareEventInsert, prepareHeadsQuery, rowToRawEvent } from './event-log';
import type { ProjectionFolder } from './projection-folder';
import { storedFormOf, type StoredForm } from './stored-form';
import { PreverifiedSignatures, type SignaturePool, type SignatureTask } from './signature-pool';

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

export type ForeignFileResult =
  | { ok: true; stored: number; alreadyHeld: number; forks: ForeignFork[] }
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

/**
 * Why a 同步包 is refused whole, if it is: any rejected event but those of a forked device after
 * its fork (they cannot link once the chain forked; the fork itself is the finding).
 */
export function fileRejection(verdict: Pick<BatchVerdict, 'forks' | 'rejected'>): RejectedEvent | undefined {
  const forkedAt = new Map<string, number>();
  for (const f of verdict.forks) forkedAt.set(f.deviceId, Math.min(f.seq, forkedAt.get(f.deviceId) ?? f.seq));
  const afterFork = (r: RejectedEvent): boolean => r.deviceId !== undefined && r.seq !== undefined && r.seq > (forkedAt.get(r.deviceId) ?? Infinity);
  return verdict.rejected.find((r) => !afterFork(r));
}

class BatchRefused extends Error {
  constructor(
    readonly reason: string,
    readonly forks: ForeignFork[] = [],
  ) {
    super(reason);
  }
}

/** Events whose stored form is worked out between two turns of the event loop (~10–25 ms on this 2-core machine). */
const FORM_SLICE = 500;
const isRecord = (raw: unknown): raw is Record<string, unknown> => typeof raw === 'object' && raw !== null && !Array.isArray(raw);
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
  private readonly keyHexes = new Map<string, string>();
  /** Stored forms worked out while a batch's signatures were being checked, by the received object. */
  private readonly forms = new WeakMap<object, StoredForm | undefined>();

  constructor(
    private readonly db: Db,
    private readonly folder: ProjectionFolder,
    private readonly now: () => Date,
    private readonly ownDeviceId: string,
  ) {
    this.insert = prepareEventInsert(db);
    this.heldHash = db.prepare('SELECT hash FROM events WHERE device_id = ? AND seq = ?');
    this.headOf = db.prepare('SELECT seq, hash, sig FROM events WHERE device_id = ? ORDER BY seq DESC LIMIT 1');
    this.keyOf = db.prepare('SELECT public_key FROM devices WHERE device_id = ?');
    this.addDevice = db.prepare('INSERT INTO devices (device_id, public_key, first_seen_at) VALUES (?, ?, ?)');
    this.putFork = db.prepare(
      `INSERT OR IGNORE INTO sync_forks (device_id, seq, held_hash, offered_hash, offered_event, offered_by, received_at)
       VALUES (?, ?, ?, ?, ?, ?, ?)`,
    );
    this.allHeads = prepareHeadsQuery(db);
  }

  storeBatch(batch: ForeignBatch): ForeignBatchResult {
    try {
      const received = this.inTransaction(() => this.store(batch, { allOrNothing: true, from: undefined, preverified: undefined }));
      return { ok: true, stored: received.stored, alreadyHeld: received.alreadyHeld };
    } catch (error) {
      if (error instanceof BatchRefused) return { ok: false, reason: error.reason, forks: error.forks };
      throw error;
    }
  }

  /**
   * A 同步包 from `from`: all or nothing like `storeBatch` (one broken, altered or unsigned event
   * refuses the whole file), except that a fork is kept as evidence and the file's other events are
   * stored; the forked device's events after the fork cannot link and are left out with it.
   */
  storeFile(batch: ForeignBatch, from: string): ForeignFileResult {
    try {
      const received = this.inTransaction(() => this.store(batch, { allOrNothing: true, keepForks: true, from }));
      return { ok: true, stored: received.stored, alreadyHeld: received.alreadyHeld, forks: received.forks };
    } catch (error) {
      if (error instanceof BatchRefused) return { ok: false, reason: error.reason, forks: error.forks };
      throw error;
    }
  }

  /** Stores what is good of a sync batch from `from` (a device id), keeps fork evidence, and says what was left. */
  receive(batch: ForeignBatch, from: string, preverified?: PreverifiedSignatures): ReceivedBatch | { refused: string } {
    try {
      return this.inTransaction(() => this.store(batch, { allOrNothing: false, from, preverified }));
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
    for (const row of this.allHeads()) heads[row.device_id] = { seq: row.seq, hash: row.hash };
    return heads;
  }

  private inTransaction<T>(work: () => T): T {
    try {
      return this.db.transaction(work)();
    } catch (error) {
      // The tracker noted events, and the cache keys, that the rolled-back transaction never stored.
      this.folder.resync();
      this.keys.clear();
      this.keyHexes.clear();
      throw error;
    }
  }

  /**
   * Checks the batch's signatures that verifyBatch will check on their own (signaturesToCheck) on
   * the worker pool before the storing transaction (the network
   * wait is async anyway), against the key each device has here or, for a device not yet pinned,
   * the key the batch offers. `receive` trusts a result only for exactly the (key, hash, sig)
   * checked, and checks anything else itself inside the transaction.
   */
  async preverify(batch: ForeignBatch, pool: SignaturePool): Promise<PreverifiedSignatures> {
    const offered = new Map(batch.devices.map((d) => [d.deviceId, d.publicKeyHex]));
    const tasks: SignatureTask[] = [];
    for (const { deviceId, hash, sig } of signaturesToCheck(batch.events, sha256Hex)) {
      const publicKeyHex = (this.keyOf.get(deviceId) as { public_key: string } | undefined)?.public_key ?? offered.get(deviceId);
      if (publicKeyHex !== undefined) tasks.push({ publicKeyHex, hash, sig });
    }
    const checked = PreverifiedSignatures.check(pool, tasks);
    // While the workers check signatures: the parse, row and hash of each event (they read no storage),
    // a slice at a time, so that a check-in on this event loop never waits behind a whole batch.
    for (let start = 0; start < batch.events.length; start += FORM_SLICE) {
      if (start > 0) await setImmediate();
      for (const raw of batch.events.slice(start, start + FORM_SLICE)) if (isRecord(raw)) this.forms.set(raw, storedFormOf(raw));
    }
    return checked;
  }

  private store(batch: ForeignBatch, options: { allOrNothing: boolean; keepForks?: boolean; from: string | undefined; preverified?: PreverifiedSignatures }): ReceivedBatch {
    this.pinKeys(batch.devices);
    const received = batch.events.map((raw) => (isRecord(raw) ? raw : {}));
    // Each event is checked, stored and folded in the form the log stores it (stored-form.ts).
    const forms = new Map<Record<string, unknown>, StoredForm>();
    const asReceived = new Map<Record<string, unknown>, Record<string, unknown>>();
    const raws = received.map((raw) => {
      const form = this.forms.has(raw) ? this.forms.get(raw) : storedFormOf(raw);
      if (!form) return raw;
      forms.set(form.raw, form);
      asReceived.set(form.raw, raw);
      return form.raw;
    });
    const verdict = verifyBatch(
      raws,
      {
        head: (deviceId) => this.headOf.get(deviceId) as HeldHead | undefined,
        hashAt: (deviceId, seq) => (this.heldHash.get(deviceId, seq) as { hash: string } | undefined)?.hash,
      },
      {
        hashEvent: (raw: UnsignedEvent) => forms.get(raw as unknown as Record<string, unknown>)?.hash ?? eventHash(raw),
        sha256Hex,
        isEnrolled: (deviceId) => this.pinnedKey(deviceId) !== undefined,
        verifySig: (deviceId, hash, sig) => {
          const key = this.pinnedKey(deviceId);
          if (key === undefined) return false;
          const keyHex = this.keyHexes.get(deviceId);
          return (options.preverified !== undefined && keyHex !== undefined && options.preverified.has(keyHex, hash, sig)) || verifySignature(key, hash, sig);
        },
      },
      (raw) => forms.get(raw)?.parsed ?? parseEvent(raw),
    );
    const own = verdict.accepted.find((a) => a.event.deviceId === this.ownDeviceId);
    if (own) {
      // A cut tail of this device's own log is not rewritten from a copy: verify and the receipts tell it.
      throw new BatchRefused(`设备 ${short(own.event.deviceId)} 的第 ${own.event.seq} 条记录是本机的记录，但本机没有它：本机的记录不由别处补写`);
    }
    if (options.allOrNothing && options.keepForks) {
      const broken = fileRejection(verdict);
      if (broken) throw new BatchRefused(broken.reason);
    } else if (options.allOrNothing) {
      if (verdict.forks.length > 0) {
        const list = verdict.forks.map((f) => `设备 ${short(f.deviceId)} 第 ${f.seq} 条`).join('、');
        throw new BatchRefused(`记录分叉：${list}与本机已有的同号记录不同；这批记录未保存`, verdict.forks.map(toFork));
      }
      const first = verdict.rejected[0];
      if (first) throw new BatchRefused(first.reason);
    }
    for (const { raw, event } of verdict.accepted) {
      const form = forms.get(raw);
      // Folded as a rebuild folds it: the parse of the row form, which is the row stored here.
      const row = form?.row ?? eventRowFor(raw as unknown as ExamDayEvent);
      this.insert(row);
      const stored = form ? { ok: true as const, event } : parseEvent(rowToRawEvent({ local_order: 0, ...row }));
      if (!stored.ok) throw new Error(`stored event ${row.id} no longer parses: ${stored.reason}`);
      this.folder.fold(stored.event);
    }
    this.folder.settle();
    const receivedAt = this.now().toISOString();
    for (const fork of verdict.forks) {
      this.putFork.run(fork.deviceId, fork.seq, fork.heldHash, fork.incoming.hash, canonicalJson(asReceived.get(fork.incomingRaw) ?? fork.incomingRaw), options.from ?? 'file', receivedAt);
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
    if (key && stored) {
      this.keys.set(deviceId, key);
      this.keyHexes.set(deviceId, stored.public_key);
    }
    return key;
  }
}
