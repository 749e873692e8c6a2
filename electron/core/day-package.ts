import { z } from 'zod';
import { err, ok, type ApiResult } from '../../shared/api/result';
import { canonicalJson } from '../../shared/events/canonical-json';
import { linkKindOf } from '../../shared/events/chain-link';
import { parseEvent, type ExamDayEvent, type UnsignedEvent } from '../../shared/events/event';
import { MAX_PHOTO_BYTES, PHOTO_MIMES, type PhotoMime } from '../../shared/photos/photo';
import { readImageHeader } from '../../shared/photos/image-header';
import type { Db } from './database';
import { deviceIdFor, publicKeyFromHex, sha256Hex, verifySignature, type DeviceKey } from './device-key';
import { eventHash, rowToRawEvent, type EventRow } from './event-log';
import type { ForeignEventWriter } from './foreign-events';
import { sha256OfBytes } from './photo-store';
import { openSealed, TAMPERED, type SealedOpener } from './sealed-file';

export const DAY_PACKAGE_FORMAT = 'examday-day-package';
export const DAY_PACKAGE_VERSION = 1;
/** A site of a few thousand candidates writes some ten thousand events. */
const MAX_PACKAGE_EVENTS = 100_000;
const MAX_PACKAGE_PHOTOS = 20_000;

const packageSchema = z.object({
  format: z.string(),
  version: z.number().int(),
  createdAt: z.string(),
  office: z.object({ deviceId: z.string().regex(/^[0-9a-f]{16}$/), publicKey: z.string().regex(/^[0-9a-f]{20,200}$/) }),
  events: z.array(z.unknown()).max(MAX_PACKAGE_EVENTS, '数据包中的事件过多'),
  photos: z
    .array(z.object({ sha256: z.string().regex(/^[0-9a-f]{64}$/), mime: z.enum(PHOTO_MIMES), dataBase64: z.string().max(Math.ceil(MAX_PHOTO_BYTES / 3) * 4) }))
    .max(MAX_PACKAGE_PHOTOS, '数据包中的照片过多'),
  sig: z.string().regex(/^[0-9a-f]{128}$/),
});
type DayPackageFile = z.infer<typeof packageSchema>;

/**
 * What the office signs over the whole package: its key, the head of its event chain (which fixes
 * every event before it) and the hash of every photo (each also named by a signed event).
 */
function manifestHash(p: Pick<DayPackageFile, 'format' | 'version' | 'createdAt' | 'office'>, head: { seq: number; hash: string }, photoHashes: string[]): string {
  const { format, version, createdAt, office } = p;
  return sha256Hex(canonicalJson({ format, version, createdAt, office, head, photos: [...photoHashes].sort() }));
}

