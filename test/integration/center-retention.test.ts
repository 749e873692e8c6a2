import { createHash } from 'node:crypto';
import { strToU8, unzipSync, zipSync } from 'fflate';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildDayArchive } from '../../electron/center/archive';
import { openCenterApp, type CenterApp } from '../../electron/center/center-app';
import { loadCenterKey } from '../../electron/center/center-identity';
import { keepPhotos, wantedPhotos } from '../../electron/center/center-photos';
import { CENTER_WIDE_DAY_KEY, dayRetentionView, purgeDayPhotos, retentionInForce, setRetention } from '../../electron/center/center-retention';
import { centerActor } from '../../electron/center/day-view';
import { issueEnrolmentCode } from '../../electron/center/enrolment';
import { hashPassword } from '../../electron/center/users';
import { listen } from '../../electron/center/http/center-server';
import { CenterIngest } from '../../electron/center/ingest';
import { uploadSyncFile } from '../../electron/center/sync-file-upload';
import { verifyArchive } from '../../electron/center/verify-archive';
import { openCore, type Core } from '../../electron/core/core';
import { SignaturePool } from '../../electron/core/signature-pool';
import { enrolWithCenter, fetchCaller, pushPhotosToCenter, pushToCenter, type CenterCaller } from '../../electron/sync/center-target';
import { CenterUploader } from '../../electron/sync/center-uploader';
import { buildSealedSyncFile } from '../../electron/sync/sync-file';
import { manifestSigningInput, type ArchiveManifest } from '../../shared/center/archive-manifest';
import { dayKeyOf } from '../../shared/center/center-protocol';
import { sha256Hex } from '../../electron/core/device-key';
import { parseEvent } from '../../shared/events/event';
import { CenterBrowser } from '../support/center-browser';
import { enrolOffice, freshStore, KeyedDevice, proctor, type StoreKind } from '../support/center-fixture';
import { fixtureDay, fixtureDayEvents } from '../support/fixture-day';
import { testPng } from '../support/photo-files';
import { startPostgresCluster, type PostgresCluster } from '../support/postgres-cluster';
import { makeTempDir } from '../support/temp-dir';

const day = fixtureDay(30);
const identity = { organisation: day.plan.organisation, date: day.plan.date, planId: day.plan.planId };
const dayKey = dayKeyOf(identity);
const T0 = Date.UTC(2026, 10, 25, 0, 30);
// The evening of the exam day (2026-11-25), local time as the center reads dates.
const EXAM_EVENING = new Date(2026, 10, 25, 18, 0);
const sha256 = (bytes: Uint8Array): string => createHash('sha256').update(bytes).digest('hex');
const admin = centerActor('zhao.admin', 'admin');
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

/** A site's office that set up the fixture day and attached a photo to each of the first `count` candidates. */
function siteWithPhotos(count: number): { office: KeyedDevice; photos: Uint8Array[] } {
  const office = new KeyedDevice();
  office.write('plan.set', { plan: day.plan }, proctor, new Date(T0));
  for (const room of day.rooms) office.write('room.defined', { room }, proctor, new Date(T0));
  office.write('candidates.registered', { candidates: day.candidates }, proctor, new Date(T0));
  const photos = day.candidates.slice(0, count).map((c, i) => {
    const bytes = testPng(i + 1);
    office.write('candidate.photo-attached', { ticketNo: c.ticketNo, sha256: sha256(bytes), mime: 'image/png', byteLength: bytes.byteLength }, proctor, new Date(T0));
    return bytes;
  });
  return { office, photos };
}

