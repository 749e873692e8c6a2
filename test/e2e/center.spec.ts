import { expect, test, type Page } from '@playwright/test';
import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { mkdirSync, readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { SqliteCenterStore } from '../../electron/center/store/sqlite-center-store';
import { loadCenterKey } from '../../electron/center/center-identity';
import { keepPhotos } from '../../electron/center/center-photos';
import { CenterIngest } from '../../electron/center/ingest';
import { SignaturePool } from '../../electron/core/signature-pool';
import { readFirstSheet } from '../../shared/roster/xlsx-reader';
import { createHash } from 'node:crypto';
import { dayKeyOf } from '../../shared/center/center-protocol';
import { enrolOffice, KeyedDevice, proctor } from '../support/center-fixture';
import { testPng } from '../support/photo-files';
import { fixtureDay } from '../support/fixture-day';
import { makeTempDir } from '../support/temp-dir';
import { loadSampleDay } from './support/sample-day';
import { callApi, startServer } from './support/server';
import { signInByBadge } from './support/signin';

/**
 * The center as a reviewer uses it (issue 14): the real dist/center.js on an embedded store that a
 * site has pushed one day to; users added with `examday center add-user`; log in, open the day and
 * a room, resolve the finding, export results (read back), download the archive and verify it with
 * `examday verify-archive`; an auditor sees only masked ID numbers. Screens at 1366×768.
 */
const ROOT = resolve(__dirname, '..', '..');
const SCREENS_DIR = resolve(ROOT, 'test-results', 'screens');
const day = fixtureDay(60);
const T0 = new Date(2026, 10, 25, 8, 10).getTime();

/** The center holding one pushed day; with `photos`, that many candidates' photos attached by the office and kept at the center. */
async function seedCenter(dir: string, photos = 0): Promise<{ twice: string }> {
  const store = SqliteCenterStore.open(dir);
  const pool = new SignaturePool(1);
  try {
    const key = await loadCenterKey(store);
    const office = new KeyedDevice();
    office.write('plan.set', { plan: day.plan }, proctor, new Date(T0));
    for (const room of day.rooms) office.write('room.defined', { room }, proctor, new Date(T0));
    office.write('candidates.registered', { candidates: day.candidates }, proctor, new Date(T0));
    const photoBytes = day.candidates.slice(0, photos).map((c, i) => {
      const bytes = testPng(i + 1);
      const sha256 = createHash('sha256').update(bytes).digest('hex');
      office.write('candidate.photo-attached', { ticketNo: c.ticketNo, sha256, mime: 'image/png', byteLength: bytes.byteLength }, proctor, new Date(T0));
      return { sha256, bytes };
    });
    const doors = [new KeyedDevice(), new KeyedDevice()];
    const room01 = day.candidates.filter((c) => c.roomNo === '01');
    room01.slice(0, 25).forEach((c, i) =>
      doors[0]!.write('checkin.attempted', { roomNo: '01', input: { method: 'scanner', value: c.ticketNo }, verdict: 'admitted', ticketNo: c.ticketNo }, proctor, new Date(T0 + i * 20_000)),
    );
    const twice = room01[0]!.ticketNo;
    doors[1]!.write('checkin.attempted', { roomNo: '01', input: { method: 'scanner', value: twice }, verdict: 'admitted', ticketNo: twice }, proctor, new Date(T0 + 600_000));
    // The room's 主监考 records a 夹带 and signs the 考场情况记录单 on the office laptop.
    const chief = { staffId: 'P0001', name: '主监考1', role: 'chief-proctor' } as const;
    const crib = { roomNo: '01', subject: { kind: 'candidate', ticketNo: room01[3]!.ticketNo }, kindId: 'crib-notes', kindLabel: '夹带', cheating: true, actions: ['confiscated'], description: '袖中夹带纸条', occurredAt: '08:38' } as const;
    office.write('incident.recorded', { ...crib, actions: [...crib.actions] }, chief, new Date(T0 + 30 * 60_000));
    office.write('record.signed', { roomNo: '01', slot: 'chief-proctor', proof: 'badge+pin' }, chief, new Date(T0 + 115 * 60_000));
    const { site } = await enrolOffice(store, office, day.plan.organisation);
    const ingest = new CenterIngest(store, key, pool, () => new Date());
    const stored = await ingest.receive(site, {
      day: { organisation: day.plan.organisation, date: day.plan.date, planId: day.plan.planId },
      events: [...office.events, ...doors.flatMap((d) => d.events)].map((e) => JSON.parse(JSON.stringify(e)) as Record<string, unknown>),
      keys: doors.map((d) => d.key),
    });
    if (!stored.ok || stored.rejected.length > 0) throw new Error(JSON.stringify(stored));
    await keepPhotos(store, dayKeyOf({ organisation: day.plan.organisation, date: day.plan.date, planId: day.plan.planId }), photoBytes, new Date());
    return { twice };
  } finally {
    await pool.close();
    await store.close();
  }
}

function addUser(dir: string, username: string, role: string, password: string): void {
  const run = spawnSync(process.execPath, [join(ROOT, 'dist', 'cli.js'), 'center', 'add-user', '--data', dir, '--username', username, '--role', role], { input: `${password}\n`, encoding: 'utf8' });
  expect(run.status, run.stdout + run.stderr).toBe(0);
}

function startCenter(dir: string): Promise<{ url: string; child: ChildProcess }> {
  const child = spawn(process.execPath, [join(ROOT, 'dist', 'center.js'), '--data', dir, '--port', '0'], { stdio: ['ignore', 'pipe', 'inherit'] });
  return new Promise((done, fail) => {
    let output = '';
    child.stdout!.on('data', (chunk: Buffer) => {
      output += chunk.toString();
      const match = /listening on (http:\/\/127\.0\.0\.1:\d+\/)/.exec(output);
      if (match) done({ url: match[1]!, child });
    });
    child.once('exit', (code) => fail(new Error(`center exited (${code}): ${output}`)));
  });
}

async function logIn(page: Page, url: string, username: string, password: string): Promise<void> {
  await page.goto(url);
  await page.getByLabel('用户名').fill(username);
  await page.getByLabel('密码').fill(password);
  await page.getByRole('button', { name: '登录' }).click();
  await expect(page.getByTestId('center-user')).toContainText(username);
}

async function capture(page: Page, name: string): Promise<void> {
  const overflow = await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
  expect(overflow, `${name}: page is wider than the window`).toBeLessThanOrEqual(0);
  await page.screenshot({ path: join(SCREENS_DIR, `${name}.png`) });
}

test('a reviewer reviews a day, resolves its finding, exports results and a verified archive; an auditor sees no full ID number', async ({ browser }) => {
  mkdirSync(SCREENS_DIR, { recursive: true });
  const temp = makeTempDir('examday-center-e2e-');
  const { twice } = await seedCenter(temp.dir);
  addUser(temp.dir, 'li.reviewer', 'reviewer', 'reviewer password 1');
  addUser(temp.dir, 'wang.auditor', 'auditor', 'auditor password 1');
  const center = await startCenter(temp.dir);
  try {
    const reviewerContext = await browser.newContext({ viewport: { width: 1366, height: 768 }, locale: 'zh-CN', acceptDownloads: true });
    const page = await reviewerContext.newPage();
    await page.goto(center.url);
    await capture(page, 'center-login');
    await logIn(page, center.url, 'li.reviewer', 'reviewer password 1');
    const days = page.getByTestId('day-list');
    await expect(days).toContainText(day.plan.date);
    await capture(page, 'center-days');
    await page.getByRole('button', { name: day.plan.date }).click();
    await expect(page.getByTestId('findings')).toContainText(twice);
    await page.getByRole('button', { name: '第1考场' }).click();
    // The site's own 考场情况记录单 page, built by the center from the events it received.
    const record = page.getByTestId('center-room').getByTestId('room-record');
    await expect(record.getByRole('heading', { name: '考场情况记录单' })).toBeVisible();
    await expect(record).toContainText('考场：第1考场（01）');
    await expect(record).toContainText('袖中夹带纸条');
    await expect(record.getByTestId('room-record-signatures')).toContainText('主监考签名：主监考1');
    await expect(record.getByTestId('room-record-signatures')).toContainText('副监考签名：____________');
    await capture(page, 'center-day-room');
    await record.getByTestId('room-record-signatures').scrollIntoViewIfNeeded();
    await capture(page, 'center-day-room-signatures');

    // Results are refused while the finding is open; the reviewer resolves it with a reason.
    await expect(page.getByText('还有 1 个待处理事项')).toBeVisible();
    // The other way out (not taken here): a reviewer may sign an override with a reason.
    await expect(page.getByLabel('放行理由')).toBeVisible();
    await page.getByLabel('处理理由').fill('核对监控录像：第二次为误扫，考生只在第1考场');
    await page.getByRole('button', { name: '处理', exact: true }).click();
    await expect(page.getByTestId('findings')).toContainText('已处理：核对监控录像');
    await capture(page, 'center-finding-resolved');

    const [xlsx] = await Promise.all([page.waitForEvent('download'), page.getByTestId('export-results').click()]);
    const sheet = readFirstSheet(readFileSync(await xlsx.path()));
    expect(sheet.ok && sheet.rows[0]).toEqual(['准考证号', '姓名', '证件号码', '职业', '等级', '考场', '座位号', '结果', '违纪舞弊情况']);
    expect(sheet.ok && sheet.rows.length).toBe(61);
    const [archive] = await Promise.all([page.waitForEvent('download'), page.getByTestId('export-archive').click()]);
    const verified = spawnSync(process.execPath, [join(ROOT, 'dist', 'cli.js'), 'verify-archive', await archive.path()], { encoding: 'utf8' });
    expect(verified.status, verified.stdout).toBe(0);
    expect(verified.stdout).toContain('完好');

    // English on request (Chinese first): the day page's own labels change, the data stays as written.
    await page.getByTestId('language-toggle').click();
    await expect(page.getByRole('heading', { name: 'Findings' })).toBeVisible();
    await expect(page.getByRole('heading', { name: 'Rooms' })).toBeVisible();
    await expect(page.getByTestId('language-toggle')).toHaveText('中文');
    await page.evaluate(() => window.scrollTo(0, 0));
    await capture(page, 'center-day-en');
    await page.getByTestId('language-toggle').click();
    await expect(page.getByTestId('language-toggle')).toHaveText('English');
    await expect(page.getByRole('heading', { name: '待处理事项' })).toBeVisible();

    // The auditor: the same room, ID numbers masked, no way to reveal them, no resolving.
    const auditorContext = await browser.newContext({ viewport: { width: 1366, height: 768 }, locale: 'zh-CN' });
    const auditor = await auditorContext.newPage();
    await logIn(auditor, center.url, 'wang.auditor', 'auditor password 1');
    await auditor.getByRole('button', { name: day.plan.date }).click();
    await auditor.getByRole('button', { name: '第1考场' }).click();
    const first = day.candidates[0]!;
    await expect(auditor.getByTestId('center-room').getByTestId('room-record')).toContainText('袖中夹带纸条');
    await expect(auditor.getByTestId('room-candidates')).toContainText(`**************${first.idNumber.slice(-4)}`);
    await expect(auditor.getByTestId('center-room')).not.toContainText(first.idNumber);
    await expect(auditor.getByRole('button', { name: '查看完整（将记录）' })).toHaveCount(0);
    await expect(auditor.getByTestId('export-archive')).toHaveCount(0);
    await capture(auditor, 'center-auditor-room');
  } finally {
    center.child.kill('SIGTERM');
    temp.remove();
  }
});

test('the admin adds a reviewer and issues a code on the page; the 主考 enrols the office with it from 设备与同步, and the day arrives on the center page', async ({ browser }) => {
  test.setTimeout(120_000);
  mkdirSync(SCREENS_DIR, { recursive: true });
  const sample = loadSampleDay();
  const chief = sample.staff.find((s) => s.role === 'chief-examiner')!;
  const centerDir = makeTempDir('examday-center-e2e-');
  const officeDir = makeTempDir('examday-office-e2e-');
  addUser(centerDir.dir, 'zhao.admin', 'admin', 'admin password 1');
  const center = await startCenter(centerDir.dir);
  const office = await startServer({ dataDir: officeDir.dir, sampleStart: '08:30', extraArgs: ['--clock', '08:12'] });
  try {
    // The 中心管理员: a reviewer's account and the organisation's code, on the admin page.
    const admin = await (await browser.newContext({ viewport: { width: 1366, height: 768 }, locale: 'zh-CN' })).newPage();
    await logIn(admin, center.url, 'zhao.admin', 'admin password 1');
    await admin.getByTestId('open-admin').click();
    const addUserForm = admin.locator('form', { has: admin.getByRole('button', { name: '添加用户' }) });
    await addUserForm.getByLabel('用户名').fill('li.reviewer');
    await addUserForm.getByLabel('角色').selectOption('reviewer');
    await addUserForm.getByLabel('初始密码').fill('reviewer password 1');
    await admin.getByRole('button', { name: '添加用户' }).click();
    await expect(admin.getByTestId('admin-user-li.reviewer')).toContainText('审核员');
    await admin.getByLabel('组织名称').fill(sample.plan.organisation);
    await admin.getByRole('button', { name: '发放登记码' }).click();
    const code = (await admin.getByTestId('issued-code').locator('code').textContent()) ?? '';
    expect(code).toMatch(/^[2-9A-HJKMNP-Z]{5}(-[2-9A-HJKMNP-Z]{5}){3}$/);
    await expect(admin.getByTestId('admin-codes')).toContainText(`…-${code.slice(-5)}`);
    await capture(admin, 'center-admin');

    // The sample day is placed on today's date: the center shows the plan the office holds.
    const { plan } = await callApi<{ plan: { date: string } }>(office, 'getDay', {});
    const context = await browser.newContext({ viewport: { width: 1366, height: 768 }, locale: 'zh-CN' });
    const page = await context.newPage();
    await page.goto(office.url);
    await page.getByTestId('office-option').click();
    await signInByBadge(page, chief.staffId);
    await page.getByTestId('tab-sync').click();
    const panel = page.getByTestId('center-panel');
    await expect(panel).toContainText('填写中心地址');
    // A code mistyped is refused by the center, in Chinese, and nothing is linked.
    await page.getByTestId('center-url').fill(center.url);
    await page.getByTestId('center-code').fill('AAAAA-BBBBB-CCCCC-DDDDD');
    await page.getByTestId('center-enrol').click();
    await expect(page.getByTestId('center-enrol-error')).toContainText('登记失败：登记码无效');
    // The code as a person reads it off the paper: lower case.
    await page.getByTestId('center-code').fill(code.toLowerCase());
    await page.getByTestId('center-enrol').click();
    await expect(page.getByTestId('center-linked')).toContainText(`已登记到中心 · ${sample.plan.organisation}`, { timeout: 15_000 });
    await expect(page.getByTestId('center-last-push')).toContainText(/上次上传中心 \d\d:\d\d:\d\d/, { timeout: 15_000 });
    await page.getByTestId('center-panel').scrollIntoViewIfNeeded();
    await capture(page, 'office-center-enrolled');

    const reviewer = await (await browser.newContext({ viewport: { width: 1366, height: 768 }, locale: 'zh-CN' })).newPage();
    await logIn(reviewer, center.url, 'li.reviewer', 'reviewer password 1');
    await expect(reviewer.getByTestId('day-list')).toContainText(plan.date);
    await reviewer.getByRole('button', { name: plan.date }).click();
    await reviewer.getByRole('button', { name: '第1考场' }).click();
    await expect(reviewer.getByTestId('center-room').getByTestId('room-record')).toContainText('考场：第1考场（01）');
    await capture(reviewer, 'center-day-from-office');
  } finally {
    await office.stop();
    center.child.kill('SIGTERM');
    officeDir.remove();
    centerDir.remove();
  }
});

test('the admin sets how long material is kept (less than 5 years refused), then purges a day’s photos; the archive still verifies', async ({ browser }) => {
  const temp = makeTempDir('examday-center-e2e-');
  await seedCenter(temp.dir, 2);
  addUser(temp.dir, 'zhao.admin', 'admin', 'admin password 1');
  const center = await startCenter(temp.dir);
  try {
    const page = await (await browser.newContext({ viewport: { width: 1366, height: 768 }, locale: 'zh-CN', acceptDownloads: true })).newPage();
    await logIn(page, center.url, 'zhao.admin', 'admin password 1');
    await page.getByTestId('open-admin').click();
    const settings = page.getByTestId('retention-settings');
    await expect(settings).toContainText('当前：电子材料 5 年，照片 365 天（默认）');
    await settings.getByLabel('电子材料保存年限').fill('4');
    await settings.getByRole('button', { name: '保存设置（签名记录）' }).click();
    await expect(page.getByTestId('retention-error')).toContainText('第二十九条');
    await settings.getByLabel('电子材料保存年限').fill('6');
    await settings.getByLabel('照片保存天数').fill('0');
    await settings.getByRole('button', { name: '保存设置（签名记录）' }).click();
    await expect(settings).toContainText('当前：电子材料 6 年，照片 0 天（中心管理员zhao.admin 于');
    await expect(page.getByTestId('retention-days')).toContainText('2032-11-25');
    await capture(page, 'center-retention');

    await page.getByRole('button', { name: '← 全部考试日' }).click();
    await page.getByRole('button', { name: day.plan.date }).click();
    const retention = page.getByTestId('day-retention');
    await expect(retention).toContainText('电子材料（记录、收据、设备公钥、档案）保存至 2032-11-25；照片保存至 2026-11-25');
    await expect(retention).toContainText('照片 2 张：中心持有 2 张，已清除 0 张');
    await page.getByTestId('purge-photos').click();
    await page.getByTestId('confirm-purge-photos').click();
    await expect(retention).toContainText('中心持有 0 张，已清除 2 张');
    await expect(retention).toContainText('中心管理员zhao.admin 清除照片 2 张');
    await expect(page.getByTestId('purge-photos')).toHaveCount(0);

    const [archive] = await Promise.all([page.waitForEvent('download'), page.getByTestId('export-archive').click()]);
    const verified = spawnSync(process.execPath, [join(ROOT, 'dist', 'cli.js'), 'verify-archive', await archive.path()], { encoding: 'utf8' });
    expect(verified.status, verified.stdout).toBe(0);
  } finally {
    center.child.kill('SIGTERM');
    temp.remove();
  }
});
