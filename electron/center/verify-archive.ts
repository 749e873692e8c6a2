import { createHash } from 'node:crypto';
import { strFromU8 } from 'fflate';
import { z } from 'zod';
import { archiveManifestSchema, MANIFEST_FILE, MANIFEST_SIGNATURE_FILE, manifestSigningInput, type ArchiveManifest } from '../../shared/center/archive-manifest';
import { parseEvent, type UnsignedEvent } from '../../shared/events/event';
import { receiptIsAuthentic, receiptSchema } from '../../shared/sync/protocol';
import { verifyBatch } from '../../shared/sync/verify-batch';
import { safeUnzip } from '../../shared/zip/safe-unzip';
import { deviceIdFor, publicKeyFromHex, sha256Hex, verifySignature } from '../core/device-key';
import { eventHash } from '../core/event-log';
import { photoEntryProblems } from './archive-photos';

export interface ArchiveReport {
  ok: boolean;
  day: ArchiveManifest['day'] | null;
  centerDeviceId: string | null;
  devices: number;
  events: number;
  /** In Chinese: each thing that does not hold, naming the file. */
  problems: string[];
}

const LIMITS = { maxEntries: 100_000, maxEntryBytes: 2 * 1024 ** 3, maxTotalBytes: 8 * 1024 ** 3, maxRatio: 200, ratioFloorBytes: 1024 * 1024 };
const sha256OfBytes = (bytes: Uint8Array): string => createHash('sha256').update(bytes).digest('hex');
const devicesSchema = z.array(z.object({ deviceId: z.string(), publicKey: z.string() }));
const lines = (bytes: Uint8Array): string[] => strFromU8(bytes).split('\n').filter((l) => l.length > 0);

/**
 * Checks a day's archive offline, with nothing but the file (issue 14 item 6): the manifest's
 * signature by the center key it names, every file against its sha256, no file added or missing,
 * every device's chain (link, hash, schema, signature by its listed key) from its first event, each
 * center event's hash and signature, and every receipt's signature.
 */
