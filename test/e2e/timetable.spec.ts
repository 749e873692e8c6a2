import { expect, test, type APIRequestContext } from '@playwright/test';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { ApiMethod, ApiOutput } from '../../shared/api/contract';
import { formatTimeCode } from '../../shared/timetable/time-code';
import { watchApiCalls } from './support/api-calls';
import { DayPage } from './support/day-page';
import { DoorPage } from './support/door-page';
import { loadSampleDay } from './support/sample-day';
import { startServer, type RunningServer } from './support/server';
import { removeDataDir } from '../support/temp-dir';
import { giveBadgeAndPin } from './support/signin';

/**
 * The day run by the clock (issue 5), in browser mode with the core's clock injected: --clock sets
 * the time of day, --clock-speed makes it run faster, --clock-skew makes the device's clock wrong.
 * The sample day is pinned to 08:30–10:00.
 */
const sample = loadSampleDay();
const chiefProctor = sample.staff.find((s) => s.role === 'chief-proctor' && s.roomNo === '01')!;
const secondProctor = sample.staff.find((s) => s.role === 'second-proctor' && s.roomNo === '01')!;
const chiefProctorRoom02 = sample.staff.find((s) => s.role === 'chief-proctor' && s.roomNo === '02')!;
const chiefExaminer = sample.staff.find((s) => s.role === 'chief-examiner')!;
const room01 = sample.candidates.filter((c) => c.roomNo === '01');

const pad = (n: number) => String(n).padStart(2, '0');
const hms = (d: Date) => `${pad(d.getHours())}:${pad(d.getMinutes())}:${pad(d.getSeconds())}`;

/** One call to the core, as the renderer makes it; fails the test on an error result. */
async function api<M extends ApiMethod>(request: APIRequestContext, server: RunningServer, method: M): Promise<ApiOutput<M>> {
  const response = await request.post(`${server.origin}/api/${method}`, { data: {}, headers: { Authorization: `Bearer ${server.token}` } });
  const result = (await response.json()) as { ok: true; value: ApiOutput<M> } | { ok: false; error: { message: string } };
  if (!result.ok) throw new Error(`${method}: ${result.error.message}`);
  return result.value;
}

