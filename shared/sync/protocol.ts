import { z } from 'zod';
import { canonicalJson } from '../events/canonical-json';

/**
 * The site-sync protocol (DESIGN "Sync"), the same for door ↔ office on a LAN and site ↔ center:
 * hello (same day, same version) → pull or push of bounded batches in seq order → a signed receipt
 * of the heads the receiver now holds. Every message is parsed here on both sides before it is used.
 */
export const PROTOCOL_VERSION = 1;
/** Events in one batch: large enough for a day's backlog in a few round trips, small enough to store in one transaction. */
export const MAX_BATCH_EVENTS = 2_000;
/** Bytes of one batch's events (UTF-8 JSON): a batch of 10 000-row roster events stays well under it. */
export const MAX_BATCH_BYTES = 16 * 1024 * 1024;
/** Devices in one heads vector: far more than a site or a district has, so a hostile peer cannot make us loop. */
export const MAX_HEADS_DEVICES = 10_000;

export const deviceIdSchema = z.string().regex(/^[0-9a-f]{16}$/, '设备编号应为 16 位十六进制');
const hash64 = z.string().regex(/^[0-9a-f]{64}$/, '哈希应为 64 位十六进制');

/** The last event held of one device's chain. */
export const headSchema = z.object({ seq: z.number().int().min(1), hash: hash64 });
export type Head = z.infer<typeof headSchema>;

/** What a side holds: the head of every device chain, keyed by device id. */
export const headsSchema = z
  .record(deviceIdSchema, headSchema)
  .refine((heads) => Object.keys(heads).length <= MAX_HEADS_DEVICES, { message: `设备数超过上限 ${MAX_HEADS_DEVICES}` });
export type Heads = z.infer<typeof headsSchema>;

/** Which exam day a side holds: two devices of different days never exchange events. */
export const dayIdentitySchema = z.object({
  planId: z.string().min(1).max(200),
  date: z.string().regex(/^\d{4}-\d{2}-\d{2}$/),
  organisation: z.string().min(1).max(200),
});
export type DayIdentity = z.infer<typeof dayIdentitySchema>;

const version = z.number().int().min(1);

export const helloRequestSchema = z.object({
  kind: z.literal('hello'),
  protocolVersion: version,
  /** Null on a door that has not received its plan yet (just paired). */
  day: dayIdentitySchema.nullable(),
  deviceId: deviceIdSchema,
});
export type HelloRequest = z.infer<typeof helloRequestSchema>;

export const helloResponseSchema = z.object({
  kind: z.literal('hello-ok'),
  protocolVersion: version,
  /** Null on a door that has not received its plan yet (just paired). */
  day: dayIdentitySchema.nullable(),
  deviceId: deviceIdSchema,
  heads: headsSchema,
});
export type HelloResponse = z.infer<typeof helloResponseSchema>;

/** "Send me what I miss": my heads, and how many events I take in one batch. */
export const pullRequestSchema = z.object({
  kind: z.literal('pull'),
  protocolVersion: version,
  heads: headsSchema,
  maxEvents: z.number().int().min(1).max(MAX_BATCH_EVENTS),
});
export type PullRequest = z.infer<typeof pullRequestSchema>;

/** Events as stored and signed by their device; each is checked by verify-batch.ts, never trusted here. */
const wireEvents = z.array(z.record(z.string(), z.unknown())).max(MAX_BATCH_EVENTS, { message: `一批最多 ${MAX_BATCH_EVENTS} 条事件` });

/** The answer to a pull: missing events in seq order per device; `more` when the sender stopped at a bound. */
/**
 * Public keys of the devices whose events a batch carries. The receiver pins a key only where it
 * trusts the sender to vouch for it (a door trusts its pinned office, which enrolled every door).
 */
const vouchedKeys = z
  .array(z.object({ deviceId: deviceIdSchema, publicKey: z.string().regex(/^[0-9a-f]{20,200}$/) }))
  .max(MAX_HEADS_DEVICES);

export const eventBatchSchema = z.object({
  kind: z.literal('batch'),
  protocolVersion: version,
  events: wireEvents,
  more: z.boolean(),
  keys: vouchedKeys.optional(),
});
export type EventBatch = z.infer<typeof eventBatchSchema>;

/** A sender's unasked batch (door → office, site → center); answered with a receipt. */
export const pushRequestSchema = z.object({
  kind: z.literal('push'),
  protocolVersion: version,
  /** Null on a door that has not received its plan yet (just paired). */
  day: dayIdentitySchema.nullable(),
  senderDeviceId: deviceIdSchema,
  events: wireEvents,
  more: z.boolean(),
});
export type PushRequest = z.infer<typeof pushRequestSchema>;

/**
 * The heads a receiver holds after storing a batch, signed with its device key. A sender resumes
 * from it after a cut connection, and it later proves a truncated log (DESIGN: a receipt for seq 500
 * but only 480 events held).
 */
export const receiptSchema = z.object({
  kind: z.literal('receipt'),
  protocolVersion: version,
  receiverDeviceId: deviceIdSchema,
  heads: headsSchema,
  /** Receiver's clock, ISO 8601. */
  at: z.string().datetime({ offset: true }),
  sig: z.string().regex(/^[0-9a-f]{128}$/),
});
export type Receipt = z.infer<typeof receiptSchema>;
export type UnsignedReceipt = Omit<Receipt, 'sig'>;

