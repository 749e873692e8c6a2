import { GENESIS_HASH, parseEvent } from '../events/event';
import { receiptIsAuthentic, receiptSchema, type Receipt } from '../sync/protocol';
import type { ArchiveDevice } from './archive-manifest';

/** Crypto is injected: shared/ has no node:crypto (electron/center/archive/verify-day-archive.ts passes node's). */
export interface ArchiveCrypto {
  sha256Hex(text: string): string;
  /** The event hash over the event's canonical form, as the writer computed it. */
  eventHash(raw: Record<string, unknown>): string;
  verifySig(publicKeyHex: string, hashHex: string, sigHex: string): boolean;
  /** The device id a public key stands for (its fingerprint's start). */
  deviceIdFor(publicKeyHex: string): string;
}

export interface ArchivedHead {
  seq: number;
  hash: string;
}

export interface ChainCheck {
  problems: string[];
  /** The last event held per device, as a receipt would name it. */
  heads: Map<string, ArchivedHead>;
  /** The hash held at each (device, seq), to check receipts against. */
  hashAt: (deviceId: string, seq: number) => string | undefined;
  events: number;
}

const isRecord = (value: unknown): value is Record<string, unknown> => typeof value === 'object' && value !== null && !Array.isArray(value);
const short = (deviceId: string): string => deviceId.slice(0, 8);

/** At most this many problems of one kind are listed; the rest are counted, so a wrecked file stays readable. */
const LISTED_PER_DEVICE = 5;

/**
 * Every archived event on its own (schema, hash over its content, signature by its device's key,
 * that key being the device's own) and each device's chain (seq from 1 without gaps or doubles, each
 * event linked to the one before). The same checks the site's `verify` makes, over a file instead of
 * a database.
 */
export function checkArchivedEvents(events: readonly unknown[], devices: readonly ArchiveDevice[], crypto: ArchiveCrypto): ChainCheck {
  const problems: string[] = [];
  const keyOf = new Map<string, string>();
  for (const device of devices) {
    if (keyOf.has(device.deviceId)) problems.push(`设备 ${short(device.deviceId)} 在设备清单中出现两次`);
    else if (crypto.deviceIdFor(device.publicKeyHex) !== device.deviceId) problems.push(`设备 ${short(device.deviceId)} 的公钥与其设备编号不符`);
    else keyOf.set(device.deviceId, device.publicKeyHex);
  }

  const byDevice = new Map<string, Map<number, Record<string, unknown>>>();
  const broken = new Map<string, number>();
  const note = (deviceId: string, reason: string): void => {
    const count = (broken.get(deviceId) ?? 0) + 1;
    broken.set(deviceId, count);
    if (count <= LISTED_PER_DEVICE) problems.push(reason);
  };
  events.forEach((raw, index) => {
    const line = index + 1;
    if (!isRecord(raw) || typeof raw.deviceId !== 'string' || typeof raw.seq !== 'number') {
      problems.push(`events.jsonl 第 ${line} 行不是事件`);
      return;
    }
    const deviceId = raw.deviceId;
    const where = `设备 ${short(deviceId)} 第 ${raw.seq} 条`;
    const parsed = parseEvent(raw);
    if (!parsed.ok) return note(deviceId, `${where}：${parsed.reason}`);
    if (typeof raw.hash !== 'string' || crypto.eventHash(raw) !== raw.hash) return note(deviceId, `${where}：哈希不符，事件内容在签名后被改动`);
    const key = keyOf.get(deviceId);
    if (key === undefined) return note(deviceId, `${where}：设备不在设备清单中，签名无从核对`);
    if (typeof raw.sig !== 'string' || !crypto.verifySig(key, raw.hash, raw.sig)) return note(deviceId, `${where}：签名无效`);
    let chain = byDevice.get(deviceId);
    if (!chain) byDevice.set(deviceId, (chain = new Map()));
    const held = chain.get(raw.seq);
    if (held !== undefined) return note(deviceId, `${where}：同一序号有两条事件${held.hash === raw.hash ? '（重复）' : '（记录分叉）'}`);
    chain.set(raw.seq, raw);
  });

  const heads = new Map<string, ArchivedHead>();
  for (const [deviceId, chain] of [...byDevice.entries()].sort(([a], [b]) => (a < b ? -1 : 1))) {
    const last = Math.max(...chain.keys());
    let prev = GENESIS_HASH;
    for (let seq = 1; seq <= last; seq += 1) {
      const event = chain.get(seq);
      if (!event) {
        note(deviceId, `设备 ${short(deviceId)} 缺少第 ${seq} 条事件（记录被删除）`);
        prev = '';
        continue;
      }
      if (prev !== '' && event.prevHash !== prev) note(deviceId, `设备 ${short(deviceId)} 第 ${seq} 条与前一条不相连（链条断开）`);
      prev = event.hash as string;
    }
    heads.set(deviceId, { seq: last, hash: chain.get(last)!.hash as string });
  }
  for (const [deviceId, count] of broken) {
    if (count > LISTED_PER_DEVICE) problems.push(`设备 ${short(deviceId)} 另有 ${count - LISTED_PER_DEVICE} 处问题未逐条列出`);
  }
  return {
    problems,
    heads,
    hashAt: (deviceId, seq) => byDevice.get(deviceId)?.get(seq)?.hash as string | undefined,
    events: [...byDevice.values()].reduce((n, chain) => n + chain.size, 0),
  };
}

/**
 * Each receipt signed by its receiver (a device of the archive, or the center itself), and every
 * event a receipt says its receiver held is in the archive with the same hash: a log cut short or
 * changed after the receipt shows here even where the chain left behind is whole.
 */
export function checkArchivedReceipts(
  receipts: readonly unknown[],
  devices: readonly ArchiveDevice[],
  center: { publicKeyHex: string },
  chains: ChainCheck,
  crypto: ArchiveCrypto,
): string[] {
  const problems: string[] = [];
  const keyOf = new Map(devices.map((d) => [d.deviceId, d.publicKeyHex]));
  keyOf.set(crypto.deviceIdFor(center.publicKeyHex), center.publicKeyHex);
  receipts.forEach((raw, index) => {
    const parsed = receiptSchema.safeParse(raw);
    const where = `第 ${index + 1} 张回执`;
    if (!parsed.success) {
      problems.push(`${where}格式不对`);
      return;
    }
    const receipt: Receipt = parsed.data;
    const key = keyOf.get(receipt.receiverDeviceId);
    const authentic =
      key !== undefined && receiptIsAuthentic(receipt, { sha256Hex: crypto.sha256Hex, verifySig: (_id, hash, sig) => crypto.verifySig(key, hash, sig) });
    if (!authentic) {
      problems.push(`${where}（${short(receipt.receiverDeviceId)} 签发）签名无效或签发者未知`);
      return;
    }
    for (const [deviceId, head] of Object.entries(receipt.heads)) {
      const held = chains.hashAt(deviceId, head.seq);
      if (held === undefined) problems.push(`${where}表明设备 ${short(deviceId)} 曾有第 ${head.seq} 条事件，存档中没有（记录被截断或删除）`);
      else if (held !== head.hash) problems.push(`${where}所记设备 ${short(deviceId)} 第 ${head.seq} 条的哈希与存档不同（记录被改动）`);
    }
  });
  return problems;
}
