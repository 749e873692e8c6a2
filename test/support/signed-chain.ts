import { createHash, generateKeyPairSync, sign, verify, type KeyObject } from 'node:crypto';
import type { Actor } from '../../shared/domain/types';
import { nextLink } from '../../shared/events/chain-link';
import { GENESIS_HASH, type ExamDayEvent, type UnsignedEvent } from '../../shared/events/event';
import type { EventPayload, EventType } from '../../shared/events/event-types';
import { eventPayloadSchemas } from '../../shared/events/event-types';
import { deviceIdFor } from '../../electron/core/device-key';
import { eventHash } from '../../electron/core/event-log';
import type { BatchCrypto } from '../../shared/sync/verify-batch';

const KEY_DERIVED = '\0key-derived';

/** One device writing a real signed chain, as the core's DeviceEventWriter does, with a clock the test sets. */
export class TestDevice {
  readonly deviceId: string;
  readonly publicKey: KeyObject;
  private readonly privateKey: KeyObject;
  readonly events: ExamDayEvent[] = [];

  /**
   * `links`: 'sealed' as the writer writes now, 'plain' as every version before it wrote (chain-link.ts):
   * a receiver must take both.
   */
  constructor(
    label: string,
    keys: { privateKey: KeyObject; publicKey: KeyObject } = generateKeyPairSync('ed25519'),
    readonly links: 'sealed' | 'plain' = 'sealed',
  ) {
    this.privateKey = keys.privateKey;
    this.publicKey = keys.publicKey;
    this.deviceId = label === KEY_DERIVED ? deviceIdFor(this.publicKeyHex) : createHash('sha256').update(label).digest('hex').slice(0, 16);
  }

  /** A device whose id is its key's fingerprint, as a core pins it: its events can be stored in a real log. */
  static enrollable(links: 'sealed' | 'plain' = 'sealed'): TestDevice {
    return new TestDevice(KEY_DERIVED, undefined, links);
  }

  get publicKeyHex(): string {
    return this.publicKey.export({ type: 'spki', format: 'der' }).toString('hex');
  }

  /** The same device and key writing on from its event `seq` (a restored backup): the next write forks. */
  branchAfter(label: string, seq: number): TestDevice {
    const twin = new TestDevice(label, { privateKey: this.privateKey, publicKey: this.publicKey }, this.links);
    twin.events.push(...this.events.slice(0, seq));
    return twin;
  }

  signHash(hashHex: string): string {
    return sign(null, Buffer.from(hashHex, 'hex'), this.privateKey).toString('hex');
  }

  write<T extends EventType>(type: T, payload: EventPayload<T>, actor: Actor, at: Date, clockOffsetMs?: number): ExamDayEvent {
    const last = this.events[this.events.length - 1];
    const seq = (last?.seq ?? 0) + 1;
    const unsigned = {
      id: `${this.deviceId}-${seq}`,
      deviceId: this.deviceId,
      seq,
      at: at.toISOString(),
      actor,
      type,
      payload: eventPayloadSchemas[type].parse(payload),
      prevHash: this.links === 'plain' ? (last?.hash ?? GENESIS_HASH) : nextLink(last, sha256Hex),
      ...(clockOffsetMs === undefined ? {} : { clockOffsetMs }),
    } as UnsignedEvent;
    const hash = eventHash(unsigned);
    const event = { ...unsigned, hash, sig: this.signHash(hash) } as ExamDayEvent;
    this.events.push(event);
    return event;
  }
}

/** The receiver's crypto as the core will inject it: node:crypto behind the shared interface. */
export function batchCryptoFor(enrolled: readonly TestDevice[]): BatchCrypto {
  const keys = new Map(enrolled.map((d) => [d.deviceId, d.publicKey]));
  return {
    hashEvent: eventHash,
    sha256Hex,
    isEnrolled: (deviceId) => keys.has(deviceId),
    verifySig: (deviceId, hashHex, sigHex) => {
      const key = keys.get(deviceId);
      return key !== undefined && verify(null, Buffer.from(hashHex, 'hex'), key, Buffer.from(sigHex, 'hex'));
    },
  };
}

export const sha256Hex = (text: string): string => createHash('sha256').update(text, 'utf8').digest('hex');

/** Events held by (device, seq), as a receiver's storage answers heads, hashes and ranges. */
export class HeldLog {
  private readonly chains = new Map<string, ExamDayEvent[]>();

  constructor(events: readonly ExamDayEvent[] = []) {
    this.store(events);
  }

  store(events: readonly ExamDayEvent[]): void {
    for (const event of events) {
      const chain = this.chains.get(event.deviceId) ?? [];
      if (chain.length + 1 !== event.seq) throw new Error(`gap storing ${event.deviceId}/${event.seq}`);
      chain.push(event);
      this.chains.set(event.deviceId, chain);
    }
  }

  heads(): Record<string, { seq: number; hash: string }> {
    const heads: Record<string, { seq: number; hash: string }> = {};
    for (const [deviceId, chain] of this.chains) {
      const last = chain[chain.length - 1];
      if (last) heads[deviceId] = { seq: last.seq, hash: last.hash };
    }
    return heads;
  }

  head(deviceId: string): { seq: number; hash: string; sig: string } | undefined {
    const last = this.chains.get(deviceId)?.at(-1);
    return last && { seq: last.seq, hash: last.hash, sig: last.sig };
  }

  hashAt(deviceId: string, seq: number): string | undefined {
    return this.chains.get(deviceId)?.[seq - 1]?.hash;
  }

  eventsFrom(deviceId: string, fromSeq: number, limit: number): ExamDayEvent[] {
    return (this.chains.get(deviceId) ?? []).slice(fromSeq - 1, fromSeq - 1 + limit);
  }

  all(): ExamDayEvent[] {
    return [...this.chains.values()].flat();
  }
}
