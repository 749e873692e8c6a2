import { MAX_BATCH_BYTES, MAX_BATCH_EVENTS, type Head, type Heads } from './protocol';

/** The least a stored event must show to be planned: its place in its device's chain. */
export interface ChainedEvent {
  deviceId: string;
  seq: number;
  hash: string;
  /** Its encoded size (at least the UTF-8 length of its JSON), when the storage knows it without encoding it. */
  bytes?: number;
}

/** What this side holds, as the storage layer answers it (SQLite: the events table by (device_id, seq)). */
export interface HeldEvents<E extends ChainedEvent> {
  heads(): Heads;
  /** The hash of the event held at (deviceId, seq), if held. */
  hashAt(deviceId: string, seq: number): string | undefined;
  /** Held events of one device from `fromSeq` on, in seq order, at most `limit`. */
  eventsFrom(deviceId: string, fromSeq: number, limit: number): Iterable<E>;
}

/** The peer holds, at `seq`, another event than ours: its chain and ours forked there (or one was altered). */
export interface Divergence {
  deviceId: string;
  seq: number;
  peerHash: string;
  ourHash: string;
}

export interface PlannedBatch<E extends ChainedEvent> {
  events: E[];
  /** More is missing than the bounds let through: ask again (a pull) or push again. */
  more: boolean;
  /** Devices not sent because the peer's head disagrees with our chain: raise as forks, never paper over. */
  divergences: Divergence[];
}

export interface BatchBounds<E> {
  maxEvents?: number;
  maxBytes?: number;
  /** Encoded size of one event; default: its `bytes`, else the UTF-8 length of its JSON. */
  byteLength?: (event: E) => number;
}

/** UTF-8 byte length of a string without TextEncoder (shared/ has no DOM or Node lib). */
export function utf8Length(text: string): number {
  let bytes = 0;
  for (let i = 0; i < text.length; i += 1) {
    const code = text.charCodeAt(i);
    if (code < 0x80) bytes += 1;
    else if (code < 0x800) bytes += 2;
    else if (code >= 0xd800 && code <= 0xdbff) {
      bytes += 4;
      i += 1;
    } else bytes += 3;
  }
  return bytes;
}

/**
 * Which held events the peer misses, given its heads: per device (in device-id order, so two runs
 * plan alike) the events after the peer's head, in seq order, until `maxEvents` or `maxBytes`. A
 * peer head we cannot confirm (our event at that seq has another hash) is a divergence: that device
 * is not sent. A peer ahead of us on a device gets nothing for it. At least one event is always
 * planned when something is missing, so an event larger than `maxBytes` cannot stall a sync.
 */
export function planBatch<E extends ChainedEvent>(held: HeldEvents<E>, peer: Heads, bounds: BatchBounds<E> = {}): PlannedBatch<E> {
  const maxEvents = Math.min(bounds.maxEvents ?? MAX_BATCH_EVENTS, MAX_BATCH_EVENTS);
  const maxBytes = bounds.maxBytes ?? MAX_BATCH_BYTES;
  const byteLength = bounds.byteLength ?? ((event: E) => event.bytes ?? utf8Length(JSON.stringify(event)));
  const mine = held.heads();
  const events: E[] = [];
  const divergences: Divergence[] = [];
  let bytes = 0;
  let more = false;
  for (const deviceId of Object.keys(mine).sort()) {
    const ours = mine[deviceId] as Head;
    const theirs = peer[deviceId];
    const peerSeq = theirs?.seq ?? 0;
    if (theirs) {
      const ourHash = theirs.seq <= ours.seq ? held.hashAt(deviceId, theirs.seq) : undefined;
      if (ourHash !== undefined && ourHash !== theirs.hash) {
        divergences.push({ deviceId, seq: theirs.seq, peerHash: theirs.hash, ourHash });
        continue;
      }
    }
    if (peerSeq >= ours.seq) continue;
    if (more) continue; // bounds reached: keep scanning only for divergences
    const room = maxEvents - events.length;
    for (const event of held.eventsFrom(deviceId, peerSeq + 1, room)) {
      const size = byteLength(event);
      if (events.length >= maxEvents || (events.length > 0 && bytes + size > maxBytes)) {
        more = true;
        break;
      }
      events.push(event);
      bytes += size;
    }
    const last = events[events.length - 1];
    if (!more && (last?.deviceId !== deviceId || last.seq < ours.seq)) more = true;
  }
  return { events, more, divergences };
}
