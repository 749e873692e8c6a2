import { expect, test, type Page } from '@playwright/test';
import { mkdirSync, mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { readFirstSheet } from '../../shared/roster/xlsx-reader';
import { DayPage } from './support/day-page';
import { DoorPage } from './support/door-page';
import { loadSampleDay } from './support/sample-day';
import { callApi, startServer, type RunningServer } from './support/server';
import { removeDataDir } from '../support/temp-dir';

/**
 * The office dashboard (issue 15 item 1) at 1366×768: the site's totals, the feed of exceptions, a
 * feed entry and a room card opening the room read-only (list, seat map, 记录单), the search.
 * Screenshots go to test-results/screens for people to look at.
 */
const SCREENS_DIR = resolve(__dirname, '..', '..', 'test-results', 'screens');
const sample = loadSampleDay();
const chiefExaminer = sample.staff.find((s) => s.role === 'chief-examiner')!;
const secondProctor01 = sample.staff.find((s) => s.role === 'second-proctor' && s.roomNo === '01')!;
const room01 = sample.candidates.filter((c) => c.roomNo === '01');
const room02 = sample.candidates.filter((c) => c.roomNo === '02');

async function capture(page: Page, name: string): Promise<void> {
  const overflow = await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
  expect(overflow, `${name}: page is wider than the window`).toBeLessThanOrEqual(0);
  await page.screenshot({ path: join(SCREENS_DIR, `${name}.png`) });
}

test.describe('the office dashboard', () => {
  let dataDir: string;
  let server: RunningServer | undefined;
  test.beforeAll(() => mkdirSync(SCREENS_DIR, { recursive: true }));
  test.beforeEach(() => {
    dataDir = mkdtempSync(join(tmpdir(), 'examday-office-'));
  });
  test.afterEach(async () => {
    await server?.stop();
    server = undefined;
    removeDataDir(dataDir);
  });

  test('totals, the feed of exceptions, and a room opened read-only from the feed and from its card', async ({ page }) => {
    server = await startServer({ dataDir, sampleStart: '08:30', extraArgs: ['--clock', '08:10'] });
    const door = new DoorPage(page);
    const day = new DayPage(page);
    await door.open(server.url);
    await day.mute();
    // Two admitted at room 01's door, a room-02 candidate turned away there, one admitted in doubt.
    for (const c of room01.slice(0, 2)) {
      await callApi(server, 'checkIn', { roomNo: '01', input: c.ticketNo, method: 'typed', actorStaffId: secondProctor01.staffId });
      await callApi(server, 'checkIn', { roomNo: '01', input: c.idNumber, method: 'typed', actorStaffId: secondProctor01.staffId });
    }
    const turnedAway = room02[0]!;
    const refused = await callApi<{ verdict: { kind: string } }>(server, 'checkIn', { roomNo: '01', input: turnedAway.ticketNo, method: 'typed', actorStaffId: secondProctor01.staffId });
    expect(refused.verdict.kind).toBe('wrong-room');
    await callApi(server, 'admitInDoubt', { roomNo: '01', ticketNo: room01[2]!.ticketNo, reason: 'photo-mismatch', actorStaffId: secondProctor01.staffId });

    await day.chooseOffice(chiefExaminer.staffId);
    await expect(page.getByTestId('site-total-admitted')).toHaveAttribute('data-value', '3');
    await expect(page.getByTestId('site-total-expected')).toHaveAttribute('data-value', String(sample.candidates.length));
    await expect(page.getByTestId('site-total-inDoubt')).toHaveAttribute('data-value', '1');
    await expect(page.getByTestId('site-groups')).toBeVisible();
    // The office's own card comes before the rooms.
    const officeBox = (await page.getByTestId('office-card').boundingBox())!;
    const roomBox = (await page.getByTestId('dashboard-room-01').boundingBox())!;
    expect(officeBox.x).toBeLessThan(roomBox.x);
    // Each 环节确认 mark says which step it stands for.
    await expect(page.getByTestId('dashboard-room-01').getByTestId('room-marks')).toContainText('验封启封');
    const feed = page.getByTestId('feed-item');
    await expect(feed).toHaveCount(2);
    await expect(feed.nth(0)).toHaveAttribute('data-kind', 'doubt');
    await expect(feed.nth(1)).toHaveAttribute('data-kind', 'refused');
    await expect(feed.nth(1)).toContainText('考场错误');
    await expect(feed.nth(1)).toContainText(turnedAway.name);
    await capture(page, 'office-1-dashboard');
    const download = page.waitForEvent('download');
    await page.getByTestId('attendance-export').click();
    const file = await download;
    expect(file.suggestedFilename()).toMatch(/^出勤统计-\d{4}-\d{2}-\d{2}\.xlsx$/);
    const sheet = readFirstSheet(new Uint8Array(readFileSync(await file.path())));
    if (!sheet.ok) throw new Error(sheet.reason);
    expect(sheet.rows[0]).toEqual(['考场号', '考场', '位置', '应到', '实到', '缺考', '存疑', '异常']);
    expect(sheet.rows.find((r) => r[0] === '全场')?.slice(3, 7)).toEqual([String(sample.candidates.length), '3', '待统计', '1']);

    await feed.nth(1).click();
    const detail = page.getByTestId('room-detail');
    await expect(detail).toContainText('第1考场');
    await expect(detail.getByTestId('roster-row')).toHaveCount(room01.length);
    await expect(detail.locator('[data-testid="roster-row"][data-state="admitted"]')).toHaveCount(3);
    // Read-only: none of the door's actions.
    await expect(detail.getByTestId('doubt-resolve')).toHaveCount(0);
    await capture(page, 'office-2-room-list');
    await detail.getByTestId('room-detail-seats').click();
    await expect(detail.getByTestId('seatmap')).toBeVisible();
    await capture(page, 'office-3-room-seats');
    await detail.getByTestId('room-detail-record').click();
    await expect(detail.getByTestId('room-record')).toBeVisible();
    await capture(page, 'office-4-room-record');
    await page.getByTestId('room-detail-close').click();

    await page.getByTestId('dashboard-room-02').getByTestId('room-open').click();
    await expect(page.getByTestId('room-detail')).toContainText('第2考场');
    await page.getByTestId('room-detail-close').click();

    await page.getByTestId('dashboard-search').fill('第2');
    await expect(page.locator('[data-testid^="dashboard-room-"]')).toHaveCount(1);
    await expect(page.getByTestId('dashboard-room-02')).toBeVisible();
    await page.getByTestId('dashboard-compact').check();
    await page.getByTestId('dashboard-search').fill('');
    await capture(page, 'office-5-compact');
  });
});
