import { createPublicKey, generateKeyPairSync, sign, type KeyObject } from 'node:crypto';
import type { Actor } from '../../shared/domain/types';
import { nextLink } from '../../shared/events/chain-link';
import type { ExamDayEvent, UnsignedEvent } from '../../shared/events/event';
import { eventPayloadSchemas, type EventPayload, type EventType } from '../../shared/events/event-types';
import { centerEnrolProofInput } from '../../shared/center/center-protocol';
import { PROTOCOL_VERSION, type DayIdentity } from '../../shared/sync/protocol';
import { deviceIdFor, sha256Hex } from '../../electron/core/device-key';
import { eventHash } from '../../electron/core/event-log';
import { enrolSite, issueEnrolmentCode } from '../../electron/center/enrolment';
import type { CenterStore, SiteRow } from '../../electron/center/store/center-store';
import { SqliteCenterStore } from '../../electron/center/store/sqlite-center-store';
import { PostgresCenterStore } from '../../electron/center/store/postgres-center-store';
import type { PostgresCluster } from './postgres-cluster';
import { makeTempDir } from './temp-dir';
import { loadCenterKey } from '../../electron/center/center-identity';

/**
 * A device as the center meets it: its id is its key's fingerprint (device-key.ts deviceIdFor), so
 * the center can check that a vouched key belongs to the id it is offered for. Writes a real signed
 * chain as the core's writer does.
 */
export class KeyedDevice {
  readonly deviceId: string;
  readonly publicKeyHex: string;
  readonly events: ExamDayEvent[] = [];
  private readonly privateKey: KeyObject;

  constructor(privateKey: KeyObject = generateKeyPairSync('ed25519').privateKey) {
    this.privateKey = privateKey;
    this.publicKeyHex = createPublicKey(privateKey).export({ type: 'spki', format: 'der' }).toString('hex');
    this.deviceId = deviceIdFor(this.publicKeyHex);
  }

  signHash(hashHex: string): string {
    return sign(null, Buffer.from(hashHex, 'hex'), this.privateKey).toString('hex');
  }

  /** The same key writing on from event `seq` (a restored backup): its next write forks the chain. */
  branchAfter(seq: number): KeyedDevice {
    const twin = new KeyedDevice(this.privateKey);
    twin.events.push(...this.events.slice(0, seq));
    return twin;
  }

  write<T extends EventType>(type: T, payload: EventPayload<T>, actor: Actor, at: Date): ExamDayEvent {
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
      prevHash: nextLink(last, sha256Hex),
    } as UnsignedEvent;
    const hash = eventHash(unsigned);
    const event = { ...unsigned, hash, sig: this.signHash(hash) } as ExamDayEvent;
    this.events.push(event);
    return event;
  }

  get key(): { deviceId: string; publicKey: string } {
    return { deviceId: this.deviceId, publicKey: this.publicKeyHex };
  }
}

export const proctor: Actor = { staffId: 'P0002', name: '副监考1', role: 'second-proctor' };

/** A door admitting `count` candidates of room `roomNo`, one event each. */
export function admitMany(door: KeyedDevice, roomNo: string, count: number, from: number, t0: number): ExamDayEvent[] {
  return Array.from({ length: count }, (_, i) =>
    door.write('checkin.attempted', { roomNo, input: { method: 'scanner', value: `T${roomNo}${from + i}` }, verdict: 'admitted', ticketNo: `T${roomNo}${from + i}` }, proctor, new Date(t0 + i * 1000)),
  );
}

export type StoreKind = 'embedded' | 'postgres';

/** Opens a fresh store of either kind; `reopen` opens a second handle on the same data (a second process's view). */
export async function freshStore(kind: StoreKind, cluster: PostgresCluster | undefined, name: string): Promise<{ store: CenterStore; reopen: () => Promise<CenterStore>; remove: () => void }> {
  if (kind === 'embedded') {
    const temp = makeTempDir('examday-center-');
    return { store: SqliteCenterStore.open(temp.dir), reopen: async () => SqliteCenterStore.open(temp.dir), remove: temp.remove };
  }
  if (!cluster) throw new Error('a postgres store needs the cluster');
  const url = cluster.createDatabase(name);
  return { store: await PostgresCenterStore.open(url), reopen: () => PostgresCenterStore.open(url), remove: () => undefined };
}

/** Enrols `office` with the center for `organisation`, as the HTTP endpoint does. */
export async function enrolOffice(store: CenterStore, office: KeyedDevice, organisation: string, now = new Date()): Promise<{ site: SiteRow; token: string }> {
  const { code } = await issueEnrolmentCode(store, organisation, now);
  const center = await loadCenterKey(store);
  const proof = office.signHash(sha256Hex(centerEnrolProofInput({ code, deviceId: office.deviceId, publicKey: office.publicKeyHex })));
  const enrolled = await enrolSite(
    store,
    center,
    { kind: 'center-enrol', protocolVersion: PROTOCOL_VERSION, code, deviceId: office.deviceId, publicKey: office.publicKeyHex, siteName: '测试考点', proof },
    now,
  );
  if (!enrolled.ok) throw new Error(enrolled.reason);
  const site = await store.site(office.deviceId);
  return { site: site!, token: enrolled.response.token };
}

export const dayOf = (organisation: string, planId = 'P-2026-11'): DayIdentity => ({ organisation, date: '2026-11-28', planId });