describe.each<StoreKind>(['embedded', 'postgres'])('retention and photo purge on the %s store', (kind) => {
  async function centerWithPhotos(count = 3) {
    databases += 1;
    const opened = await freshStore(kind, cluster, `retention_${kind}_${databases}`);
    const key = await loadCenterKey(opened.store);
    const site = siteWithPhotos(count);
    const { site: siteRow } = await enrolOffice(opened.store, site.office, day.plan.organisation);
    const ingest = new CenterIngest(opened.store, key, pool, () => EXAM_EVENING);
    const stored = await ingest.receive(siteRow, { day: identity, events: site.office.events.map((e) => JSON.parse(JSON.stringify(e)) as Record<string, unknown>), keys: [] });
    if (!stored.ok || stored.rejected.length > 0) throw new Error(JSON.stringify(stored));
    return { ...opened, key, ...site };
  }

  it('keeps only photos whose bytes match a hash the day’s events sign, and wants the rest', async () => {
    const c = await centerWithPhotos(3);
    try {
      const [a, b, cc] = c.photos as [Uint8Array, Uint8Array, Uint8Array];
      const stranger = testPng(99);
      expect(await wantedPhotos(c.store, dayKey, 50)).toEqual([sha256(a), sha256(b), sha256(cc)].sort());
      const kept = await keepPhotos(
        c.store,
        dayKey,
        [
          { sha256: sha256(a), bytes: a },
          // Bytes that are not the photo the hash names, and a photo no event names.
          { sha256: sha256(b), bytes: cc },
          { sha256: sha256(stranger), bytes: stranger },
        ],
        EXAM_EVENING,
      );
      expect(kept).toBe(1);
      expect(await keepPhotos(c.store, dayKey, [{ sha256: sha256(a), bytes: a }], EXAM_EVENING)).toBe(0);
      expect((await c.store.heldPhotos(dayKey)).map((p) => [p.sha256, Buffer.compare(p.bytes, Buffer.from(a))])).toEqual([[sha256(a), 0]]);
      expect(await wantedPhotos(c.store, dayKey, 50)).toEqual([sha256(b), sha256(cc)].sort());
    } finally {
      await c.store.close();
      c.remove();
    }
  });

  it('refuses 电子材料 kept less than 5 years (第二十九条) and keeps each setting as a signed center event naming who set it', async () => {
    const c = await centerWithPhotos(0);
    try {
      expect(await retentionInForce(c.store)).toEqual({ settings: { electronicYears: 5, photoDays: 365 }, setBy: null });
      const short = await setRetention(c.store, c.key, { settings: { electronicYears: 4, photoDays: 30 }, actor: admin, now: EXAM_EVENING });
      expect(short).toEqual({ ok: false, reason: expect.stringContaining('第二十九条') as string });
      expect(await setRetention(c.store, c.key, { settings: { electronicYears: 5, photoDays: -1 }, actor: admin, now: EXAM_EVENING })).toMatchObject({ ok: false });
      expect(await c.store.centerEvents(CENTER_WIDE_DAY_KEY)).toEqual([]);

      const set = await setRetention(c.store, c.key, { settings: { electronicYears: 8, photoDays: 30 }, actor: admin, now: EXAM_EVENING });
      expect(set).toEqual({ ok: true, eventId: `${c.key.deviceId}-1` });
      const [row] = await c.store.centerEvents(CENTER_WIDE_DAY_KEY);
      const event = parseEvent(JSON.parse(row!.body));
      expect(event.ok && [event.event.type, event.event.payload, event.event.actor, event.event.at]).toEqual(['retention.set', { electronicYears: 8, photoDays: 30 }, admin, EXAM_EVENING.toISOString()]);
      expect(await retentionInForce(c.store)).toEqual({ settings: { electronicYears: 8, photoDays: 30 }, setBy: { name: admin.name, at: EXAM_EVENING.toISOString(), eventId: set.ok ? set.eventId : '' } });
      expect(await dayRetentionView(c.store, dayKey, EXAM_EVENING)).toMatchObject({ electronicUntil: '2034-11-25', photosUntil: '2026-12-25' });
    } finally {
      await c.store.close();
      c.remove();
    }
  });

  it('purges a day’s photos once due with one signed event naming each hash; a second purge (even from another process) changes nothing; the archive still verifies', async () => {
    const c = await centerWithPhotos(3);
    const other = await c.reopen();
    try {
      await keepPhotos(c.store, dayKey, c.photos.map((bytes) => ({ sha256: sha256(bytes), bytes })), EXAM_EVENING);
      const hashes = c.photos.map(sha256).sort();
      const eventsBefore = await c.store.eventCount();

      // Kept a year by default: not due on the exam day.
      const early = await purgeDayPhotos(c.store, c.key, { dayKey, actor: admin, now: EXAM_EVENING });
      expect(early).toEqual({ ok: false, reason: '按当前设置，该考试日的照片保存至 2027-11-25（考试日后 365 天），到期前不能清除' });
      expect(await dayRetentionView(c.store, dayKey, EXAM_EVENING)).toMatchObject({ photos: { named: 3, held: 3, purged: 0 }, purgeRefusal: expect.stringContaining('2027-11-25') as string });

      const archived = await buildDayArchive(c.store, c.key, dayKey, EXAM_EVENING);
      const before = unzipSync(archived!.bytes);
      expect(Object.keys(before).filter((p) => p.startsWith('photos/')).sort()).toEqual(hashes.map((h) => `photos/${h}.png`));
      expect(verifyArchive(archived!.bytes)).toMatchObject({ ok: true, problems: [] });
      // A photo swapped for another, even under a manifest signed again, is not the photo its hash names.
      const [swappedPath, otherPath] = hashes.map((h) => `photos/${h}.png`) as [string, string];
      const swapped = { ...before, [swappedPath]: before[otherPath]! };
      const manifest = JSON.parse(Buffer.from(before['manifest.json']!).toString()) as ArchiveManifest;
      const resigned: ArchiveManifest = { ...manifest, files: manifest.files.map((f) => (f.path === swappedPath ? { ...f, sha256: sha256(before[otherPath]!), bytes: before[otherPath]!.byteLength } : f)) };
      const forged = zipSync({ ...swapped, 'manifest.json': strToU8(JSON.stringify(resigned)), 'manifest.sig': strToU8(c.key.signHash(sha256Hex(manifestSigningInput(resigned)))) });
      expect(verifyArchive(forged).problems).toEqual([`照片 ${swappedPath} 的内容与其哈希不符`]);

      // 0 days: purge after export.
      expect(await setRetention(c.store, c.key, { settings: { electronicYears: 5, photoDays: 0 }, actor: admin, now: EXAM_EVENING })).toMatchObject({ ok: true });
      expect(await dayRetentionView(c.store, dayKey, EXAM_EVENING)).toMatchObject({ photosUntil: '2026-11-25', purgeRefusal: null });
      const otherKey = await loadCenterKey(other);
      const [first, second] = await Promise.all([
        purgeDayPhotos(c.store, c.key, { dayKey, actor: admin, now: EXAM_EVENING }),
        purgeDayPhotos(other, otherKey, { dayKey, actor: admin, now: EXAM_EVENING }),
      ]);
      const outcomes = [first, second].map((o) => (o.ok ? o.purged : -1)).sort();
      expect(outcomes).toEqual([0, 3]);
      expect(await purgeDayPhotos(c.store, c.key, { dayKey, actor: admin, now: EXAM_EVENING })).toEqual({ ok: true, purged: 0, eventId: null });

      const purges = (await c.store.centerEvents(dayKey)).map((r) => parseEvent(JSON.parse(r.body)));
      expect(purges).toHaveLength(1);
      expect(purges[0]!.ok && [purges[0]!.event.type, purges[0]!.event.payload, purges[0]!.event.actor]).toEqual(['photos.purged', { photosUntil: '2026-11-25', photos: hashes }, admin]);
      expect(await c.store.heldPhotos(dayKey)).toEqual([]);
      expect((await c.store.dayPhotos(dayKey)).map((p) => [p.sha256, p.purgedAt])).toEqual(hashes.map((h) => [h, EXAM_EVENING.toISOString()]));
      // Never an event removed or changed; the purged photos are neither wanted nor taken back.
      expect(await c.store.eventCount()).toBe(eventsBefore);
      expect(await wantedPhotos(c.store, dayKey, 50)).toEqual([]);
      expect(await keepPhotos(c.store, dayKey, c.photos.map((bytes) => ({ sha256: sha256(bytes), bytes })), EXAM_EVENING)).toBe(0);
      expect(await dayRetentionView(c.store, dayKey, EXAM_EVENING)).toMatchObject({ photos: { named: 3, held: 0, purged: 3 }, purgeRefusal: '中心没有该考试日待清除的照片', purges: [{ byName: admin.name, count: 3 }] });

      const after = await buildDayArchive(c.store, c.key, dayKey, EXAM_EVENING);
      const files = unzipSync(after!.bytes);
      expect(Object.keys(files).filter((p) => p.startsWith('photos/'))).toEqual([]);
      expect(Buffer.from(files['center-events.jsonl']!).toString()).toContain('"photos.purged"');
      expect(verifyArchive(after!.bytes, { pinnedCenterKeyHex: c.key.publicKeyHex })).toMatchObject({ ok: true, problems: [] });
    } finally {
      await other.close();
      await c.store.close();
      c.remove();
    }
  });
});

