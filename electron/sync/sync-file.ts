import { z } from 'zod';
import { err, ok, type ApiResult } from '../../shared/api/result';
import { canonicalJson } from '../../shared/events/canonical-json';
import { parseEvent } from '../../shared/events/event';
import { MAX_PHOTO_BYTES, PHOTO_MIMES, type PhotoMime } from '../../shared/photos/photo';
import { readImageHeader } from '../../shared/photos/image-header';
import { planBatch } from '../../shared/sync/plan-batches';
import { dayIdentitySchema, dayMismatch, deviceIdSchema, MAX_BATCH_EVENTS, receiptIsAuthentic, receiptSchema, type DayIdentity, type Heads, type Receipt } from '../../shared/sync/protocol';
import { SYNC_FILE_MAX_CHARS } from '../../shared/sync/sync-api';
import type { Core } from '../core/core';
import { deviceIdFor, publicKeyFromHex, sha256Hex, verifySignature } from '../core/device-key';
import { sha256OfBytes } from '../core/photo-store';
import { newPassphrase, openSealed, sealForDevice, sealWithPassphrase, TAMPERED, type SealedOpener } from '../core/sealed-file';
import { recipientKeyOf } from '../core/recipient-key';
import { pairedOffice } from './door-client';
import { dayIdentityOf, heldEvents, latestReceipt, makeReceipt, pinnedKeys, type WireEvent } from './sync-log';

/*
 * 同步包 (issue 10, item 6): site sync for a site with no LAN. One JSON file carries events exactly
 * as stored (their hashes cover those values), the keys of the devices that wrote them, the photos
 * they name, and the exporter's signed receipt of what it holds; the exporter signs a manifest of
 * all of it. The importer runs the same checks as LAN sync (sync-file-import.ts).
 */
export const SYNC_FILE_FORMAT = 'examday-sync-file';
export const SYNC_FILE_VERSION = 1;
export const SYNC_FILE_EXTENSION = '.examday-sync.json';
/** A site of a few thousand candidates writes some ten thousand events; a district's office some more. */
const MAX_FILE_EVENTS = 200_000;
const MAX_FILE_PHOTOS = 20_000;
const MAX_FILE_DEVICES = 1_000;

export type SyncFileScope = 'since-receipt' | 'all';

const hex64 = z.string().regex(/^[0-9a-f]{64}$/);
const publicKeyHex = z.string().regex(/^[0-9a-f]{20,200}$/);

const syncFileSchema = z.object({
  format: z.literal(SYNC_FILE_FORMAT),
  version: z.number().int().min(1),
  createdAt: z.string().datetime({ offset: true }),
  from: z.object({ deviceId: deviceIdSchema, publicKey: publicKeyHex }),
  day: dayIdentitySchema,
  planName: z.string().max(200),
  scope: z.enum(['since-receipt', 'all']),
  events: z.array(z.record(z.string(), z.unknown())).max(MAX_FILE_EVENTS, `同步包中的记录超过上限 ${MAX_FILE_EVENTS} 条`),
  keys: z.array(z.object({ deviceId: deviceIdSchema, publicKey: publicKeyHex })).max(MAX_FILE_DEVICES, '同步包中的设备过多'),
  photos: z
    .array(z.object({ sha256: hex64, mime: z.enum(PHOTO_MIMES), dataBase64: z.string().max(Math.ceil(MAX_PHOTO_BYTES / 3) * 4, '同步包中的照片过大') }))
    .max(MAX_FILE_PHOTOS, '同步包中的照片过多'),
  receipt: receiptSchema,
  sig: z.string().regex(/^[0-9a-f]{128}$/),
});
export type SyncFile = z.infer<typeof syncFileSchema>;

/**
 * What the exporter signs: the header, every event's hash in file order (each event's own hash and
 * signature fix its content), every device key, every photo's hash and the receipt's signature.
 */
function manifestHash(file: Omit<SyncFile, 'sig'>): string {
  const { format, version, createdAt, from, day, planName, scope, keys, receipt } = file;
  return sha256Hex(
    canonicalJson({
      format,
      version,
      createdAt,
      from,
      day,
      planName,
      scope,
      events: file.events.map((e) => (typeof e.hash === 'string' ? e.hash : '')),
      keys,
      photos: file.photos.map((p) => p.sha256),
      receipt: receipt.sig,
    }),
  );
}

/** A file with the exporter's signature over its manifest (tests re-sign an altered file with it). */
export function signSyncFile(unsigned: Omit<SyncFile, 'sig'>, signHash: (hashHex: string) => string): SyncFile {
  return { ...unsigned, sig: signHash(manifestHash(unsigned)) };
}

/**
 * The device whose newest receipt says what the receiver holds: the office a door paired with, else
 * whoever last signed a receipt kept here (the door whose 同步包 the office imported last).
 */
function receiverOfSinceReceipt(core: Core): string | undefined {
  const office = pairedOffice(core);
  if (office) return office.deviceId;
  return core.db.prepare('SELECT receiver_device_id FROM sync_receipts ORDER BY id DESC LIMIT 1').pluck().get() as string | undefined;
}

