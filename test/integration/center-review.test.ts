import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createHash } from 'node:crypto';
import { strFromU8, strToU8, unzipSync, zipSync } from 'fflate';
import { sha256Hex } from '../../electron/core/device-key';
import { manifestSigningInput, type ArchiveManifest } from '../../shared/center/archive-manifest';
import { SignaturePool } from '../../electron/core/signature-pool';
import { buildDayArchive } from '../../electron/center/archive';
import { loadCenterKey } from '../../electron/center/center-identity';
import { centerActor, custodyStatus, DayCache, exportOverrides, openDay, openFindings, resolveFinding, roomSummaries, signExportOverride } from '../../electron/center/day-view';
import { CenterIngest } from '../../electron/center/ingest';
import { exportResultsXlsx } from '../../electron/center/results-export';
import { hashPassword, logIn, sessionIdHash } from '../../electron/center/users';
import { verifyArchive } from '../../electron/center/verify-archive';
import { dayKeyOf } from '../../shared/center/center-protocol';
import { LOGIN_FAILURE_LIMIT, SESSION_MS } from '../../shared/center/center-roles';
import { readFirstSheet } from '../../shared/roster/xlsx-reader';
import { enrolOffice, freshStore, KeyedDevice, proctor, type StoreKind } from '../support/center-fixture';
import { fixtureDay } from '../support/fixture-day';
import { startPostgresCluster, type PostgresCluster } from '../support/postgres-cluster';

const T0 = Date.UTC(2026, 10, 25, 0, 10);
// The evening of the fixture day (its rules read local time, as the site does): the late cut-off long passed.
const NOW = new Date(2026, 10, 25, 18, 0);
const pool = new SignaturePool(2);
const day = fixtureDay(60);
const identity = { organisation: day.plan.organisation, date: day.plan.date, planId: day.plan.planId };
const dayKey = dayKeyOf(identity);
let cluster: PostgresCluster | undefined;
let databases = 0;

beforeAll(async () => {
  cluster = await startPostgresCluster();
});
afterAll(async () => {
  await pool.close();
  cluster?.stop();
});

/** A site whose office set up the fixture day and whose two doors admitted room 01, one candidate at both. */
function siteEvents(): { office: KeyedDevice; doors: KeyedDevice[]; twice: string } {
  const office = new KeyedDevice();
  office.write('plan.set', { plan: day.plan }, proctor, new Date(T0));
  for (const room of day.rooms) office.write('room.defined', { room }, proctor, new Date(T0));
  for (const staff of day.staff) office.write('staff.registered', { staff }, proctor, new Date(T0));
  office.write('candidates.registered', { candidates: day.candidates }, proctor, new Date(T0));
  // One paper bag registered for room 01 and never handed out: custody does not reconcile.
  office.write('bags.registered', { bags: [{ code: 'SJ-0001', kind: 'paper', occupation: '保育师', level: '四级', count: 30, roomNo: '01', sealNos: [], source: 'press-label' }] }, proctor, new Date(T0));
  const doors = [new KeyedDevice(), new KeyedDevice()];
  const room01 = day.candidates.filter((c) => c.roomNo === '01');
  const admit = (door: KeyedDevice, ticketNo: string, minute: number) =>
    door.write('checkin.attempted', { roomNo: '01', input: { method: 'scanner', value: ticketNo }, verdict: 'admitted', ticketNo }, proctor, new Date(T0 + minute * 60_000));
  room01.slice(0, 20).forEach((c, i) => admit(doors[0]!, c.ticketNo, 10 + i / 10));
  const twice = room01[0]!.ticketNo;
  admit(doors[1]!, twice, 12);
  return { office, doors, twice };
}

