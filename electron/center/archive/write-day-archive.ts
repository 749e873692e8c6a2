import { createHash } from 'node:crypto';
import { strToU8, zipSync, type Zippable } from 'fflate';
import {
  ARCHIVE_FORMAT,
  ARCHIVE_VERSION,
  DEVICES_FILE,
  DOCUMENTS_FOLDER,
  EVENTS_FILE,
  MANIFEST_FILE,
  MANIFEST_SIGNATURE_FILE,
  RECEIPTS_FILE,
  type ArchiveDay,
  type ArchiveDevice,
  type ArchiveManifest,
} from '../../../shared/center/archive-manifest';
import type { Receipt } from '../../../shared/sync/protocol';
import type { DeviceKey } from '../../core/device-key';

export interface DayArchiveInput {
  day: ArchiveDay;
  center: { name: string; key: Pick<DeviceKey, 'publicKeyHex' | 'signHash'> };
  /** Every event of the day as signed (raw objects with hash and sig), from every device. */
  events: readonly Record<string, unknown>[];
  devices: readonly ArchiveDevice[];
  receipts: readonly Receipt[];
  /** Rendered documents (room records, custody report), named inside documents/. */
  documents: readonly { name: string; bytes: Uint8Array }[];
  createdAt: Date;
}

const sha256 = (bytes: Uint8Array): string => createHash('sha256').update(bytes).digest('hex');

const bySeq = (a: Record<string, unknown>, b: Record<string, unknown>): number => {
  const x = String(a.deviceId);
  const y = String(b.deviceId);
  return x < y ? -1 : x > y ? 1 : Number(a.seq) - Number(b.seq);
};

/**
 * One exam day as a signed zip (issue 14 item 6): events by device and seq, the devices' keys, the
 * receipts, the documents, and a manifest of every file's sha256 signed by the center's key. Kept
 * as bytes so the caller decides where it goes (a download, a retention folder).
 */
export function writeDayArchive(input: DayArchiveInput): Uint8Array {
  const files = new Map<string, Uint8Array>();
  files.set(EVENTS_FILE, strToU8([...input.events].sort(bySeq).map((e) => `${JSON.stringify(e)}\n`).join('')));
  files.set(DEVICES_FILE, strToU8(JSON.stringify([...input.devices].sort((a, b) => (a.deviceId < b.deviceId ? -1 : 1)), null, 1)));
  files.set(RECEIPTS_FILE, strToU8(JSON.stringify(input.receipts, null, 1)));
  for (const document of input.documents) {
    const path = `${DOCUMENTS_FOLDER}${document.name}`;
    if (files.has(path)) throw new Error(`两份文件同名：${document.name}`);
    files.set(path, document.bytes);
  }
  const manifest: ArchiveManifest = {
    format: ARCHIVE_FORMAT,
    version: ARCHIVE_VERSION,
    createdAt: input.createdAt.toISOString(),
    day: input.day,
    center: { name: input.center.name, publicKeyHex: input.center.key.publicKeyHex },
    counts: { events: input.events.length, devices: input.devices.length, receipts: input.receipts.length },
    files: [...files].map(([path, bytes]) => ({ path, sha256: sha256(bytes), bytes: bytes.length })),
  };
  const manifestBytes = strToU8(JSON.stringify(manifest, null, 1));
  const zippable: Zippable = { [MANIFEST_FILE]: manifestBytes, [MANIFEST_SIGNATURE_FILE]: strToU8(input.center.key.signHash(sha256(manifestBytes))) };
  // PDFs are compressed already; the text files shrink tenfold.
  for (const [path, bytes] of files) zippable[path] = [bytes, { level: path.startsWith(DOCUMENTS_FOLDER) ? 0 : 6 }];
  return zipSync(zippable, { mtime: input.createdAt });
}
