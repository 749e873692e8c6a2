import type { KeyObject } from 'node:crypto';
import { canonicalJson } from '../../shared/events/canonical-json';
import { parseEvent, type ParsedEvent, type UnsignedEvent } from '../../shared/events/event';
import { dayKeyOf, organisationRefusal } from '../../shared/center/center-protocol';
import { PROTOCOL_VERSION, signReceipt, type DayIdentity, type Receipt } from '../../shared/sync/protocol';
import { signaturesToCheck, verifyBatch, type RejectedEvent } from '../../shared/sync/verify-batch';
import { deviceIdFor, publicKeyFromHex, sha256Hex, verifySignature, type DeviceKey } from '../core/device-key';
import { canonicalRowTexts, eventHash } from '../core/event-log';
import { storedRowOf } from '../core/stored-form';
import { PreverifiedSignatures, type SignaturePool } from '../core/signature-pool';
import type { CenterDeviceRow, CenterStore, SiteRow } from './store/center-store';

/** A batch of events from a site, with the keys the site vouches for (its own and its doors'). */
export interface IncomingBatch {
  day: DayIdentity;
  events: readonly Record<string, unknown>[];
  keys: readonly { deviceId: string; publicKey: string }[];
}

export type IngestOutcome =
  | { ok: true; receipt: Receipt; stored: number; alreadyHeld: number; forks: number; rejected: RejectedEvent[] }
  | { ok: false; reason: string };

class IngestRefused extends Error {}

const short = (deviceId: string): string => deviceId.slice(0, 6);

/**
 * The center's receiver (DESIGN "Sync", issue 14 item 2): every event is checked with the same
 * shared/sync/verify-batch.ts as the office uses — chain link, hash, schema and the signature of a
 * key the enrolled site vouched for — inside one transaction that holds a lock on each device it
 * touches, so that two center processes taking the same events store them once. Valid chain prefixes
 * are stored; a different event at a held (device, seq) is a fork, kept as evidence and shown as a
 * finding; the answer is a receipt of the day's heads signed with the center's key.
 *
 * The signatures that need checking on their own (signaturesToCheck: a device's last in the batch,
 * and any before a plain link) are checked on the worker pool before the transaction (~100 µs
 * each), for exactly the (key, hash, sig) offered; inside, anything not so checked is checked again.
 */
export class CenterIngest {
  constructor(
    private readonly store: CenterStore,
    private readonly key: DeviceKey,
    private readonly pool: SignaturePool,
    /** The center's clock (a 同步包's photos are kept at the same time as its events). */
    readonly now: () => Date,
  ) {}

