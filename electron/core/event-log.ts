import type { Db } from './database';
import { actorSchema, type Actor } from '../../shared/domain/types';
import { canonicalJson } from '../../shared/events/canonical-json';
import { nextLink } from '../../shared/events/chain-link';
import { GENESIS_HASH, hashedPart, type ExamDayEvent, type UnsignedEvent } from '../../shared/events/event';
import { eventPayloadSchemas, type EventPayload, type EventType } from '../../shared/events/event-types';
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
  /** NULL before the device's first clock check, and on every event older than migration 0003. */
  clock_offset_ms: number | null;
}

/** An event as its row stores it: actor and payload as canonical JSON, exactly the bytes that were hashed. */
export type StoredEventRow = Omit<EventRow, 'local_order'>;

/** The stored row for a raw event (own or another device's); `raw` is kept as given, since its hash covers it. */
export function eventRowFor(raw: UnsignedEvent & { hash: string; sig: string }): StoredEventRow {
  return {
    id: raw.id,
    device_id: raw.deviceId,
    seq: raw.seq,
    at: raw.at,
    actor: canonicalJson(raw.actor),
    type: raw.type,
    payload: canonicalJson(raw.payload),
    prev_hash: raw.prevHash,
    hash: raw.hash,
    sig: raw.sig,
    clock_offset_ms: raw.clockOffsetMs ?? null,
  };
}

/**
 * The one statement that adds an event to the log. This device's writer (below) and the writer for
 * other devices' events (foreign-events.ts) both store through it, inside their caller's transaction.
 */
export function prepareEventInsert(db: Db): (row: StoredEventRow) => void {
  const insert = db.prepare(
    `INSERT INTO events (id, device_id, seq, at, actor, type, payload, prev_hash, hash, sig, clock_offset_ms)
     VALUES (@id, @device_id, @seq, @at, @actor, @type, @payload, @prev_hash, @hash, @sig, @clock_offset_ms)`,
  );
  return (row) => {
    if (!db.inTransaction) throw new Error('an event is stored only inside a transaction');
    insert.run(row);
  };
}

/** One device's last held event. */
export interface HeldHeadRow {
  device_id: string;
  seq: number;
  hash: string;
}

/**
 * Every device's last held event, read through the (device_id, seq) index: each device id found by
 * a seek past the previous one, its head by one more. `GROUP BY device_id` gives the same rows but
 * reads the whole log, which every sync round and receipt would pay again as the log grows.
 */
export function prepareHeadsQuery(db: Db): () => HeldHeadRow[] {
  const heads = db.prepare(
    `WITH RECURSIVE devices_held (device_id) AS (
       SELECT MIN(device_id) FROM events
       UNION ALL
       SELECT (SELECT MIN(device_id) FROM events WHERE device_id > devices_held.device_id) FROM devices_held WHERE devices_held.device_id IS NOT NULL
     )
     SELECT e.device_id, e.seq, e.hash FROM devices_held d
     JOIN events e ON e.device_id = d.device_id AND e.seq = (SELECT MAX(seq) FROM events WHERE device_id = d.device_id)
     ORDER BY e.device_id`,
  );
  return () => heads.all() as HeldHeadRow[];
}

/** The hash every event carries: sha256 of the canonical JSON of everything but hash and sig. */
export function eventHash(event: UnsignedEvent): string {
  return sha256Hex(canonicalJson(hashedPart(event)));
}

/**
 * eventHash of the event a row holds, for a row whose actor and payload are canonical JSON (as
 * eventRowFor writes them): the hashed part written out in canonical key order around those two
 * texts, so they are not canonicalised a second time. Canonical JSON is idempotent, so this is
 * eventHash(rowToRawEvent(row)) byte for byte (stored-form.test.ts); a row read back from a file
 * is not known to be canonical, so where this does not match, verify falls back to eventHash.
 */
export function canonicalRowHash(row: StoredEventRow): string {
  return sha256Hex(canonicalRowTexts(row).hashed);
}