export const SYNC_REFUSAL_REASONS = ['version-mismatch', 'wrong-day', 'unknown-device', 'malformed', 'too-large', 'fork', 'rejected-events'] as const;
export type SyncRefusalReason = (typeof SYNC_REFUSAL_REASONS)[number];

export const refusalSchema = z.object({
  kind: z.literal('refused'),
  protocolVersion: version,
  reason: z.enum(SYNC_REFUSAL_REASONS),
  /** For people, in Chinese. */
  message: z.string().max(2_000),
});
export type SyncRefusal = z.infer<typeof refusalSchema>;

/** Photos are not events: their bytes follow the hashes the events sign, a few at a time. */
export const MAX_PHOTOS_PER_REQUEST = 50;

export const photoRequestSchema = z.object({
  kind: z.literal('photos'),
  protocolVersion: version,
  sha256s: z.array(hash64).min(1).max(MAX_PHOTOS_PER_REQUEST),
});
export type PhotoRequest = z.infer<typeof photoRequestSchema>;

export const photoBatchSchema = z.object({
  kind: z.literal('photo-batch'),
  protocolVersion: version,
  photos: z.array(z.object({ sha256: hash64, dataBase64: z.string().max(4 * 1024 * 1024) })).max(MAX_PHOTOS_PER_REQUEST),
});
export type PhotoBatch = z.infer<typeof photoBatchSchema>;

export const syncMessageSchemas = {
  hello: helloRequestSchema,
  'hello-ok': helloResponseSchema,
  pull: pullRequestSchema,
  batch: eventBatchSchema,
  push: pushRequestSchema,
  receipt: receiptSchema,
  refused: refusalSchema,
  photos: photoRequestSchema,
  'photo-batch': photoBatchSchema,
} as const;
export type SyncMessageKind = keyof typeof syncMessageSchemas;
export type SyncMessage<K extends SyncMessageKind> = z.infer<(typeof syncMessageSchemas)[K]>;

export type ParsedSyncMessage<K extends SyncMessageKind> = { ok: true; message: SyncMessage<K> } | { ok: false; refusal: SyncRefusal };

export function refusal(reason: SyncRefusalReason, message: string): SyncRefusal {
  return { kind: 'refused', protocolVersion: PROTOCOL_VERSION, reason, message };
}

/**
 * Parses a message of the expected kind from a peer. The version is checked before the shape, so a
 * peer of another version learns that, not a list of fields it does not know.
 */
export function parseSyncMessage<K extends SyncMessageKind>(kind: K, raw: unknown): ParsedSyncMessage<K> {
  const envelope = z.object({ kind: z.string(), protocolVersion: z.number() }).safeParse(raw);
  if (!envelope.success) return { ok: false, refusal: refusal('malformed', '同步消息格式错误：缺少类型或协议版本') };
  if (envelope.data.protocolVersion !== PROTOCOL_VERSION) {
    return {
      ok: false,
      refusal: refusal('version-mismatch', `同步协议版本不一致：对方为 ${envelope.data.protocolVersion}，本机为 ${PROTOCOL_VERSION}，请将两台设备升级到同一版本`),
    };
  }
  if (envelope.data.kind !== kind) return { ok: false, refusal: refusal('malformed', `同步消息类型错误：应为 ${kind}，收到 ${envelope.data.kind}`) };
  const parsed = syncMessageSchemas[kind].safeParse(raw);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    const tooLarge = issue?.code === 'too_big' || (issue?.message ?? '').includes('上限');
    const where = issue && issue.path.length > 0 ? `（${issue.path.join('.')}）` : '';
    return { ok: false, refusal: refusal(tooLarge ? 'too-large' : 'malformed', `同步消息内容错误${where}：${issue?.message ?? ''}`) };
  }
  return { ok: true, message: parsed.data as SyncMessage<K> };
}

/** Two devices may exchange events only when they run the same exam day. */
export function dayMismatch(mine: DayIdentity | null | undefined, theirs: DayIdentity | null | undefined): SyncRefusal | undefined {
  if (!mine || !theirs) return undefined;
  if (mine.planId === theirs.planId && mine.date === theirs.date && mine.organisation === theirs.organisation) return undefined;
  return refusal('wrong-day', `对方设备的考试日（${theirs.organisation} ${theirs.date} ${theirs.planId}）与本机（${mine.organisation} ${mine.date} ${mine.planId}）不同，不同步`);
}

/** The exact text whose sha256 the receiver signs: everything in the receipt but the signature, canonicalised. */
export function receiptSigningInput(receipt: UnsignedReceipt): string {
  const { kind, protocolVersion, receiverDeviceId, heads, at } = receipt;
  return canonicalJson({ kind, protocolVersion, receiverDeviceId, heads, at });
}

/** Crypto is injected: shared/ has no node:crypto. `signHash` is the device key's (electron/core/device-key.ts). */
export interface ReceiptSigner {
  sha256Hex(text: string): string;
  signHash(hashHex: string): string;
}

export function signReceipt(unsigned: UnsignedReceipt, signer: ReceiptSigner): Receipt {
  return { ...unsigned, sig: signer.signHash(signer.sha256Hex(receiptSigningInput(unsigned))) };
}

/** True when `receipt` was signed by its receiver's enrolled key (`verifySig` knows the keys). */
export function receiptIsAuthentic(
  receipt: Receipt,
  crypto: { sha256Hex(text: string): string; verifySig(deviceId: string, hashHex: string, sigHex: string): boolean },
): boolean {
  return crypto.verifySig(receipt.receiverDeviceId, crypto.sha256Hex(receiptSigningInput(receipt)), receipt.sig);
}