export function verifyArchive(bytes: Uint8Array, options: { pinnedCenterKeyHex?: string } = {}): ArchiveReport {
  const report: ArchiveReport = { ok: false, day: null, centerDeviceId: null, devices: 0, events: 0, problems: [] };
  const problem = (text: string): ArchiveReport => {
    report.problems.push(text);
    return report;
  };
  const unzipped = safeUnzip(bytes, LIMITS);
  if (!unzipped.ok) return problem(unzipped.reason);
  const files = unzipped.files;
  const manifestBytes = files.get(MANIFEST_FILE);
  const sigBytes = files.get(MANIFEST_SIGNATURE_FILE);
  if (!manifestBytes || !sigBytes) return problem(`缺少 ${MANIFEST_FILE} 或 ${MANIFEST_SIGNATURE_FILE}：不是中心的考试日档案，或文件不完整`);
  let manifest: ArchiveManifest;
  try {
    const parsed = archiveManifestSchema.safeParse(JSON.parse(strFromU8(manifestBytes)));
    if (!parsed.success) return problem(`${MANIFEST_FILE} 格式错误：${parsed.error.issues[0]?.message ?? ''}`);
    manifest = parsed.data;
  } catch {
    return problem(`${MANIFEST_FILE} 不是有效的 JSON`);
  }
  report.day = manifest.day;
  report.centerDeviceId = manifest.center.deviceId;
  const centerKey = publicKeyFromHex(manifest.center.publicKey);
  if (!centerKey || deviceIdFor(manifest.center.publicKey) !== manifest.center.deviceId) return problem('清单中的中心公钥与中心设备编号不符');
  if (!verifySignature(centerKey, sha256Hex(manifestSigningInput(manifest)), strFromU8(sigBytes).trim())) return problem('清单签名无效：清单被改动，或不是该中心签发的');
  // Anyone can sign a rewritten archive with a key of their own: only a pinned key tells whose it is.
  if (options.pinnedCenterKeyHex !== undefined && options.pinnedCenterKeyHex.toLowerCase() !== manifest.center.publicKey) {
    problem(`档案由另一把密钥签名（中心设备 ${manifest.center.deviceId}），不是指定的中心密钥`);
  }

  const listed = new Map(manifest.files.map((f) => [f.path, f]));
  for (const entry of manifest.files) {
    const content = files.get(entry.path);
    if (!content) problem(`缺少文件 ${entry.path}`);
    else if (sha256OfBytes(content) !== entry.sha256 || content.byteLength !== entry.bytes) problem(`文件 ${entry.path} 被改动（哈希与清单不符）`);
  }
  for (const path of files.keys()) if (path !== MANIFEST_FILE && path !== MANIFEST_SIGNATURE_FILE && !listed.has(path)) problem(`多出清单之外的文件 ${path}`);
  for (const text of photoEntryProblems(files)) problem(text);

  const devicesFile = files.get('devices.json');
  const devices = devicesFile ? devicesSchema.safeParse(JSON.parse(strFromU8(devicesFile))) : undefined;
  if (!devices?.success) {
    problem('devices.json 缺失或格式错误');
    return finish(report);
  }
  const keys = new Map(devices.data.filter((d) => deviceIdFor(d.publicKey) === d.deviceId).map((d) => [d.deviceId, publicKeyFromHex(d.publicKey)]));
  for (const d of devices.data) if (!keys.get(d.deviceId)) problem(`设备 ${d.deviceId} 的公钥与编号不符或无法读取`);
  report.devices = devices.data.length;
  const crypto = {
    hashEvent: (raw: UnsignedEvent) => eventHash(raw),
    sha256Hex,
    isEnrolled: (deviceId: string) => keys.get(deviceId) !== undefined,
    verifySig: (deviceId: string, hash: string, sig: string) => {
      const key = keys.get(deviceId);
      return key !== undefined && verifySignature(key, hash, sig);
    },
  };
  /** The hash of each event that checks out, by device/seq: what receipts are held against. */
  const held = new Map<string, string>();
  for (const [path, content] of files) {
    const match = /^events\/([0-9a-f]{16})\.jsonl$/.exec(path);
    if (!match) continue;
    let raws: Record<string, unknown>[];
    try {
      raws = lines(content).map((l) => JSON.parse(l) as Record<string, unknown>);
    } catch {
      problem(`${path} 中有无法读取的行`);
      continue;
    }
    const verdict = verifyBatch(raws, { head: () => undefined, hashAt: () => undefined }, crypto);
    report.events += verdict.accepted.length;
    for (const { event } of verdict.accepted) held.set(`${event.deviceId}/${event.seq}`, event.hash);
    const first = verdict.rejected[0];
    if (first) problem(`${path}：${first.reason}`);
    if (verdict.accepted.some((a) => a.event.deviceId !== match[1])) problem(`${path} 中有其他设备的记录`);
  }

  const centerEvents = files.get('center-events.jsonl');
  for (const line of centerEvents ? lines(centerEvents) : []) {
    const raw = JSON.parse(line) as Record<string, unknown>;
    const parsed = parseEvent(raw);
    if (!parsed.ok || parsed.event.deviceId !== manifest.center.deviceId) {
      problem('center-events.jsonl 中有不是该中心的记录');
      continue;
    }
    // The center's chain spans every day: within one day's archive each event is checked on its own.
    if (eventHash(raw as unknown as UnsignedEvent) !== parsed.event.hash || !verifySignature(centerKey, parsed.event.hash, parsed.event.sig)) {
      problem(`中心记录第 ${parsed.event.seq} 条哈希或签名不符`);
    }
  }
  const receipts = files.get('receipts.json');
  const receiptList = receipts ? z.array(receiptSchema).safeParse(JSON.parse(strFromU8(receipts))) : undefined;
  if (!receiptList?.success) problem('receipts.json 缺失或格式错误');
  else {
    for (const receipt of receiptList.data) {
      if (!receiptIsAuthentic(receipt, { sha256Hex, verifySig: (_d, hash, sig) => verifySignature(centerKey, hash, sig) })) {
        problem(`中心收据（${receipt.at}）签名无效`);
        continue;
      }
      // What the center once said it held must still be here: a tail cut off and the manifest
      // re-signed leaves every chain whole, but not the receipts.
      for (const [deviceId, head] of Object.entries(receipt.heads)) {
        const hash = held.get(`${deviceId}/${head.seq}`);
        if (hash === undefined) problem(`中心收据（${receipt.at}）表明设备 ${deviceId} 曾有第 ${head.seq} 条记录，档案中没有（记录被截断或删除）`);
        else if (hash !== head.hash) problem(`中心收据（${receipt.at}）所记设备 ${deviceId} 第 ${head.seq} 条与档案不同（记录被改动）`);
      }
    }
  }
  return finish(report);
}

function finish(report: ArchiveReport): ArchiveReport {
  report.ok = report.problems.length === 0;
  return report;
}
