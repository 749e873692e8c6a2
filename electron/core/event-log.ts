import type { Db } from './database';
import type { Actor } from '../../shared/domain/types';
import { canonicalJson } from '../../shared/events/canonical-json';
import { GENESIS_HASH, hashedPart, type ExamDayEvent, type UnsignedEvent } from '../../shared/events/event';
import type { EventPayload, EventType } from '../../shared/events/event-types';
import { sha256Hex, type DeviceKey } from './device-key';

export interface EventRow {
  local_order: number;
  id: string;
  device_id: string;
  seq: number;
  at: string;
  actor: string;
  type: string;
  payload: string;
  prev_hash: string;
  hash: string;
  sig: string;
}

/** The hash every event carries: sha256 of the canonical JSON of everything but hash and sig. */
export function eventHash(event: UnsignedEvent): string {
  return sha256Hex(canonicalJson(hashedPart(event)));
}

/** Raw row → event object, without validation (verify and parseEvent do that). */
export function rowToRawEvent(row: EventRow): Record<string, unknown> {
  return {
    id: row.id,
    deviceId: row.device_id,
    seq: row.seq,
    at: row.at,
    actor: JSON.parse(row.actor) as unknown,
    type: row.type,
    payload: JSON.parse(row.payload) as unknown,
    prevHash: row.prev_hash,
    hash: row.hash,
    sig: row.sig,
  };
}

/**
 * This device's writer to the append-only log: numbers, chains, hashes and signs each event.
 * Call `append` only inside a transaction; `resync` after a rolled-back one.
 */
export class DeviceEventWriter {
  private lastSeq = 0;
  private lastHash = GENESIS_HASH;
  private readonly insert;

  constructor(
    private readonly db: Db,
    private readonly key: DeviceKey,
    private readonly now: () => Date,
  ) {
    this.insert = db.prepare(
      `INSERT INTO events (id, device_id, seq, at, actor, type, payload, prev_hash, hash, sig)
       VALUES (@id, @deviceId, @seq, @at, @actor, @type, @payload, @prevHash, @hash, @sig)`,
    );
    db.prepare('INSERT OR IGNORE INTO devices (device_id, public_key, first_seen_at) VALUES (?, ?, ?)').run(
      key.deviceId,
      key.publicKeyHex,
      now().toISOString(),
    );
    this.resync();
  }

  get deviceId(): string {
    return this.key.deviceId;
  }

  resync(): void {
    const last = this.db
      .prepare('SELECT seq, hash FROM events WHERE device_id = ? ORDER BY seq DESC LIMIT 1')
      .get(this.key.deviceId) as { seq: number; hash: string } | undefined;
    this.lastSeq = last?.seq ?? 0;
    this.lastHash = last?.hash ?? GENESIS_HASH;
  }

  append<T extends EventType>(type: T, payload: EventPayload<T>, actor: Actor): ExamDayEvent {
    if (!this.db.inTransaction) throw new Error('DeviceEventWriter.append must run inside a transaction');
    const seq = this.lastSeq + 1;
    const unsigned = {
      id: `${this.key.deviceId}-${seq}`,
      deviceId: this.key.deviceId,
      seq,
      at: this.now().toISOString(),
      actor,
      type,
      payload,
      prevHash: this.lastHash,
    } as UnsignedEvent;
    const hash = eventHash(unsigned);
    const event = { ...unsigned, hash, sig: this.key.signHash(hash) } as ExamDayEvent;
    this.insert.run({
      ...event,
      actor: canonicalJson(event.actor),
      payload: canonicalJson(event.payload),
    });
    this.lastSeq = seq;
    this.lastHash = hash;
    return event;
  }
}
