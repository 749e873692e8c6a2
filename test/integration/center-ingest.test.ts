import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createPublicKey, verify } from 'node:crypto';
import { receiptIsAuthentic } from '../../shared/sync/protocol';
import { sha256Hex } from '../../electron/core/device-key';
import { SignaturePool } from '../../electron/core/signature-pool';
import { loadCenterKey } from '../../electron/center/center-identity';
import { CenterIngest } from '../../electron/center/ingest';
import { dayKeyOf } from '../../shared/center/center-protocol';
import { admitMany, dayOf, enrolOffice, freshStore, KeyedDevice, proctor, type StoreKind } from '../support/center-fixture';
import type { CenterStore, IngestTx } from '../../electron/center/store/center-store';
import { startPostgresCluster, type PostgresCluster } from '../support/postgres-cluster';

const T0 = Date.UTC(2026, 10, 28, 0, 30);
const ORG = '北京职业技能评价中心';
const pool = new SignaturePool(2);
let cluster: PostgresCluster | undefined;
let databases = 0;

beforeAll(async () => {
  cluster = await startPostgresCluster();
});
afterAll(async () => {
  await pool.close();
  cluster?.stop();
});

/** Resolves once `parties` have arrived, or after `waitMs` for whoever is alone (another holds a lock it waits on). */
function rendezvous(parties: number, waitMs: number): () => Promise<void> {
  let arrived = 0;
  const release: (() => void)[] = [];
  return () =>
    new Promise<void>((resolve) => {
      arrived += 1;
      release.push(resolve);
      if (arrived >= parties) for (const r of release.splice(0)) r();
      else setTimeout(resolve, waitMs);
    });
}

/** `store`, each ingest transaction pausing at `meet` just before it reads the held heads. */
function meetingAtHeads(store: CenterStore, meet: () => Promise<void>): CenterStore {
  return new Proxy(store, {
    get(target, property, receiver) {
      if (property !== 'ingest') return Reflect.get(target, property, receiver) as unknown;
      return <T>(work: (tx: IngestTx) => Promise<T>) =>
        target.ingest((tx) => work({ ...tx, heads: async (ids) => (await meet(), tx.heads(ids)) }));
    },
  });
}

const raw = (events: readonly object[]): Record<string, unknown>[] => events.map((e) => JSON.parse(JSON.stringify(e)) as Record<string, unknown>);

