import { expect, test, type Page } from '@playwright/test';
import { execFileSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { DayPage } from './support/day-page';
import { DoorPage } from './support/door-page';
import { KeyboardWedge } from './support/keyboard-wedge';
import { seedDayFolder } from './support/seed-day-folder';
import { startServer, type RunningServer } from './support/server';

/**
 * The 主监考's record of room 01 on a seeded day (08:30–10:00) at 30× speed: a 夹带 by seat tap, a
 * hand-in refused before S+30 and one accepted, a 启封 problem on the office card, 收卷 at E, both
 * signatures by badge burst, the printed record, and an amendment after signing.
 */
const SCREENS_DIR = resolve(__dirname, '..', '..', 'test-results', 'screens');

async function capture(page: Page, name: string): Promise<void> {
  await page.setViewportSize({ width: 1366, height: 768 });
  await page.screenshot({ path: join(SCREENS_DIR, `${name}.png`) });
}

test.describe('room record, complete', () => {
  let dataDir: string;
  let server: RunningServer;
  test.beforeAll(() => mkdirSync(SCREENS_DIR, { recursive: true }));
  test.afterEach(async () => {
    await server.stop();
    rmSync(dataDir, { recursive: true, force: true });
  });

  test('incident, hand-ins, 启封 problem, 收卷, two badge signatures, print, amendment', async ({ page, browser }) => {
    test.setTimeout(300_000);
    dataDir = mkdtempSync(join(tmpdir(), 'examday-record-'));
    const day = await seedDayFolder(dataDir);
    server = await startServer({ dataDir, extraArgs: ['--clock', '08:44:00', '--clock-speed', '30'] });
    await page.setViewportSize({ width: 1366, height: 768 });
    const door = new DoorPage(page);
    const doorDay = new DayPage(page);
    await door.open(server.url);
    await door.chooseRoomAndStaff('01', 'P0001');
    const [c1, c2, c3] = day.candidates;
    for (const c of [c1!, c2!, c3!]) await door.checkInBoth(c);

    await page.getByTestId('door-view-seats').click();
    await page.getByTestId('seat-1').click();
    await page.getByTestId('incident-kind-crib-notes').click();
    await expect(page.getByTestId('incident-cheating')).toBeChecked();
    await page.getByTestId('incident-action-confiscated').check();
    await page.getByTestId('incident-description').fill('袖中夹带纸条');
    await capture(page, 'record-seat-incident');
    await page.getByTestId('incident-submit').click();
    await expect(page.getByTestId('seat-record-message')).toHaveText('已记录');
    await page.getByTestId('seat-record-close').click();

    await page.getByTestId('seat-2').click();
    await page.getByTestId('hand-in-submit').click();
    await expect(page.getByTestId('seat-record-message')).toContainText('开考30分钟后才能交卷：09:00 起可以交卷');
    await page.getByTestId('seat-record-close').click();

    await page.getByTestId('door-view-record').click();
    await page.getByTestId('record-papers').click();
    await page.getByTestId('paper-problem-count-mismatch').click();
    await page.getByTestId('paper-problem-note').fill('答题卡少 1 份');
    await page.getByTestId('paper-problem-submit').click();
    await expect(page.getByTestId('papers-message')).toHaveText('已记录');
    for (const kind of ['paper', 'answer-sheet']) {
      for (const [field, value] of [['received', '32'], ['issued', '3'], ['spare', '2'], ['absentKept', '27']] as const) {
        await page.getByTestId(`count-${kind}-${field}`).fill(value);
      }
      await page.getByTestId(`count-${kind}-save`).click();
      await expect(page.getByTestId('papers-message')).toHaveText('已记录');
    }
    await capture(page, 'record-papers');
    await page.getByTestId('papers-dialog-close').click();

    // Another browser, as the office laptop would be: the door's choice of room stays with the door.
    const office = await (await browser.newContext()).newPage();
    await office.setViewportSize({ width: 1366, height: 768 });
    await office.goto(server.url);
    await new DayPage(office).chooseOffice('S001');
    const card = office.getByTestId('dashboard-room-01');
    await expect(card.getByTestId('room-paper-problems')).toContainText('数量不符：答题卡少 1 份');
    await capture(office, 'record-office-card');

    // From 09:00 (S+30) the hand-in is accepted; the absentees are confirmed after the cut-off.
    await page.getByTestId('door-view-seats').click();
    await doorDay.waitUntilClock('09:00:05');
    await page.getByTestId('seat-2').click();
    await page.getByTestId('hand-in-submit').click();
    await expect(page.getByTestId('seat-record-message')).toHaveText('已记录');
    await page.getByTestId('seat-record-close').click();
    await page.getByTestId('absentees-open').click();
    await page.getByTestId('absentees-confirmer-P0001').click();
    await page.getByTestId('absentees-submit').click();
    await expect(page.getByTestId('absentees-confirmed')).toBeVisible();
    await page.getByTestId('absentees-dialog-close').click();

    await page.getByTestId('door-view-record').click();
    await doorDay.waitUntilClock('10:00:05');
    await doorDay.dismissPrompts();
    await page.getByTestId('record-collect').click();
    await expect(page.getByTestId('record-message')).toHaveText('收卷 2');
    await page.getByTestId('record-papers').click();
    for (const kind of ['paper', 'answer-sheet']) {
      await page.getByTestId(`count-${kind}-collected`).fill('3');
      await page.getByTestId(`count-${kind}-save`).click();
      await expect(page.getByTestId('papers-message')).toHaveText('已记录');
    }
    await page.getByTestId('papers-dialog-close').click();
    await expect(page.getByTestId('record-balance')).toHaveText('份数相符');

    const wedge = new KeyboardWedge(page);
    await page.getByTestId('record-sign').click();
    await expect(page.getByTestId('sign-badge')).toBeFocused();
    await wedge.type('KW-P0003');
    await expect(page.getByTestId('sign-message')).toContainText('第 02 考场');
    await wedge.type('KW-P0001');
    await expect(page.getByTestId('sign-message')).toContainText('主监考1');
    await wedge.type('KW-P0001');
    await expect(page.getByTestId('sign-message')).toContainText('不能重复签名');
    await wedge.type('KW-P0002');
    await expect(page.getByTestId('sign-message')).toContainText('副监考1');
    await capture(page, 'record-signed');
    await page.getByTestId('sign-dialog-close').click();
    await expect(page.getByTestId('record-sign')).toHaveText('已签名封存');
    await expect(card.getByTestId('room-signed')).toHaveAttribute('data-signed', 'both');

    // After both signatures a change is an amendment with its reason, shown as such.
    await page.getByTestId('door-view-seats').click();
    await page.getByTestId('seat-3').click();
    await page.getByTestId('incident-kind-talking').click();
    await page.getByTestId('incident-submit').click();
    await expect(page.getByTestId('seat-record-message')).toContainText('请填写更正原因');
    await page.getByTestId('amendment-reason').fill('签名前漏记');
    await page.getByTestId('incident-submit').click();
    await expect(page.getByTestId('seat-record-message')).toHaveText('已记录');
    await page.getByTestId('seat-record-close').click();
    await page.getByTestId('door-view-record').click();
    const sheet = page.locator('.room-record-sheet');
    await expect(sheet).toContainText('签名后的更正');
    await expect(sheet).toContainText('交头接耳（签名后补记）');
    await capture(page, 'record-sheet-amended');

    const pdf = join(SCREENS_DIR, 'record-complete.pdf');
    await page.pdf({ path: pdf, format: 'A4', printBackground: true });
    const printed = execFileSync('pdftotext', ['-layout', pdf, '-'], { encoding: 'utf8' });
    expect(printed).toContain('考场情况记录单');
    expect(printed).toContain('夹带');
    expect(printed).toContain('袖中夹带纸条');
    expect(printed).toContain('数量不符');
    expect(printed).toMatch(/交卷退场\s+1 人/);
    expect(printed).toContain('主监考1（');
    expect(printed).toContain('副监考1（');
    expect(printed).toContain('签名前漏记');
    await capture(office, 'record-office-signed');
  });
});
