import { parseEvent, type ParsedEvent, type UnsignedEvent } from '../../shared/events/event';
import { canonicalRowHash, eventRowFor, rowToRawEvent, type StoredEventRow } from './event-log';

/**
 * An incoming event in the form the log stores it and a rebuild reads it back: the row (actor and
 * payload as canonical JSON), the raw object a rebuild gets from that row, its parse and its hash.
 * Checking this form and folding its parse means one schema parse per event, and the projection
 * folds the very object a rebuild folds (same keys, same order).
 *
 * It hashes alike to the event as received: canonical JSON is idempotent (the canonical text of
 * JSON.parse(canonical text) is that text), the other hashed fields are copied unchanged, and a
 * received value the row cannot carry (clockOffsetMs: null, which the row stores as absent) or a
 * value that has no canonical JSON leaves the event as received (undefined here): it is checked
 * as it came, and refused as before.
 */
export interface StoredForm {
  row: StoredEventRow;
  raw: Record<string, unknown>;
  parsed: ParsedEvent;
  /** eventHash(raw), from the row's canonical texts; only for an event that parses (the batch check hashes no other). */
  hash: string | undefined;
}

export function storedFormOf(received: Record<string, unknown>): StoredForm | undefined {
  const row = storedRowOf(received);
  if (row === undefined) return undefined;
  let raw: Record<string, unknown>;
  try {
    raw = rowToRawEvent({ local_order: 0, ...row });
  } catch {
    return undefined;
  }
  const parsed = parseEvent(raw);
  return { row, raw, parsed, hash: parsed.ok ? canonicalRowHash(row) : undefined };
}

/** The row an event as received is stored as, or undefined where the row cannot carry it as received (see StoredForm). */
export function storedRowOf(received: Record<string, unknown>): StoredEventRow | undefined {
  if (received.clockOffsetMs === null) return undefined;
  try {
    return eventRowFor(received as unknown as UnsignedEvent & { hash: string; sig: string });
  } catch {
    return undefined;
  }
}