describe.each<StoreKind>(['embedded', 'postgres'])('center ingest on the %s store', (kind) => {
  // Two SQLite handles in one process would block the event loop in BEGIN IMMEDIATE's busy wait while
  // the other waits at the meeting: the embedded store's writers serialise on the file lock anyway.
  const itConcurrentTransactions = kind === 'postgres' ? it : it.skip;
  async function center() {
    databases += 1;
    const opened = await freshStore(kind, cluster, `ingest_${kind}_${databases}`);
    const key = await loadCenterKey(opened.store);
    const ingest = new CenterIngest(opened.store, key, pool, () => new Date(T0 + 3_600_000));
    return { ...opened, key, ingest };
  }

  it('stores a site’s chains once, and answers with a receipt the center signed', async () => {
    const c = await center();
    try {
      const office = new KeyedDevice();
      const door = new KeyedDevice();
      const { site } = await enrolOffice(c.store, office, ORG);
      const events = [...admitMany(door, '01', 30, 1, T0), office.write('day.closed', {}, proctor, new Date(T0 + 60_000))];
      const batch = { day: dayOf(ORG), events: raw(events), keys: [door.key] };
      const first = await c.ingest.receive(site, batch);
      expect(first).toMatchObject({ ok: true, stored: 31, alreadyHeld: 0, forks: 0, rejected: [] });
      if (!first.ok) return;
      expect(first.receipt.heads).toEqual({ [door.deviceId]: { seq: 30, hash: door.events[29]!.hash }, [office.deviceId]: { seq: 1, hash: office.events[0]!.hash } });
      const centerKey = createPublicKey({ key: Buffer.from(c.key.publicKeyHex, 'hex'), format: 'der', type: 'spki' });
      expect(receiptIsAuthentic(first.receipt, { sha256Hex, verifySig: (_d, hash, sig) => verify(null, Buffer.from(hash, 'hex'), centerKey, Buffer.from(sig, 'hex')) })).toBe(true);

      const again = await c.ingest.receive(site, batch);
      expect(again).toMatchObject({ ok: true, stored: 0, alreadyHeld: 31 });
      expect(await c.store.eventCount()).toBe(31);
      expect((await c.store.dayEvents(dayKeyOf(dayOf(ORG)))).map((e) => `${e.deviceId}:${e.seq}`)).toHaveLength(31);
    } finally {
      await c.store.close();
      c.remove();
    }
  });

  it('keeps a second event at a held place as fork evidence and stores nothing past it', async () => {
    const c = await center();
    try {
      const office = new KeyedDevice();
      const door = new KeyedDevice();
      const { site } = await enrolOffice(c.store, office, ORG);
      admitMany(door, '01', 5, 1, T0);
      const twin = door.branchAfter(3);
      admitMany(twin, '01', 2, 100, T0 + 10_000);
      expect(await c.ingest.receive(site, { day: dayOf(ORG), events: raw(door.events), keys: [door.key] })).toMatchObject({ ok: true, stored: 5 });
      const forked = await c.ingest.receive(site, { day: dayOf(ORG), events: raw(twin.events), keys: [door.key] });
      // Both of the twin's events sit at places the center holds other events at: two forked places.
      expect(forked).toMatchObject({ ok: true, stored: 0, alreadyHeld: 3, forks: 2 });
      const forks = await c.store.dayForks(dayKeyOf(dayOf(ORG)));
      expect(forks.map((f) => [f.deviceId, f.seq, f.heldHash, f.offeredHash])).toEqual([
        [door.deviceId, 4, door.events[3]!.hash, twin.events[3]!.hash],
        [door.deviceId, 5, door.events[4]!.hash, twin.events[4]!.hash],
      ]);
      // The same fork offered again is the same evidence, kept once.
      await c.ingest.receive(site, { day: dayOf(ORG), events: raw(twin.events), keys: [door.key] });
      expect(await c.store.dayForks(dayKeyOf(dayOf(ORG)))).toHaveLength(2);
      expect(await c.store.eventCount()).toBe(5);
    } finally {
      await c.store.close();
      c.remove();
    }
  });

  it('refuses altered, unsigned-for and unvouched events, and another organisation’s day', async () => {
    const c = await center();
    try {
      const office = new KeyedDevice();
      const door = new KeyedDevice();
      const stranger = new KeyedDevice();
      const { site } = await enrolOffice(c.store, office, ORG);
      const events = raw(admitMany(door, '01', 3, 1, T0));
      (events[1]!.payload as { ticketNo: string }).ticketNo = 'T-ALTERED';
      const altered = await c.ingest.receive(site, { day: dayOf(ORG), events, keys: [door.key] });
      expect(altered).toMatchObject({ ok: true, stored: 1 });
      if (altered.ok) expect(altered.rejected[0]?.reason).toContain('哈希不符');

      const unvouched = await c.ingest.receive(site, { day: dayOf(ORG), events: raw(admitMany(stranger, '02', 2, 1, T0)), keys: [] });
      expect(unvouched).toMatchObject({ ok: true, stored: 0 });
      if (unvouched.ok) expect(unvouched.rejected[0]?.reason).toContain('未登记的设备');

      const wrongKey = await c.ingest.receive(site, { day: dayOf(ORG), events: raw(door.events), keys: [{ deviceId: door.deviceId, publicKey: stranger.publicKeyHex }] });
      expect(wrongKey).toEqual({ ok: false, reason: `设备 ${door.deviceId.slice(0, 6)} 的标识与公钥不符` });

      const otherOrg = await c.ingest.receive(site, { day: dayOf('另一个评价组织'), events: raw(door.events), keys: [door.key] });
      expect(otherOrg).toMatchObject({ ok: false });
      if (!otherOrg.ok) expect(otherOrg.reason).toContain('不能上报');
      expect(await c.store.eventCount()).toBe(1);
    } finally {
      await c.store.close();
      c.remove();
    }
  });

  it('stores each event once when two center processes take the same pushes at the same time', async () => {
    const c = await center();
    const second = await c.reopen();
    try {
      const ingestB = new CenterIngest(second, c.key, pool, () => new Date(T0 + 3_600_000));
      const office = new KeyedDevice();
      const { site } = await enrolOffice(c.store, office, ORG);
      const doors = Array.from({ length: 6 }, () => new KeyedDevice());
      doors.forEach((door, i) => admitMany(door, String(i + 1).padStart(2, '0'), 40, 1, T0));
      // Each door's chain in four overlapping slices, every slice pushed to both processes at once.
      const pushes = doors.flatMap((door) => [0, 10, 20, 30].map((from) => ({ day: dayOf(ORG), events: raw(door.events.slice(0, from + 10)), keys: [door.key] })));
      const outcomes = await Promise.all(pushes.flatMap((batch) => [c.ingest.receive(site, batch), ingestB.receive(site, batch)]));
      expect(outcomes.every((o) => o.ok)).toBe(true);
      const stored = outcomes.reduce((n, o) => n + (o.ok ? o.stored : 0), 0);
      expect(stored).toBe(240);
      expect(await c.store.eventCount()).toBe(240);
      expect(await c.store.dayForks(dayKeyOf(dayOf(ORG)))).toEqual([]);
    } finally {
      await second.close();
      await c.store.close();
      c.remove();
    }
  });

  itConcurrentTransactions('keeps the fork as evidence when two processes take the two branches of a chain at the same time', async () => {
    const c = await center();
    // The second process's view, its transactions made to meet the first's between locking and
    // reading the held chains: without a per-device lock both would read an empty chain, both
    // accept their branch, and ON CONFLICT would silently drop one with no evidence.
    const meeting = rendezvous(2, 1_000);
    const a = meetingAtHeads(c.store, meeting);
    const b = meetingAtHeads(await c.reopen(), meeting);
    try {
      const ingestA = new CenterIngest(a, c.key, pool, () => new Date(T0 + 3_600_000));
      const ingestB = new CenterIngest(b, c.key, pool, () => new Date(T0 + 3_600_000));
      const office = new KeyedDevice();
      const { site } = await enrolOffice(c.store, office, ORG);
      const door = new KeyedDevice();
      admitMany(door, '01', 20, 1, T0);
      const twin = door.branchAfter(10);
      admitMany(twin, '01', 10, 500, T0);
      // The day and the device are known already: their first INSERTs would otherwise serialise the two.
      await c.ingest.receive(site, { day: dayOf(ORG), events: raw(door.events.slice(0, 5)), keys: [door.key] });
      await Promise.all([
        ingestA.receive(site, { day: dayOf(ORG), events: raw(door.events), keys: [door.key] }),
        ingestB.receive(site, { day: dayOf(ORG), events: raw(twin.events), keys: [door.key] }),
      ]);
      // Whichever branch came first is held; the other's events past the branch point are fork evidence.
      expect(await c.store.eventCount()).toBe(20);
      const forks = await c.store.dayForks(dayKeyOf(dayOf(ORG)));
      expect(forks.map((f) => f.seq)).toEqual([11, 12, 13, 14, 15, 16, 17, 18, 19, 20]);
    } finally {
      await b.close();
      await c.store.close();
      c.remove();
    }
  });
});
