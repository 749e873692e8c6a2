import { createHash, type KeyObject } from 'node:crypto';
import { strFromU8 } from 'fflate';
import { checkArchivedEvents, checkArchivedReceipts, type ArchiveCrypto } from '../../../shared/center/archive-check';
import {
  MANIFEST_FILE,
  MANIFEST_SIGNATURE_FILE,
  REQUIRED_ARCHIVE_FILES,
  DEVICES_FILE,
  EVENTS_FILE,
  RECEIPTS_FILE,
  archiveDevicesSchema,
  archiveManifestSchema,
  type ArchiveManifest,
} from '../../../shared/center/archive-manifest';
import type { UnsignedEvent } from '../../../shared/events/event';
import { safeUnzip } from '../../../shared/zip/safe-unzip';
import { deviceIdFor, keyFingerprintFor, publicKeyFromHex, verifySignature } from '../../core/device-key';
import { eventHash } from '../../core/event-log';

export interface ArchiveVerdict {
  /** True only when the manifest is signed, every file matches it, and every event, chain and receipt checks out. */
  ok: boolean;
  /** Why not, in Chinese, most serious first. */
  problems: string[];
  /** What the archive says it is, when its manifest could be read. */
  manifest?: ArchiveManifest;
  /** The signing center key's fingerprint, for the reader to compare with the center's published one. */
  centerFingerprint?: string;
  events: number;
}

/** A day of a district: a few hundred thousand events, a few hundred PDFs. */
const ARCHIVE_LIMITS = { maxEntries: 10_000, maxEntryBytes: 2 * 1024 ** 3 - 1, maxTotalBytes: 4 * 1024 ** 3, maxRatio: 200, ratioFloorBytes: 1024 * 1024 };

const sha256 = (bytes: Uint8Array): string => createHash('sha256').update(bytes).digest('hex');

function nodeCrypto(): ArchiveCrypto {
  // One key object per device, not one per event: parsing a key costs as much as a check.
  const keys = new Map<string, KeyObject | undefined>();
  const keyOf = (hex: string): KeyObject | undefined => {
    if (!keys.has(hex)) keys.set(hex, publicKeyFromHex(hex));
    return keys.get(hex);
  };
  return {
    sha256Hex: (text) => createHash('sha256').update(text, 'utf8').digest('hex'),
    eventHash: (raw) => eventHash(raw as unknown as UnsignedEvent),
    verifySig: (publicKeyHex, hash, sig) => {
      const key = keyOf(publicKeyHex);
      return key !== undefined && verifySignature(key, hash, sig);
    },
    deviceIdFor,
  };
}

function parseJson(bytes: Uint8Array): unknown {
  try {
    return JSON.parse(strFromU8(bytes)) as unknown;
  } catch {
    return undefined;
  }
}

/**
 * `examday verify-archive`: checks a day archive offline, with nothing but the file (and, when given,
 * the center key it must be signed by). Every problem is listed; none stops the others being looked for.
 */
export function verifyDayArchive(bytes: Uint8Array, options: { pinnedCenterKeyHex?: string } = {}): ArchiveVerdict {
  const unzipped = safeUnzip(bytes, ARCHIVE_LIMITS);
  if (!unzipped.ok) return { ok: false, problems: [unzipped.reason], events: 0 };
  const files = unzipped.files;
  const manifestBytes = files.get(MANIFEST_FILE);
  const signature = files.get(MANIFEST_SIGNATURE_FILE);
  if (!manifestBytes || !signature) return { ok: false, problems: ['不是考试日存档：缺少 manifest.json 或 manifest.sig'], events: 0 };
  const parsed = archiveManifestSchema.safeParse(parseJson(manifestBytes));
  if (!parsed.success) return { ok: false, problems: [`清单 manifest.json 格式不对：${parsed.error.issues[0]?.message ?? ''}`], events: 0 };
  const manifest = parsed.data;
  const centerFingerprint = keyFingerprintFor(manifest.center.publicKeyHex);
  const problems: string[] = [];

  if (!verifySignature(manifest.center.publicKeyHex, sha256(manifestBytes), strFromU8(signature).trim())) problems.push('清单签名无效：manifest.json 在签名后被改动，或签名不是该中心的');
  if (options.pinnedCenterKeyHex !== undefined && options.pinnedCenterKeyHex.toLowerCase() !== manifest.center.publicKeyHex) {
    problems.push(`存档由另一把密钥签名（指纹 ${centerFingerprint}），不是指定的中心密钥`);
  }

  const listed = new Set<string>();
  for (const file of manifest.files) {
    if (listed.has(file.path)) problems.push(`清单中 ${file.path} 出现两次`);
    listed.add(file.path);
    const held = files.get(file.path);
    if (!held) problems.push(`缺少文件 ${file.path}（清单中有，存档中没有）`);
    else if (held.length !== file.bytes || sha256(held) !== file.sha256) problems.push(`文件 ${file.path} 与清单的 sha256 不符（已被改动）`);
  }
  for (const path of files.keys()) {
    if (path !== MANIFEST_FILE && path !== MANIFEST_SIGNATURE_FILE && !listed.has(path)) problems.push(`多出文件 ${path}（清单中没有）`);
  }
  for (const required of REQUIRED_ARCHIVE_FILES) if (!listed.has(required)) problems.push(`清单中缺少 ${required}`);

  const devices = archiveDevicesSchema.safeParse(parseJson(files.get(DEVICES_FILE) ?? new Uint8Array()));
  if (!devices.success) problems.push('设备清单 devices.json 缺失或格式不对');
  const receipts = parseJson(files.get(RECEIPTS_FILE) ?? new Uint8Array());
  if (!Array.isArray(receipts)) problems.push('回执 receipts.json 缺失或格式不对');

  const lines = strFromU8(files.get(EVENTS_FILE) ?? new Uint8Array())
    .split('\n')
    .filter((line) => line.length > 0);
  const events = lines.map((line) => {
    try {
      return JSON.parse(line) as unknown;
    } catch {
      return undefined;
    }
  });
  const crypto = nodeCrypto();
  const chains = checkArchivedEvents(events, devices.success ? devices.data : [], crypto);
  problems.push(...chains.problems);
  if (chains.events !== manifest.counts.events) problems.push(`清单记有 ${manifest.counts.events} 条事件，存档中完好的有 ${chains.events} 条`);
  if (Array.isArray(receipts)) problems.push(...checkArchivedReceipts(receipts, devices.success ? devices.data : [], manifest.center, chains, crypto));

  return { ok: problems.length === 0, problems, manifest, centerFingerprint, events: chains.events };
}
