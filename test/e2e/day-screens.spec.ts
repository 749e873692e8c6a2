import { expect, test, type Page } from '@playwright/test';
import { mkdirSync, mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { DayPage } from './support/day-page';
import { DoorPage } from './support/door-page';
import { loadSampleDay } from './support/sample-day';
import { startServer, type RunningServer } from './support/server';
import { removeDataDir } from '../support/temp-dir';

/**
 * The day-by-the-clock screens at 1366×768, saved for people to look at (test-results/screens):
 * timetables of a door and of the office, the office dashboard, the E−15 prompt, the clock
 * warning and the rehearsal banner. Each is also checked for a horizontal scrollbar.
 */
const SCREENS_DIR = resolve(__dirname, '..', '..', 'test-results', 'screens');
const sample = loadSampleDay();
const chiefProctor = sample.staff.find((s) => s.role === 'chief-proctor' && s.roomNo === '01')!;
const chiefExaminer = sample.staff.find((s) => s.role === 'chief-examiner')!;
const room01 = sample.candidates.filter((c) => c.roomNo === '01');

function hms(seconds: number): string {
  const pad = (n: number) => String(n).padStart(2, '0');
  return `${pad(Math.floor(seconds / 3600))}:${pad(Math.floor(seconds / 60) % 60)}:${pad(seconds % 60)}`;
}

async function capture(page: Page, name: string): Promise<void> {
  const overflow = await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
  expect(overflow, `${name}: page is wider than the window`).toBeLessThanOrEqual(0);
  await page.screenshot({ path: join(SCREENS_DIR, `${name}.png`) });
}

test.describe('day-by-the-clock screens at 1366×768', () => {
  let dataDir: string;
  let server: RunningServer | undefined;

  test.beforeAll(() => mkdirSync(SCREENS_DIR, { recursive: true }));
  test.beforeEach(() => {
    dataDir = mkdtempSync(join(tmpdir(), 'examday-day-screens-'));
  });
  test.afterEach(async () => {
    await server?.stop();
    server = undefined;
    removeDataDir(dataDir);
  });

  for (const language of ['zh', 'en'] as const) {
    test(`timetables and the office dashboard (${language})`, async ({ page }) => {
      // 08:22: 宣布考场纪律 is in force at the door, 查证入场 is done for two candidates.
      server = await startServer({ dataDir, sampleStart: '08:30', extraArgs: ['--clock', '08:22'] });
      const door = new DoorPage(page);
      const day = new DayPage(page);
      await door.open(server.url);
      if (language === 'en') await page.getByTestId('language-toggle').click();
      await day.mute();
      await capture(page, `${language}-day-1-setup-office`);
      await door.chooseRoomAndStaff('01', chiefProctor.staffId);
      await door.checkInBoth(room01[0]!);
      await door.checkInBoth(room01[1]!);
      await expect(page.getByTestId('rules-banner')).toBeVisible();
      await capture(page, `${language}-day-2-door-rules-banner`);
      await day.openTab('timetable');
      await expect(day.step('rules-announced')).toHaveAttribute('data-state', 'current');
      await page.waitForTimeout(800);
      await capture(page, `${language}-day-3-timetable-door`);
      await page.getByTestId('open-announcements').click();
      await expect(page.getByTestId('announcements')).toBeVisible();
      await capture(page, `${language}-day-4-announcements`);
      await page.getByTestId('announcements-close').click();

      await page.getByTestId('change-door').click();
      await day.chooseOffice(chiefExaminer.staffId);
      await expect(page.getByTestId('dashboard-room-01')).toHaveAttribute('data-admitted', '2');
      await capture(page, `${language}-day-5-dashboard`);
      await day.openTab('timetable');
      await page.waitForTimeout(800);
      await capture(page, `${language}-day-6-timetable-office`);
      await page.getByTestId('open-rehearsal').click();
      await capture(page, `${language}-day-7-rehearsal-dialog`);
    });
  }

  test('the E−15 prompt, the clock warning and the rehearsal banner (zh)', async ({ page }) => {
    server = await startServer({ dataDir, sampleStart: '08:30', extraArgs: ['--clock', '09:41:00', '--clock-skew', '300'] });
    const door = new DoorPage(page);
    const day = new DayPage(page);
    await door.open(server.url);
    await day.mute();
    await door.chooseRoomAndStaff('01', chiefProctor.staffId);
    await expect(day.prompt).toHaveAttribute('data-prompt', 'hand-in-closed');
    await capture(page, 'zh-day-8-prompt-hand-in-closed');
    await page.getByTestId('prompt-dismiss').click();

    await page.getByTestId('clock-unchecked').click();
    // The office clock reads the device's time less the 5-minute skew.
    await page.getByTestId('cc-time-input').fill(hms((await day.clockSeconds()) - 300));
    await page.getByTestId('cc-submit').click();
    await expect(page.getByTestId('cc-result')).toHaveAttribute('data-too-large', 'true');
    await capture(page, 'zh-day-9-clock-check-result');
    await page.getByTestId('clock-check-close').click();
    await expect(page.getByTestId('clock-warning')).toBeVisible();
    await day.openTab('timetable');
    await capture(page, 'zh-day-10-clock-warning');

    await page.getByTestId('open-rehearsal').click();
    await page.getByTestId('rehearsal-from-step').selectOption('checkin-open');
    await page.getByTestId('rehearsal-speed-10').check();
    await page.getByTestId('rehearsal-start').click();
    await expect(page.getByTestId('rehearsal-banner')).toContainText('×10');
    await day.openTab('door');
    await door.expectVerdict('ready');
    await capture(page, 'zh-day-11-rehearsal-door');
    await day.openTab('timetable');
    await capture(page, 'zh-day-12-rehearsal-timetable');
  });
});
