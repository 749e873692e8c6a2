import { expect, test, type Page } from '@playwright/test';
import { execFileSync } from 'node:child_process';
import { mkdirSync, mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { watchApiCalls } from './support/api-calls';
import { DayPage } from './support/day-page';
import { DoorPage } from './support/door-page';
import type { SeededDay } from './support/seed-day';
import { seedDayFolder } from './support/seed-day-folder';
import { callApi, startServer, type RunningServer } from './support/server';
import { giveBadgeAndPin, pinOf } from './support/signin';
import { removeDataDir } from '../support/temp-dir';

/**
 * Every door verdict reached through the UI on a seeded day (today 08:30–10:00, 准考证 and ID both
 * asked for), read from data-verdict; the scanner's Tab and no-suffix endings; the manual search with
 * a reason; the 主监考's approval of a late candidate by badge and PIN. Screens go to test-results/screens.
 */
const SCREENS_DIR = resolve(__dirname, '..', '..', 'test-results', 'screens');
const DOOR_PROCTOR = 'P0002';
const CHIEF_PROCTOR = 'P0001';

async function capture(page: Page, name: string): Promise<void> {
  const overflow = await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
  expect(overflow, `${name}: page is wider than the window`).toBeLessThanOrEqual(0);
  await page.screenshot({ path: join(SCREENS_DIR, `${name}.png`) });
}

test.describe('door verdicts on a seeded day', () => {
  let dataDir: string;
  let server: RunningServer;
  let day: SeededDay;

  test.beforeAll(() => mkdirSync(SCREENS_DIR, { recursive: true }));
  test.beforeEach(async () => {
    dataDir = mkdtempSync(join(tmpdir(), 'examday-verdicts-'));
    day = await seedDayFolder(dataDir, { photoTickets: ['20261100000001'] });
  });
  test.afterEach(async () => {
    await server.stop();
    removeDataDir(dataDir);
  });

  async function openDoor(page: Page, clock: string, speed = 1): Promise<DoorPage> {
    server = await startServer({ dataDir, extraArgs: ['--clock', clock, '--clock-speed', String(speed)] });
    const door = new DoorPage(page);
    await door.open(server.url);
    await door.chooseRoomAndStaff('01', DOOR_PROCTOR);
    return door;
  }

  test('every verdict from scanner bursts, ending in Enter, Tab or nothing', async ({ page }) => {
    const c = day.candidates;
    const door = await openDoor(page, '08:12');

    await door.scan(c[0]!.ticketNo);
    await door.expectVerdict('awaiting-id');
    await expect(door.verdict).toContainText(c[0]!.name);
    await capture(page, 'door-awaiting-id');
    await door.scan(c[0]!.idNumber, 8, 'Tab');
    await door.expectVerdict('admitted');
    await expect(page.getByTestId('verdict-photo')).toBeVisible();
    await capture(page, 'door-admitted-photo');

    await door.scan(c[1]!.idNumber, 8, 'none');
    await door.expectVerdict('awaiting-ticket');
    await capture(page, 'door-awaiting-ticket');
    await door.scan(c[1]!.ticketNo, 8, 'none');
    await door.expectVerdict('admitted');
    await expect(door.rosterRow(c[1]!.ticketNo)).toHaveAttribute('data-state', 'admitted');

    await door.scan(c[0]!.ticketNo);
    await door.expectVerdict('already-admitted');

    await door.scan(c[2]!.ticketNo);
    await door.expectVerdict('awaiting-id');
    await door.scan(c[3]!.idNumber);
    await door.expectVerdict('mismatch');
    await expect(page.getByTestId('mismatch-ticket')).toContainText(c[2]!.name);
    await expect(page.getByTestId('mismatch-id')).toContainText(c[3]!.name);
    await capture(page, 'door-mismatch');
    await page.getByTestId('language-toggle').click();
    await expect(door.verdict).toContainText('two different candidates');
    await capture(page, 'door-mismatch-en');
    await page.getByTestId('language-toggle').click();

    await door.scan(c[40]!.ticketNo);
    await door.expectVerdict('wrong-room');
    await door.scan(c[4]!.idNumber.slice(0, 17) + (c[4]!.idNumber.endsWith('0') ? '1' : '0'));
    await door.expectVerdict('invalid-id');
    await door.scan('20269999999999');
    await door.expectVerdict('not-on-roster');
    // A 港澳台居民居住证 number: valid, but this plan accepts the resident ID card only.
    await door.scan('810000199001010019');
    await door.expectVerdict('id-type-not-accepted');
    await expect(door.verdict).toContainText('港澳台居民居住证');
    await capture(page, 'door-id-type-not-accepted');
    await door.scan('20261109999901');
    await door.expectVerdict('wrong-session');
    await expect(door.verdict).toContainText('2099-01-01 13:30');
    await capture(page, 'door-wrong-session');

    // A 准考证 QR holding a URL: the number is taken from its zkzh= parameter.
    await door.scan(`https://rz.example.cn/zkz?zkzh=${c[5]!.ticketNo}&sign=9F`);
    await door.expectVerdict('awaiting-id');
    await expect(door.verdict).toContainText(c[5]!.name);
    // The room view: seats in snake order, coloured by state, with counts.
    await page.getByTestId('door-view-seats').click();
    await expect(page.getByTestId('seat-1')).toHaveAttribute('data-state', 'admitted');
    await expect(page.getByTestId('seat-2')).toHaveAttribute('data-state', 'admitted');
    await expect(page.getByTestId('seat-3')).toHaveAttribute('data-state', 'waiting');
    await expect(page.getByTestId('seatmap-admitted')).toContainText('2 / 30');
    await capture(page, 'door-seatmap');
  });

  test('slow typing with no suffix is not taken for a scan', async ({ page }) => {
    // Watching from before the page opens its API socket, so calls over it are seen too.
    const calls = watchApiCalls(page, 'checkIn');
    const door = await openDoor(page, '08:12');
    await door.scan(day.candidates[0]!.ticketNo, 150, 'none');
    // A scanner burst with no suffix right after ends when its keys go quiet, as the slow keys did
    // before it: once its verdict shows, a call for the slow keys would already have been sent.
    await door.scan(day.candidates[1]!.ticketNo, 8, 'none');
    await door.expectVerdict('awaiting-id');
    await expect(door.verdict).toContainText(day.candidates[1]!.name);
    expect(calls).toHaveLength(1);
  });

  test('a withdrawn candidate’s 准考证 shows 已退考 with when, by whom and why, not 不在名单', async ({ page }) => {
    const door = await openDoor(page, '08:12');
    const gone = day.candidates[8]!;
    await callApi(server, 'withdrawCandidate', { ticketNo: gone.ticketNo, reason: '本人申请退考', actorStaffId: 'S001' });
    await door.scan(gone.ticketNo);
    await door.expectVerdict('withdrawn');
    await expect(door.verdict).toContainText('已退考');
    await expect(door.verdict).toContainText(gone.name);
    await expect(page.getByTestId('withdrawn-when')).toContainText('周主考');
    await expect(page.getByTestId('withdrawn-reason')).toHaveText('退考原因：本人申请退考');
    await expect(page.getByTestId('withdrawn-was')).toContainText(`座位 ${gone.seatNo} 号 · **************${gone.idNumber.slice(-4)}`);
    await expect(page.locator(`[data-testid="recent-scan"][data-kind="withdrawn"]`)).toContainText(gone.name);
    await capture(page, 'door-withdrawn');
    await page.getByTestId('language-toggle').click();
    await expect(door.verdict).toContainText('Withdrawn at');
    await capture(page, 'door-withdrawn-en');
  });

  test('find a candidate by seat, pinyin initials or number, and admit with a reason', async ({ page }) => {
    const door = await openDoor(page, '08:12');
    const target = day.candidates[6]!;
    await page.getByTestId('find-candidate').click();
    const query = page.getByTestId('admit-query');
    await query.fill(String(target.seatNo));
    await expect(page.locator(`[data-testid="admit-result"][data-ticket="${target.ticketNo}"]`)).toBeVisible();
    await query.fill('ZW');
    await expect(page.getByTestId('admit-results')).toContainText('赵伟');
    await query.fill(target.idNumber.slice(-6));
    await expect(page.getByTestId('admit-result')).toHaveCount(1);
    await query.fill(target.ticketNo.slice(-5));
    await capture(page, 'door-find-candidate');
    await page.locator(`[data-testid="admit-result"][data-ticket="${target.ticketNo}"]`).click();
    await page.getByTestId('admit-reason-other').check();
    await page.getByTestId('admit-submit').click();
    await expect(page.getByTestId('admit-error')).toContainText('其他');
    await page.getByTestId('admit-reason-scan-failed').check();
    await capture(page, 'door-admit-reason');
    await page.getByTestId('admit-submit').click();
    await door.expectVerdict('admitted');
    await expect(door.verdict).toContainText(target.name);
    await expect(door.rosterRow(target.ticketNo)).toHaveAttribute('data-state', 'admitted');
    // Admitted once: the search shows it, and a second admission is refused.
    await page.getByTestId('find-candidate').click();
    await page.getByTestId('admit-query').fill(target.ticketNo.slice(-5));
    await page.locator(`[data-testid="admit-result"][data-ticket="${target.ticketNo}"]`).click();
    await page.getByTestId('admit-reason-document-damaged').check();
    await page.getByTestId('admit-submit').click();
    await expect(page.getByTestId('admit-error')).toContainText('已入场');
  });

  test('after the cut-off a candidate is late; the 主监考 may still admit them', async ({ page }) => {
    const door = await openDoor(page, '09:05');
    const late = day.candidates[7]!;
    await door.scanBoth(late);
    await door.expectVerdict('late');
    await expect(door.verdict).toContainText('09:00');
    await capture(page, 'door-late');
    await page.getByTestId('language-toggle').click();
    await expect(door.verdict).toContainText('Too late');
    await capture(page, 'door-late-en');
    await page.getByTestId('language-toggle').click();
    await page.getByTestId('approve-late').click();
    // No list of names: the 主监考 approves with their own badge and PIN, at this moment.
    await expect(page.getByTestId('admit-approver-badge')).toBeFocused();
    await expect(page.getByTestId('admit-approver').locator('select, option')).toHaveCount(0);
    // The door's 副监考 may not approve; the refusal names whose badge it was.
    await giveBadgeAndPin(page, 'admit-approver', DOOR_PROCTOR);
    await expect(page.getByTestId('admit-error')).toHaveText('迟到考生须由本考场主监考（或主考、副主考）批准入场：副监考1（第 01 考场副监考）不能批准');
    // A wrong PIN is refused; the badge stays and the PIN is asked again.
    await giveBadgeAndPin(page, 'admit-approver', CHIEF_PROCTOR, { pin: '135792' });
    await expect(page.getByTestId('admit-error')).toHaveText('PIN 不正确，还可尝试 4 次');
    await expect(page.getByTestId('admit-approver-badge')).toHaveValue(`KW-${CHIEF_PROCTOR}`);
    await expect(page.getByTestId('admit-approver-pin')).toHaveValue('');
    await capture(page, 'door-late-approve-wrong-pin');
    await expect(door.rosterRow(late.ticketNo)).not.toHaveAttribute('data-state', 'admitted');
    await giveBadgeAndPin(page, 'admit-approver', CHIEF_PROCTOR, { submit: false });
    await expect(page.getByTestId('admit-approver-named')).toHaveText('主监考1（第1考场 主监考）');
    await capture(page, 'door-late-approve');
    await page.getByTestId('admit-submit').click();
    await door.expectVerdict('admitted');
    await expect(door.rosterRow(late.ticketNo)).toHaveAttribute('data-state', 'admitted');
    await page.getByTestId('door-view-seats').click();
    await expect(page.getByTestId(`seat-${late.seatNo}`)).toHaveAttribute('data-state', 'admitted');
    await expect(page.getByTestId('seat-1')).toHaveAttribute('data-state', 'absent');
    await expect(page.getByTestId('seatmap-absent')).toContainText('29');
    await capture(page, 'door-seatmap-absent');
    await page.getByTestId('door-view-list').click();

    // By hand after the cut-off, only as a late admission.
    await page.getByTestId('find-candidate').click();
    await page.getByTestId('admit-query').fill(day.candidates[8]!.ticketNo.slice(-5));
    await page.getByTestId('admit-result').first().click();
    await page.getByTestId('admit-reason-scan-failed').check();
    await page.getByTestId('admit-submit').click();
    await expect(page.getByTestId('admit-error')).toContainText('迟到时限');
  });

  test('存疑考生: admitted in doubt, flagged on every screen, resolved only by both proctors', async ({ page }) => {
    const door = await openDoor(page, '08:12');
    const [a, b] = [day.candidates[9]!, day.candidates[10]!];
    // From the admitted verdict: the photo does not match the face.
    await door.checkInBoth(a);
    await page.getByTestId('admit-in-doubt').click();
    await expect(page.getByTestId('admit-chosen')).toContainText(a.name);
    await page.getByTestId('admit-submit').click();
    await expect(page.getByTestId('admit-error')).toContainText('存疑原因');
    await page.getByTestId('doubt-reason-photo-mismatch').check();
    await capture(page, 'door-doubt-admit');
    await page.getByTestId('admit-submit').click();
    await door.expectVerdict('admitted');
    await expect(page.getByTestId('verdict-doubt')).toBeVisible();
    await expect(page.getByTestId('admit-in-doubt')).toBeHidden();
    await capture(page, 'door-doubt-verdict');
    await expect(door.rosterRow(a.ticketNo)).toHaveAttribute('data-doubt', 'open');
    await expect(door.rosterRow(a.ticketNo)).toHaveAttribute('data-state', 'admitted');

    // From 查找考生, not yet in: a document looks wrong.
    await page.getByTestId('find-candidate').click();
    await page.getByTestId('admit-query').fill(b.ticketNo.slice(-5));
    await page.locator(`[data-testid="admit-result"][data-ticket="${b.ticketNo}"]`).click();
    await page.getByTestId('admit-as-doubt').click();
    await page.getByTestId('doubt-reason-document-suspect').check();
    await page.getByTestId('admit-submit').click();
    await door.expectVerdict('admitted');
    await expect(door.rosterRow(b.ticketNo)).toHaveAttribute('data-doubt', 'open');
    await expect(page.getByTestId('admitted-count')).toContainText('2 / 30');
    await capture(page, 'door-doubt-roster');

    await page.getByTestId('door-view-seats').click();
    await expect(page.getByTestId(`seat-${a.seatNo}`)).toHaveAttribute('data-state', 'doubt');
    await expect(page.getByTestId('seatmap-doubt')).toContainText('2');
    await capture(page, 'door-doubt-seatmap');
    await page.getByTestId('door-view-list').click();

    await page.getByTestId('language-toggle').click();
    await door.rosterRow(a.ticketNo).getByTestId('doubt-resolve').click();
    await expect(page.getByTestId('resolve-doubt-dialog')).toContainText('Both proctors');
    await capture(page, 'door-doubt-resolve-en');
    await page.getByTestId('resolve-doubt-dialog-close').click();
    await page.getByTestId('language-toggle').click();

    // One proctor alone is refused; both proctors of the room clear it, each by badge and PIN.
    await door.rosterRow(a.ticketNo).getByTestId('doubt-resolve').click();
    await page.getByTestId('doubt-outcome-cleared').check();
    await giveBadgeAndPin(page, 'doubt-signer', DOOR_PROCTOR);
    await expect(page.getByTestId('resolve-doubt-error')).toContainText('两位监考员');
    await expect(page.getByTestId('doubt-signer-badge')).toHaveValue(`KW-${DOOR_PROCTOR}`);
    await page.getByTestId('doubt-signer-pin').fill(pinOf(DOOR_PROCTOR));
    await giveBadgeAndPin(page, 'doubt-second-signer', CHIEF_PROCTOR, { submit: false });
    await capture(page, 'door-doubt-resolve');
    await page.getByTestId('resolve-doubt-submit').click();
    await expect(page.getByTestId('resolve-doubt-dialog')).toBeHidden();
    await expect(door.rosterRow(a.ticketNo)).toHaveAttribute('data-doubt', 'cleared');
    await expect(door.rosterRow(b.ticketNo)).toHaveAttribute('data-doubt', 'open');

    // The office sees the one still in doubt on the room card.
    await page.getByTestId('change-door').click();
    await new DayPage(page).chooseOffice('S001');
    await expect(page.getByTestId('dashboard-room-01').getByTestId('room-in-doubt')).toHaveAttribute('data-in-doubt', '1');
    await capture(page, 'office-doubt-dashboard');
  });

  test('开考核对: a seat-by-seat walk in snake order from 开考 marks verified, suspected impostor or empty', async ({ page }) => {
    const door = await openDoor(page, '08:31');
    const [a, b, c] = [day.candidates[0]!, day.candidates[1]!, day.candidates[2]!];
    expect([a.seatNo, b.seatNo, c.seatNo]).toEqual([1, 2, 3]);
    await door.checkInBoth(a);
    await door.checkInBoth(b);
    await page.getByTestId('reverify-open').click();
    await expect(page.getByTestId('reverify-seat')).toHaveAttribute('data-seat', '1');
    await expect(page.getByTestId('reverify-seat')).toContainText(a.name);
    await capture(page, 'door-reverify-seat');
    await page.getByTestId('reverify-verified').click();
    await expect(page.getByTestId('reverify-seat')).toHaveAttribute('data-seat', '2');
    // 疑似替考 asks what was seen, then a second tap (issue 15 item 8; door-polish.spec.ts tries the refusals).
    await page.getByTestId('reverify-suspected-impostor').click();
    await page.getByTestId('reverify-impostor-note').fill('面部与照片不符');
    await page.getByTestId('reverify-impostor-confirm').click();
    await expect(page.getByTestId('reverify-seat')).toHaveAttribute('data-seat', '3');
    // Seat 3 never came in: not "verified", only empty.
    await page.getByTestId('reverify-verified').click();
    await expect(page.getByTestId('reverify-error')).toContainText('没有入场记录');
    await page.getByTestId('reverify-seat-empty').click();
    await expect(page.getByTestId('reverify-seat')).toHaveAttribute('data-seat', '4');
    await expect(page.getByTestId('reverify-progress')).toContainText('3 / 30');
    await page.getByTestId('reverify-dialog-close').click();

    await expect(door.rosterRow(a.ticketNo)).toHaveAttribute('data-reverify', 'verified');
    await expect(door.rosterRow(b.ticketNo)).toHaveAttribute('data-reverify', 'suspected-impostor');
    await page.getByTestId('door-view-seats').click();
    await expect(page.getByTestId('seat-1')).toHaveAttribute('data-state', 'verified');
    await expect(page.getByTestId('seat-2')).toHaveAttribute('data-state', 'incident');
    await expect(page.getByTestId('seat-3')).toHaveAttribute('data-state', 'absent');
    await expect(page.getByTestId('seatmap-incident')).toContainText('1');
    await capture(page, 'door-reverify-seatmap');
    await page.getByTestId('language-toggle').click();
    await page.getByTestId('reverify-open').click();
    await expect(page.getByTestId('reverify-progress')).toContainText('Checked 3 / 30');
    await capture(page, 'door-reverify-seat-en');
  });

  test('缺考: at the cut-off everyone not in is a pending absentee; a late admission takes one off; the 主监考 confirms the rest', async ({ page }) => {
    // 08:58:00 running ten times fast: the cut-off (09:00) passes about 12 s into the test.
    const door = await openDoor(page, '08:58:00', 10);
    const [a, late, afterConfirm] = [day.candidates[0]!, day.candidates[4]!, day.candidates[5]!];
    await door.checkInBoth(a);
    await page.getByTestId('door-view-seats').click();
    await expect(page.getByTestId('seat-2')).toHaveAttribute('data-state', 'waiting');
    await expect(page.getByTestId('absentees-open')).toHaveCount(0);

    await expect(page.getByTestId('seat-2')).toHaveAttribute('data-absence', 'pending', { timeout: 30_000 });
    await expect(page.getByTestId('seat-1')).toHaveAttribute('data-state', 'admitted');
    await expect(page.getByTestId('seatmap-absent')).toContainText('缺考（待确认）29');
    await capture(page, 'door-absentees-pending-seatmap');

    // A late candidate the 主监考 lets in before confirming leaves the list.
    await door.scanBoth(late);
    await door.expectVerdict('late');
    await page.getByTestId('approve-late').click();
    await giveBadgeAndPin(page, 'admit-approver', CHIEF_PROCTOR);
    await door.expectVerdict('admitted');
    await expect(page.getByTestId(`seat-${late.seatNo}`)).toHaveAttribute('data-state', 'admitted');
    await expect(page.getByTestId('seatmap-absent')).toContainText('缺考（待确认）28');

    await page.getByTestId('absentees-open').click();
    await expect(page.getByTestId('absentees-count')).toContainText('缺考 28 人 / 应到 30 人');
    await expect(page.getByTestId('absentee-row')).toHaveCount(28);
    await expect(page.getByTestId('absentee-row').first()).toHaveAttribute('data-ticket', day.candidates[1]!.ticketNo);
    // Nobody confirms without a badge and PIN, and the door's 副监考 may not confirm at all.
    await page.getByTestId('absentees-submit').click();
    await expect(page.getByTestId('absentees-error')).toContainText('请扫描胸卡并输入 PIN');
    await giveBadgeAndPin(page, 'absentees-confirmer', DOOR_PROCTOR);
    await expect(page.getByTestId('absentees-error')).toContainText('缺考名单须由本考场主监考（或主考、副主考）确认：副监考1');
    await giveBadgeAndPin(page, 'absentees-confirmer', CHIEF_PROCTOR, { submit: false });
    await capture(page, 'door-absentees-confirm');
    await page.getByTestId('absentees-submit').click();
    await expect(page.getByTestId('absentees-confirmed')).toContainText('主监考');
    await expect(page.getByTestId('absentee-row')).toHaveCount(28);
    await capture(page, 'door-absentees-confirmed');
    await page.getByTestId('absentees-dialog-close').click();
    await expect(page.getByTestId('seat-2')).toHaveAttribute('data-absence', 'confirmed');
    await expect(page.getByTestId('seatmap-absent')).toContainText('缺考 28（已确认）');
    await capture(page, 'door-absentees-confirmed-seatmap');

    // Once confirmed, the room's 主监考 can no longer let one of them in: only the 主考's badge will do.
    await door.scanBoth(afterConfirm);
    await door.expectVerdict('late');
    await expect(page.getByTestId('late-hint')).toContainText('主监考已确认该考生缺考');
    await expect(page.getByTestId('approve-late')).toHaveText('主考更正入场');
    await capture(page, 'door-absentee-rescanned');
    await page.getByTestId('approve-late').click();
    await expect(page.getByTestId('admit-late-note')).toContainText('已由主监考确认缺考');
    await giveBadgeAndPin(page, 'admit-approver', CHIEF_PROCTOR);
    await expect(page.getByTestId('admit-error')).toContainText('已确认缺考的考生只有主考或副主考可以更正并准予入场：主监考1');
    await capture(page, 'door-absentees-correction');
    await page.getByTestId('admit-dialog-close').click();
    await page.getByTestId('door-view-list').click();
    await expect(door.rosterRow(afterConfirm.ticketNo)).toHaveAttribute('data-absence', 'confirmed');
    await expect(door.rosterRow(a.ticketNo)).not.toHaveAttribute('data-absence', /.+/);

    // The room record (考场情况记录单) carries the confirmed list and the late admission with its approver.
    await page.getByTestId('door-view-record').click();
    const sheet = page.locator('.room-record-sheet');
    await expect(sheet.getByTestId('room-record-totals')).toContainText('应到 30 人　实到 2 人　缺考 28 人');
    await expect(sheet.getByTestId('room-record-absentees-state')).toContainText('已由 主监考1（主监考）');
    await expect(sheet).toContainText(late.name);
    await capture(page, 'door-room-record');
    const pdf = join(SCREENS_DIR, 'door-room-record.pdf');
    await page.pdf({ path: pdf, format: 'A4', printBackground: true });
    const printed = execFileSync('pdftotext', ['-layout', pdf, '-'], { encoding: 'utf8' });
    expect(printed).toContain('考场情况记录单');
    expect(printed).toMatch(/迟到入场（经批准）\s+1 人/);
    expect(printed).toContain(afterConfirm.name);
    expect(printed).not.toContain('请扫描准考证或身份证');
  });
});
