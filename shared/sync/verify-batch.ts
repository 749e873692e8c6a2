import { GENESIS_HASH, parseEvent, type ExamDayEvent, type UnsignedEvent } from '../events/event';
import type { Head, Heads } from './protocol';

/** What the receiver already holds, as its storage answers it. */
export interface HeldChains {
  head(deviceId: string): Head | undefined;
  hashAt(deviceId: string, seq: number): string | undefined;
}

/**
 * Crypto and enrolment, injected (shared/ has no node:crypto). `hashEvent` is sha256 of the canonical
 * JSON of `hashedPart(raw)` (electron/core/event-log.ts `eventHash`); `verifySig` checks against the
 * key learned at enrolment; `isEnrolled` says whether there is such a key.
 */
export interface BatchCrypto {
  hashEvent(raw: UnsignedEvent): string;
  isEnrolled(deviceId: string): boolean;
  verifySig(deviceId: string, hashHex: string, sigHex: string): boolean;
}

/** Two different events at one (deviceId, seq): the incoming one is refused and kept as evidence. */
export interface ForkEvidence {
  deviceId: string;
  seq: number;
  heldHash: string;
  incoming: ExamDayEvent;
  /** The incoming event exactly as received, to store as evidence beside the held one. */
  incomingRaw: Record<string, unknown>;
}

export interface RejectedEvent {
  /** Position in the batch. */
  index: number;
  deviceId: string | undefined;
  seq: number | undefined;
  /** In Chinese, for the office screen and the sender's log. */
  reason: string;
}

export interface AcceptedEvent {
  event: ExamDayEvent;
  /** As received: what is stored (the hash covers these bytes, not a re-serialised parse). */
  raw: Record<string, unknown>;
}

export interface BatchVerdict {
  /** Valid continuations of the held chains, in batch order: store them in one transaction. */
  accepted: AcceptedEvent[];
  /** Already held with the same hash: nothing to do (a repeated push). */
  duplicates: number;
  forks: ForkEvidence[];
  rejected: RejectedEvent[];
  /** Heads of the devices this batch touched, after storing `accepted`: merge into the receipt. */
  advancedHeads: Heads;
}

interface DeviceTip {
  seq: number;
  hash: string;
  /** Hashes of the events accepted in this batch, by seq, to tell a repeat inside the batch. */
  inBatch: Map<number, string> | undefined;
  /** Set once a device's chain broke in this batch: later events of it cannot link. */
  stoppedAt: number | undefined;
}

const head = (raw: Record<string, unknown>): { deviceId: string | undefined; seq: number | undefined } => ({
  deviceId: typeof raw.deviceId === 'string' ? raw.deviceId : undefined,
  seq: typeof raw.seq === 'number' ? raw.seq : undefined,
});

/**
 * Checks an incoming batch against what is held (DESIGN "Sync"): per device the events must
 * continue the held chain (seq = held + 1, prevHash = held hash), parse (schema), hash to their
 * `hash` and carry a valid signature by an enrolled device. The accepted events are valid chain
 * prefixes, so storing them atomically never leaves a gap; a device whose chain breaks in the batch
 * gets nothing more from this batch, and the receipt's heads tell the sender where to resume.
 *
 * Cost: one schema parse, one hash and one signature check per new event; held duplicates cost a
 * lookup only. Events of one device must come in seq order (plan-batches.ts sends them so).
 */
export function verifyBatch(rawEvents: readonly Record<string, unknown>[], held: HeldChains, crypto: BatchCrypto): BatchVerdict {
  const tips = new Map<string, DeviceTip>();
  const accepted: AcceptedEvent[] = [];
  const forks: ForkEvidence[] = [];
  const rejected: RejectedEvent[] = [];
  let duplicates = 0;

  const tipOf = (deviceId: string): DeviceTip => {
    let tip = tips.get(deviceId);
    if (!tip) {
      const h = held.head(deviceId);
      tip = { seq: h?.seq ?? 0, hash: h?.hash ?? GENESIS_HASH, inBatch: undefined, stoppedAt: undefined };
      tips.set(deviceId, tip);
    }
    return tip;
  };

  for (let index = 0; index < rawEvents.length; index += 1) {
    const raw = rawEvents[index] as Record<string, unknown>;
    const reject = (reason: string): void => {
      rejected.push({ index, ...head(raw), reason });
    };
    const parsed = parseEvent(raw);
    if (!parsed.ok) {
      const { deviceId } = head(raw);
      if (deviceId !== undefined && /^[0-9a-f]{16}$/.test(deviceId)) {
        const tip = tipOf(deviceId);
        tip.stoppedAt ??= index;
      }
      reject(parsed.reason);
      continue;
    }
    const event = parsed.event;
    const tip = tipOf(event.deviceId);
    if (!crypto.isEnrolled(event.deviceId)) {
      reject(`未登记的设备 ${event.deviceId}：没有它的公钥，事件不予接收（请先在考务办配对该设备）`);
      continue;
    }
    if (event.seq <= tip.seq) {
      const heldHash = tip.inBatch?.get(event.seq) ?? held.hashAt(event.deviceId, event.seq);
      if (heldHash === event.hash) {
        duplicates += 1;
        continue;
      }
      if (heldHash === undefined) {
        reject(`本机缺少设备 ${event.deviceId} 第 ${event.seq} 条的记录，无法比对`);
        continue;
      }
      // Only a genuine, signed event is evidence of a fork; anything else is just a bad event.
      const problem = integrityProblem(raw, event, crypto);
      if (problem) {
        reject(problem);
        continue;
      }
      forks.push({ deviceId: event.deviceId, seq: event.seq, heldHash, incoming: event, incomingRaw: raw });
      tip.stoppedAt ??= index;
      continue;
    }
    if (tip.stoppedAt !== undefined) {
      reject(`设备 ${event.deviceId} 的记录在本批前面已断开或分叉，第 ${event.seq} 条无法接上`);
      continue;
    }
    if (event.seq !== tip.seq + 1) {
      reject(`设备 ${event.deviceId} 的第 ${event.seq} 条记录接不上（不连续）：本机只有到第 ${tip.seq} 条`);
      tip.stoppedAt = index;
      continue;
    }
    if (event.prevHash !== tip.hash) {
      reject(`设备 ${event.deviceId} 第 ${event.seq} 条链接断裂：prevHash 与上一条的哈希不符`);
      tip.stoppedAt = index;
      continue;
    }
    const problem = integrityProblem(raw, event, crypto);
    if (problem) {
      reject(problem);
      tip.stoppedAt = index;
      continue;
    }
    accepted.push({ event, raw });
    tip.seq = event.seq;
    tip.hash = event.hash;
    (tip.inBatch ??= new Map()).set(event.seq, event.hash);
  }

  const advancedHeads: Heads = {};
  for (const [deviceId, tip] of tips) if (tip.inBatch) advancedHeads[deviceId] = { seq: tip.seq, hash: tip.hash };
  return { accepted, duplicates, forks, rejected, advancedHeads };
}

/** Hash over the event as received (parsing may normalise; the signature covers what was sent), then signature. */
function integrityProblem(raw: Record<string, unknown>, event: ExamDayEvent, crypto: BatchCrypto): string | undefined {
  if (crypto.hashEvent(raw as unknown as UnsignedEvent) !== event.hash) {
    return `设备 ${event.deviceId} 第 ${event.seq} 条哈希不符：事件内容在签名后被改动`;
  }
  if (!crypto.verifySig(event.deviceId, event.hash, event.sig)) return `设备 ${event.deviceId} 第 ${event.seq} 条签名无效`;
  return undefined;
}
