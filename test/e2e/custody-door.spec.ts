import { expect, test, type Page } from '@playwright/test';
import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { DayPage } from './support/day-page';
import { DoorPage } from './support/door-page';
import { KeyboardWedge } from './support/keyboard-wedge';
import { callApi, startServer, type RunningServer } from './support/server';
import { removeDataDir } from '../support/temp-dir';
import { printedText } from './support/printed-text';

/**
 * The press's list and the door's 验封/启封 on the sample day (issue 13): the office imports a list
 * with errors (only its good rows, after a second confirmation) and sees the 份数 against the roster,
 * then the sample list (no findings; chosen again, every row is already registered); room 01's door
 * shows one bag's seal and opens it by badge bursts, and is refused 启封 for the bag whose seal was
 * not shown; the office prints the labels and the 试卷流转记录.
 */
const ROOT = resolve(__dirname, '..', '..');
const SCREENS_DIR = join(ROOT, 'test-results', 'screens');
const SAMPLE_BAGS = join(ROOT, 'resources', 'sample-bags.xlsx');

async function capture(page: Page, name: string): Promise<void> {
  await page.setViewportSize({ width: 1366, height: 768 });
  const overflow = await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
  expect(overflow, `${name}: page is wider than the window`).toBeLessThanOrEqual(0);
  await page.screenshot({ path: join(SCREENS_DIR, `${name}.png`) });
}


/** Opens the chooser with the button a user clicks, and answers it with the file. */
async function chooseFile(page: Page, button: string, file: string): Promise<void> {
  const chooser = page.waitForEvent('filechooser');
  await page.getByText(button, { exact: true }).click();
  await (await chooser).setFiles(file);
}

/** A list as an office might fix it by hand: a code twice, a room the site does not have, a 封条号 twice. */
const LIST_WITH_ERRORS = [
  '袋号,类别,职业,等级,份数,考场,封条号',
  'ERR-0001,试卷,保育师,三级,20,第4考场,E001',
  'ERR-0001,答题卡,保育师,三级,20,第4考场,E002',
  'ERR-0003,试卷,保育师,四级,28,第9考场,E003',
  'ERR-0004,备用卷,保育师,四级,3,,E001',
].join('\r\n');

