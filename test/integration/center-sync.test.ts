import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openCore, type Core } from '../../electron/core/core';
import { runCenterCommand } from '../../electron/cli/center-command';
import { openCenterApp, type CenterApp } from '../../electron/center/center-app';
import { listen } from '../../electron/center/http/center-server';
import { issueEnrolmentCode } from '../../electron/center/enrolment';
import { latestReceipt } from '../../electron/sync/sync-log';
import { buildSealedSyncFile } from '../../electron/sync/sync-file';
import { uploadSyncFile } from '../../electron/center/sync-file-upload';
import { enrolWithCenter, fetchCaller, pushToCenter } from '../../electron/sync/center-target';
import { dayKeyOf } from '../../shared/center/center-protocol';
import { admitMany, KeyedDevice } from '../support/center-fixture';
import { fixtureDay, fixtureDayEvents } from '../support/fixture-day';
import { startPostgresCluster, type PostgresCluster } from '../support/postgres-cluster';
import { makeTempDir } from '../support/temp-dir';

const day = fixtureDay(90);
const T0 = Date.UTC(2026, 10, 25, 0, 30);
let cluster: PostgresCluster | undefined;
let databases = 0;

beforeAll(async () => {
  cluster = await startPostgresCluster();
});
afterAll(() => cluster?.stop());

/** An office core on the fixture day holding its own events and `doors`' (as if they had synced to it). */
function officeWithDoors(doors: KeyedDevice[]): { core: Core; close: () => void } {
  const temp = makeTempDir();
  const core = openCore({ dataDir: temp.dir, now: () => new Date(T0) });
  core.commit(fixtureDayEvents(day));
  const stored = core.foreign.storeBatch({ devices: doors.map((d) => ({ deviceId: d.deviceId, publicKeyHex: d.publicKeyHex })), events: doors.flatMap((d) => d.events) });
  if (!stored.ok) throw new Error(stored.reason);
  return {
    core,
    close: () => {
      core.close();
      temp.remove();
    },
  };
}

