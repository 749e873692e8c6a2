import type { KeyObject } from 'node:crypto';
import { GENESIS_HASH, parseEvent, type ExamDayEvent, type UnsignedEvent } from '../../shared/events/event';
import { applyEvent } from '../../shared/projection/apply-event';
import type { ProjectionStore } from '../../shared/projection/store';
import type { Db } from './database';
import { deviceIdFor, publicKeyFromHex, verifySignature } from './device-key';
import { eventHash, eventRowFor, prepareEventInsert, rowToRawEvent, type StoredEventRow } from './event-log';

/** A device whose events a batch carries, with the public key its events are signed with. */
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

interface Head {
  seq: number;
  hash: string;
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

/**
 * The writer for events from other devices (a day package, a sync batch), beside this device's own
 * DeviceEventWriter. A batch is stored all or nothing, inside one transaction (a savepoint when the
 * caller already holds one), and every check runs inside it against what the log holds then:
 * each device's key is pinned (its id is the key's fingerprint, and a key once stored never changes);
 * each event parses, hashes to its `hash` and is signed by its device; it either is exactly an event
 * already held, or extends that device's chain by one (seq = held + 1, prevHash = held head).
 * The same (device, seq) with another hash is a fork: the batch is refused and the forks returned.
 * Stored events go through the log's one INSERT and are folded into the projection as a rebuild
 * would fold them (parsed back from the stored row).
 */
export class ForeignEventWriter {
  private readonly insert;
  private readonly heldHash;
  private readonly headOf;
  private readonly keyOf;
  private readonly addDevice;

  constructor(
    private readonly db: Db,
    private readonly store: ProjectionStore,
    private readonly now: () => Date,
    private readonly ownDeviceId: string,
  ) {
    this.insert = prepareEventInsert(db);
    this.heldHash = db.prepare('SELECT hash FROM events WHERE device_id = ? AND seq = ?');
    this.headOf = db.prepare('SELECT seq, hash FROM events WHERE device_id = ? ORDER BY seq DESC LIMIT 1');
    this.keyOf = db.prepare('SELECT public_key FROM devices WHERE device_id = ?');
    this.addDevice = db.prepare('INSERT INTO devices (device_id, public_key, first_seen_at) VALUES (?, ?, ?)');
  }

  storeBatch(batch: ForeignBatch): ForeignBatchResult {
    try {
      return this.db.transaction(() => this.storeOrThrow(batch))();
    } catch (error) {
      if (error instanceof BatchRefused) return { ok: false, reason: error.reason, forks: error.forks };
      throw error;
    }
  }

  private storeOrThrow(batch: ForeignBatch): ForeignBatchResult {
    const keys = this.pinKeys(batch.devices);
    const heads = new Map<string, Head>();
    const forks: ForeignFork[] = [];
    const forked = new Set<string>();
    const toStore: StoredEventRow[] = [];
    let alreadyHeld = 0;

    for (const [index, raw] of batch.events.entries()) {
      const n = index + 1;
      const parsed = parseEvent(raw);
      if (!parsed.ok) throw new BatchRefused(`第 ${n} 条记录无效：${parsed.reason}`);
      const event = parsed.event;
      if (forked.has(event.deviceId)) continue;
      const where = `设备 ${short(event.deviceId)} 的第 ${event.seq} 条记录`;
      const key = keys.get(event.deviceId) ?? this.pinnedKey(event.deviceId, keys);
      if (eventHash(raw as UnsignedEvent) !== event.hash) throw new BatchRefused(`${where}在签名后被改动（哈希不符）`);
      if (!verifySignature(key, event.hash, event.sig)) throw new BatchRefused(`${where}的签名无效`);

      const held = this.heldHash.get(event.deviceId, event.seq) as { hash: string } | undefined;
      if (held) {
        if (held.hash === event.hash) {
          alreadyHeld += 1;
          continue;
        }
        forks.push({ deviceId: event.deviceId, seq: event.seq, heldHash: held.hash, offeredHash: event.hash });
        forked.add(event.deviceId);
        continue;
      }
      if (event.deviceId === this.ownDeviceId) throw new BatchRefused(`${where}是本机的记录，但本机没有它：本机的记录不由别处补写`);
      const head = heads.get(event.deviceId) ?? this.headFromLog(event.deviceId);
      if (event.seq !== head.seq + 1) throw new BatchRefused(`${where}接不上：本机只有到第 ${head.seq} 条`);
      if (event.prevHash !== head.hash) throw new BatchRefused(`${where}与前一条接不上（prevHash 不符）`);
      heads.set(event.deviceId, { seq: event.seq, hash: event.hash });
      toStore.push(eventRowFor(raw as ExamDayEvent));
    }
    if (forks.length > 0) {
      const list = forks.map((f) => `设备 ${short(f.deviceId)} 第 ${f.seq} 条`).join('、');
      throw new BatchRefused(`记录分叉：${list}与本机已有的同号记录不同；这批记录未保存`, forks);
    }

    for (const row of toStore) {
      this.insert(row);
      // Folded as a rebuild folds it: parsed back from the row just stored, not from the wire object.
      const stored = parseEvent(rowToRawEvent({ local_order: 0, ...row }));
      if (!stored.ok) throw new Error(`stored event ${row.id} no longer parses: ${stored.reason}`);
      applyEvent(this.store, stored.event);
    }
    return { ok: true, stored: toStore.length, alreadyHeld };
  }

  /** Checks each offered key against its device id and the key already stored; stores the new ones. */
  private pinKeys(devices: readonly ForeignDevice[]): Map<string, KeyObject> {
    const keys = new Map<string, KeyObject>();
    for (const device of devices) {
      const name = `设备 ${short(device.deviceId)}`;
      if (deviceIdFor(device.publicKeyHex) !== device.deviceId) throw new BatchRefused(`${name}的标识与公钥不符`);
      const key = publicKeyFromHex(device.publicKeyHex);
      if (!key) throw new BatchRefused(`${name}的公钥无法读取`);
      const stored = this.keyOf.get(device.deviceId) as { public_key: string } | undefined;
      if (stored && stored.public_key !== device.publicKeyHex) throw new BatchRefused(`${name}的公钥与本机记录的该设备公钥不同`);
      if (!stored) this.addDevice.run(device.deviceId, device.publicKeyHex, this.now().toISOString());
      keys.set(device.deviceId, key);
    }
    return keys;
  }

  private pinnedKey(deviceId: string, keys: Map<string, KeyObject>): KeyObject {
    const stored = this.keyOf.get(deviceId) as { public_key: string } | undefined;
    const key = stored ? publicKeyFromHex(stored.public_key) : undefined;
    if (!key) throw new BatchRefused(`没有设备 ${short(deviceId)} 的公钥，无法核对它的记录`);
    keys.set(deviceId, key);
    return key;
  }

  private headFromLog(deviceId: string): Head {
    const row = this.headOf.get(deviceId) as Head | undefined;
    return row ?? { seq: 0, hash: GENESIS_HASH };
  }
}