test.describe('the day by the clock (browser mode, injected clock)', () => {
  let dataDir: string;
  let server: RunningServer | undefined;

  test.beforeEach(() => {
    dataDir = mkdtempSync(join(tmpdir(), 'examday-timetable-'));
  });
  test.afterEach(async () => {
    await server?.stop();
    server = undefined;
    removeDataDir(dataDir);
  });

  async function openDoor(page: import('@playwright/test').Page, clockArgs: string[], staffId = chiefProctor.staffId) {
    // On the real clock the sample day starts 20 minutes from now (as npm start does), so the door is
    // in 查证入场 whatever the hour the suite runs at; a test that sets --clock keeps the 08:30 day.
    const sampleStart = clockArgs.includes('--clock') ? '08:30' : startInTwentyMinutes();
    server = await startServer({ dataDir, sampleStart, extraArgs: clockArgs });
    const door = new DoorPage(page);
    const day = new DayPage(page);
    await door.open(server.url);
    await day.mute();
    await door.chooseRoomAndStaff('01', staffId);
    return { door, day, server };
  }

  test('the current step advances as the clock moves, and 开考 is prompted', async ({ page }) => {
    // 08:22 at 15×: 宣布考场纪律 now, 验封 after ~12 s, 开考 after ~32 s. The clock runs from the
    // server's start, so signing in at the door must fit in the first window even on a busy machine.
    const { day } = await openDoor(page, ['--clock', '08:22:00', '--clock-speed', '15']);
    await day.openTab('timetable');
    await expect(day.step('rules-announced')).toHaveAttribute('data-state', 'current');
    await expect(day.step('checkin-open')).toHaveAttribute('data-state', 'past');
    await expect(page.getByTestId('rules-banner')).toBeVisible();
    await expect(page.getByTestId('countdown')).toContainText('验封、启封、发卷');

    await expect(day.step('papers-unsealed')).toHaveAttribute('data-state', 'current', { timeout: 20_000 });
    await expect(day.step('rules-announced')).toHaveAttribute('data-state', 'past');
    await expect(page.getByTestId('now-strip')).toHaveAttribute('data-step', 'papers-unsealed');

    await expect(day.prompt).toHaveAttribute('data-prompt', 'exam-start', { timeout: 25_000 });
    await expect(day.prompt).toContainText('考试开始');
    await page.getByTestId('prompt-dismiss').click();
    await expect(day.prompt).toHaveCount(0);
    await expect(day.step('exam-start')).toHaveAttribute('data-state', 'current');
  });

  test('the E−15 prompt appears once, and does not come back after a reload', async ({ page }) => {
    // Twelve seconds before 09:45: the sample day's seeding (its PINs are hashed) and the sign-in by
    // badge and PIN take a few of them on a busy machine, and the prompt must not be up yet.
    const { day } = await openDoor(page, ['--clock', '09:44:48']);
    await expect(day.prompt).toHaveCount(0);
    await expect(day.prompt).toHaveAttribute('data-prompt', 'hand-in-closed', { timeout: 15_000 });
    await expect(day.prompt).toContainText('距考试结束还有15分钟，停止交卷');
    await page.getByTestId('prompt-dismiss').click();
    // A real reload: going to server.url again would only change the #token fragment of the page the
    // app already cleaned it from, a same-document navigation that keeps every store in memory.
    await page.reload();
    await expect(page.getByTestId('verdict')).toHaveAttribute('data-verdict', 'ready');
    // The prompt watcher reads the same schedule and clock as the now-strip. Once the strip shows
    // 停止交卷 and its countdown has ticked twice, the watcher has judged 09:45 with the schedule in
    // hand at least once; a prompt it raised stays until dismissed, so none means none was raised.
    await expect(day.nowStrip).toHaveAttribute('data-step', 'hand-in-closed');
    await day.waitForClockTicks(2);
    await expect(day.prompt).toHaveCount(0);
  });

  test('an overdue confirmation is recorded by the person allowed and the flag clears', async ({ page, request }) => {
    // 08:36: 验封 (08:25) and 开考 (08:30) are past their 5-minute grace; no prompt is due.
    const { day, server: running } = await openDoor(page, ['--clock', '08:36:00'], secondProctor.staffId);
    await day.openTab('timetable');
    await expect(day.confirmationState('seal-shown')).toHaveAttribute('data-state', 'overdue');
    await expect(day.step('papers-unsealed')).toHaveClass(/step-overdue/);

    await page.getByTestId('confirm-seal-shown').click();
    // Only the chief proctor shows a seal (附件4): the second proctor on duty is not offered, and
    // nobody is picked from a list: the chief proctor gives their badge and PIN.
    await expect(page.getByTestId(`picker-staff-${secondProctor.staffId}`)).toHaveCount(0);
    await expect(page.getByTestId(`picker-staff-${chiefProctor.staffId}`)).toHaveCount(0);
    await giveBadgeAndPin(page, 'picker-proof', secondProctor.staffId);
    await expect(page.getByTestId('picker-error')).toHaveText('该环节须由规定的岗位人员确认');
    await giveBadgeAndPin(page, 'picker-proof', chiefProctor.staffId, { submit: false });
    await page.screenshot({ path: join(__dirname, '..', '..', 'test-results', 'screens', 'timetable-confirm-by-badge.png') });
    await page.keyboard.press('Enter');
    await expect(day.confirmationState('seal-shown')).toHaveAttribute('data-state', 'done');
    await expect(page.getByTestId('confirmed-by-seal-shown')).toContainText(chiefProctor.name);
    await expect(day.step('papers-unsealed')).not.toHaveClass(/step-overdue/);
    await expect(day.confirmationState('exam-started')).toHaveAttribute('data-state', 'overdue');

    const schedule = await api(request, running, 'getSchedule');
    expect(schedule.confirmations).toEqual([
      expect.objectContaining({ confirmationId: 'seal-shown', roomNo: '01', staffId: chiefProctor.staffId }),
    ]);
  });

  test('the office confirms the site-wide steps and sees each room’s', async ({ page }) => {
    server = await startServer({ dataDir, sampleStart: '08:30', extraArgs: ['--clock', '08:36:00'] });
    const door = new DoorPage(page);
    const day = new DayPage(page);
    await door.open(server.url);
    await day.mute();
    await day.chooseOffice(chiefExaminer.staffId);
    await expect(page.getByTestId('dashboard-room-01')).toContainText('第1考场');
    await expect(page.getByTestId('office-time-code')).toHaveAttribute('data-code', /^EXAMDAY-TIME\/\d{13}\/[0-9a-f]{16}$/);

    await day.openTab('timetable');
    await expect(day.confirmationState('briefing-held')).toHaveAttribute('data-state', 'overdue');
    await page.getByTestId('confirm-briefing-held').click();
    await page.getByTestId(`picker-staff-${chiefExaminer.staffId}`).click();
    await expect(day.confirmationState('briefing-held')).toHaveAttribute('data-state', 'done');

    // A room's step, from the office: only that room's chief proctor may, by badge and PIN.
    const chip = page.getByTestId('confirmation-state-seal-shown-01');
    await expect(chip).toHaveAttribute('data-state', 'overdue');
    await chip.click();
    await expect(page.getByTestId('picker-eligible')).toContainText(chiefProctor.name);
    await expect(page.getByTestId('picker-eligible')).not.toContainText(chiefProctorRoom02.name);
    await giveBadgeAndPin(page, 'picker-proof', chiefProctorRoom02.staffId);
    await expect(page.getByTestId('picker-error')).toHaveText('监考人员只能确认本考场的环节');
    await giveBadgeAndPin(page, 'picker-proof', chiefProctor.staffId);
    await expect(chip).toHaveAttribute('data-state', 'done');
    await expect(page.getByTestId('confirmation-state-seal-shown-02')).toHaveAttribute('data-state', 'overdue');
  });

  test('a device 5 minutes fast shows the warning and the corrected time after a clock check', async ({ page }) => {
    // Watching from before the page opens its API socket, so calls over it are seen too.
    const checkIns = watchApiCalls(page, 'checkIn');
    const clockChecks = watchApiCalls(page, 'recordClockCheck');
    const { door } = await openDoor(page, ['--clock-skew', '300']);
    await expect(page.getByTestId('clock-unchecked')).toBeVisible();

    // The office's time code, scanned at the door: it goes to the clock check, never to check-in.
    await door.scan(formatTimeCode({ referenceMs: Date.now(), referenceDeviceId: '0123456789abcdef' }));
    const result = page.getByTestId('cc-result');
    await expect(result).toHaveAttribute('data-too-large', 'true');
    const offsetMs = Number(await result.getAttribute('data-offset-ms'));
    expect(Math.abs(offsetMs - 300_000)).toBeLessThan(5_000);
    await expect(result).toContainText('+5分');
    // Checked by whoever is on duty here (signed in by badge and PIN): nobody is picked from a list.
    await expect(page.getByTestId('cc-who')).toContainText(chiefProctor.name);
    expect(clockChecks).toHaveLength(1);
    expect(checkIns).toHaveLength(0);
    await page.getByTestId('clock-check-close').click();

    await expect(page.getByTestId('clock-warning')).toContainText('本机时钟偏差 +5分');
    const shown = (await page.getByTestId('clock').textContent()) ?? '';
    const [h, m, s] = shown.split(':').map(Number);
    const shownSeconds = (h ?? 0) * 3600 + (m ?? 0) * 60 + (s ?? 0);
    const now = new Date();
    const trueSeconds = now.getHours() * 3600 + now.getMinutes() * 60 + now.getSeconds();
    expect(Math.abs(shownSeconds - trueSeconds)).toBeLessThanOrEqual(3);
    await door.expectVerdict('ready');

    // Typing the office clock read aloud records it too.
    await page.getByTestId('clock-warning').click();
    await page.getByTestId('cc-time-input').fill(hms(new Date()));
    await page.getByTestId('cc-submit').click();
    await expect(page.getByTestId('cc-result')).toHaveAttribute('data-too-large', 'true');
  });

  test('a rehearsal at 10× runs through 开考 in well under a minute and leaves the real record alone', async ({ page, request }) => {
    const { door, day, server: running } = await openDoor(page, []);
    const before = await api(request, running, 'getDashboard');
    const realAdmitted = before.rooms.find((r) => r.roomNo === '01')?.admitted ?? -1;

    const started = Date.now();
    await page.getByTestId('open-rehearsal').click();
    await page.getByTestId('rehearsal-start-time').fill('08:30');
    await page.getByTestId('rehearsal-from-step').selectOption('papers-unsealed');
    await page.getByTestId('rehearsal-speed-10').check();
    await page.getByTestId('rehearsal-start').click();
    await expect(page.getByTestId('rehearsal-banner')).toContainText('演练模式 · 不计入正式记录 ×10');

    await door.expectVerdict('ready');
    await door.checkInBoth(room01[0]!);
    await expect(page.getByTestId('admitted-count')).toContainText(`${realAdmitted + 1}`);

    await expect(day.prompt).toHaveAttribute('data-prompt', 'exam-start', { timeout: 40_000 });
    expect(Date.now() - started).toBeLessThan(45_000);
    await page.getByTestId('prompt-dismiss').click();
    await day.openTab('timetable');
    await expect(day.step('exam-start')).toHaveAttribute('data-state', 'current');
    await expect(page.getByTestId('rehearsal-banner')).toBeVisible();

    await page.getByTestId('rehearsal-stop').click();
    await expect(page.getByTestId('rehearsal-banner')).toHaveCount(0);
    const clock = await api(request, running, 'getClock');
    expect(clock.rehearsal).toBeNull();
    const after = await api(request, running, 'getDashboard');
    expect(after.rooms.find((r) => r.roomNo === '01')?.admitted).toBe(realAdmitted);
    const schedule = await api(request, running, 'getSchedule');
    expect(schedule.confirmations).toEqual([]);
    await day.openTab('door');
    await expect(page.getByTestId('admitted-count')).toContainText(`${realAdmitted} /`);
  });
});

/** HH:MM twenty minutes from now; 08:30 when the exam would not end before midnight. */
function startInTwentyMinutes(): string {
  const start = new Date(Date.now() + 20 * 60_000);
  const minutes = start.getHours() * 60 + start.getMinutes();
  if (start.getDate() !== new Date().getDate() || minutes + 90 >= 24 * 60) return '08:30';
  return `${String(start.getHours()).padStart(2, '0')}:${String(start.getMinutes()).padStart(2, '0')}`;
}