describe.each(['embedded', 'postgres'] as const)('office → center over HTTP, %s store', (kind) => {
  async function startCenter(): Promise<{ app: CenterApp; url: string; remove: () => void }> {
    const temp = makeTempDir('examday-center-');
    databases += 1;
    const databaseUrl = kind === 'postgres' ? cluster!.createDatabase(`sync_${databases}`) : undefined;
    const app = await openCenterApp({ dataDir: temp.dir, ...(databaseUrl ? { databaseUrl } : {}), now: () => new Date(T0 + 3_600_000) });
    const port = await listen(app.server, 0, '127.0.0.1');
    return { app, url: `http://127.0.0.1:${port}`, remove: temp.remove };
  }

  it('enrols with the organisation’s code, pushes every device’s events once, and keeps the center’s receipts', async () => {
    const center = await startCenter();
    const doors = [new KeyedDevice(), new KeyedDevice(), new KeyedDevice()];
    doors.forEach((door, i) => admitMany(door, `0${i + 1}`, 25, 1, T0));
    const office = officeWithDoors(doors);
    try {
      const call = fetchCaller();
      const refused = await enrolWithCenter(office.core, call, center.url, 'AAAAA-BBBBB-CCCCC-DDDDD', '测试考点');
      expect(refused).toEqual({ ok: false, reason: '登记码无效：请向中心管理员索取本组织的登记码' });
      const { code } = await issueEnrolmentCode(center.app.store, day.plan.organisation, new Date(T0));
      const enrolled = await enrolWithCenter(office.core, call, center.url, code.toLowerCase(), '测试考点');
      expect(enrolled).toMatchObject({ ok: true, link: { organisation: day.plan.organisation } });
      // A repeated enrolment (a lost answer retried, a late replay) earns the same token: the one held stays valid.
      const again = await enrolWithCenter(office.core, call, center.url, code, '测试考点');
      expect(again.ok && enrolled.ok && again.link.token === enrolled.link.token).toBe(true);

      const held = Number(office.core.db.prepare('SELECT COUNT(*) FROM events').pluck().get());
      const pushed = await pushToCenter(office.core, call);
      expect(pushed).toEqual({ ok: true, pushed: held, forks: 0 });
      expect(await center.app.store.eventCount()).toBe(held);
      const dayKey = dayKeyOf({ organisation: day.plan.organisation, date: day.plan.date, planId: day.plan.planId });
      expect((await center.app.store.dayDevices(dayKey)).map((d) => d.deviceId).sort()).toEqual([office.core.deviceId, ...doors.map((d) => d.deviceId)].sort());
      const receipt = latestReceipt(office.core.db, center.app.key.deviceId);
      expect(receipt?.heads[office.core.deviceId]?.seq).toBe(held - 75);

      // Nothing new: one hello, nothing pushed.
      expect(await pushToCenter(office.core, call)).toEqual({ ok: true, pushed: 0, forks: 0 });
      expect(await center.app.store.eventCount()).toBe(held);
    } finally {
      office.close();
      await center.app.close();
      center.remove();
    }
  });

  it('takes a 同步包 exported by an enrolled office, refuses a wrong passphrase and an unenrolled exporter', async () => {
    const center = await startCenter();
    const doors = [new KeyedDevice()];
    admitMany(doors[0]!, '01', 10, 1, T0);
    const office = officeWithDoors(doors);
    const stranger = officeWithDoors([]);
    try {
      const file = buildSealedSyncFile(office.core, 'all');
      if (!file.ok) throw new Error(file.error.message);
      const unenrolled = await uploadSyncFile(center.app.store, center.app.ingest, file.value.content, passphraseOf(file.value));
      expect(unenrolled).toMatchObject({ ok: false, error: { code: 'refused' } });
      const { code } = await issueEnrolmentCode(center.app.store, day.plan.organisation, new Date(T0));
      expect(await enrolWithCenter(office.core, fetchCaller(), center.url, code, '测试考点')).toMatchObject({ ok: true });
      const wrong = await uploadSyncFile(center.app.store, center.app.ingest, file.value.content, 'AAAA-BBBB-CCCC-DDDD');
      expect(wrong.ok).toBe(false);
      const held = Number(office.core.db.prepare('SELECT COUNT(*) FROM events').pluck().get());
      expect(await uploadSyncFile(center.app.store, center.app.ingest, file.value.content, passphraseOf(file.value))).toEqual({
        ok: true,
        value: { site: '测试考点', stored: held, alreadyHeld: 0, forks: 0, rejected: [], photos: 0 },
      });
      const other = buildSealedSyncFile(stranger.core, 'all');
      if (!other.ok) throw new Error(other.error.message);
      expect(await uploadSyncFile(center.app.store, center.app.ingest, other.value.content, passphraseOf(other.value))).toMatchObject({ ok: false });
    } finally {
      office.close();
      stranger.close();
      await center.app.close();
      center.remove();
    }
  });

  it('lets the office push from the command line: enrols with the code once, then resumes where the center is', async () => {
    const center = await startCenter();
    const temp = makeTempDir();
    try {
      const office = openCore({ dataDir: temp.dir, now: () => new Date(T0) });
      office.commit(fixtureDayEvents(day));
      const held = Number(office.db.prepare('SELECT COUNT(*) FROM events').pluck().get());
      office.close();
      const lines: string[] = [];
      const out = (line: string): void => void lines.push(line);
      expect(await runCenterCommand(['push', '--data', temp.dir, '--center', center.url], out)).toBe(2);
      expect(lines.pop()).toBe('本机尚未登记到这个中心：请加上 --code 登记码（向中心管理员索取）');
      const { code } = await issueEnrolmentCode(center.app.store, day.plan.organisation, new Date(T0));
      expect(await runCenterCommand(['push', '--data', temp.dir, '--center', center.url, '--code', code, '--site-name', '第一考点'], out)).toBe(0);
      expect(lines.slice(-2)).toEqual([`已登记到中心（${day.plan.organisation}） / enrolled`, `已上报 ${held} 条记录 / pushed`]);
      expect(await runCenterCommand(['push', '--data', temp.dir, '--center', center.url], out)).toBe(0);
      expect(lines.pop()).toBe('已上报 0 条记录 / pushed');
      expect(await center.app.store.eventCount()).toBe(held);
    } finally {
      await center.app.close();
      center.remove();
      temp.remove();
    }
  });

  it('sends the office’s event where the center holds another one at the same place, so the fork is kept as a finding', async () => {
    const center = await startCenter();
    const door = new KeyedDevice();
    admitMany(door, '01', 6, 1, T0);
    const restored = door.branchAfter(3);
    admitMany(restored, '01', 3, 50, T0 + 100_000);
    const office = officeWithDoors([door]);
    try {
      const call = fetchCaller();
      const { code } = await issueEnrolmentCode(center.app.store, day.plan.organisation, new Date(T0));
      const enrolled = await enrolWithCenter(office.core, call, center.url, code, '测试考点');
      if (!enrolled.ok) throw new Error(enrolled.reason);
      // The center already holds the restored branch (say from a 同步包 the door's backup exported).
      const identity = { organisation: day.plan.organisation, date: day.plan.date, planId: day.plan.planId };
      const site = (await center.app.store.site(office.core.deviceId))!;
      await center.app.ingest.receive(site, { day: identity, events: restored.events.map((e) => JSON.parse(JSON.stringify(e)) as Record<string, unknown>), keys: [door.key] });
      const pushed = await pushToCenter(office.core, call);
      expect(pushed).toMatchObject({ ok: true, forks: 1 });
      const forks = await center.app.store.dayForks(dayKeyOf(identity));
      expect(forks.map((f) => [f.deviceId, f.seq, f.heldHash, f.offeredHash])).toEqual([[door.deviceId, 6, restored.events[5]!.hash, door.events[5]!.hash]]);
    } finally {
      office.close();
      await center.app.close();
      center.remove();
    }
  });

  it('refuses a site without a valid token, and a request body over the limit', async () => {
    const center = await startCenter();
    try {
      const push = await fetch(`${center.url}/center/v1/push`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', authorization: `Bearer ${'0'.repeat(64)}` },
        body: '{}',
      });
      expect(push.status).toBe(401);
      expect(push.headers.get('x-frame-options')).toBe('DENY');
      expect(push.headers.get('content-security-policy')).toContain("frame-ancestors 'none'");
      const big = await fetch(`${center.url}/center/v1/enrol`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: `"${'x'.repeat(9 * 1024 * 1024)}"` });
      expect(big.status).toBe(413);
    } finally {
      await center.app.close();
      center.remove();
    }
  });
});

/** An office's 同步包 goes by passphrase (only a paired door's is sealed to a device key). */
function passphraseOf(file: { passphrase: string | null }): string {
  if (file.passphrase === null) throw new Error('expected a passphrase-sealed file');
  return file.passphrase;
}