/** Every held event the receiver lacks, given its heads, through the same planner LAN sync uses. */
function eventsMissingFrom(core: Core, base: Heads): WireEvent[] {
  const held = heldEvents(core.db);
  const peer: Heads = { ...base };
  const events: WireEvent[] = [];
  for (;;) {
    const planned = planBatch(held, peer, { maxEvents: MAX_BATCH_EVENTS, maxBytes: Number.MAX_SAFE_INTEGER, byteLength: () => 0 });
    for (const event of planned.events) {
      events.push(event);
      peer[event.deviceId] = { seq: event.seq, hash: event.hash };
    }
    if (!planned.more || planned.events.length === 0 || events.length > MAX_FILE_EVENTS) return events;
  }
}

const photoNamed = (raw: Record<string, unknown>): string | undefined => {
  if (raw.type !== 'candidate.photo-attached') return undefined;
  const sha256 = (raw.payload as { sha256?: unknown } | undefined)?.sha256;
  return typeof sha256 === 'string' ? sha256 : undefined;
};

/**
 * This device's 同步包: everything it holds ('all'), or what the receiver of its newest receipt
 * lacks ('since-receipt'; everything when no receipt is kept yet). Refused without a plan: the file
 * names its exam day, and a receiver of another day refuses it.
 */
export function buildSyncFile(core: Core, scope: SyncFileScope): ApiResult<{ fileName: string; content: string; events: number; bytes: number }> {
  const day = dayIdentityOf(core.store);
  const plan = core.store.getPlan();
  if (!day || !plan) return err('refused', '本机还没有考试计划，无法导出同步包：请先导入考试日数据包或与考务办配对');
  const receiver = scope === 'since-receipt' ? receiverOfSinceReceipt(core) : undefined;
  const base = receiver ? (latestReceipt(core.db, receiver)?.heads ?? {}) : {};
  const wire = eventsMissingFrom(core, base);
  if (wire.length > MAX_FILE_EVENTS) return err('refused', `记录超过 ${MAX_FILE_EVENTS} 条，一个同步包装不下`);
  if (wire.length === 0) return err('refused', '按最近的收据，对方已有本机的全部记录，无需导出；如需全部记录，请选“全部记录”');

  const events = wire.map((e) => e.raw);
  const getPhoto = core.db.prepare('SELECT mime, bytes FROM candidate_photos WHERE sha256 = ?');
  const photos = [...new Set(events.flatMap((raw) => photoNamed(raw) ?? []))].flatMap((sha256) => {
    const row = getPhoto.get(sha256) as { mime: PhotoMime; bytes: Buffer } | undefined;
    return row ? [{ sha256, mime: row.mime, dataBase64: row.bytes.toString('base64') }] : [];
  });
  const unsigned: Omit<SyncFile, 'sig'> = {
    format: SYNC_FILE_FORMAT,
    version: SYNC_FILE_VERSION,
    createdAt: core.now().toISOString(),
    from: { deviceId: core.deviceId, publicKey: core.key.publicKeyHex },
    day,
    planName: plan.planName,
    scope,
    events,
    keys: pinnedKeys(core.db, wire.map((e) => e.deviceId)).map((k) => ({ deviceId: k.deviceId, publicKey: k.publicKeyHex })),
    photos,
    receipt: makeReceipt(core.db, core.key, core.now()),
  };
  const content = JSON.stringify(signSyncFile(unsigned, (hash) => core.key.signHash(hash)));
  if (content.length > SYNC_FILE_MAX_CHARS) return err('refused', '同步包过大（照片太多）：请改用“最近收据之后”的记录，或分次导出');
  const fileName = `同步包_${plan.date}_${core.deviceId.slice(0, 8)}${SYNC_FILE_EXTENSION}`;
  return ok({ fileName, content, events: events.length, bytes: Buffer.byteLength(content) });
}

/**
 * The 同步包 as it leaves the device, sealed (core/sealed-file.ts): on a door paired with an office
 * whose encryption key it learned at enrolment, to that key (the office opens it, no passphrase);
 * otherwise with a fresh passphrase, which only the exporting screen shows. The plain file never
 * leaves this call.
 */
export function buildSealedSyncFile(
  core: Core,
  scope: SyncFileScope,
): ApiResult<{ fileName: string; content: string; passphrase: string | null; sealedFor: { deviceId: string; name: string } | null; events: number; bytes: number }> {
  const built = buildSyncFile(core, scope);
  if (!built.ok) return built;
  const office = pairedOffice(core);
  const recipient = office ? recipientKeyOf(core.db, core.store, office.deviceId) : undefined;
  const passphrase = recipient ? null : newPassphrase();
  const content = recipient ? sealForDevice('sync-file', built.value.content, recipient, core.key) : sealWithPassphrase('sync-file', built.value.content, passphrase!, core.key);
  if (content.length > SYNC_FILE_MAX_CHARS) return err('refused', '同步包过大（照片太多）：请改用“最近收据之后”的记录，或分次导出');
  const sealedFor = recipient && office ? { deviceId: office.deviceId, name: office.name } : null;
  return ok({ fileName: built.value.fileName, content, passphrase, sealedFor, events: built.value.events, bytes: Buffer.byteLength(content) });
}

