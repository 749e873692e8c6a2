import { expect, test, type Page } from '@playwright/test';
import { execFileSync } from 'node:child_process';
import { mkdirSync, mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { DayPage } from './support/day-page';
import { DoorPage } from './support/door-page';
import { KeyboardWedge } from './support/keyboard-wedge';
import { seedDayFolder } from './support/seed-day-folder';
import { startServer, type RunningServer } from './support/server';
import { giveBadgeAndPin } from './support/signin';
import { textMisfits } from './support/text-fit';
import { removeDataDir } from '../support/temp-dir';

/**
 * The 主监考's record of room 01 on a seeded day (08:30–10:00) at 30× speed: a 夹带 by seat tap, a
 * hand-in refused before S+30 and one accepted, a 启封 problem on the office card, counts that do not
 * balance, 收卷 at E, both signatures by badge burst and PIN, corrections (amend, withdraw) with their
 * history, the printed record, the office's results table, and the same screens in English.
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
    removeDataDir(dataDir);
  });

  test('incident, hand-ins, 启封 problem, 收卷, two badge signatures, corrections, print, results, English', async ({ page, browser }) => {
    test.setTimeout(360_000);
    dataDir = mkdtempSync(join(tmpdir(), 'examday-record-'));
    const day = await seedDayFolder(dataDir);
    server = await startServer({ dataDir, extraArgs: ['--clock', '08:44:00', '--clock-speed', '30'] });
    await page.setViewportSize({ width: 1366, height: 768 });
    const door = new DoorPage(page);
    const doorDay = new DayPage(page);
    // At 30× the 附件5 prompts (停止交卷, 考试结束, 送还试卷) come up in the middle of any step, sooner on a
    // slow machine: the proctor answers one and goes on, and so does the test.
    const answerPrompts = (p: typeof page) => p.addLocatorHandler(p.getByTestId('prompt-dismiss'), (dismiss) => dismiss.click(), { noWaitAfter: true });
    await answerPrompts(page);
    await door.open(server.url);
    await door.chooseRoomAndStaff('01', 'P0001');
    const [c1, c2, c3, c4] = day.candidates;
    for (const c of [c1!, c2!, c3!]) await door.checkInBoth(c);

    // A seat tap opens the seat's actions; 夹带 is recorded with its time from the clock.
    await page.getByTestId('door-view-seats').click();
    await page.getByTestId('seat-1').click();
    await expect(page.getByTestId('incident-time')).toHaveValue(/^08:[45]\d$/);
    await capture(page, 'record-seat-menu');
    await page.getByTestId('incident-kind-crib-notes').click();
    await expect(page.getByTestId('incident-cheating')).toBeChecked();
    await page.getByTestId('incident-action-confiscated').check();
    await page.getByTestId('incident-description').fill('袖中夹带纸条');
    // The witness (the room's 副监考) gives their own badge and PIN: nobody is picked from a list.
    await giveBadgeAndPin(page, 'incident-witness', 'P0002', { submit: false });
    await capture(page, 'record-incident-dialog');
    await page.getByTestId('incident-submit').click();
    await expect(page.getByTestId('seat-record-message')).toHaveText('已记录');
    await page.getByTestId('seat-record-close').click();

    // 暂离: the 流动监考 who goes along gives badge and PIN; a room proctor's badge is refused.
    await page.getByTestId('seat-3').click();
    await expect(page.getByTestId('leave-toilet')).toBeDisabled();
    await giveBadgeAndPin(page, 'leave-companion', 'P0002', { submit: false });
    await page.getByTestId('leave-toilet').click();
    await expect(page.getByTestId('seat-record-message')).toContainText('暂离须由一名流动监考陪同');
    await giveBadgeAndPin(page, 'leave-companion', 'R001', { submit: false });
    await capture(page, 'record-leave-companion');
    await page.getByTestId('leave-toilet').click();
    await expect(page.getByTestId('seat-record-message')).toHaveText('已记录');
    await page.getByTestId('seat-record-close').click();

    await page.getByTestId('seat-2').click();
    await page.getByTestId('hand-in-submit').click();
    await expect(page.getByTestId('seat-record-message')).toContainText('开考30分钟后才能交卷：09:00 起可以交卷');
    await page.getByTestId('seat-record-close').click();

    // 启封: a count mismatch reported, and counts that do not add up shown per kind.
    await page.getByTestId('door-view-record').click();
    await page.getByTestId('record-papers').click();
    await page.getByTestId('paper-problem-count-mismatch').click();
    await page.getByTestId('paper-problem-note').fill('答题卡多 1 份');
    await page.getByTestId('paper-problem-submit').click();
    await expect(page.getByTestId('papers-message')).toHaveText('已记录');
    for (const [kind, received] of [['paper', '32'], ['answer-sheet', '33']] as const) {
      for (const [field, value] of [['received', received], ['issued', '3'], ['spare', '2'], ['absentKept', '27']] as const) {
        await page.getByTestId(`count-${kind}-${field}`).fill(value);
      }
      await page.getByTestId(`count-${kind}-save`).click();
      await expect(page.getByTestId('papers-message')).toHaveText('已记录');
    }
    await expect(page.getByTestId('count-paper-balance')).toHaveText('收发相符');
    await expect(page.getByTestId('count-answer-sheet-balance')).toHaveText('收到≠发出+备用+留存（差 +1）');
    await capture(page, 'record-papers-mismatch');
    await page.getByTestId('papers-dialog-close').click();
    await expect(page.getByTestId('record-balance')).toHaveText('份数不符');

    // Before 收卷 the record cannot be signed; the exception is the 主考's, with its own button.
    await page.getByTestId('record-sign').click();
    await expect(page.getByTestId('sign-problems')).toContainText('尚未收卷');
    await expect(page.getByTestId('exception-submit')).toBeDisabled();
    await page.getByTestId('exception-reason').fill('答题卡待考务办核对');
    await giveBadgeAndPin(page, 'exception', 'P0001', { submit: false });
    await capture(page, 'record-sign-problems');
    await page.getByTestId('exception-submit').click();
    await expect(page.getByTestId('sign-message')).toContainText('例外说明须由主考（或副主考）签署');
    await page.getByTestId('sign-dialog-close').click();

    // Another browser, as the office laptop would be: the door's choice of room stays with the door.
    const office = await (await browser.newContext()).newPage();
    await answerPrompts(office);
    await office.setViewportSize({ width: 1366, height: 768 });
    await office.goto(server.url);
    const officeDay = new DayPage(office);
    await officeDay.chooseOffice('S001');
    const card = office.getByTestId('dashboard-room-01');
    await expect(card.getByTestId('room-paper-problems')).toContainText('数量不符：答题卡多 1 份');
    await capture(office, 'record-office-card');

    // From 09:00 (S+30) the hand-in is accepted; the absentees are confirmed after the cut-off.
    await page.getByTestId('door-view-seats').click();
    await doorDay.waitUntilClock('09:00:05');
    // This time by scanning the 准考证 on the seat map: it opens the candidate's record like a tap.
    await new KeyboardWedge(page).type(c2!.ticketNo);
    await expect(page.getByTestId('seat-record')).toContainText(c2!.name);
    await page.getByTestId('hand-in-submit').click();
    await expect(page.getByTestId('seat-record-message')).toHaveText(`已记录：${c2!.name} 交卷退场`);
    await capture(page, 'record-hand-in');
    await page.getByTestId('seat-record-close').click();
    await page.getByTestId('absentees-open').click();
    await giveBadgeAndPin(page, 'absentees-confirmer', 'P0001');
    await expect(page.getByTestId('absentees-confirmed')).toBeVisible();
    await page.getByTestId('absentees-dialog-close').click();

    await page.getByTestId('door-view-record').click();
    await doorDay.waitUntilClock('10:00:05');
    await page.getByTestId('record-collect').click();
    await expect(page.getByTestId('record-message')).toHaveText('收卷 2');
    await page.getByTestId('record-papers').click();
    await page.getByTestId('count-answer-sheet-received').fill('32');
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
    await giveBadgeAndPin(page, 'sign', 'P0003');
    await expect(page.getByTestId('sign-message')).toContainText('第 02 考场');
    await giveBadgeAndPin(page, 'sign', 'P0001', { pin: '135792' });
    await expect(page.getByTestId('sign-message')).toHaveText('PIN 不正确，还可尝试 4 次');
    await page.keyboard.type('246801');
    await page.keyboard.press('Enter');
    await expect(page.getByTestId('sign-message')).toContainText('主监考1');
    // The next person's burst lands in the badge field, which took the focus back.
    await expect(page.getByTestId('sign-badge')).toBeFocused();
    await wedge.type('KW-P0001');
    await page.keyboard.type('246801');
    await page.keyboard.press('Enter');
    await expect(page.getByTestId('sign-message')).toContainText('不能重复签名');
    await capture(page, 'record-sign-dialog');
    // A badge scanned while the PIN field has the focus starts afresh in the badge field.
    await expect(page.getByTestId('sign-pin')).toBeFocused();
    await wedge.type('KW-P0002');
    await expect(page.getByTestId('sign-badge')).toHaveValue('KW-P0002');
    await page.keyboard.type('246802');
    await page.keyboard.press('Enter');
    await expect(page.getByTestId('sign-message')).toContainText('副监考1');
    await expect(page.getByTestId('sign-state-second')).toContainText('副监考1 ✔');
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

    // Corrections: the 夹带 amended (a warning given too), the 交头接耳 withdrawn; both stay, with their history.
    await page.getByTestId('door-view-record').click();
    const incidents = page.getByTestId('incident-list');
    const cribNotes = incidents.locator('li.rec-incident', { hasText: '夹带' });
    const talking = incidents.locator('li.rec-incident', { hasText: '交头接耳' });
    await expect(talking).toContainText('签名后补记');
    // By id from here: the kind's label follows the UI language.
    const cribNotesById = page.getByTestId((await cribNotes.getAttribute('data-testid'))!);
    const talkingById = page.getByTestId((await talking.getAttribute('data-testid'))!);
    await cribNotes.getByRole('button', { name: '更正' }).click();
    await expect(page.getByTestId('incident-kind-crib-notes')).toHaveAttribute('aria-pressed', 'true');
    await page.getByTestId('incident-action-warning').check();
    await page.getByTestId('correction-reason').fill('补记当场警告');
    await giveBadgeAndPin(page, 'corrector', 'P0001', { submit: false });
    await capture(page, 'record-amend-dialog');
    await page.getByTestId('correction-submit').click();
    await expect(page.getByTestId('correction-message')).toHaveText('已记录');
    await page.getByTestId('correct-incident-close').click();
    await talking.getByRole('button', { name: '撤销' }).click();
    await page.getByTestId('correction-reason').fill('误记，应为 4 号座位旁');
    await giveBadgeAndPin(page, 'corrector', 'P0002', { submit: false });
    await page.getByTestId('correction-submit').click();
    await expect(page.getByTestId('correction-message')).toHaveText('已记录');
    await page.getByTestId('correct-incident-close').click();
    await expect(cribNotes).toContainText('警告、收缴物品');
    await expect(cribNotes.getByTestId('incident-history')).toContainText('更正：补记当场警告');
    await expect(talking).toHaveClass(/rec-incident-withdrawn/);
    await expect(talking.getByTestId('incident-history')).toContainText('撤销：误记，应为 4 号座位旁');
    await expect(talking.getByRole('button')).toHaveCount(0);
    await incidents.scrollIntoViewIfNeeded();
    await capture(page, 'record-incidents-history');

    const sheet = page.locator('.room-record-sheet');
    await expect(sheet).toContainText('签名后的更正');
    await expect(sheet).toContainText('交头接耳（签名后补记）');
    await sheet.getByText('签名后的更正').scrollIntoViewIfNeeded();
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
    // A table cell may break a line anywhere: the history is looked for with the breaks taken out.
    const flat = printed.replace(/\s+/g, '');
    expect(flat).toContain('更正：补记当场警告');
    expect(flat).toContain('撤销：误记');
    expect(flat).toContain('撤销违纪/舞弊记录：交头接耳误记，应为4号座位旁');
    expect(flat).toContain('已撤销');
    execFileSync('pdftoppm', ['-png', '-r', '70', pdf, join(SCREENS_DIR, 'record-pdf')]);

    // The office: the signed card, and the results table (参考 / 缺考 / 舞弊 with the incident, ID masked).
    await capture(office, 'record-office-signed');
    await office.getByTestId('results-open').click();
    const results = office.getByTestId('results-table');
    await expect(office.getByTestId('results-room')).toHaveValue('01');
    await expect(results.getByTestId(`result-${c1!.ticketNo}`)).toContainText('舞弊');
    await expect(results.getByTestId(`result-${c1!.ticketNo}`)).toContainText('夹带：袖中夹带纸条');
    await expect(results.getByTestId(`result-${c2!.ticketNo}`)).toContainText('参考');
    await expect(results.getByTestId(`result-${c3!.ticketNo}`)).toContainText('参考');
    await expect(results.getByTestId(`result-${c4!.ticketNo}`)).toContainText('缺考');
    await expect(results).toContainText(c1!.idNumber.slice(-4));
    await expect(results).not.toContainText(c1!.idNumber);
    await expect(office.getByTestId('results-summary')).toHaveText('参考 2 · 缺考 27 · 舞弊 1 · 待定 0');
    await capture(office, 'record-results');
    expect(await textMisfits(office.getByTestId('results-dialog'))).toEqual([]);

    // English: the same screens, nothing cut or wrapped at 1366×768.
    await office.getByTestId('results-dialog-close').click();
    await office.getByTestId('language-toggle').click();
    await office.getByTestId('results-open').click();
    await expect(office.getByTestId('results-summary')).toHaveText('Sat 2 · Absent 27 · Cheating 1 · Pending 0');
    await capture(office, 'record-en-results');
    expect(await textMisfits(office.getByTestId('results-dialog'))).toEqual([]);
    await office.getByTestId('results-dialog-close').click();
    expect(await textMisfits(card)).toEqual([]);
    await capture(office, 'record-en-office');

    await page.getByTestId('language-toggle').click();
    await expect(page.getByTestId('record-sign')).toHaveText('Signed and frozen');
    await expect(talkingById).toContainText('Withdrawn');
    await expect(cribNotesById).toContainText('Warning, Items confiscated');
    expect(await textMisfits(page.locator('.room-record-actions'))).toEqual([]);
    expect(await textMisfits(incidents)).toEqual([]);
    await incidents.scrollIntoViewIfNeeded();
    await capture(page, 'record-en-record');
    await page.getByTestId('record-papers').click();
    expect(await textMisfits(page.getByTestId('papers-dialog'))).toEqual([]);
    await capture(page, 'record-en-papers');
    await page.getByTestId('papers-dialog-close').click();
    await page.getByTestId('record-sign').click();
    expect(await textMisfits(page.getByTestId('sign-dialog'))).toEqual([]);
    await capture(page, 'record-en-sign');
    await page.getByTestId('sign-dialog-close').click();
    await cribNotesById.getByRole('button', { name: 'Amend' }).click();
    expect(await textMisfits(page.getByTestId('correct-incident'))).toEqual([]);
    await capture(page, 'record-en-amend');
    await page.getByTestId('correct-incident-close').click();
    await page.getByTestId('door-view-seats').click();
    await page.getByTestId('seat-1').click();
    expect(await textMisfits(page.getByTestId('seat-record'))).toEqual([]);
    await capture(page, 'record-en-seat');
  });
});
