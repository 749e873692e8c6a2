import { linkKindOf } from '../events/chain-link';
import { GENESIS_HASH, parseEvent, type ExamDayEvent, type ParsedEvent, type UnsignedEvent } from '../events/event';
import type { Head, Heads } from './protocol';

/** A device's last held event, with its signature: the next event's link may be sealed over it (chain-link.ts). */
export interface HeldHead extends Head {
  sig: string;
}

/** What the receiver already holds, as its storage answers it. */
export interface HeldChains {
  head(deviceId: string): HeldHead | undefined;
  hashAt(deviceId: string, seq: number): string | undefined;
}

/**
 * Crypto and enrolment, injected (shared/ has no node:crypto). `hashEvent` is sha256 of the canonical
 * JSON of `hashedPart(raw)` (electron/core/event-log.ts `eventHash`); `verifySig` checks against the
 * key learned at enrolment; `isEnrolled` says whether there is such a key.
 */
export interface BatchCrypto {
  hashEvent(raw: UnsignedEvent): string;
  sha256Hex(text: string): string;
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
  /** Empty for the genesis (no event held): the first event must link to GENESIS_HASH. */
  sig: string;
  /**
   * This batch's events of the device accepted so far, in seq order, each with whether its own
   * signature must be checked: yes when the next event links to it plainly, or nothing links to it yet.
   */
  pending: { acceptedIndex: number; index: number; event: ExamDayEvent; ownCheck: boolean }[];
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
 * continue the held chain (seq = held + 1, prevHash linking to the held head, chain-link.ts), parse (schema), hash to their
 * `hash` and carry a valid signature by an enrolled device. The accepted events are valid chain
 * prefixes, so storing them atomically never leaves a gap; a device whose chain breaks in the batch
 * gets nothing more from this batch, and the receipt's heads tell the sender where to resume.
 *
 * Cost: one schema parse and one hash per new event, and per device one signature check at the end
 * of its run plus one before each plain link (chain-link.ts; a log written by this version has
 * none); held duplicates cost a lookup only. Events of one device must come in seq order (plan-batches.ts sends them so).
 */
export function verifyBatch(
  rawEvents: readonly Record<string, unknown>[],
  held: HeldChains,
  crypto: BatchCrypto,
  /** `parseEvent`, or a receiver's memo of exactly its result for the same object. */
  parse: (raw: Record<string, unknown>) => ParsedEvent = parseEvent,
): BatchVerdict {
  const tips = new Map<string, DeviceTip>();
  const accepted: AcceptedEvent[] = [];
  const forks: ForkEvidence[] = [];
  const rejected: RejectedEvent[] = [];
  let duplicates = 0;

  const tipOf = (deviceId: string): DeviceTip => {
    let tip = tips.get(deviceId);
    if (!tip) {
      const h = held.head(deviceId);
      tip = { seq: h?.seq ?? 0, hash: h?.hash ?? GENESIS_HASH, sig: h?.sig ?? '', pending: [], inBatch: undefined, stoppedAt: undefined };
      tips.set(deviceId, tip);
    }
    return tip;
  };

  for (let index = 0; index < rawEvents.length; index += 1) {
    const raw = rawEvents[index] as Record<string, unknown>;
    const reject = (reason: string): void => {
      rejected.push({ index, ...head(raw), reason });
    };
    const parsed = parse(raw);
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
    const link = linkKindOf(event.prevHash, tip.seq === 0 ? undefined : { hash: tip.hash, sig: tip.sig }, crypto.sha256Hex);
    if (link === undefined) {
      reject(`设备 ${event.deviceId} 第 ${event.seq} 条链接断裂：prevHash 与上一条的哈希不符`);
      tip.stoppedAt = index;
      continue;
    }
    if (crypto.hashEvent(raw as unknown as UnsignedEvent) !== event.hash) {
      reject(hashMismatch(event));
      tip.stoppedAt = index;
      continue;
    }
    // The signature waits for the end of the batch: a sealed link from the next event vouches for it.
    const previous = tip.pending[tip.pending.length - 1];
    if (previous && link === 'plain') previous.ownCheck = true;
    tip.pending.push({ acceptedIndex: accepted.length, index, event, ownCheck: false });
    accepted.push({ event, raw });
    tip.seq = event.seq;
    tip.hash = event.hash;
    tip.sig = event.sig;
    (tip.inBatch ??= new Map()).set(event.seq, event.hash);
  }

  const dropped = new Set<number>();
  for (const tip of tips.values()) {
    const cut = firstUnsigned(tip.pending, crypto);
    if (cut === undefined) continue;
    for (const [n, p] of tip.pending.slice(cut).entries()) {
      dropped.add(p.acceptedIndex);
      const reason = n === 0 ? signatureInvalid(p.event) : `设备 ${p.event.deviceId} 的第 ${p.event.seq} 条记录接不上：前面第 ${tip.pending[cut]!.event.seq} 条签名无效`;
      rejected.push({ index: p.index, deviceId: p.event.deviceId, seq: p.event.seq, reason });
    }
    const kept = tip.pending[cut - 1];
    const heldHead = held.head(tip.pending[0]!.event.deviceId);
    tip.seq = kept?.event.seq ?? heldHead?.seq ?? 0;
    tip.hash = kept?.event.hash ?? heldHead?.hash ?? GENESIS_HASH;
    if (kept === undefined) tip.inBatch = undefined;
  }
  if (dropped.size > 0) rejected.sort((a, b) => a.index - b.index);

  const advancedHeads: Heads = {};
  for (const [deviceId, tip] of tips) if (tip.inBatch) advancedHeads[deviceId] = { seq: tip.seq, hash: tip.hash };
  return { accepted: dropped.size === 0 ? accepted : accepted.filter((_, i) => !dropped.has(i)), duplicates, forks, rejected, advancedHeads };
}

/**
 * Where a device's accepted run stops being signed, if it does: the position of its first event
 * without a valid signature. The run's last event and every event followed by a plain link are
 * checked on their own; the rest are vouched for by the sealed links after them. Only when one of
 * those checks fails is every event checked, to find exactly the first bad one.
 */
function firstUnsigned(pending: DeviceTip['pending'], crypto: BatchCrypto): number | undefined {
  if (pending.length === 0) return undefined;
  pending[pending.length - 1]!.ownCheck = true;
  const signed = (p: DeviceTip['pending'][number]): boolean => crypto.verifySig(p.event.deviceId, p.event.hash, p.event.sig);
  if (pending.every((p) => !p.ownCheck || signed(p))) return undefined;
  const cut = pending.findIndex((p) => !signed(p));
  return cut === -1 ? undefined : cut;
}

const hashMismatch = (event: ExamDayEvent): string => `设备 ${event.deviceId} 第 ${event.seq} 条哈希不符：事件内容在签名后被改动`;
const signatureInvalid = (event: ExamDayEvent): string => `设备 ${event.deviceId} 第 ${event.seq} 条签名无效`;

/** Hash over the event as received (parsing may normalise; the signature covers what was sent), then signature. */
function integrityProblem(raw: Record<string, unknown>, event: ExamDayEvent, crypto: BatchCrypto): string | undefined {
  if (crypto.hashEvent(raw as unknown as UnsignedEvent) !== event.hash) return hashMismatch(event);
  if (!crypto.verifySig(event.deviceId, event.hash, event.sig)) return signatureInvalid(event);
  return undefined;
}

/**
 * The events of a batch whose signatures verifyBatch will check on their own, as sent: each device's
 * last, and any the next event links to plainly (chain-link.ts). A receiver checks just these ahead,
 * on its worker pool; the others are vouched for by the sealed links after them.
 */
export function signaturesToCheck(rawEvents: readonly unknown[], sha256Hex: (text: string) => string): { deviceId: string; hash: string; sig: string }[] {
  const lastOf = new Map<string, { deviceId: string; seq: number; hash: string; sig: string }>();
  const checks: { deviceId: string; hash: string; sig: string }[] = [];
  for (const raw of rawEvents) {
    if (typeof raw !== 'object' || raw === null) continue;
    const { deviceId, seq, hash, sig, prevHash } = raw as Record<string, unknown>;
    if (typeof deviceId !== 'string' || typeof seq !== 'number' || typeof hash !== 'string' || typeof sig !== 'string' || typeof prevHash !== 'string') continue;
    const previous = lastOf.get(deviceId);
    if (previous && !(seq === previous.seq + 1 && linkKindOf(prevHash, previous, sha256Hex) === 'sealed')) checks.push(previous);
    lastOf.set(deviceId, { deviceId, seq, hash, sig });
  }
  checks.push(...lastOf.values());
  return checks;
}