  async receive(site: SiteRow, batch: IncomingBatch): Promise<IngestOutcome> {
    const wrongOrganisation = organisationRefusal(site.organisation, batch.day);
    if (wrongOrganisation) return { ok: false, reason: wrongOrganisation };
    const offered = new Map<string, string>([[site.deviceId, site.publicKeyHex]]);
    for (const k of batch.keys) {
      if (deviceIdFor(k.publicKey) !== k.deviceId) return { ok: false, reason: `设备 ${short(k.deviceId)} 的标识与公钥不符` };
      if (k.deviceId === site.deviceId && k.publicKey !== site.publicKeyHex) return { ok: false, reason: '站点自己的公钥与登记时的不同' };
      offered.set(k.deviceId, k.publicKey);
    }
    const tasks = signaturesToCheck(batch.events, sha256Hex).flatMap(({ deviceId, hash, sig }) => {
      const publicKeyHex = offered.get(deviceId);
      return publicKeyHex === undefined ? [] : [{ publicKeyHex, hash, sig }];
    });
    const preverified = await PreverifiedSignatures.check(this.pool, tasks);
    // Parsed, hashed and written out once, outside the transaction: they read nothing held. The
    // actor and payload are canonicalised once for both the hash and the stored body (canonicalRowTexts).
    const parsed = new Map<Record<string, unknown>, ParsedEvent>();
    const hashes = new Map<Record<string, unknown>, string>();
    const bodies = new Map<Record<string, unknown>, string>();
    for (const raw of batch.events) {
      const p = parseEvent(raw);
      parsed.set(raw, p);
      if (!p.ok) continue;
      const row = storedRowOf(raw);
      const texts = row && canonicalRowTexts(row);
      hashes.set(raw, texts ? sha256Hex(texts.hashed) : eventHash(raw as unknown as UnsignedEvent));
      bodies.set(raw, texts ? texts.signed : canonicalJson(raw));
    }
    try {
      return await this.store.ingest(async (tx) => {
        const at = this.now().toISOString();
        const dayKey = dayKeyOf(batch.day);
        const deviceIds = [...new Set(batch.events.flatMap((raw) => (typeof raw.deviceId === 'string' && /^[0-9a-f]{16}$/.test(raw.deviceId) ? [raw.deviceId] : [])))];
        await tx.lockDevices(deviceIds);
        await tx.ensureDay(batch.day, dayKey, at);
        const held = await tx.devices(deviceIds);
        const keys = new Map<string, { hex: string; key: KeyObject }>();
        const added: CenterDeviceRow[] = [];
        for (const deviceId of deviceIds) {
          const pinned = held.get(deviceId);
          const offeredKey = offered.get(deviceId);
          if (pinned) {
            if (offeredKey !== undefined && offeredKey !== pinned.publicKeyHex) throw new IngestRefused(`设备 ${short(deviceId)} 的公钥与中心已记录的不同`);
            if (pinned.dayKey !== dayKey) throw new IngestRefused(`设备 ${short(deviceId)} 的记录属于另一个考试日，不能记入本考试日`);
            const key = publicKeyFromHex(pinned.publicKeyHex);
            if (key) keys.set(deviceId, { hex: pinned.publicKeyHex, key });
          } else if (offeredKey !== undefined) {
            const key = publicKeyFromHex(offeredKey);
            if (!key) throw new IngestRefused(`设备 ${short(deviceId)} 的公钥无法读取`);
            keys.set(deviceId, { hex: offeredKey, key });
            added.push({ deviceId, publicKeyHex: offeredKey, dayKey, vouchedBy: site.deviceId, firstSeenAt: at });
          }
        }
        await tx.addDevices(added);
        const heads = await tx.heads(deviceIds);
        const points = batch.events.flatMap((raw) => {
          const { deviceId, seq } = raw;
          if (typeof deviceId !== 'string' || typeof seq !== 'number') return [];
          const head = heads.get(deviceId);
          return head && seq <= head.seq ? [{ deviceId, seq }] : [];
        });
        const heldHashes = await tx.hashesAt(points);
        const verdict = verifyBatch(
          batch.events,
          { head: (deviceId) => heads.get(deviceId), hashAt: (deviceId, seq) => heldHashes.get(`${deviceId}:${seq}`) },
          {
            hashEvent: (raw) => hashes.get(raw as unknown as Record<string, unknown>) ?? eventHash(raw),
            sha256Hex,
            isEnrolled: (deviceId) => keys.has(deviceId),
            verifySig: (deviceId, hash, sig) => {
              const key = keys.get(deviceId);
              return key !== undefined && (preverified.has(key.hex, hash, sig) || verifySignature(key.key, hash, sig));
            },
          },
          (raw) => parsed.get(raw) ?? parseEvent(raw),
        );
        const stored = await tx.insertEvents(
          verdict.accepted.map(({ event, raw }) => ({
            deviceId: event.deviceId,
            seq: event.seq,
            hash: event.hash,
            type: event.type,
            at: event.at,
            dayKey,
            body: bodies.get(raw) ?? canonicalJson(raw),
            receivedAt: at,
          })),
        );
        await tx.insertForks(
          verdict.forks.map((f) => ({
            deviceId: f.deviceId,
            seq: f.seq,
            heldHash: f.heldHash,
            offeredHash: f.incoming.hash,
            offeredEvent: canonicalJson(f.incomingRaw),
            offeredBy: site.deviceId,
            dayKey,
            receivedAt: at,
          })),
        );
        const receipt = signReceipt(
          { kind: 'receipt', protocolVersion: PROTOCOL_VERSION, receiverDeviceId: this.key.deviceId, heads: await tx.dayHeads(dayKey), at },
          { sha256Hex, signHash: (hash) => this.key.signHash(hash) },
        );
        await tx.insertReceipt({ siteDeviceId: site.deviceId, dayKey, receipt: JSON.stringify(receipt), at });
        return {
          ok: true as const,
          receipt,
          stored,
          alreadyHeld: verdict.duplicates + (verdict.accepted.length - stored),
          forks: verdict.forks.length,
          rejected: verdict.rejected,
        };
      });
    } catch (error) {
      if (error instanceof IngestRefused) return { ok: false, reason: error.message };
      throw error;
    }
  }
}
