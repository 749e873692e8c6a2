import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openCenterApp, type CenterApp } from '../../electron/center/center-app';
import { listen } from '../../electron/center/http/center-server';
import { hashPassword } from '../../electron/center/users';
import { enrolWithCenter, fetchCaller } from '../../electron/sync/center-target';
import { openCore } from '../../electron/core/core';
import { CenterBrowser } from '../support/center-browser';
import { fixtureDay, fixtureDayEvents } from '../support/fixture-day';
import { startPostgresCluster, type PostgresCluster } from '../support/postgres-cluster';
import { makeTempDir } from '../support/temp-dir';

const NOW = new Date(2026, 10, 25, 18, 0);
const day = fixtureDay(10);
let cluster: PostgresCluster | undefined;
let databases = 0;

beforeAll(async () => {
  cluster = await startPostgresCluster();
});
afterAll(() => cluster?.stop());

/**
 * The admin page's web API (issue 14 item 3): only the 中心管理员 adds reviewers and auditors,
 * resets passwords, disables accounts and issues or revokes organisations' enrolment codes; a
 * disabled account's session ends and it logs in no more; a reset password ends the old sessions;
 * a revoked code enrols no site; every change is in the admin log; CSRF as the rest of the page.
 */
describe.each(['embedded', 'postgres'] as const)('the center’s admin API, %s store', (kind) => {
  async function startCenter(): Promise<{ app: CenterApp; base: string; remove: () => void }> {
    const temp = makeTempDir('examday-center-');
    databases += 1;
    const databaseUrl = kind === 'postgres' ? cluster!.createDatabase(`admin_${databases}`) : undefined;
    const app = await openCenterApp({ dataDir: temp.dir, ...(databaseUrl ? { databaseUrl } : {}), now: () => NOW });
    const port = await listen(app.server, 0, '127.0.0.1');
    await app.store.addUser({ username: 'zhao.admin', role: 'admin', passwordHash: await hashPassword('admin password 1'), createdAt: NOW.toISOString() });
    return { app, base: `http://127.0.0.1:${port}`, remove: temp.remove };
  }

  it('lets only the admin manage accounts; a disabled account and a reset password end sessions', async () => {
    const center = await startCenter();
    try {
      const admin = new CenterBrowser(center.base);
      await admin.logIn('zhao.admin', 'admin password 1');
      expect(await admin.json('POST', '/api/admin/add-user', { username: 'li.reviewer', role: 'reviewer', password: 'short' })).toMatchObject({ status: 400, message: '密码至少 12 位' });
      expect(await admin.json('POST', '/api/admin/add-user', { username: 'Li Reviewer', role: 'reviewer', password: 'reviewer password 1' })).toMatchObject({ status: 400 });
      expect(await admin.json('POST', '/api/admin/add-user', { username: 'li.reviewer', role: 'reviewer', password: 'reviewer password 1' })).toMatchObject({ status: 200, ok: true });
      expect(await admin.json('POST', '/api/admin/add-user', { username: 'li.reviewer', role: 'auditor', password: 'another password 1' })).toMatchObject({ status: 409, message: '用户 li.reviewer 已存在' });
      expect(await admin.json('POST', '/api/admin/add-user', { username: 'wang.auditor', role: 'auditor', password: 'auditor password 1' })).toMatchObject({ ok: true });

      // Without the form token, or from another site: refused before anything changes.
      const noToken = await admin.call('POST', '/api/admin/add-user', { username: 'x.user', role: 'auditor', password: 'auditor password 1' }, { 'x-csrf-token': 'wrong' });
      expect(noToken.status).toBe(401);
      const crossSite = await admin.call('POST', '/api/admin/add-user', { username: 'x.user', role: 'auditor', password: 'auditor password 1' }, { origin: 'https://evil.example' });
      expect(crossSite.status).toBe(401);

      // The reviewer and the auditor may not touch accounts or codes, read or write.
      const reviewer = new CenterBrowser(center.base);
      await reviewer.logIn('li.reviewer', 'reviewer password 1');
      const auditor = new CenterBrowser(center.base);
      await auditor.logIn('wang.auditor', 'auditor password 1');
      for (const [who, role] of [[reviewer, '审核员'], [auditor, '审计员']] as const) {
        for (const [method, path, body] of [
          ['GET', '/api/admin/users', undefined],
          ['GET', '/api/admin/codes', undefined],
          ['GET', '/api/admin/log', undefined],
          ['POST', '/api/admin/add-user', { username: 'x.user', role: 'admin', password: 'sneaky password 1' }],
          ['POST', '/api/admin/reset-password', { username: 'zhao.admin', password: 'sneaky password 1' }],
          ['POST', '/api/admin/set-disabled', { username: 'zhao.admin', disabled: true }],
          ['POST', '/api/admin/issue-code', { organisation: day.plan.organisation }],
        ] as const) {
          expect(await who.json(method, path, body), `${role} ${path}`).toMatchObject({ status: 409, ok: false, message: `${role}无权执行此操作` });
        }
      }
      expect((await center.app.store.users()).map((u) => u.username)).toEqual(['li.reviewer', 'wang.auditor', 'zhao.admin']);

      const users = await admin.json<{ username: string; role: string; disabledAt: string | null }[]>('GET', '/api/admin/users');
      expect(users.value.map((u) => [u.username, u.role, u.disabledAt])).toEqual([
        ['li.reviewer', 'reviewer', null],
        ['wang.auditor', 'auditor', null],
        ['zhao.admin', 'admin', null],
      ]);

      // Disabling ends the auditor's session at once and refuses the next login.
      expect(await admin.json('POST', '/api/admin/set-disabled', { username: 'zhao.admin', disabled: true })).toMatchObject({ status: 409, message: '不能停用自己的账户：请让另一位中心管理员操作' });
      expect(await admin.json('POST', '/api/admin/set-disabled', { username: 'wang.auditor', disabled: true })).toMatchObject({ ok: true });
      expect((await auditor.json('GET', '/api/days')).status).toBe(401);
      expect(await new CenterBrowser(center.base).json('POST', '/api/login', { username: 'wang.auditor', password: 'auditor password 1' })).toMatchObject({ status: 401, message: '该账户已停用：请联系中心管理员' });
      expect(await new CenterBrowser(center.base).json('POST', '/api/login', { username: 'wang.auditor', password: 'wrong password 1' })).toMatchObject({ status: 401, message: '用户名或密码错误' });
      expect(await admin.json('POST', '/api/admin/set-disabled', { username: 'wang.auditor', disabled: false })).toMatchObject({ ok: true });
      await new CenterBrowser(center.base).logIn('wang.auditor', 'auditor password 1');

      // A reset password ends the reviewer's session; the old password no longer works, the new one does.
      expect(await admin.json('POST', '/api/admin/reset-password', { username: 'nobody.here', password: 'reviewer password 2' })).toMatchObject({ status: 404 });
      expect(await admin.json('POST', '/api/admin/reset-password', { username: 'li.reviewer', password: 'reviewer password 2' })).toMatchObject({ ok: true });
      expect((await reviewer.json('GET', '/api/days')).status).toBe(401);
      expect((await new CenterBrowser(center.base).json('POST', '/api/login', { username: 'li.reviewer', password: 'reviewer password 1' })).status).toBe(401);
      await new CenterBrowser(center.base).logIn('li.reviewer', 'reviewer password 2');

      const log = await admin.json<{ username: string; action: string; subject: string }[]>('GET', '/api/admin/log');
      expect(log.value.map((a) => [a.username, a.action, a.subject]).sort()).toEqual(
        [
          ['zhao.admin', 'add-user', 'li.reviewer（reviewer）'],
          ['zhao.admin', 'add-user', 'wang.auditor（auditor）'],
          ['zhao.admin', 'disable-user', 'wang.auditor'],
          ['zhao.admin', 'enable-user', 'wang.auditor'],
          ['zhao.admin', 'reset-password', 'li.reviewer'],
        ].sort(),
      );
    } finally {
      await center.app.close();
      center.remove();
    }
  });

  it('issues an organisation’s code once on the page, lists it by its last group, and a revoked code enrols no site', async () => {
    const center = await startCenter();
    const officeDir = makeTempDir();
    const office = openCore({ dataDir: officeDir.dir, now: () => NOW });
    office.commit(fixtureDayEvents(day));
    try {
      const admin = new CenterBrowser(center.base);
      await admin.logIn('zhao.admin', 'admin password 1');
      expect(await admin.json('POST', '/api/admin/issue-code', { organisation: '  ' })).toMatchObject({ status: 400, message: '请填写组织名称（与考试计划中的评价机构一致）' });
      const issued = await admin.json<{ code: string; expiresAt: string; codeHash: string }>('POST', '/api/admin/issue-code', { organisation: day.plan.organisation });
      expect(issued.value.code).toMatch(/^[2-9A-HJKMNP-Z]{5}(-[2-9A-HJKMNP-Z]{5}){3}$/);
      const codes = await admin.json<{ codeHash: string; organisation: string; hint: string; issuedBy: string; revokedAt: string | null }[]>('GET', '/api/admin/codes');
      expect(codes.value).toEqual([expect.objectContaining({ codeHash: issued.value.codeHash, organisation: day.plan.organisation, hint: issued.value.code.slice(-5), issuedBy: 'zhao.admin', revokedAt: null })]);
      // The list never holds the code itself.
      expect(JSON.stringify(codes.value)).not.toContain(issued.value.code);

      expect(await admin.json('POST', '/api/admin/revoke-code', { codeHash: issued.value.codeHash })).toMatchObject({ ok: true });
      expect(await admin.json('POST', '/api/admin/revoke-code', { codeHash: issued.value.codeHash })).toMatchObject({ status: 409, message: '该登记码已作废' });
      const refused = await enrolWithCenter(office, fetchCaller(), center.base, issued.value.code, '测试考点');
      expect(refused).toEqual({ ok: false, reason: '登记码已被中心管理员作废：请向中心管理员索取新的登记码' });

      const fresh = await admin.json<{ code: string }>('POST', '/api/admin/issue-code', { organisation: day.plan.organisation });
      expect(await enrolWithCenter(office, fetchCaller(), center.base, fresh.value.code, '测试考点')).toMatchObject({ ok: true });
      const log = await admin.json<{ action: string; subject: string }[]>('GET', '/api/admin/log');
      expect(log.value.map((a) => a.action).sort()).toEqual(['issue-code', 'issue-code', 'revoke-code']);
    } finally {
      office.close();
      officeDir.remove();
      await center.app.close();
      center.remove();
    }
  });
});