export interface ReadSyncFile {
  file: SyncFile;
  /** Each photo's bytes, with the type the signed event names (the file's own label is not trusted). */
  photos: { sha256: string; mime: PhotoMime; bytes: Buffer }[];
  receipt: Receipt;
}

/**
 * Reads a 同步包 and checks what needs nothing but the file: format and version, the exporter's key
 * against its device id, the signature over the manifest, the receipt's signer and signature, and
 * every photo against the hash and image type a carried event names. Events themselves are checked
 * against what the receiver holds (sync-file-import.ts).
 */
export function readSyncFile(content: string): ApiResult<ReadSyncFile> {
  let json: unknown;
  try {
    json = JSON.parse(content);
  } catch {
    return err('invalid-input', '文件不是同步包：内容无法读取（不是有效的 JSON，可能不完整）');
  }
  const header = z.object({ format: z.string(), version: z.number() }).safeParse(json);
  if (!header.success || header.data.format !== SYNC_FILE_FORMAT) return err('invalid-input', '文件不是同步包');
  if (header.data.version > SYNC_FILE_VERSION) return err('refused', '同步包由更新版本的程序导出，请先升级本机程序');
  const parsed = syncFileSchema.safeParse(json);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    const where = issue && issue.path.length > 0 ? `（${issue.path.join('.')}）` : '';
    return err('invalid-input', `同步包格式错误${where}：${issue?.message ?? ''}`);
  }
  const file = parsed.data;
  if (deviceIdFor(file.from.publicKey) !== file.from.deviceId) return err('refused', '同步包被改动：发送设备的标识与公钥不符');
  const key = publicKeyFromHex(file.from.publicKey);
  if (!key) return err('refused', '同步包被改动：发送设备的公钥无法读取');
  const { sig, ...unsigned } = file;
  if (!verifySignature(key, manifestHash(unsigned), sig)) return err('refused', '同步包签名无效：文件被改动或不完整');
  const receipt = file.receipt;
  if (receipt.receiverDeviceId !== file.from.deviceId) return err('refused', '同步包中的收据不是发送设备签发的');
  if (!receiptIsAuthentic(receipt, { sha256Hex, verifySig: (_deviceId, hash, s) => verifySignature(key, hash, s) })) {
    return err('refused', '同步包中的收据签名无效');
  }

  const signedMimes = new Map<string, PhotoMime>();
  for (const raw of file.events) {
    if (photoNamed(raw) === undefined) continue;
    const event = parseEvent(raw);
    if (event.ok && event.event.type === 'candidate.photo-attached') signedMimes.set(event.event.payload.sha256, event.event.payload.mime);
  }
  const photos: ReadSyncFile['photos'] = [];
  for (const photo of file.photos) {
    const bytes = Buffer.from(photo.dataBase64, 'base64');
    const mime = signedMimes.get(photo.sha256);
    if (mime === undefined || sha256OfBytes(bytes) !== photo.sha256) return err('refused', '同步包中的照片被改动（与记录的哈希不符）');
    const image = readImageHeader(bytes);
    if (!image.ok || image.mime !== mime) return err('refused', `同步包中的照片类型与签名记录不符（${image.ok ? image.mime : image.reason}）`);
    photos.push({ sha256: photo.sha256, mime, bytes });
  }
  return ok({ file, photos, receipt });
}

/**
 * A sealed 同步包 opened with the passphrase typed here (core/sealed-file.ts), then read as above. The
 * envelope's signer must be the device that signed the file inside.
 */
export function openSyncFile(sealed: string, opener: SealedOpener): ApiResult<ReadSyncFile> {
  const opened = openSealed('sync-file', sealed, opener);
  if (!opened.ok) return opened;
  const read = readSyncFile(opened.value.content);
  if (read.ok && read.value.file.from.publicKey !== opened.value.sender.publicKey) {
    return err('refused', `${TAMPERED}：加密信封与其中的同步包不是同一台设备签发的`);
  }
  return read;
}

/** The reason a file of `theirs` is refused on a device holding `mine` (the equality is protocol.ts's). */
export function dayRefusal(mine: DayIdentity | undefined, theirs: DayIdentity): string | undefined {
  if (!mine) return '本机还没有考试日：请先导入考试日数据包或与考务办配对';
  if (!dayMismatch(mine, theirs)) return undefined;
  if (mine.organisation !== theirs.organisation) return `同步包属于另一评价机构（${theirs.organisation}），本机为 ${mine.organisation}：未导入`;
  return `同步包属于另一个考试日（${theirs.date} ${theirs.planId}），本机为 ${mine.date} ${mine.planId}：未导入`;
}