describe.each<StoreKind>(['embedded', 'postgres'])('center review on the %s store', (kind) => {
  async function centerWithDay() {
    databases += 1;
    const opened = await freshStore(kind, cluster, `review_${kind}_${databases}`);
    const key = await loadCenterKey(opened.store);
    const site = siteEvents();
    const { site: siteRow } = await enrolOffice(opened.store, site.office, day.plan.organisation);
    const ingest = new CenterIngest(opened.store, key, pool, () => NOW);
    const all = [...site.office.events, ...site.doors.flatMap((d) => d.events)].map((e) => JSON.parse(JSON.stringify(e)) as Record<string, unknown>);
    const stored = await ingest.receive(siteRow, { day: identity, events: all, keys: site.doors.map((d) => d.key) });
    if (!stored.ok || stored.rejected.length > 0) throw new Error(JSON.stringify(stored));
    return { ...opened, key, site };
  }

  it('shows the day’s rooms and findings, resolves a finding with a signed center event, then exports results', async () => {
    const c = await centerWithDay();
    try {
      const model = (await openDay(c.store, dayKey))!;
      const rooms = roomSummaries(model, NOW);
      expect(rooms.map((r) => [r.roomNo, r.candidates, r.admitted, r.absent, r.signed])).toEqual([
        ['01', 30, 20, 10, false],
        ['02', 30, 0, 30, false],
      ]);
      // Read days later, the day is read as at its end: whoever did not come in is 缺考, not 待定.
      expect(roomSummaries(model, new Date(2026, 10, 30, 8, 0)).map((r) => r.absent)).toEqual([10, 30]);
      const custody = custodyStatus(model);
      expect([custody.bags, custody.dayClosed, custody.reconciliation.problems.map((p) => [p.bagCode, p.signed])]).toEqual([1, false, [['SJ-0001', false]]]);
      expect(custody.timeline.map((b) => [b.code, b.state])).toEqual([['SJ-0001', 'received']]);
      const open = openFindings(model);
      expect(open.map((f) => [f.kind, f.subject])).toEqual([['admitted-twice', c.site.twice]]);

      const refused = await exportResultsXlsx(model, NOW, false);
      expect(refused).toEqual({ ok: false, reason: '该考试日还有 1 个待处理事项：请先逐一处理（写明理由），或由审核员签署放行（写明理由）后再导出结果' });

      const actor = centerActor('li.reviewer', 'reviewer');
      const resolved = await resolveFinding(c.store, c.key, { dayKey, findingId: open[0]!.id, reason: '核对监控：第二次为误扫', actor, now: NOW });
      expect(resolved).toEqual({ ok: true, eventId: `${c.key.deviceId}-1` });
      expect(await resolveFinding(c.store, c.key, { dayKey, findingId: open[0]!.id, reason: '再次', actor, now: NOW })).toMatchObject({ ok: false });
      const after = (await openDay(c.store, dayKey))!;
      expect(openFindings(after)).toEqual([]);
      expect(after.findings[0]?.resolution).toMatchObject({ reason: '核对监控：第二次为误扫', by: actor });

      for (const full of [false, true]) {
        const xlsx = await exportResultsXlsx(after, NOW, full);
        if (!xlsx.ok) throw new Error(xlsx.reason);
        const sheet = readFirstSheet(xlsx.bytes);
        if (!sheet.ok) throw new Error(sheet.reason);
        expect(sheet.rows[0]).toEqual(['准考证号', '姓名', '证件号码', '职业', '等级', '考场', '座位号', '结果', '违纪舞弊情况']);
        expect(sheet.rows).toHaveLength(61);
        const first = day.candidates[0]!;
        const row = sheet.rows.find((r) => r[0] === first.ticketNo)!;
        expect(row.slice(1, 8)).toEqual([first.name, full ? first.idNumber : `**************${first.idNumber.slice(-4)}`, first.occupation, first.level, '第1考场', '1', '参考']);
      }
    } finally {
      await c.store.close();
      c.remove();
    }
  });

  it('exports results with a finding open once a reviewer signs an override with a reason, shown on the day; a later finding needs another', async () => {
    const c = await centerWithDay();
    try {
      const model = (await openDay(c.store, dayKey))!;
      const open = openFindings(model);
      expect(open).toHaveLength(1);
      expect(await exportResultsXlsx(model, NOW, false)).toMatchObject({ ok: false, reason: expect.stringContaining('或由审核员签署放行') });

      const actor = centerActor('li.reviewer', 'reviewer');
      const signed = await signExportOverride(c.store, c.key, { dayKey, reason: '认定系统截止在即；重复入场待监控核实，不影响成绩', actor, now: NOW });
      expect(signed).toEqual({ ok: true, eventId: `${c.key.deviceId}-1` });
      const after = (await openDay(c.store, dayKey))!;
      // The finding stays open (nothing is decided about it); the override names it, who signed and why.
      expect(openFindings(after).map((f) => f.id)).toEqual([open[0]!.id]);
      expect(exportOverrides(after)).toEqual([
        { eventId: `${c.key.deviceId}-1`, at: NOW.toISOString(), byName: actor.name, reason: '认定系统截止在即；重复入场待监控核实，不影响成绩', findingIds: [open[0]!.id] },
      ]);
      // Signed by the center's key in its own chain, as a resolution is.
      const [row] = await c.store.centerEvents(dayKey);
      expect(JSON.parse(row!.body)).toMatchObject({ type: 'results.export-overridden', deviceId: c.key.deviceId, seq: 1, actor });
      const xlsx = await exportResultsXlsx(after, NOW, false);
      expect(xlsx.ok).toBe(true);

      // Nothing left to override: refused with the reason.
      await resolveFinding(c.store, c.key, { dayKey, findingId: open[0]!.id, reason: '已核实', actor, now: NOW });
      expect(await signExportOverride(c.store, c.key, { dayKey, reason: '再签一次', actor, now: NOW })).toEqual({ ok: false, reason: '该考试日没有待处理事项，可以直接导出结果，无需签署放行' });

      // A finding that arrives after the override is not covered by it.
      const late = new KeyedDevice();
      const second = day.candidates.filter((cand) => cand.roomNo === '01')[1]!.ticketNo;
      late.write('checkin.attempted', { roomNo: '01', input: { method: 'scanner', value: second }, verdict: 'admitted', ticketNo: second }, proctor, new Date(T0 + 30 * 60_000));
      const { site: siteRow } = await enrolOffice(c.store, c.site.office, day.plan.organisation);
      const ingest = new CenterIngest(c.store, c.key, pool, () => NOW);
      const stored = await ingest.receive(siteRow, { day: identity, events: late.events.map((e) => JSON.parse(JSON.stringify(e)) as Record<string, unknown>), keys: [late.key] });
      expect(stored.ok && stored.rejected).toEqual([]);
      const later = (await openDay(c.store, dayKey))!;
      expect(openFindings(later)).toHaveLength(1);
      expect(await exportResultsXlsx(later, NOW, false)).toMatchObject({ ok: false, reason: expect.stringContaining('还有 1 个待处理事项') });
    } finally {
      await c.store.close();
      c.remove();
    }
  });

  it('archives the day so that verify-archive passes it, and fails a changed byte or a removed file with the reason', async () => {
    const c = await centerWithDay();
    try {
      const model = (await openDay(c.store, dayKey))!;
      await resolveFinding(c.store, c.key, { dayKey, findingId: openFindings(model)[0]!.id, reason: '已核实', actor: centerActor('li.reviewer', 'reviewer'), now: NOW });
      const archive = (await buildDayArchive(c.store, c.key, dayKey, NOW))!;
      const report = verifyArchive(archive.bytes);
      expect(report).toMatchObject({ ok: true, devices: 3, problems: [] });
      expect(report.events).toBe(c.site.office.events.length + 21);

      const files = unzipSync(archive.bytes);
      const doorFile = `events/${c.site.doors[0]!.deviceId}.jsonl`;
      // One byte of one event changed (and the manifest left as signed).
      const altered = { ...files, [doorFile]: strToU8(strFromU8(files[doorFile]!).replace('"scanner"', '"typed"')) };
      expect(verifyArchive(zipSync(altered)).problems).toContain(`文件 ${doorFile} 被改动（哈希与清单不符）`);
      const { [doorFile]: _removed, ...without } = files;
      const withoutDoor = verifyArchive(zipSync(without)).problems;
      expect(withoutDoor[0]).toBe(`缺少文件 ${doorFile}`);
      // The center's receipts named that door's events: their loss is reported too.
      expect(withoutDoor.slice(1).every((p) => p.includes('记录被截断'))).toBe(true);
      // The manifest re-written to match the changed file: its signature no longer holds.
      const manifest = JSON.parse(strFromU8(files['manifest.json']!)) as { files: { path: string; sha256: string }[] };
      manifest.files = manifest.files.filter((f) => f.path !== doorFile);
      expect(verifyArchive(zipSync({ ...without, 'manifest.json': strToU8(JSON.stringify(manifest)) })).problems).toEqual(['清单签名无效：清单被改动，或不是该中心签发的']);

      // A truncated record signed by the center itself (a row lost from its store before the export):
      // every chain left is whole, but the center's own receipts name the events that are gone.
      const cut = { ...files, [doorFile]: strToU8(strFromU8(files[doorFile]!).trimEnd().split('\n').slice(0, -1).join('\n') + '\n') };
      const resigned = JSON.parse(strFromU8(files['manifest.json']!)) as ArchiveManifest;
      resigned.files = resigned.files.map((f) => (f.path === doorFile ? { ...f, sha256: createHash('sha256').update(cut[doorFile]!).digest('hex'), bytes: cut[doorFile]!.byteLength } : f));
      const signed = { ...cut, 'manifest.json': strToU8(JSON.stringify(resigned)), 'manifest.sig': strToU8(c.key.signHash(sha256Hex(manifestSigningInput(resigned)))) };
      expect(verifyArchive(zipSync(signed)).problems.some((p) => p.includes('记录被截断'))).toBe(true);
      // And an archive re-signed by anyone else is told apart once the center's key is pinned.
      expect(verifyArchive(archive.bytes, { pinnedCenterKeyHex: c.key.publicKeyHex }).ok).toBe(true);
      expect(verifyArchive(archive.bytes, { pinnedCenterKeyHex: c.site.office.publicKeyHex }).problems[0]).toMatch(/另一把密钥/);
    } finally {
      await c.store.close();
      c.remove();
    }
  });

  it('serves a folded day from its cache until any process stores something of that day', async () => {
    const c = await centerWithDay();
    const other = await c.reopen();
    try {
      const cache = new DayCache();
      const first = await cache.open(c.store, dayKey);
      expect(await cache.open(c.store, dayKey)).toBe(first);
      // Another process resolves the finding: a center event of this day, so the fold is read again.
      await resolveFinding(other, c.key, { dayKey, findingId: openFindings(first!)[0]!.id, reason: '已核实', actor: centerActor('li.reviewer', 'reviewer'), now: NOW });
      const second = await cache.open(c.store, dayKey);
      expect(second).not.toBe(first);
      expect(openFindings(second!)).toEqual([]);
    } finally {
      await other.close();
      await c.store.close();
      c.remove();
    }
  });

  it('logs users in with scrypt passwords, throttles failed logins across processes, and expires sessions', async () => {
    databases += 1;
    const c = await freshStore(kind, cluster, `users_${kind}_${databases}`);
    const other = await c.reopen();
    try {
      await c.store.addUser({ username: 'li.reviewer', role: 'reviewer', passwordHash: await hashPassword('correct horse battery'), createdAt: NOW.toISOString() });
      const ok = await logIn(c.store, 'li.reviewer', 'correct horse battery', NOW);
      expect(ok).toMatchObject({ ok: true, role: 'reviewer' });
      if (!ok.ok) return;
      expect(await c.store.session(sessionIdHash(ok.sessionId), NOW.toISOString())).toMatchObject({ username: 'li.reviewer', role: 'reviewer' });
      expect(await c.store.session(sessionIdHash(ok.sessionId), new Date(NOW.getTime() + SESSION_MS + 1).toISOString())).toBeUndefined();
      // Failures counted in the database: half on each process, then even the right password waits.
      for (let i = 0; i < LOGIN_FAILURE_LIMIT; i += 1) {
        expect(await logIn(i % 2 === 0 ? c.store : other, 'li.reviewer', `wrong ${i}`, NOW)).toEqual({ ok: false, throttled: false, reason: '用户名或密码错误' });
      }
      expect(await logIn(other, 'li.reviewer', 'correct horse battery', NOW)).toMatchObject({ ok: false, throttled: true });
      expect(await logIn(c.store, 'nobody', 'whatever it is', NOW)).toEqual({ ok: false, throttled: false, reason: '用户名或密码错误' });
    } finally {
      await other.close();
      await c.store.close();
      c.remove();
    }
  });
});
