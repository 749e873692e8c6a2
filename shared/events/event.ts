import { z } from 'zod';
import { actorSchema } from '../domain/types';
import { eventPayloadSchemas, type EventType, type EventPayload } from './event-types';

export const GENESIS_HASH = '0'.repeat(64);

const hex = (length: number) => z.string().regex(new RegExp(`^[0-9a-f]{${length}}$`));

/**
 * What a device signs: everything but the hash and signature themselves.
 * `hash` = sha256(canonicalJson(unsigned)); `sig` = Ed25519(device key, hash bytes).
 */
export const unsignedEventSchema = z.object({
  id: z.string().min(1),
  deviceId: z.string().regex(/^[0-9a-f]{16}$/),
  seq: z.number().int().min(1),
  /** Device clock, ISO 8601 with offset. */
  at: z.string().datetime({ offset: true }),
  actor: actorSchema,
  type: z.string(),
  payload: z.unknown(),
  prevHash: hex(64),
  /**
   * The device's recorded clock offset (device − office, ms) when the event was written, present
   * once the device's clock has been checked (附件5 核对时间). `at` stays the raw device time.
   */
  clockOffsetMs: z.number().int().optional(),
});

export const eventSchema = unsignedEventSchema.extend({
  hash: hex(64),
  sig: z.string().regex(/^[0-9a-f]{128}$/),
});

export type UnsignedEvent = Omit<z.infer<typeof unsignedEventSchema>, 'type' | 'payload'> & TypedPayload;
export type ExamDayEvent = UnsignedEvent & { hash: string; sig: string };

/** Discriminated by `type`, so reducers can switch exhaustively. */
export type TypedPayload = { [T in EventType]: { type: T; payload: EventPayload<T> } }[EventType];

export type ParsedEvent = { ok: true; event: ExamDayEvent } | { ok: false; reason: string };

/** Parse an event from outside (sync, bundle, database row) and check its payload against its type. */
export function parseEvent(raw: unknown): ParsedEvent {
  const envelope = eventSchema.safeParse(raw);
  if (!envelope.success) return { ok: false, reason: `事件格式错误：${envelope.error.issues[0]?.message ?? ''}` };
  const { type, payload } = envelope.data;
  if (!(type in eventPayloadSchemas)) return { ok: false, reason: `未知事件类型：${type}` };
  const payloadResult = eventPayloadSchemas[type as EventType].safeParse(payload);
  if (!payloadResult.success) {
    return { ok: false, reason: `事件 ${type} 内容错误：${payloadResult.error.issues[0]?.message ?? ''}` };
  }
  return { ok: true, event: { ...envelope.data, type, payload: payloadResult.data } as ExamDayEvent };
}

/**
 * The exact object that is hashed. Keys are canonicalised later, so order here does not matter.
 * `clockOffsetMs` is included only when present, so events written before it existed hash as they did.
 */
export function hashedPart(event: UnsignedEvent): UnsignedEvent {
  const { id, deviceId, seq, at, actor, type, payload, prevHash, clockOffsetMs } = event;
  const part = { id, deviceId, seq, at, actor, type, payload, prevHash } as UnsignedEvent;
  return clockOffsetMs === undefined ? part : { ...part, clockOffsetMs };
}