/** An office core on the fixture day whose candidates' photos were attached there. */
function officeCore(): { core: Core; close: () => void } {
  const temp = makeTempDir();
  const core = openCore({ dataDir: temp.dir, now: () => new Date(T0) });
  core.commit(fixtureDayEvents(day));
  return {
    core,
    close: () => {
      core.close();
      temp.remove();
    },
  };
}

function attach(core: Core, index: number): string {
  const bytes = testPng(index + 1);
  const attached = core.handlers.attachCandidatePhotos({ photos: [{ key: day.candidates[index]!.ticketNo, dataBase64: Buffer.from(bytes).toString('base64') }] });
  if (!attached.ok) throw new Error(attached.error.message);
  return sha256(bytes);
}

describe.each<StoreKind>(['embedded', 'postgres'])('photos reach the %s center from the office', (kind) => {
  async function startCenter(): Promise<{ app: CenterApp; url: string; remove: () => void }> {
    const temp = makeTempDir('examday-center-');
    databases += 1;
    const databaseUrl = kind === 'postgres' ? cluster!.createDatabase(`photos_${databases}`) : undefined;
    const app = await openCenterApp({ dataDir: temp.dir, ...(databaseUrl ? { databaseUrl } : {}), now: () => new Date(T0 + 3_600_000) });
    const port = await listen(app.server, 0, '127.0.0.1');
    return { app, url: `http://127.0.0.1:${port}`, remove: temp.remove };
  }

  it('keeps the photos of an uploaded 同步包, takes over the push protocol only those it still lacks; the page’s API sets retention and purges', async () => {
    const center = await startCenter();
    const office = officeCore();
    try {
      const inFile = [attach(office.core, 0), attach(office.core, 1)];
      const file = buildSealedSyncFile(office.core, 'all');
      if (!file.ok || file.value.passphrase === null) throw new Error('no 同步包');
      const later = attach(office.core, 2);
      const { code } = await issueEnrolmentCode(center.app.store, day.plan.organisation, new Date(T0));
      expect(await enrolWithCenter(office.core, fetchCaller(), center.url, code, '测试考点')).toMatchObject({ ok: true });

      const uploaded = await uploadSyncFile(center.app.store, center.app.ingest, file.value.content, file.value.passphrase);
      expect(uploaded).toMatchObject({ ok: true, value: { photos: 2 } });
      expect((await center.app.store.dayPhotos(dayKey)).map((p) => p.sha256)).toEqual([...inFile].sort());

      expect(await pushToCenter(office.core, fetchCaller())).toMatchObject({ ok: true });
      expect(await pushPhotosToCenter(office.core, fetchCaller())).toEqual({ ok: true, sent: 1 });
      expect((await center.app.store.dayPhotos(dayKey)).map((p) => p.sha256)).toEqual([...inFile, later].sort());
      expect(await pushPhotosToCenter(office.core, fetchCaller())).toEqual({ ok: true, sent: 0 });

      // The page's API: only the admin sets retention or purges; any reviewer sees the dates.
      const store = center.app.store;
      await store.addUser({ username: 'zhao.admin', role: 'admin', passwordHash: await hashPassword('admin password 1'), createdAt: new Date(T0).toISOString() });
      await store.addUser({ username: 'li.reviewer', role: 'reviewer', passwordHash: await hashPassword('reviewer password 1'), createdAt: new Date(T0).toISOString() });
      const admin = new CenterBrowser(center.url);
      await admin.logIn('zhao.admin', 'admin password 1');
      const reviewer = new CenterBrowser(center.url);
      await reviewer.logIn('li.reviewer', 'reviewer password 1');
      for (const [method, path, body] of [
        ['GET', '/api/retention', undefined],
        ['POST', '/api/retention', { electronicYears: 5, photoDays: 0 }],
        ['POST', '/api/purge-photos', { dayKey }],
      ] as const) {
        expect(await reviewer.json(method, path, body), path).toMatchObject({ status: 409, message: '审核员无权执行此操作' });
      }
      expect(await admin.json('POST', '/api/retention', { electronicYears: 3, photoDays: 0 })).toMatchObject({ status: 409, message: expect.stringContaining('第二十九条') as string });
      expect(await admin.json('POST', '/api/retention', { electronicYears: 5, photoDays: '0' })).toMatchObject({ status: 400 });
      expect(await reviewer.json('GET', `/api/day-retention?day=${encodeURIComponent(dayKey)}`)).toMatchObject({
        status: 200,
        value: { electronicUntil: '2031-11-25', photosUntil: '2027-11-25', photos: { named: 3, held: 3, purged: 0 }, canPurge: false },
      });
      expect(await admin.json('POST', '/api/purge-photos', { dayKey })).toMatchObject({ status: 409, message: expect.stringContaining('2027-11-25') as string });
      expect(await admin.json('POST', '/api/retention', { electronicYears: 6, photoDays: 0 })).toMatchObject({ status: 200, ok: true });
      expect(await admin.json('GET', '/api/retention')).toMatchObject({
        value: { settings: { electronicYears: 6, photoDays: 0 }, setBy: { name: '中心管理员zhao.admin' }, days: [{ dayKey, electronicUntil: '2032-11-25', purgeRefusal: null }] },
      });
      expect(await admin.json('POST', '/api/purge-photos', { dayKey })).toMatchObject({ status: 200, value: { purged: 3 } });
      expect(await admin.json('POST', '/api/purge-photos', { dayKey })).toMatchObject({ status: 200, value: { purged: 0, eventId: null } });
      // Purged photos are not asked for again.
      expect(await pushPhotosToCenter(office.core, fetchCaller())).toEqual({ ok: true, sent: 0 });
      expect(await store.heldPhotos(dayKey)).toEqual([]);
    } finally {
      office.close();
      await center.app.close();
      center.remove();
    }
  });

  it('the office’s uploader sends the photos after the events, and asks again only when it pushed new events', async () => {
    const center = await startCenter();
    const office = officeCore();
    const ops: string[] = [];
    const counting: CenterCaller = (target, op, body) => {
      ops.push(op);
      return fetchCaller()(target, op, body);
    };
    try {
      const first = [attach(office.core, 0), attach(office.core, 1)];
      const { code } = await issueEnrolmentCode(center.app.store, day.plan.organisation, new Date(T0));
      expect(await enrolWithCenter(office.core, counting, center.url, code, '测试考点')).toMatchObject({ ok: true });
      const uploader = new CenterUploader(() => office.core, () => counting);
      await uploader.tick();
      expect(uploader.status().lastError).toBeNull();
      expect((await center.app.store.dayPhotos(dayKey)).map((p) => p.sha256)).toEqual([...first].sort());
      ops.length = 0;
      await uploader.tick();
      expect(ops).toEqual(['hello']);
      const later = attach(office.core, 2);
      await uploader.tick();
      expect(ops.filter((op) => op === 'photos').length).toBeGreaterThan(0);
      expect((await center.app.store.dayPhotos(dayKey)).map((p) => p.sha256)).toEqual([...first, later].sort());
    } finally {
      office.close();
      await center.app.close();
      center.remove();
    }
  });
});