test.describe('press list and the door', () => {
  let dataDir: string;
  let server: RunningServer;
  test.beforeAll(() => mkdirSync(SCREENS_DIR, { recursive: true }));
  test.afterEach(async () => {
    await server.stop();
    removeDataDir(dataDir);
  });

  test('import the press list (errors, then the sample), 验封 and 启封 at the door, labels and report printed', async ({ page, browser }) => {
    test.setTimeout(240_000);
    dataDir = mkdtempSync(join(tmpdir(), 'examday-custody-door-'));
    server = await startServer({ dataDir, sampleStart: '08:30', extraArgs: ['--clock', '08:20'] });
    const call = <T,>(method: string, input: object): Promise<T> => callApi<T>(server, method, input);
    const day = await call<{ staff: { staffId: string; badgeCode?: string }[] }>('getDay', {});
    const badge = (staffId: string) => day.staff.find((s) => s.staffId === staffId)!.badgeCode!;

    const answerPrompts = (p: Page) => p.addLocatorHandler(p.getByTestId('prompt-dismiss'), (dismiss) => dismiss.click(), { noWaitAfter: true });
    await page.setViewportSize({ width: 1366, height: 768 });
    await answerPrompts(page);
    await page.goto(server.url);
    await new DayPage(page).chooseOffice('S01');
    await page.getByTestId('tab-custody').click();
    await page.getByTestId('custody-view-registry').click();

    // Nothing registered: every room of the roster is waiting for its bags.
    await expect(page.getByTestId('registry-findings-01')).toContainText('保育师 四级：尚未登记试卷袋（考生 26 人）');

    // A list with errors: each row with its findings, and the file refused unless only the good rows go in.
    const withErrors = join(dataDir, '试卷袋清单-有错误.csv');
    writeFileSync(withErrors, `\uFEFF${LIST_WITH_ERRORS}`);
    await chooseFile(page, '导入印刷厂清单', withErrors);
    await expect(page.getByTestId('bag-import-summary')).toContainText('共 4 行，2 个错误，1 个提醒；可导入 2 个试卷袋');
    await expect(page.getByTestId('bag-import-row-2')).toContainText('无误');
    await expect(page.getByTestId('bag-import-row-3').locator('.finding-error')).toHaveText('袋号 ERR-0001 与第 2 行重复');
    await expect(page.getByTestId('bag-import-row-4').locator('.finding-error')).toHaveText('考场“第9考场”不在本考点的考场列表中');
    await expect(page.getByTestId('bag-import-row-5').locator('.finding-warning')).toHaveText('（提醒）封条号 E001 与第 2 行相同，请核对');
    await expect(page.getByTestId('bag-import-has-errors')).toHaveText('有 2 行错误，请修改文件后重新选择；或只导入无误的 2 行。');
    await expect(page.getByTestId('bag-import-confirm')).toHaveCount(0);
    await capture(page, 'custody-import-preview');
    await page.getByTestId('bag-import-only-good').click();
    await expect(page.getByTestId('bag-import-second')).toContainText('确定只导入无误的 2 行吗？');
    await capture(page, 'custody-import-second-confirm');
    await page.getByTestId('bag-import-confirm-partial').click();
    await expect(page.getByTestId('reg-message')).toHaveText('已导入 2 个试卷袋');
    await expect(page.getByTestId('registry-table')).toContainText('ERR-0004');

    // 份数核对: room 04's papers are short (red), its answer sheets missing (amber), the spare apart (grey).
    const room04 = page.getByTestId('registry-findings-04');
    await expect(room04.locator('[data-severity="error"]')).toHaveText('保育师 三级：试卷 20 份，少于考生 24 人');
    await expect(room04.locator('[data-severity="warning"]')).toHaveText('保育师 三级：尚未登记答题卡袋（考生 24 人）');
    await expect(page.getByTestId('registry-findings-site').locator('[data-severity="info"]')).toHaveText('考点备用 保育师 四级：备用卷 3 份（另计，不计入试卷份数）');
    await capture(page, 'custody-registry-findings');

    // The sample day's list: sixteen bags, nothing to correct; the counts then cover every room.
    await chooseFile(page, '导入印刷厂清单', SAMPLE_BAGS);
    await expect(page.getByTestId('bag-import-summary')).toContainText('共 16 行，0 个错误，0 个提醒；可导入 16 个试卷袋');
    await expect(page.getByTestId('bag-import-row-2')).toContainText('JS2026113001-01');
    await expect(page.getByTestId('bag-import-row-2')).toContainText('第1考场');
    await page.getByTestId('bag-import-confirm').click();
    await expect(page.getByTestId('reg-message')).toHaveText('已导入 16 个试卷袋');
    await expect(page.getByTestId('registry-findings-ok')).toBeVisible();
    await expect(page.getByTestId('registry-findings-04')).toHaveCount(0);

    // The same list again: every row is already in the registry, and nothing can be confirmed.
    await chooseFile(page, '导入印刷厂清单', SAMPLE_BAGS);
    await expect(page.getByTestId('bag-import-row-2').locator('.finding-error')).toHaveText('袋号 JS2026113001-01 已经登记过');
    await expect(page.getByTestId('bag-import-has-errors')).toHaveText('全部 16 行都有错误，没有可导入的试卷袋：请修改文件后重新选择。');
    await expect(page.getByTestId('bag-import-only-good')).toHaveCount(0);
    await page.getByTestId('bag-import-cancel').click();

    // Room 01's 试卷 and 答题卡 reach the room (the office's steps are driven in custody.spec.ts).
    const paper = 'JS2026113001-01';
    const sheets = 'JS2026113001-02';
    const both = [paper, sheets];
    const intact = both.map((bagCode) => ({ bagCode, intact: true }));
    const step = { counts: [], seals: [], givers: [], receivers: [], performers: [] };
    await call('recordCustodyStep', { ...step, step: 'store', bagCodes: both, receivers: [badge('S15'), badge('S01')], seals: intact });
    await call('recordCustodyStep', { ...step, step: 'take-out', bagCodes: both, givers: [badge('S15')], receivers: [badge('S01')], seals: intact });
    await call('recordCustodyStep', {
      ...step,
      step: 'issue',
      bagCodes: both,
      givers: [badge('S01')],
      receivers: [badge('S03')],
      counts: both.map((bagCode) => ({ bagCode, count: 28 })),
      seals: intact,
    });
    await call('recordCustodyStep', { ...step, step: 'arrive', bagCodes: both, performers: [badge('S03')] });

    // The door: 验封 of the papers only, by the 主监考's badge burst.
    const door = await (await browser.newContext()).newPage();
    await door.setViewportSize({ width: 1366, height: 768 });
    await answerPrompts(door);
    await door.goto(server.url);
    await new DoorPage(door).chooseRoomAndStaff('01', 'S04');
    await door.getByTestId('door-view-bags').click();
    await expect(door.getByTestId(`door-bag-${paper}`).getByTestId('bag-state')).toHaveText('已到考场');
    const doorWedge = new KeyboardWedge(door);
    const burst = async (text: string) => {
      await door.evaluate(() => (document.activeElement as HTMLElement | null)?.blur());
      await doorWedge.type(text);
    };
    await expect(door.getByTestId('door-bags-open')).toBeDisabled();
    await door.getByTestId('door-bags-show-seal').click();
    await expect(door.getByTestId(`door-step-form-bag-${sheets}`)).toBeVisible();
    await door.getByTestId(`door-step-form-bag-${sheets}`).getByRole('button', { name: '移除' }).click();
    await door.getByTestId(`door-step-form-seal-${paper}`).check();
    await burst(badge('S03'));
    await door.getByTestId('door-step-form-submit').click();
    await expect(door.getByTestId('door-step-form-message')).toHaveText(/已记录（1 袋）/);
    await door.getByTestId('door-step-close').click();
    await expect(door.getByTestId(`door-bag-${paper}`).getByTestId('bag-state')).toHaveText('已验封');

    // 启封: the answer sheets' bag scanned in too is refused in the core's words, nothing is recorded.
    await door.getByTestId('door-bags-open').click();
    await expect(door.getByTestId(`door-step-form-bag-${paper}`)).toBeVisible();
    await burst(sheets);
    await expect(door.getByTestId(`door-step-form-bag-${sheets}`)).toContainText('当前状态不适合此环节');
    await burst(badge('S03'));
    await door.getByTestId('door-step-form-submit').click();
    await expect(door.getByTestId('door-step-form-message')).toHaveText(`试卷袋 ${sheets} 尚未向考生展示密封完好（验封），不能启封`);
    await door.getByTestId(`door-step-form-bag-${sheets}`).getByRole('button', { name: '移除' }).click();
    await door.getByTestId('door-step-form-submit').click();
    await expect(door.getByTestId('door-step-form-message')).toHaveText(/已记录（1 袋）/);
    await door.getByTestId('door-step-close').click();
    await expect(door.getByTestId(`door-bag-${paper}`).getByTestId('bag-state')).toHaveText('已启封');
    await expect(door.getByTestId(`door-bag-${sheets}`).getByTestId('bag-state')).toHaveText('已到考场');

    // The office prints the labels and the 试卷流转记录.
    await page.getByTestId('custody-view-now').click();
    await expect(page.getByTestId(`custody-bag-${paper}`).getByTestId('bag-state')).toHaveText('已启封');
    await page.getByTestId('custody-view-registry').click();
    await page.getByTestId('labels-all').click();
    await expect(page.getByTestId('custody-print')).toHaveAttribute('data-kind', 'labels');
    const labels = await printedText(page, join(SCREENS_DIR, 'custody-labels.pdf'));
    expect(labels).toContain(paper);
    expect(labels).toContain('第1考场');
    expect(labels).toContain('答题卡回收袋');
    expect(labels).toContain('考点备用');
    await page.getByTestId('custody-print-back').click();
    await page.getByTestId('print-report').click();
    await expect(page.getByTestId('custody-print')).toHaveAttribute('data-kind', 'report');
    const report = await printedText(page, join(SCREENS_DIR, 'custody-report.pdf'));
    expect(report).toContain('试卷流转记录');
    expect(report).toContain('共 18 袋');
    // Each bag on one line: its code, 类别 / 考场 / 份数, where it ended.
    expect(report).toMatch(/JS2026113001-01\s+试卷 \/ 第1考场 \/ 28 份\s+已启封/);
    expect(report).toMatch(/JS2026113001-02\s+答题卡 \/ 第1考场 \/ 28 份\s+已到考场/);
    expect(report).toContain('验封：经办 杨建民，封条完好');
    expect(report.match(/启封：/g), 'the refused 启封 left no step').toHaveLength(1);
    await page.getByTestId('custody-print-back').click();

    // English fits too.
    await page.getByRole('button', { name: 'English' }).click();
    await expect(page.getByTestId('registry-findings')).toContainText('Counts against the roster');
    await capture(page, 'custody-registry-en');
  });
});
