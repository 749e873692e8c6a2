import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openCenterApp } from '../../electron/center/center-app';
import { listen } from '../../electron/center/http/center-server';
import { hashPassword } from '../../electron/center/users';
import { verifyArchive } from '../../electron/center/verify-archive';
import { readFirstSheet } from '../../shared/roster/xlsx-reader';
import { enrolOffice, KeyedDevice, proctor } from '../support/center-fixture';
import { fixtureDay } from '../support/fixture-day';
import { startPostgresCluster, type PostgresCluster } from '../support/postgres-cluster';
import { makeTempDir } from '../support/temp-dir';
import { CenterBrowser as Browser } from '../support/center-browser';

const day = fixtureDay(30);
const T0 = new Date(2026, 10, 25, 8, 0).getTime();
const NOW = new Date(2026, 10, 25, 18, 0);
let cluster: PostgresCluster | undefined;
let databases = 0;

beforeAll(async () => {
  cluster = await startPostgresCluster();
});
afterAll(() => cluster?.stop());

describe.each(['embedded', 'postgres'] as const)('the center’s web API, %s store', (kind) => {
  it('logs in, lists the day, guards CSRF and roles, logs full-ID views, resolves, exports and archives', async () => {
    const temp = makeTempDir('examday-center-');
    databases += 1;
    const databaseUrl = kind === 'postgres' ? cluster!.createDatabase(`web_${databases}`) : undefined;
    const app = await openCenterApp({ dataDir: temp.dir, ...(databaseUrl ? { databaseUrl } : {}), now: () => NOW });
    try {
      const port = await listen(app.server, 0, '127.0.0.1');
      const base = `http://127.0.0.1:${port}`;
      await app.store.addUser({ username: 'li.reviewer', role: 'reviewer', passwordHash: await hashPassword('reviewer password 1'), createdAt: NOW.toISOString() });
      await app.store.addUser({ username: 'wang.auditor', role: 'auditor', passwordHash: await hashPassword('auditor password 1'), createdAt: NOW.toISOString() });
      // A site's day: the office set it up, two doors admitted one candidate twice.
      const office = new KeyedDevice();
      office.write('plan.set', { plan: day.plan }, proctor, new Date(T0));
      for (const room of day.rooms) office.write('room.defined', { room }, proctor, new Date(T0));
      office.write('candidates.registered', { candidates: day.candidates }, proctor, new Date(T0));
      const doors = [new KeyedDevice(), new KeyedDevice()];
      const twice = day.candidates[0]!;
      for (const door of doors) {
        door.write('checkin.attempted', { roomNo: '01', input: { method: 'scanner', value: twice.ticketNo }, verdict: 'admitted', ticketNo: twice.ticketNo }, proctor, new Date(T0 + 60_000));
      }
      const { site } = await enrolOffice(app.store, office, day.plan.organisation);
      await app.ingest.receive(site, {
        day: { organisation: day.plan.organisation, date: day.plan.date, planId: day.plan.planId },
        events: [...office.events, ...doors.flatMap((d) => d.events)].map((e) => JSON.parse(JSON.stringify(e)) as Record<string, unknown>),
        keys: doors.map((d) => d.key),
      });

      const stranger = new Browser(base);
      expect((await stranger.call('GET', '/api/days')).status).toBe(401);
      expect((await stranger.call('POST', '/api/login', { username: 'li.reviewer', password: 'wrong password 1' })).status).toBe(401);

      const reviewer = new Browser(base);
      await reviewer.logIn('li.reviewer', 'reviewer password 1');
      const days = (await (await reviewer.call('GET', '/api/days')).json()) as { value: { dayKey: string; openFindings: number; devices: number; unsignedRooms: number }[] };
      expect(days.value).toHaveLength(1);
      expect(days.value[0]).toMatchObject({ openFindings: 1, devices: 3, unsignedRooms: 1 });
      const dayKey = days.value[0]!.dayKey;
      const view = (await (await reviewer.call('GET', `/api/day?day=${encodeURIComponent(dayKey)}`)).json()) as { value: { findings: { id: string }[]; candidates: { idMasked: string }[] } };
      expect(view.value.candidates[0]!.idMasked).toBe(`**************${twice.idNumber.slice(-4)}`);

      // CSRF: a state change without the token, or from another origin, is refused.
      const findingId = view.value.findings[0]!.id;
      const resolve = { dayKey, findingId, reason: '核对后确认为重复扫描' };
      expect((await reviewer.call('POST', '/api/resolve-finding', resolve, { 'x-csrf-token': 'forged' })).status).toBe(401);
      expect((await reviewer.call('POST', '/api/resolve-finding', resolve, { origin: 'https://evil.example' })).status).toBe(401);
      expect((await reviewer.call('GET', `/api/results.xlsx?day=${encodeURIComponent(dayKey)}`)).status).toBe(409);

      // The auditor reads but may neither resolve nor see a full ID number.
      const auditor = new Browser(base);
      await auditor.logIn('wang.auditor', 'auditor password 1');
      expect((await auditor.call('GET', '/api/days')).status).toBe(200);
      expect((await auditor.call('POST', '/api/resolve-finding', resolve)).status).toBe(409);
      expect((await auditor.call('POST', '/api/reveal-id', { dayKey, ticketNo: twice.ticketNo })).status).toBe(409);
      expect((await auditor.call('GET', `/api/results.xlsx?day=${encodeURIComponent(dayKey)}`)).status).toBe(409);

      const revealed = (await (await reviewer.call('POST', '/api/reveal-id', { dayKey, ticketNo: twice.ticketNo })).json()) as { value: { idNumber: string } };
      expect(revealed.value.idNumber).toBe(twice.idNumber);
      expect(await app.store.idViews(dayKey)).toEqual([{ username: 'li.reviewer', ticketNo: twice.ticketNo, at: NOW.toISOString() }]);

      expect((await reviewer.call('POST', '/api/resolve-finding', resolve)).status).toBe(200);
      const xlsx = await reviewer.call('GET', `/api/results.xlsx?day=${encodeURIComponent(dayKey)}`);
      expect(xlsx.status).toBe(200);
      const sheet = readFirstSheet(new Uint8Array(await xlsx.arrayBuffer()));
      expect(sheet.ok && sheet.rows.length).toBe(31);
      // The archive carries every event as signed, ID numbers in full: not for the auditor.
      expect((await auditor.call('GET', `/api/archive.zip?day=${encodeURIComponent(dayKey)}`)).status).toBe(409);
      const zip = await reviewer.call('GET', `/api/archive.zip?day=${encodeURIComponent(dayKey)}`);
      expect(verifyArchive(new Uint8Array(await zip.arrayBuffer()))).toMatchObject({ ok: true, devices: 3 });

      expect((await reviewer.call('POST', '/api/logout', {})).status).toBe(200);
      expect((await reviewer.call('GET', '/api/days')).status).toBe(401);
    } finally {
      await app.close();
      temp.remove();
    }
  });
});
