import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { openCoreHost, type CoreHost } from '../../electron/core/core-host';
import { openCenterApp, type CenterApp } from '../../electron/center/center-app';
import { listen } from '../../electron/center/http/center-server';
import { issueEnrolmentCode } from '../../electron/center/enrolment';
import { examDayApiSpec } from '../../shared/api/contract';
import { FIXTURE_PLAN_FORM, fixtureDay } from '../support/fixture-day';
import { startPostgresCluster, type PostgresCluster } from '../support/postgres-cluster';
import { makeTempDir } from '../support/temp-dir';
import { unwrap } from '../support/await-result';

const day = fixtureDay(30);
const chief = 'S001';
const proctor = 'P0001';
const clock = new Date(2026, 10, 25, 8, 5);
let cluster: PostgresCluster | undefined;
let databases = 0;

beforeAll(async () => {
  cluster = await startPostgresCluster();
});
afterAll(() => cluster?.stop());

async function until(check: () => boolean, what: string): Promise<void> {
  for (let i = 0; i < 500; i += 1) {
    if (check()) return;
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
  throw new Error(`timed out waiting for ${what}`);
}

/**
 * The office reaches its center from the 设备与同步 screen (issue 14): the 主考 gives the center's
 * address and the organisation's code, the office enrols in the background, then uploads at every
 * round of the site sync; the screen's status says when it last reached the center or why not.
 */
describe.each(['embedded', 'postgres'] as const)('office uploads to its center from the screen, %s store', (kind) => {
  const cleanups: (() => Promise<void> | void)[] = [];
  afterEach(async () => {
    for (const cleanup of cleanups.splice(0).reverse()) await cleanup();
  });

  async function startCenter(): Promise<{ app: CenterApp; url: string }> {
    const temp = makeTempDir('examday-center-');
    databases += 1;
    const databaseUrl = kind === 'postgres' ? cluster!.createDatabase(`upload_${databases}`) : undefined;
    const app = await openCenterApp({ dataDir: temp.dir, ...(databaseUrl ? { databaseUrl } : {}), now: () => new Date(clock.getTime() + 3_600_000) });
    const port = await listen(app.server, 0, '127.0.0.1');
    cleanups.push(temp.remove, () => app.close());
    return { app, url: `http://127.0.0.1:${port}` };
  }

  function openOffice(): CoreHost {
    const temp = makeTempDir();
    const host = openCoreHost({ dataDir: temp.dir, now: () => clock }, { intervalMs: 3_600_000 });
    cleanups.push(temp.remove, () => host.close(), () => host.sync.close());
    unwrap(host.handlers.savePlan({ plan: FIXTURE_PLAN_FORM }));
    unwrap(host.handlers.importRoster({ rooms: day.rooms, candidates: day.candidates }));
    unwrap(host.handlers.registerStaff({ staff: day.staff.map(({ staffId, name, role, roomNo }) => ({ staffId, name, role, ...(roomNo ? { roomNo } : {}) })) }));
    return host;
  }

  it('enrols with the code, uploads the day, and says when it last reached the center', async () => {
    const center = await startCenter();
    const office = openOffice();
    await office.sync.ready;
    const before = unwrap(office.handlers.getCenterLink({}));
    expect(before).toMatchObject({ link: null, enrolment: { state: 'idle' }, lastPushAt: null });
    expect(office.handlers.pushToCenterNow({ actorStaffId: chief })).toMatchObject({ ok: false, error: { message: '本机尚未登记到中心：请先填写中心地址和登记码' } });

    const plan = unwrap(office.handlers.getDay({})).plan!;
    const { code } = await issueEnrolmentCode(center.app.store, plan.organisation, clock);
    // Only the 主考 or 副主考 runs the office's sync.
    expect(office.handlers.enrolWithCenter({ url: center.url, code, siteName: '测试考点', actorStaffId: proctor })).toMatchObject({
      ok: false,
      error: { message: '只有主考或副主考可以管理设备与同步' },
    });
    expect(office.handlers.enrolWithCenter({ url: center.url, code: 'ABC', siteName: '测试考点', actorStaffId: chief })).toMatchObject({
      ok: false,
      error: { code: 'invalid-input', message: expect.stringContaining('登记码格式错误') },
    });

    expect(unwrap(office.handlers.enrolWithCenter({ url: `${center.url}/`, code: code.toLowerCase(), siteName: '测试考点', actorStaffId: chief }))).toEqual({ started: true });
    await until(() => unwrap(office.handlers.getCenterLink({})).enrolment.state !== 'enrolling', 'enrolment');
    // Enrolment starts the first upload at once; wait for it, then for an explicit one.
    await office.sync.center.tick();
    const held = Number(office.real.db.prepare('SELECT COUNT(*) FROM events').pluck().get());
    expect(await center.app.store.eventCount()).toBe(held);
    const after = unwrap(office.handlers.getCenterLink({}));
    expect(after).toMatchObject({ link: { url: center.url, organisation: plan.organisation }, enrolment: { state: 'enrolled' }, lastError: null });
    expect(after.lastPushAt).toBe(clock.toISOString());

    unwrap(office.handlers.checkIn({ roomNo: '01', input: day.candidates[0]!.ticketNo, method: 'scanner', actorStaffId: proctor }));
    expect(unwrap(office.handlers.pushToCenterNow({ actorStaffId: chief }))).toEqual({ started: true });
    await office.sync.center.tick();
    expect(await center.app.store.eventCount()).toBe(held + 1);
    expect(unwrap(office.handlers.getCenterLink({})).lastPushed).toBe(1);
  });

  it('says in Chinese why the center was not reached, and a wrong code is refused by the center', async () => {
    const center = await startCenter();
    const office = openOffice();
    await office.sync.ready;
    unwrap(office.handlers.enrolWithCenter({ url: center.url, code: 'AAAAA-BBBBB-CCCCC-DDDDD', siteName: '测试考点', actorStaffId: chief }));
    await until(() => unwrap(office.handlers.getCenterLink({})).enrolment.state !== 'enrolling', 'enrolment');
    expect(unwrap(office.handlers.getCenterLink({}))).toMatchObject({
      link: null,
      enrolment: { state: 'failed', message: '登记失败：登记码无效：请向中心管理员索取本组织的登记码' },
    });

    const plan = unwrap(office.handlers.getDay({})).plan!;
    const { code } = await issueEnrolmentCode(center.app.store, plan.organisation, clock);
    unwrap(office.handlers.enrolWithCenter({ url: center.url, code, siteName: '测试考点', actorStaffId: chief }));
    await until(() => unwrap(office.handlers.getCenterLink({})).enrolment.state === 'enrolled', 'enrolment');
    await office.sync.center.tick();
    // The center goes away (its server stops listening).
    center.app.server.closeAllConnections();
    await new Promise((resolve) => center.app.server.close(resolve));
    await office.sync.center.tick();
    const status = unwrap(office.handlers.getCenterLink({}));
    expect(status.lastError).toMatch(/^无法连接中心（[A-Z_]+）$/);
    expect(status.lastErrorAt).toBe(clock.toISOString());
    // The last time it did reach the center stays on screen beside the error.
    expect(status.lastPushAt).toBe(clock.toISOString());
  });

  it('takes the center address and code only as typed text', () => {
    const input = examDayApiSpec.enrolWithCenter.input;
    expect(input.safeParse({ url: 'ftp://center', code: 'x', siteName: '考点', actorStaffId: chief }).error?.issues[0]?.message).toContain('http:// 或 https://');
    expect(input.safeParse({ url: 'https://center.example.org:8443/exam', code: 'ABCDE-FGHJK-MNPQR-STUVW', siteName: '考点', actorStaffId: chief }).success).toBe(true);
  });
});