/**
 * The row's event as canonical JSON (keys in canonical order) around its stored actor and payload
 * texts, which are not canonicalised again: `hashed` without `hash` and `sig` (what eventHash hashes),
 * `signed` with them (canonicalJson of the whole event: what the center stores as its body).
 */
export function canonicalRowTexts(row: StoredEventRow): { hashed: string; signed: string } {
  // Strings and integers: canonical JSON writes them as JSON.stringify does (canonical-json.ts).
  // A lone surrogate, which canonicalJson refuses, was never signed: it only makes the hash differ.
  const field = (key: string, value: string | number): string => `,"${key}":${JSON.stringify(value)}`;
  const upToDevice = `{"actor":${row.actor}${field('at', row.at)}${row.clock_offset_ms === null ? '' : field('clockOffsetMs', row.clock_offset_ms)}${field('deviceId', row.device_id)}`;
  const idToSeq = `${field('id', row.id)},"payload":${row.payload}${field('prevHash', row.prev_hash)}${field('seq', row.seq)}`;
  const type = `${field('type', row.type)}}`;
  return { hashed: upToDevice + idToSeq + type, signed: upToDevice + field('hash', row.hash) + idToSeq + field('sig', row.sig) + type };
}

/** canonicalJson of the whole event a row holds, hash and signature included (canonicalRowTexts). */
export function canonicalRowJson(row: StoredEventRow): string {
  return canonicalRowTexts(row).signed;
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
    ...(row.clock_offset_ms === null || row.clock_offset_ms === undefined ? {} : { clockOffsetMs: row.clock_offset_ms }),
  };
}

/**
 * This device's writer to the append-only log: numbers, chains, hashes and signs each event.
 * Call `append` only inside a transaction; `resync` after a rolled-back one.
 */
export class DeviceEventWriter {
  private lastSeq = 0;
  /** The next event's prevHash: sealed over the last event's hash and signature (chain-link.ts). */
  private nextPrevHash = GENESIS_HASH;
  private readonly insert;

  /**
   * `clockOffsetMs` answers this device's recorded clock offset (the projection's latest
   * 'clock.checked'); every event written afterwards carries it beside its raw `at`.
   */
  constructor(
    private readonly db: Db,
    private readonly key: DeviceKey,
    private readonly now: () => Date,
    private readonly clockOffsetMs: () => number | undefined = () => undefined,
  ) {
    this.insert = prepareEventInsert(db);
    // Trust: this row comes from the data folder's own device-key.pem; verify compares the two.
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
      .prepare('SELECT seq, hash, sig FROM events WHERE device_id = ? ORDER BY seq DESC LIMIT 1')
      .get(this.key.deviceId) as { seq: number; hash: string; sig: string } | undefined;
    this.lastSeq = last?.seq ?? 0;
    this.nextPrevHash = nextLink(last, sha256Hex);
  }

  append<T extends EventType>(type: T, givenPayload: EventPayload<T>, givenActor: Actor): ExamDayEvent {
    if (!this.db.inTransaction) throw new Error('DeviceEventWriter.append must run inside a transaction');
    // Parsed as a rebuild will parse it: an event the log could not replay is never written, and the
    // projection folds in the very object a rebuild gets (same keys, same order), so the two agree.
    const payload = eventPayloadSchemas[type].parse(givenPayload) as EventPayload<T>;
    const actor = actorSchema.parse(givenActor);
    const seq = this.lastSeq + 1;
    const clockOffsetMs = this.clockOffsetMs();
    const unsigned = {
      id: `${this.key.deviceId}-${seq}`,
      deviceId: this.key.deviceId,
      seq,
      at: this.now().toISOString(),
      actor,
      type,
      payload,
      prevHash: this.nextPrevHash,
      ...(clockOffsetMs === undefined ? {} : { clockOffsetMs }),
    } as UnsignedEvent;
    const hash = eventHash(unsigned);
    const sig = this.key.signHash(hash);
    const event = { ...unsigned, hash, sig } as ExamDayEvent;
    this.insert(eventRowFor(event));
    this.lastSeq = seq;
    this.nextPrevHash = nextLink({ hash, sig }, sha256Hex);
    return event;
  }
}