const safeName = (text: string): string => text.replace(/[\\/:*?"<>|\s]+/g, '_').slice(0, 60);

/** The office device's own chain and the photos its events name, as one signed file (JSON text). */
export function buildDayPackage(
  db: Db,
  key: DeviceKey,
  now: Date,
): ApiResult<{ fileName: string; content: string; events: number; photos: number; bytes: number }> {
  const rows = db.prepare('SELECT * FROM events WHERE device_id = ? ORDER BY seq').all(key.deviceId) as EventRow[];
  const events = rows.map(rowToRawEvent);
  const last = rows[rows.length - 1];
  if (!last) return err('refused', '本机还没有任何记录，无法导出');
  const photoHashes = [
    ...new Set(rows.filter((r) => r.type === 'candidate.photo-attached').map((r) => (JSON.parse(r.payload) as { sha256: string }).sha256)),
  ];
  const getPhoto = db.prepare('SELECT mime, bytes FROM candidate_photos WHERE sha256 = ?');
  const photos = photoHashes.flatMap((sha256) => {
    const row = getPhoto.get(sha256) as { mime: (typeof PHOTO_MIMES)[number]; bytes: Buffer } | undefined;
    return row ? [{ sha256, mime: row.mime, dataBase64: row.bytes.toString('base64') }] : [];
  });
  const head = { format: DAY_PACKAGE_FORMAT, version: DAY_PACKAGE_VERSION, createdAt: now.toISOString(), office: { deviceId: key.deviceId, publicKey: key.publicKeyHex } };
  const sig = key.signHash(manifestHash(head, { seq: last.seq, hash: last.hash }, photos.map((p) => p.sha256)));
  const content = JSON.stringify({ ...head, events, photos, sig });
  const planRow = rows.filter((r) => r.type === 'plan.set').pop();
  const plan = planRow ? (JSON.parse(planRow.payload) as { plan: { date: string; planName: string } }).plan : undefined;
  const fileName = `考试日数据包_${plan ? `${plan.date}_${safeName(plan.planName)}` : key.deviceId}.examday.json`;
  return ok({ fileName, content, events: events.length, photos: photos.length, bytes: Buffer.byteLength(content) });
}

export interface VerifiedDayPackage {
  officeDeviceId: string;
  officePublicKey: string;
  planName: string;
  events: { event: ExamDayEvent; raw: Record<string, unknown> }[];
  photos: { sha256: string; mime: string; bytes: Buffer }[];
}

/**
 * Checks a day package completely before anything is stored: format, the office key against its
 * device id, every event's schema, numbering, chain, hash and signature, the package signature, and
 * every photo against the hash its event names. Reasons are in Chinese for the door laptop's screen.
 */
export function verifyDayPackage(content: string): ApiResult<VerifiedDayPackage> {
  let json: unknown;
  try {
    json = JSON.parse(content);
  } catch {
    return err('invalid-input', '文件不是考试日数据包：内容无法读取（不是有效的 JSON，可能不完整）');
  }
  const envelope = packageSchema.safeParse(json);
  if (!envelope.success || envelope.data.format !== DAY_PACKAGE_FORMAT) {
    const looksLikeOurs = typeof json === 'object' && json !== null && (json as { format?: unknown }).format === DAY_PACKAGE_FORMAT;
    return err('invalid-input', looksLikeOurs ? `数据包格式错误：${envelope.error?.issues[0]?.message ?? ''}` : '文件不是考试日数据包');
  }
  const pkg = envelope.data;
  if (pkg.version > DAY_PACKAGE_VERSION) return err('refused', '数据包由更新版本的程序导出，请先升级本机程序');
  // Trust: the key comes from the package itself. Its device id must derive from it, so the package
  // cannot claim another device's id; whether it is the office's key at all only the fingerprint
  // compared with the office's (verify prints it) or a key already stored (importDayPackage) can say.
  if (deviceIdFor(pkg.office.publicKey) !== pkg.office.deviceId) return err('refused', '数据包被改动：设备标识与公钥不符');
  const publicKey = publicKeyFromHex(pkg.office.publicKey);
  if (!publicKey) return err('refused', '数据包被改动：公钥无法读取');

  const events: VerifiedDayPackage['events'] = [];
  let previous: { hash: string; sig: string } | undefined;
  let planName = '';
  /** Each photo's type as its signed event names it: the package's own `mime` label is not signed. */
  const photoMimes = new Map<string, PhotoMime>();
  for (const [index, raw] of pkg.events.entries()) {
    const n = index + 1;
    const parsed = parseEvent(raw);
    if (!parsed.ok) return err('refused', `数据包第 ${n} 条记录无效：${parsed.reason}`);
    const { event } = parsed;
    if (event.deviceId !== pkg.office.deviceId) return err('refused', `数据包第 ${n} 条记录不是这台考务办设备写的`);
    if (event.seq !== n) return err('refused', `数据包记录不完整：第 ${n} 条的序号是 ${event.seq}`);
    if (linkKindOf(event.prevHash, previous, sha256Hex) === undefined) return err('refused', `数据包第 ${n} 条记录与前一条接不上（记录被删改）`);
    if (eventHash(raw as UnsignedEvent) !== event.hash) return err('refused', `数据包第 ${n} 条记录在签名后被改动（哈希不符）`);
    if (!verifySignature(publicKey, event.hash, event.sig)) return err('refused', `数据包第 ${n} 条记录的签名无效：不是这台考务办设备签发的`);
    previous = event;
    if (event.type === 'plan.set') planName = event.payload.plan.planName;
    if (event.type === 'candidate.photo-attached') photoMimes.set(event.payload.sha256, event.payload.mime);
    events.push({ event, raw: raw as Record<string, unknown> });
  }
  const last = events[events.length - 1]?.event;
  if (!last) return err('refused', '数据包是空的');
  if (planName === '') return err('refused', '数据包中没有考试计划');
  if (!verifySignature(publicKey, manifestHash(pkg, { seq: last.seq, hash: last.hash }, pkg.photos.map((p) => p.sha256)), pkg.sig)) {
    return err('refused', '数据包签名无效：文件被改动或不完整');
  }
  const photos: VerifiedDayPackage['photos'] = [];
  for (const photo of pkg.photos) {
    const bytes = Buffer.from(photo.dataBase64, 'base64');
    const signedMime = photoMimes.get(photo.sha256);
    if (signedMime === undefined || sha256OfBytes(bytes) !== photo.sha256) return err('refused', '数据包中的照片被改动（与记录的哈希不符）');
    const header = readImageHeader(bytes);
    if (!header.ok || header.mime !== signedMime) return err('refused', `数据包中的照片类型与签名记录不符（${header.ok ? header.mime : header.reason}）`);
    photos.push({ sha256: photo.sha256, mime: signedMime, bytes });
  }
  return ok({ officeDeviceId: pkg.office.deviceId, officePublicKey: pkg.office.publicKey, planName, events, photos });
}

/**
 * A sealed day package opened with the passphrase typed at the door, or with the door's own key when
 * the office sealed it to the door (sealed-file.ts), then verified as above. The envelope's signer
 * must be the office that signed the package inside.
 */
export function openDayPackage(sealed: string, opener: SealedOpener): ApiResult<VerifiedDayPackage> {
  const opened = openSealed('day-package', sealed, opener);
  if (!opened.ok) return opened;
  const verified = verifyDayPackage(opened.value.content);
  if (verified.ok && verified.value.officePublicKey !== opened.value.sender.publicKey) {
    return err('refused', `${TAMPERED}：加密信封与其中的数据包不是同一台设备签发的`);
  }
  return verified;
}

/**
 * Stores a verified package in one transaction: the office's events through the writer for other
 * devices' events (which pins the office key, skips what is already held and refuses a fork, all
 * checked inside the transaction), then the photos. All or nothing.
 */
/*
 * Where the office key's trust comes from: the person importing compared its fingerprint with the
 * office screen; the foreign writer then pins it, and a later package must carry the same key.
 */
export function importDayPackage(db: Db, foreign: ForeignEventWriter, pkg: VerifiedDayPackage): ApiResult<{ imported: number; alreadyHeld: number }> {
  const putPhoto = db.prepare('INSERT OR IGNORE INTO candidate_photos (sha256, mime, bytes) VALUES (?, ?, ?)');
  return db.transaction((): ApiResult<{ imported: number; alreadyHeld: number }> => {
    const stored = foreign.storeBatch({
      devices: [{ deviceId: pkg.officeDeviceId, publicKeyHex: pkg.officePublicKey }],
      events: pkg.events.map((e) => e.raw),
    });
    if (!stored.ok) {
      const fork = stored.forks[0];
      return err('refused', fork ? `数据包与本机已有的考务办记录冲突（第 ${fork.seq} 条不同），未导入` : `数据包未导入：${stored.reason}`);
    }
    for (const photo of pkg.photos) putPhoto.run(photo.sha256, photo.mime, photo.bytes);
    return ok({ imported: stored.stored, alreadyHeld: stored.alreadyHeld });
  })();
}
