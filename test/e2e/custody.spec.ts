import { expect, test, type Page } from '@playwright/test';
import { mkdirSync, mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { DayPage } from './support/day-page';
import { DoorPage } from './support/door-page';
import { KeyboardWedge } from './support/keyboard-wedge';
import { callApi, startServer, type RunningServer } from './support/server';
import { giveBadgeAndPin } from './support/signin';
import { removeDataDir } from '../support/temp-dir';
import { printedText } from './support/printed-text';

/**
 * Chain of custody on the sample day (issue 13), 08:30–10:00 on an injected clock at 10× from 07:38:
 * the office registers two press-labelled bags by scanner bursts, stores and takes them out, issues
 * each to its room by badge bursts (and is refused when room 02's bag goes to room 01's proctor), the
 * door of room 01 records 到达考场 and 装袋密封, the office sees room 02's bag overdue at S−40,
 * accepts the return bag with its count, prints the 交接单, signs the exceptions and closes the day.
 */
const SCREENS_DIR = resolve(__dirname, '..', '..', 'test-results', 'screens');

async function capture(page: Page, name: string): Promise<void> {
  await page.setViewportSize({ width: 1366, height: 768 });
  const overflow = await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
  expect(overflow, `${name}: page is wider than the window`).toBeLessThanOrEqual(0);
  await page.screenshot({ path: join(SCREENS_DIR, `${name}.png`) });
}

interface StaffView {
  staffId: string;
  name: string;
  badgeCode?: string;
}


test.describe('chain of custody', () => {
  let dataDir: string;
  let server: RunningServer;
  test.beforeAll(() => mkdirSync(SCREENS_DIR, { recursive: true }));
  test.afterEach(async () => {
    await server.stop();
    removeDataDir(dataDir);
  });

  test('register, store, issue (one refused), arrive, overdue at S−40, seal and return, receipt, exceptions, 日结', async ({ page, browser }) => {
    test.setTimeout(300_000);
    dataDir = mkdtempSync(join(tmpdir(), 'examday-custody-'));
    server = await startServer({ dataDir, sampleStart: '08:30', extraArgs: ['--clock', '07:38:00', '--clock-speed', '10'] });
    const call = <T,>(method: string, input: object): Promise<T> => callApi<T>(server, method, input);
    const day = await call<{ staff: StaffView[] }>('getDay', {});
    const badge = (staffId: string) => day.staff.find((s) => s.staffId === staffId)!.badgeCode!;
    const [chief, proctor1, second1, proctor2, office, secrecy] = ['S01', 'S03', 'S04', 'S05', 'S12', 'S15'];

    const answerPrompts = (p: Page) => p.addLocatorHandler(p.getByTestId('prompt-dismiss'), (dismiss) => dismiss.click(), { noWaitAfter: true });
    await page.setViewportSize({ width: 1366, height: 768 });
    await answerPrompts(page);
    await page.goto(server.url);
    await new DayPage(page).chooseOffice(chief!);
    await page.getByTestId('tab-custody').click();
    const wedge = new KeyboardWedge(page);
    const burst = async (text: string) => {
      await page.evaluate(() => (document.activeElement as HTMLElement | null)?.blur());
      await wedge.type(text);
    };

    // Registry: each press label scanned, the form keeps the previous bag's details.
    await page.getByTestId('custody-view-registry').click();
    await page.getByTestId('reg-count').fill('30');
    await burst('BYS-2026-0001');
    await expect(page.getByTestId('reg-code')).toHaveValue('BYS-2026-0001');
    await page.getByTestId('reg-submit').click();
    await expect(page.getByTestId('reg-message')).toContainText('已登记：BYS-2026-0001');
    await page.getByTestId('reg-room').selectOption('02');
    await burst('BYS-2026-0002');
    await page.getByTestId('reg-submit').click();
    await expect(page.getByTestId('reg-message')).toContainText('已登记：BYS-2026-0002');
    await expect(page.getByTestId('registry-table')).toContainText('BYS-2026-0002');
    await capture(page, 'custody-registry');

    // 交接: bags and badges in one stream of bursts; the badges fill the parts in order.
    const handoff = async (step: string, bags: string[], badges: string[], counts?: number) => {
      await page.getByTestId(`handoff-step-${step}`).click();
      for (const b of bags) await burst(b);
      for (const b of bags) await expect(page.getByTestId(`handoff-bag-${b}`)).toBeVisible();
      if (counts !== undefined) for (const b of bags) await page.getByTestId(`handoff-count-${b}`).fill(String(counts));
      for (const b of bags) {
        const seal = page.getByTestId(`handoff-seal-${b}`);
        if (await seal.isVisible()) await seal.check();
      }
      for (const b of badges) await burst(b);
      await page.getByTestId('handoff-submit').click();
    };
    await page.getByTestId('custody-view-handoff').click();
    await handoff('store', ['BYS-2026-0001', 'BYS-2026-0002'], [badge(secrecy!), badge(chief!)]);
    await expect(page.getByTestId('handoff-message')).toHaveText(/已记录（2 袋）/);
    await handoff('take-out', ['BYS-2026-0001', 'BYS-2026-0002'], [badge(secrecy!), badge(chief!)]);
    await expect(page.getByTestId('handoff-message')).toHaveText(/已记录（2 袋）/);
    await handoff('issue', ['BYS-2026-0001'], [badge(chief!), badge(proctor1!)], 30);
    await expect(page.getByTestId('handoff-message')).toHaveText(/已记录（1 袋）/);

    // Room 02's bag to room 01's proctor: refused in the core's words, and the form is kept.
    await handoff('issue', ['BYS-2026-0002'], [badge(chief!), badge(proctor1!)], 30);
    await expect(page.getByTestId('handoff-message')).toHaveText('试卷袋 BYS-2026-0002 属于第2考场，杨建民是第1考场的监考，不能分发签收');
    await expect(page.getByTestId('handoff-count-BYS-2026-0002')).toHaveValue('30');
    await capture(page, 'custody-handoff-refused');
    // The same refusal in English names the step in English (issue 15 item 13); the rooms by their names.
    await page.getByTestId('language-toggle').click();
    await expect(page.getByTestId('handoff-message')).toHaveText('Paper bag BYS-2026-0002 belongs to 第2考场; 杨建民 is a proctor of 第1考场 and cannot do "Issue to room"');
    await page.getByTestId('language-toggle').click();
    await expect(page.getByTestId('handoff-message')).toHaveText('试卷袋 BYS-2026-0002 属于第2考场，杨建民是第1考场的监考，不能分发签收');
    await page.getByTestId('handoff-badges-receiver').getByRole('button').click();
    await burst(badge(proctor2!));
    await page.getByTestId('handoff-submit').click();
    await expect(page.getByTestId('handoff-message')).toHaveText(/已记录（1 袋）/);

    // The 交接单 of that handoff, as Chromium prints it.
    await page.getByTestId('handoff-print').click();
    await expect(page.getByTestId('custody-print')).toBeVisible();
    await capture(page, 'custody-receipt');
    const receipt = await printedText(page, join(dataDir, 'receipt.pdf'));
    expect(receipt).toContain('试卷交接单');
    expect(receipt).toContain('分发签收');
    expect(receipt).toContain('BYS-2026-0002');
    expect(receipt).toMatch(/郑国华/);
    expect(receipt).toMatch(/张卫东/);
    await page.getByTestId('custody-print-back').click();

    // Room 01's door: its bags, and 到达考场 by the proctor's badge.
    const door = await (await browser.newContext()).newPage();
    await door.setViewportSize({ width: 1366, height: 768 });
    await answerPrompts(door);
    await door.goto(server.url);
    await new DoorPage(door).chooseRoomAndStaff('01', second1!);
    await door.getByTestId('door-view-bags').click();
    await expect(door.getByTestId('door-bag-BYS-2026-0001')).toContainText('主监考已签收');
    await door.getByTestId('door-bags-arrive').click();
    await expect(door.getByTestId('door-step-form-bag-BYS-2026-0001')).toBeVisible();
    const doorWedge = new KeyboardWedge(door);
    await door.evaluate(() => (document.activeElement as HTMLElement | null)?.blur());
    await doorWedge.type(badge(proctor1!));
    await door.getByTestId('door-step-form-submit').click();
    await expect(door.getByTestId('door-step-form-message')).toHaveText(/已记录（1 袋）/);
    await door.getByTestId('door-step-close').click();
    await expect(door.getByTestId('door-bag-BYS-2026-0001')).toContainText('已到考场');

    // S−40 (07:50): room 02's bag is not in its room — red on the office.
    await new DayPage(page).waitUntilClock('07:50:30');
    await page.getByTestId('custody-view-now').click();
    await expect(page.getByTestId('custody-bag-BYS-2026-0002').getByTestId('bag-overdue')).toContainText('应于 07:50 前到达考场');
    await expect(page.getByTestId('custody-bag-BYS-2026-0001').getByTestId('bag-state')).toHaveText('已到考场');
    await capture(page, 'custody-office');
    await page.getByTestId('custody-view-timeline').click();
    await expect(page.getByTestId('lane-BYS-2026-0001')).toBeVisible();
    await capture(page, 'custody-timeline');
    await page.getByTestId('lane-BYS-2026-0001').click();
    await expect(page.getByTestId('bag-history')).toContainText('到达考场');
    await capture(page, 'custody-bag-timeline');

    // 收卷 at the door: a new return bag, sealed with its count by both proctors.
    await door.getByTestId('door-bags-seal-return').click();
    await door.getByTestId('seal-return-count').fill('28');
    await door.evaluate(() => (document.activeElement as HTMLElement | null)?.blur());
    await doorWedge.type(badge(proctor1!));
    await doorWedge.type(badge(second1!));
    await door.getByTestId('seal-return-submit').click();
    await expect(door.getByTestId('seal-return-message')).toContainText('已装袋密封：KD-');
    const returnCode = /KD-[0-9A-Z]+/.exec((await door.getByTestId('seal-return-message').textContent()) ?? '')![0];
    await door.getByTestId('seal-return-close').click();
    await expect(door.getByTestId(`door-bag-${returnCode}`)).toContainText('已装袋密封');
    await capture(door, 'custody-door');

    // The office accepts it with the count; then every open problem gets the 主考's exception.
    await page.getByTestId('custody-view-handoff').click();
    await handoff('return', [returnCode], [badge(proctor1!), badge(office!)], 28);
    await expect(page.getByTestId('handoff-message')).toHaveText(/已记录（1 袋）/);
    await page.getByTestId('custody-view-now').click();
    await expect(page.getByTestId(`custody-bag-${returnCode}`).getByTestId('bag-state')).toHaveText('考务办已接收');
    await expect(page.getByTestId('close-day-open')).toBeDisabled();
    await expect(page.getByTestId('close-day-why')).toContainText('不能日结');
    await capture(page, 'custody-reconcile');
    // The problems in English too (issue 15 item 13): the kind and state in English, no Chinese problem left.
    await page.getByTestId('language-toggle').click();
    await expect(page.getByTestId('custody-problems')).toContainText(`Paper bag ${returnCode} (Answered papers (return)) has not been returned, counted and sealed (it is "Accepted by office")`);
    await expect(page.getByTestId('custody-problems')).not.toContainText(/未完成交回|既未启封/);
    await page.getByTestId('language-toggle').click();
    await expect(page.getByTestId('custody-problems')).toContainText(`答卷回收袋 ${returnCode} 未完成交回、清点和封存（现为“考务办已接收”）`);
    for (;;) {
      const open = page.locator('[data-testid^="exception-open-"]').first();
      if ((await open.count()) === 0) break;
      await open.click();
      await page.getByTestId('custody-exception-reason').fill('考试结束后由主考清点，记入日结说明');
      await giveBadgeAndPin(page, 'custody-exception-examiner', chief!, { submit: false });
      await page.getByTestId('custody-exception-submit').click();
      await expect(page.getByTestId('custody-exception-message')).toContainText('郑国华 已签署例外');
      await page.getByTestId('custody-exception-close').click();
    }
    await page.getByTestId('close-day-open').click();
    // 日结 is the 主考's, by badge and PIN: a wrong PIN is refused and asked again.
    await giveBadgeAndPin(page, 'close-day-examiner', chief!, { pin: '135792' });
    await expect(page.getByTestId('close-day-message')).toHaveText('PIN 不正确，还可尝试 4 次');
    await giveBadgeAndPin(page, 'close-day-examiner', chief!, { submit: false });
    await capture(page, 'custody-close-day');
    await page.getByTestId('close-day-submit').click();
    await expect(page.getByTestId('close-day-message')).toContainText('已日结：郑国华');
    await page.getByTestId('close-day-close').click();
    await expect(page.getByTestId('day-closed')).toContainText('已日结：郑国华');

    // 打印全天交接单: every handoff on its own A4 page, one PDF.
    await page.getByTestId('print-all-receipts').click();
    const all = await printedText(page, join(dataDir, 'receipts.pdf'));
    expect(all.match(/试卷交接单/g)?.length).toBe(7);
    expect(all).toContain('交回考务办');
    expect(all).toContain(returnCode);
    await page.getByTestId('custody-print-back').click();

    // English fits too.
    await page.getByRole('button', { name: 'English' }).click();
    await expect(page.getByTestId('custody-view-now')).toHaveText('Now & close');
    await capture(page, 'custody-office-en');
    await page.getByTestId('custody-view-handoff').click();
    await capture(page, 'custody-handoff-en');
  });
});
