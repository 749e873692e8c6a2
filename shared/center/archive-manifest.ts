import { z } from 'zod';
import { deviceIdSchema } from '../sync/protocol';

/**
 * One exam day's archive (issue 14 item 6, 第二十九条: kept ≥ 5 years, 可追溯、可倒查): a zip whose
 * manifest lists every file with its sha256, signed by the center's key, so that years later and with
 * no database `examday verify-archive` can prove nothing was added, removed or changed.
 */
export const ARCHIVE_FORMAT = 'examday-day-archive';
export const ARCHIVE_VERSION = 1;

export const MANIFEST_FILE = 'manifest.json';
/** Hex Ed25519 signature over the sha256 of manifest.json's exact bytes. */
export const MANIFEST_SIGNATURE_FILE = 'manifest.sig';
/** Every event of the day, one JSON object per line, by device then seq. */
export const EVENTS_FILE = 'events.jsonl';
/** Every device's public key (SPKI DER hex) and what the center knows of it. */
export const DEVICES_FILE = 'devices.json';
/** Receipts the devices and the center signed: what each held, so a cut tail shows. */
export const RECEIPTS_FILE = 'receipts.json';
/** Documents (PDF) live under this folder; they are listed and hashed like every other file. */
export const DOCUMENTS_FOLDER = 'documents/';

const sha256Hex = z.string().regex(/^[0-9a-f]{64}$/, 'sha256 应为 64 位十六进制');
const publicKeyHex = z.string().regex(/^[0-9a-f]{20,200}$/, '公钥应为十六进制');
/** A file name inside the archive: relative, no "..", no backslash, no absolute path. */
const archivePath = z
  .string()
  .min(1)
  .max(200)
  .refine((p) => !p.startsWith('/') && !p.includes('\\') && !p.split('/').includes('..') && !p.split('/').includes(''), '文件路径不合规');

export const archiveFileSchema = z.object({ path: archivePath, sha256: sha256Hex, bytes: z.number().int().min(0) }).strict();
export type ArchiveFile = z.infer<typeof archiveFileSchema>;

export const archiveDaySchema = z
  .object({ organisation: z.string().max(200), planName: z.string().max(200), date: z.string().regex(/^\d{4}-\d{2}-\d{2}$/) })
  .strict();
export type ArchiveDay = z.infer<typeof archiveDaySchema>;

export const archiveManifestSchema = z
  .object({
    format: z.literal(ARCHIVE_FORMAT),
    version: z.literal(ARCHIVE_VERSION),
    createdAt: z.string().datetime({ offset: true }),
    day: archiveDaySchema,
    /** The signer: the center's public key; verify-archive compares it with a pinned key when given one. */
    center: z.object({ name: z.string().max(200), publicKeyHex }).strict(),
    counts: z.object({ events: z.number().int().min(0), devices: z.number().int().min(0), receipts: z.number().int().min(0) }).strict(),
    files: z.array(archiveFileSchema).max(10_000),
  })
  .strict();
export type ArchiveManifest = z.infer<typeof archiveManifestSchema>;

export const archiveDeviceSchema = z
  .object({ deviceId: deviceIdSchema, publicKeyHex, name: z.string().max(200).optional(), roomNo: z.string().max(40).optional() })
  .strict();
export type ArchiveDevice = z.infer<typeof archiveDeviceSchema>;
export const archiveDevicesSchema = z.array(archiveDeviceSchema).max(100_000);

/** The files every archive has besides its documents, each listed in the manifest. */
export const REQUIRED_ARCHIVE_FILES = [EVENTS_FILE, DEVICES_FILE, RECEIPTS_FILE] as const;
