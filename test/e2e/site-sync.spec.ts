import { chromium, expect, test, type Browser, type Page } from '@playwright/test';
import { mkdirSync, mkdtempSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { CHROMIUM_ARGS, CHROMIUM_PATH } from './playwright.config';
import { qrFrame, writeY4m } from './support/fake-camera';
import { DoorPage } from './support/door-page';
import { loadSampleDay } from './support/sample-day';
import { startServer, type RunningServer } from './support/server';
import { removeDataDir } from '../support/temp-dir';
import { giveBadgeAndPin, signInByBadge } from './support/signin';

/**
 * Site sync as people do it (issue 10): three browser-mode servers on this machine — the office
 * with the sample day, two door laptops with empty folders — the office listens on 127.0.0.1, the
 * doors pair by typing the codes the office shows, and an admission at one door reaches the other
 * door and the office dashboard. Screens saved at 1366×768 for people to look at.
 */
const SCREENS_DIR = resolve(__dirname, '..', '..', 'test-results', 'screens');
const sample = loadSampleDay();
const room01 = sample.candidates.filter((c) => c.roomNo === '01');
const chief = sample.staff.find((s) => s.role === 'chief-examiner')!;
const doorA = sample.staff.find((s) => s.role === 'second-proctor' && s.roomNo === '01')!;
const doorB = sample.staff.find((s) => s.role === 'second-proctor' && s.roomNo === '02')!;
/** Every device on the same exam-day clock (查证入场 of the 08:30 exam), as after 核对时间. */
const CLOCK = ['--clock', '08:12'];

async function freePort(): Promise<number> {
  return new Promise((done, fail) => {
    const probe = createServer();
    probe.once('error', fail);
    probe.listen(0, '127.0.0.1', () => {
      const address = probe.address();
      const port = typeof address === 'object' && address ? address.port : 0;
      probe.close(() => done(port));
    });
  });
}

async function capture(page: Page, name: string): Promise<void> {
  const overflow = await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
  expect(overflow, `${name}: page is wider than the window`).toBeLessThanOrEqual(0);
  await page.screenshot({ path: join(SCREENS_DIR, `${name}.png`) });
}

async function openPage(browser: Browser, url: string): Promise<Page> {
  const context = await browser.newContext({ viewport: { width: 1366, height: 768 }, locale: 'zh-CN' });
  const page = await context.newPage();
  await page.goto(url);
  return page;
}

/** On the office: 添加设备 for a room; answers the code the dialog shows. */
async function offerCode(office: Page, roomNo: string): Promise<string> {
  await office.getByTestId(`sync-room-${roomNo}`).click();
  await office.getByTestId('sync-create-offer').click();
  const code = office.getByTestId('pairing-code');
  await expect(code).toBeVisible();
  await expect(office.getByTestId('pairing-countdown')).toContainText(/有效期还剩\s*(10:00|9:5\d)/);
  return (await code.getAttribute('data-code')) ?? '';
}

/** On a door's start screen: types the code (lower case, without dashes, as a person might) and waits for 已配对. */
async function pairDoor(door: Page, code: string, screenshot?: string): Promise<void> {
  await door.getByTestId('open-pairing').click();
  await door.getByTestId('pair-code').pressSequentially(code.toLowerCase().replace(/-/g, ''));
  await expect(door.getByTestId('pair-code')).toHaveValue(code);
  if (screenshot) await capture(door, screenshot);
  await door.getByTestId('pair-submit').click();
  await expect(door.getByTestId('pair-state')).toHaveAttribute('data-state', 'paired', { timeout: 15_000 });
  await expect(door.getByTestId('pair-state')).toContainText('已配对');
}

/** Waits until the door's header has shown `rounds` more sync times (each round of the background sync). */
async function waitForSyncRounds(door: Page, rounds: number): Promise<void> {
  const time = door.getByTestId('header-sync').locator('.header-sync-time');
  for (let i = 0; i < rounds; i += 1) {
    const shown = (await time.textContent()) ?? '';
    await expect(time).not.toHaveText(shown, { timeout: 15_000 });
  }
}

test.describe('site sync (browser-mode servers side by side)', () => {
  const folders: string[] = [];
  const servers: RunningServer[] = [];
  /** A fresh folder, removed after the test. */
  const folder = (name: string): string => {
    const dir = mkdtempSync(join(tmpdir(), `examday-sync-${name}-`));
    folders.push(dir);
    return dir;
  };
  /** The office on the sample day, or a door with no day yet (it gets one by pairing); stopped after the test. */
  const startDevice = async (name: string, kind: 'office' | 'door'): Promise<RunningServer> => {
    const server = await startServer(kind === 'office' ? { dataDir: folder(name), sampleStart: '08:30', extraArgs: CLOCK } : { dataDir: folder(name), extraArgs: ['--no-sample', ...CLOCK] });
    servers.push(server);
    return server;
  };

  test.beforeAll(() => mkdirSync(SCREENS_DIR, { recursive: true }));
  test.afterEach(async () => {
    for (const server of servers.splice(0)) await server.stop();
    for (const folder of folders.splice(0)) removeDataDir(folder);
  });

  test('pair two doors by code, admit at one, see 已入场 at the other and the count at the office', async ({ browser }) => {
    test.setTimeout(240_000);
    const officeServer = await startDevice('office', 'office');
    const doorAServer = await startDevice('door-a', 'door');
    const doorBServer = await startDevice('door-b', 'door');
    const syncPort = await freePort();

    // The office: 主考 at the office device, 设备与同步, listen on this computer only.
    const office = await openPage(browser, officeServer.url);
    await office.getByTestId('office-option').click();
    await signInByBadge(office, chief.staffId);
    await office.getByTestId('tab-sync').click();
    await expect(office.getByTestId('sync-not-listening')).toBeVisible();
    await expect(office.getByTestId('header-sync')).toHaveCount(0);
    await office.getByTestId('sync-address-127.0.0.1').click();
    await office.getByTestId('sync-port').fill(String(syncPort));
    await office.getByTestId('sync-start').click();
    await expect(office.getByTestId('sync-listening')).toContainText(`127.0.0.1:${syncPort}`);
    await expect(office.getByTestId('sync-certificate')).toHaveText(/^[0-9A-F]{4}( [0-9A-F]{4}){3}$/);

    // Door A, a fresh laptop: no day of its own, nothing in the header until it pairs.
    const pageA = await openPage(browser, doorAServer.url);
    await expect(pageA.getByTestId('no-plan')).toBeVisible();
    await expect(pageA.getByTestId('header-sync')).toHaveCount(0);
    const codeA = await offerCode(office, '01');
    await capture(office, 'sync-1-office-code');
    await pairDoor(pageA, codeA, 'sync-2-door-pairing-typed');
    await capture(pageA, 'sync-3-door-paired');
    await expect(office.getByTestId('pairing-offer-paired')).toContainText('第1考场门口');
    await office.getByTestId('pairing-offer-close').click();
    await pageA.getByTestId('door-pairing-close').click();
    // The day arrives by sync: the rooms appear on the door's start screen.
    const doorPageA = new DoorPage(pageA);
    await expect(pageA.getByTestId('room-option-01')).toBeVisible({ timeout: 15_000 });
    await expect(pageA.getByTestId('door-paired')).toContainText('已与考务办配对');
    await doorPageA.chooseRoomAndStaff('01', doorA.staffId);
    await expect(pageA.getByTestId('header-sync')).toContainText(/上次同步 \d\d:\d\d:\d\d/);
    await expect(pageA.getByTestId('header-sync')).toContainText('考务办');

    // Door B, the same way for room 02; a wrong code first gets the reason in Chinese.
    const pageB = await openPage(browser, doorBServer.url);
    const codeB = await offerCode(office, '02');
    await pageB.getByTestId('open-pairing').click();
    await pageB.getByTestId('pair-code').fill(codeB.slice(0, -1) + (codeB.endsWith('0') ? '1' : '0'));
    await pageB.getByTestId('pair-submit').click();
    await expect(pageB.getByTestId('pair-error')).toContainText('配对码有误');
    await pageB.getByTestId('door-pairing-close').click();
    await pairDoor(pageB, codeB);
    await office.getByTestId('pairing-offer-close').click();
    await pageB.getByTestId('door-pairing-close').click();
    const doorPageB = new DoorPage(pageB);
    await expect(pageB.getByTestId('room-option-02')).toBeVisible({ timeout: 15_000 });
    await doorPageB.chooseRoomAndStaff('02', doorB.staffId);

    // Admitted at door A; the office's dashboard counts it, with door A's last sync on room 1's card.
    const walker = room01[0]!;
    await doorPageA.checkInBoth(walker);
    await office.getByTestId('tab-dashboard').click();
    const card01 = office.getByTestId('dashboard-room-01');
    await expect(card01).toHaveAttribute('data-admitted', '1', { timeout: 15_000 });
    await expect(card01.getByTestId('room-door-sync')).toContainText(/第1考场门口 · 上次同步 \d\d:\d\d:\d\d/);
    await expect(office.getByTestId('dashboard-room-02').getByTestId('room-door-sync')).toContainText('第2考场门口');
    await expect(office.getByTestId('header-sync')).toContainText(/上次同步 \d\d:\d\d:\d\d/);
    await capture(office, 'sync-4-office-dashboard');

    // The same candidate walks to door B after door B's next rounds: 已入场, where and when.
    await waitForSyncRounds(pageB, 2);
    await doorPageB.scan(walker.ticketNo);
    await doorPageB.expectVerdict('already-admitted');
    await expect(doorPageB.verdict).toContainText('已入场');
    await expect(doorPageB.verdict).toContainText('第1考场');
    await capture(pageB, 'sync-5-door-header');

    // With the office not listening, both doors admit one candidate at room 1: a finding once they sync again.
    await office.getByTestId('tab-sync').click();
    await office.getByTestId('sync-stop').click();
    await expect(office.getByTestId('sync-not-listening')).toBeVisible();
    const twice = room01[1]!;
    await doorPageA.checkInBoth(twice);
    await pageB.getByTestId('change-door').click();
    await doorPageB.chooseRoomAndStaff('01', doorA.staffId);
    await doorPageB.checkInBoth(twice);
    await office.getByTestId('sync-start').click();
    await expect(office.getByTestId('sync-listening')).toContainText(`127.0.0.1:${syncPort}`);
    const finding = office.getByTestId('finding').first();
    await expect(finding).toHaveAttribute('data-kind', 'admitted-twice', { timeout: 20_000 });
    await expect(finding).toContainText('同一考生两处入场');
    await expect(finding).toContainText(twice.ticketNo);
    await expect(finding.locator('.finding-events li')).toHaveCount(2);
    await expect(finding).toContainText('第1考场门口');
    await expect(finding).toContainText('第2考场门口');
    await expect(finding).toContainText('查证入场');
    await capture(office, 'sync-6-office-findings');
    await finding.getByTestId('finding-resolve').click();
    await office.getByTestId('resolve-dialog-reason').fill('同一考生在两门口各扫一次，已核实本人只入场一次');
    // The 主考 answers with badge and PIN at that moment (a wrong PIN is refused and typed again).
    await giveBadgeAndPin(office, 'resolve-dialog-proof', chief.staffId, { pin: '135790' });
    await expect(office.getByTestId('resolve-dialog').getByRole('alert')).toContainText('PIN 不正确');
    await capture(office, 'sync-6b-resolve-by-badge');
    await giveBadgeAndPin(office, 'resolve-dialog-proof', chief.staffId);
    await expect(office.getByTestId('finding').first()).toHaveAttribute('data-resolved', 'true');
    await expect(office.getByTestId('finding').first()).toContainText('已处理');

    // 停用 door B with a reason: the list shows it.
    const rowB = office.locator('[data-testid^="sync-device-"][data-name="第2考场门口"]');
    await rowB.getByTestId('device-revoke').click();
    await office.getByTestId('revoke-dialog-reason').fill('演示：电脑交回考务办');
    await giveBadgeAndPin(office, 'revoke-dialog-proof', chief.staffId);
    await expect(rowB).toHaveAttribute('data-revoked', 'true');
    await expect(rowB).toContainText('已停用');
    await capture(office, 'sync-7-office-devices');

    // The office stops listening: after a minute without sync, door A says so quietly; its door still works.
    await office.getByTestId('sync-stop').click();
    await expect(pageA.getByTestId('header-sync')).toHaveAttribute('data-out-of-touch', 'true', { timeout: 90_000 });
    await expect(pageA.getByTestId('header-sync')).toContainText('超过 1 分钟未与考务办同步');
    await doorPageA.checkInBoth(room01[2]!);
    await capture(pageA, 'sync-9-door-out-of-touch');

    // The same screens in English: nothing left in Chinese that has an English text.
    await office.getByTestId('language-toggle').click();
    await expect(office.getByTestId('sync-findings')).toContainText('Open findings');
    await capture(office, 'sync-8-office-sync-en');
  });

  test('a door pairs by showing the office’s QR code to its camera', async ({ browser }) => {
    test.setTimeout(120_000);
    const officeServer = await startDevice('office', 'office');
    const doorServer = await startDevice('door', 'door');
    const office = await openPage(browser, officeServer.url);
    await office.getByTestId('office-option').click();
    await signInByBadge(office, chief.staffId);
    await office.getByTestId('tab-sync').click();
    await office.getByTestId('sync-address-127.0.0.1').click();
    await office.getByTestId('sync-port').fill(String(await freePort()));
    await office.getByTestId('sync-start').click();
    await expect(office.getByTestId('sync-listening')).toBeVisible();
    await offerCode(office, '03');
    const qrText = (await office.getByTestId('pairing-qr').locator('svg').getAttribute('aria-label')) ?? '';
    expect(qrText).toMatch(/^EXAMDAY-PAIR:1:127\.0\.0\.1:\d+:[0-9a-f]{64}:[0-9a-f]{10}$/);

    // The door laptop's webcam sees the office screen's QR code (Chromium's fake camera plays it).
    const video = join(folder('video'), 'offer.y4m');
    writeY4m(video, [qrFrame(qrText)], { fps: 10, repeat: 20 });
    const cameraBrowser = await chromium.launch({
      executablePath: CHROMIUM_PATH,
      args: [...CHROMIUM_ARGS, '--use-fake-device-for-media-stream', '--use-fake-ui-for-media-stream', `--use-file-for-fake-video-capture=${video}`],
    });
    try {
      const door = await openPage(cameraBrowser, doorServer.url);
      await door.getByTestId('open-pairing').click();
      await door.getByTestId('pair-camera').click();
      await expect(door.getByTestId('pair-state')).toHaveAttribute('data-state', 'paired', { timeout: 20_000 });
      await expect(door.getByTestId('pair-code')).toHaveValue(qrText);
      await expect(office.getByTestId('pairing-offer-paired')).toContainText('第3考场门口');
      await door.getByTestId('door-pairing-close').click();
      await expect(door.getByTestId('room-option-03')).toBeVisible({ timeout: 15_000 });
    } finally {
      await cameraBrowser.close();
    }
  });
});
