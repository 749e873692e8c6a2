import { expect, test, type Page } from '@playwright/test';
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { zipSync } from 'fflate';
import { csvText, encodeGb18030, makeXlsx, residentId, ROSTER_HEADER, rosterRow, type Cell } from '../support/roster-files';
import { testPng } from '../support/photo-files';
import { DayPage } from './support/day-page';
import { DoorPage } from './support/door-page';
import { loadSampleDay } from './support/sample-day';
import { startServer, type RunningServer } from './support/server';
import { setPinsByApi } from './support/signin';
import { SetupPage } from './support/setup-page';
import { printedText } from './support/printed-text';

/**
 * Issue 3 end to end, in browser mode: a new day on the office laptop, the plan, a roster .xlsx whose
 * 准考证号 column has an unknown header (mapped by hand) and two bad rows, photos from a .zip, staff
 * from a GBK .csv, the 附件3 print-outs checked as PDF text, and the day package loaded onto a second
 * device (its own data folder and server) where a candidate is then checked in.
 */
const SCREENS_DIR = resolve(__dirname, '..', '..', 'test-results', 'screens');
const ORG = '北京市测试职业技能培训学校';

const localToday = (): string => {
  const d = new Date();
  return `${d.getFullYear()}-${String(d.getMonth() + 1).padStart(2, '0')}-${String(d.getDate()).padStart(2, '0')}`;
};

const NAMES = ['欧阳晓峰', '王𠈌', '阿依古丽·买买提', '李秀英', '张伟', '刘芳'];
/** 36 rows under a title and a header (row n + 2): 30 for room 01, 6 for room 02; n = 5 has a bad check digit, n = 9 repeats n = 8's ticket. */
const rows: Cell[][] = Array.from({ length: 36 }, (_, i) => {
  const n = i + 1;
  const room = n <= 30 ? '01' : '02';
  const ticket = n === 9 ? '20261105170108' : `2026110517${room}${String(n).padStart(2, '0')}`;
  const good = residentId(`11010519900101${String(100 + n).padStart(3, '0')}`);
  const idNumber = n === 5 ? good.slice(0, 17) + (good[17] === '0' ? '1' : '0') : good;
  return rosterRow(n, { name: `${NAMES[n % NAMES.length]}${n}`, room, ticketNo: ticket, idNumber }).slice(0, 8);
});
const header = ROSTER_HEADER.slice(0, 8).map((h) => (h === '准考证号' ? '考号' : h));
const rosterXlsx = makeXlsx([['2026年保育师认定考生名单'], header, ...rows]);
const candidate = (n: number) => rows[n - 1]!;

const staffCsv = encodeGb18030(
  csvText([
    ['姓名', '岗位', '考场'],
    ['周主考', '主考', ''],
    ['吴副主考', '副主考', ''],
    ['郑考务', '考务人员', ''],
    ['冯考务', '考务人员', ''],
    ['陈考务', '考务人员', ''],
    ['褚保密', '保密员', ''],
    ['卫流动', '流动监考', ''],
    ['蒋主监', '主监考', '1'],
    ['沈副监', '副监考', '1'],
    ['韩主监', '主监考', '2'],
    ['杨副监', '副监考', '2'],
  ]),
);

const png = (seed: number): Uint8Array => testPng(seed);

async function capture(page: Page, name: string): Promise<void> {
  const overflow = await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
  expect(overflow, `${name}: page is wider than the window`).toBeLessThanOrEqual(0);
  await page.screenshot({ path: join(SCREENS_DIR, `${name}.png`) });
}


test.describe('setting up the exam day (issue 3)', () => {
  let work: string;
  let office: RunningServer;
  let door: RunningServer | undefined;

  test.beforeAll(() => mkdirSync(SCREENS_DIR, { recursive: true }));
  test.beforeEach(async () => {
    work = mkdtempSync(join(tmpdir(), 'examday-setup-'));
    office = await startServer({ dataDir: join(work, 'office'), sampleStart: '08:30', extraArgs: ['--clock', '08:12'] });
  });
  test.afterEach(async () => {
    await office.stop();
    await door?.stop();
    rmSync(work, { recursive: true, force: true });
  });

  test('import, print, hand over, check in', async ({ page, browser }) => {
    test.setTimeout(120_000);
    page.on('dialog', (dialog) => void dialog.accept());
    const setup = new SetupPage(page);
    await page.goto(office.url);
    await setup.openStandalone();

    // A new day (the sample day is archived, never deleted), then ① the plan: a bad end time first, then a good one.
    await setup.startNewDay(ORG);
    await page.getByTestId('plan-date').fill(localToday());
    await page.getByTestId('plan-end').fill('08:40');
    await page.getByTestId('plan-save').click();
    await expect(page.getByText('考试时长应为 30–240 分钟，现为 10 分钟')).toBeVisible();
    await page.getByTestId('plan-end').fill('10:00');
    await page.getByTestId('plan-save').click();
    await expect(setup.outcome).toHaveText('考试计划已保存');
    await capture(page, 'setup-1-plan-zh');

    // ③ roster: the 考号 column is not recognised, so nothing is checked until it is mapped.
    await setup.section('roster');
    await setup.chooseFile('roster-file', '考生名单.xlsx', rosterXlsx);
    await expect(page.getByTestId('roster-mapping')).toBeVisible();
    await expect(page.getByText('缺少“准考证号”列')).toBeVisible();
    await page.getByTestId('map-ticketNo').selectOption({ label: '第 5 列：考号' });
    await expect(page.getByTestId('roster-summary')).toContainText('共 36 行：可导入 34 人，有错误 2 行');
    await expect(page.getByTestId('roster-row-7')).toContainText('校验位');
    await expect(page.getByTestId('roster-row-11')).toContainText('准考证号与第 10 行重复');
    // ID numbers are masked in the preview: only the last four show.
    const id3 = String(candidate(3)[3]);
    await expect(page.getByTestId('roster-row-5')).toContainText(`**************${id3.slice(-4)}`);
    await expect(page.getByTestId('roster-rows')).not.toContainText(id3);
    // A character outside the BMP survives the .xlsx round trip (row 3 holds n = 1: 王𠈌1).
    await expect(page.getByTestId('roster-row-3')).toContainText('王𠈌1');
    await capture(page, 'setup-2-roster-preview-zh');
    await page.getByTestId('roster-only-problems').check();
    await capture(page, 'setup-3-roster-problems-zh');
    await page.getByTestId('language-toggle').click();
    // The rows' problems in English too (issue 15 item 13).
    await expect(page.getByTestId('roster-row-11')).toContainText('The ticket number repeats row 10');
    await expect(page.getByTestId('roster-row-7')).toContainText('Invalid ID number: The check digit (the last one) is wrong');
    await expect(page.getByTestId('roster-rows')).not.toContainText('重复');
    await capture(page, 'setup-3-roster-problems-en');
    await page.getByTestId('language-toggle').click();
    await page.getByTestId('roster-confirm').click();
    await expect(setup.outcome).toHaveText('已导入 34 名考生、2 个考场');

    // ② rooms and the seat map (snake order from the door).
    await setup.section('rooms');
    await expect(page.getByTestId('rooms-table').getByRole('textbox', { name: '名称' }).first()).toHaveValue('第1考场');
    await expect(page.getByTestId('seat-map')).toContainText('欧阳晓峰6');
    await capture(page, 'setup-4-rooms-zh');

    // ④ photos from a .zip: one by 准考证号, one by ID number, one for nobody.
    await setup.section('photos');
    const zip = zipSync({
      [`${String(candidate(1)[4])}.png`]: png(1),
      [`照片/${String(candidate(2)[3])}.PNG`]: png(2),
      '20269999999999.png': png(3),
      'readme.txt': new TextEncoder().encode('x'),
    });
    await setup.chooseFile('photos-zip', '照片.zip', zip, 'application/zip');
    await expect(page.getByTestId('photos-report')).toContainText('已匹配并保存 2 张');
    await expect(page.getByTestId('photos-report')).toContainText('无考生对应的照片 1 张');
    await expect(page.getByTestId('photos-report')).toContainText('20269999999999');
    await expect(page.getByTestId('photos-coverage')).toHaveText('已有照片 2 / 34 人');
    await capture(page, 'setup-5-photos-zh');

    // ⑤ staff from a GBK .csv, checked against 附件3, saved with badge codes.
    await setup.section('staff');
    await expect(page.getByTestId('staffing-check')).toContainText('缺少主考');
    await setup.chooseFile('staff-file', '工作人员.csv', staffCsv, 'text/csv');
    await expect(page.getByTestId('staffing-check')).toHaveText('人员配备符合附件3 要求');
    await page.getByTestId('staff-save').click();
    await expect(setup.outcome).toHaveText('已保存 11 名工作人员，并分配胸卡码');
    await expect(page.getByTestId('staff-table')).toContainText(/KW-[0-9A-Z]{8}/);
    await capture(page, 'setup-6-staff-zh');
    // The briefing: the door's proctor and the 主考 set their PINs by badge (issue 11), so the day package carries them.
    const staffBadges = await setPinsByApi(office, ['S09', 'S01']);

    // ⑥ print: the sign-in sheet of room 01, as a PDF, holds every candidate with seat, name and ticket.
    await setup.section('print');
    await expect(page.getByTestId('print-preview')).toContainText('考生信息汇总表');
    await capture(page, 'print-1-sign-in-zh');
    const signIn = await printedText(page, join(work, 'sign-in.pdf'));
    expect(signIn).toContain('考生信息汇总表');
    expect(signIn).toContain('考生签名');
    // Seats follow 准考证号 along the snake; a row with an error keeps its seat empty (fixing it moves no one).
    const seatOrder = rows.slice(0, 30).map((row, i) => ({ row, n: i + 1 })).sort((a, b) => String(a.row[4]).localeCompare(String(b.row[4])));
    seatOrder.forEach(({ row, n }, i) => {
      if (n === 5 || n === 9) return;
      const line = new RegExp(`^\\s*${i + 1}\\s+${String(row[0])}\\s+${String(row[4])}\\s+\\*+${String(row[3]).slice(-4)}`, 'm');
      expect(signIn, `seat ${i + 1}: ${String(row[0])}`).toMatch(line);
    });
    expect(signIn).not.toContain(String(candidate(31)[4]));

    const printed = async (kind: string, name: string, room?: string): Promise<string> => {
      await page.getByTestId('print-kind').selectOption(kind);
      if (room) await page.getByTestId('print-room').selectOption(room);
      await expect(page.getByTestId('print-preview')).toHaveAttribute('data-kind', kind);
      await capture(page, name);
      return printedText(page, join(work, `${kind}.pdf`));
    };
    const sign = await printed('doorSign', 'print-2-door-sign-zh', '02');
    expect(sign.replace(/\s+/g, '')).toContain(`${ORG}保育师四级职业技能等级认定考场`);
    expect(sign).toContain('第2考场');
    const labels = await printed('seatLabels', 'print-3-seat-labels-zh', '02');
    for (const row of rows.slice(30)) {
      expect(labels).toContain(String(row[4]));
      expect(labels).toContain(String(row[0]));
    }
    const board = await printed('blackboard', 'print-4-blackboard-zh', '01');
    for (const text of ['职业：保育师', '等级：四级', '科目：理论知识', '关闭手机！', '考试时间：08:30-10:00']) expect(board).toContain(text);
    const arrangement = await printed('arrangement', 'print-5-arrangement-zh');
    expect(arrangement).toContain('考场安排表');
    expect(arrangement).toMatch(/第2考场\s+02/);
    const badges = await printed('badges', 'print-6-badges-zh');
    expect(badges).toContain('蒋主监');
    expect(badges).toMatch(/KW-[0-9A-Z]{8}/);

    // ⑦ the day package.
    await setup.section('package');
    const [download] = await Promise.all([page.waitForEvent('download'), page.getByTestId('package-export').click()]);
    const packageFile = join(work, download.suggestedFilename());
    await download.saveAs(packageFile);
    await expect(page.getByText(/已导出 考试日数据包_/)).toBeVisible();
    // The office shows its key fingerprint for the door to compare (issue 9 item 17).
    const officeFingerprint = (await page.getByTestId('package-office-fingerprint').textContent()) ?? '';
    expect(officeFingerprint).toMatch(/^([0-9A-F]{4} ){7}[0-9A-F]{4}$/);
    // The file is sealed (issue 11 item 4): the passphrase is on this screen only, the file holds no name.
    const packagePassphrase = (await page.getByTestId('package-passphrase').textContent()) ?? '';
    expect(packagePassphrase).toMatch(/^[0-9A-Z]{4}(-[0-9A-Z]{4}){3}$/);
    expect(readFileSync(packageFile, 'utf8')).not.toContain(String(candidate(12)[0]));
    expect(readFileSync(packageFile, 'utf8')).not.toContain(packagePassphrase);
    await page.setViewportSize({ width: 1366, height: 768 });
    await page.getByTestId('package-office-fingerprint').scrollIntoViewIfNeeded();
    await capture(page, 'setup-7-package-zh');

    // A second device: its own folder and server, starting on the sample day like any new laptop.
    door = await startServer({ dataDir: join(work, 'door'), sampleStart: '08:30', extraArgs: ['--clock', '08:12'] });
    const doorPage = await browser.newPage({ viewport: { width: 1366, height: 768 } });
    doorPage.on('dialog', (dialog) => void dialog.accept());
    const doorSetup = new SetupPage(doorPage);
    await doorPage.goto(door.url);
    await doorSetup.openStandalone();
    await doorSetup.section('package');
    /** Types the passphrase into the sealed file's prompt and opens it. */
    const typePassphrase = async (where: Page, testId: string, passphrase: string): Promise<void> => {
      await where.getByTestId(`${testId}-input`).fill(passphrase);
      await where.getByTestId(`${testId}-open`).click();
    };
    // One character of the ciphertext changed on the stick: told apart from a wrong passphrase.
    const sealed = JSON.parse(readFileSync(packageFile, 'utf8')) as { ciphertext: string };
    const middle = sealed.ciphertext.length >> 1;
    const tampered = JSON.stringify({ ...sealed, ciphertext: `${sealed.ciphertext.slice(0, middle)}${sealed.ciphertext[middle] === 'A' ? 'B' : 'A'}${sealed.ciphertext.slice(middle + 1)}` });
    writeFileSync(join(work, 'tampered.json'), tampered);
    await doorSetup.chooseFile('package-file', 'tampered.json', new TextEncoder().encode(tampered), 'application/json');
    await typePassphrase(doorPage, 'package-passphrase', packagePassphrase);
    await expect(doorSetup.outcome.last()).toContainText('数据包未导入：文件已损坏或被篡改');
    await doorSetup.chooseFile('package-file', download.suggestedFilename(), readFileSync(packageFile), 'application/json');
    await typePassphrase(doorPage, 'package-passphrase', packagePassphrase.replace(/^./, (c) => (c === 'A' ? 'B' : 'A')));
    await expect(doorSetup.outcome.last()).toContainText('数据包未导入：口令不正确');
    await expect(doorPage.getByTestId('package-inspected')).toHaveCount(0);
    await capture(doorPage, 'setup-8-package-passphrase-zh');
    // Typed again, in lower case with spaces, as people do: it opens.
    await typePassphrase(doorPage, 'package-passphrase', packagePassphrase.toLowerCase().replace(/-/g, ' '));
    // Nothing is imported before the person at the door has compared the fingerprint and confirmed.
    await expect(doorPage.getByTestId('package-inspected')).toContainText('请与考务办屏幕上显示的指纹核对，一致后再导入');
    await expect(doorPage.getByTestId('package-inspected')).toContainText('“20261125 保育师”');
    await expect(doorPage.getByTestId('package-import-fingerprint')).toHaveText(officeFingerprint);
    await capture(doorPage, 'setup-8-package-fingerprint-zh');
    await doorPage.getByTestId('package-import-cancel').click();
    await expect(doorSetup.outcome.last()).toContainText('已取消，数据包未导入');
    await doorSetup.chooseFile('package-file', download.suggestedFilename(), readFileSync(packageFile), 'application/json');
    await typePassphrase(doorPage, 'package-passphrase', packagePassphrase);
    await doorPage.getByTestId('package-import-confirm').click();
    await expect(doorSetup.outcome.last()).toContainText('已导入“20261125 保育师”');
    await capture(doorPage, 'setup-8-package-imported-zh');

    // Back to the room choice: the imported day, its rooms and staff; check a candidate in at room 01.
    await doorPage.getByTestId('setup-back').click();
    const doorScreen = new DoorPage(doorPage);
    await expect(doorPage.getByTestId('room-option-02')).toBeVisible();
    await doorScreen.chooseRoomAndStaff('01', 'S09', 'ready', staffBadges.S09);
    const who = candidate(3);
    await doorScreen.scan(String(who[4]));
    if ((await doorScreen.verdict.getAttribute('data-verdict')) !== 'admitted') await doorScreen.scan(String(who[3]));
    await doorScreen.expectVerdict('admitted');

    // No LAN: the door's record goes to the office as a 同步包 on a USB stick (issue 10 item 6).
    await doorPage.close();
    // A fresh page (the door screen remembers its room) opens 考试设置/导入 on the door laptop.
    const exportPage = await browser.newPage({ viewport: { width: 1366, height: 768 } });
    await exportPage.goto(door.url);
    const exportSetup = new SetupPage(exportPage);
    await exportSetup.openStandalone();
    await exportSetup.section('package');
    await exportPage.getByTestId('sync-file-scope-all').check();
    const [syncDownload] = await Promise.all([exportPage.waitForEvent('download'), exportPage.getByTestId('sync-file-export').click()]);
    expect(syncDownload.suggestedFilename()).toMatch(/^同步包_\d{4}-\d{2}-\d{2}_[0-9a-f]{8}\.examday-sync\.json$/);
    const syncFile = join(work, syncDownload.suggestedFilename());
    await syncDownload.saveAs(syncFile);
    const doorFingerprint = (await exportPage.getByTestId('sync-file-own-fingerprint').textContent()) ?? '';
    expect(doorFingerprint).toMatch(/^([0-9A-F]{4} ){7}[0-9A-F]{4}$/);
    const syncPassphrase = (await exportPage.getByTestId('sync-file-passphrase').textContent()) ?? '';
    expect(syncPassphrase).toMatch(/^[0-9A-Z]{4}(-[0-9A-Z]{4}){3}$/);
    expect(readFileSync(syncFile, 'utf8')).not.toContain(String(candidate(3)[0]));
    await exportPage.getByTestId('sync-file-own-fingerprint').scrollIntoViewIfNeeded();
    await capture(exportPage, 'sync-file-0-exported-zh');
    await exportPage.close();

    // The office as the 主考 uses it (a fresh page: this one still shows the standalone setup).
    const officePage = await browser.newPage({ viewport: { width: 1366, height: 768 } });
    await officePage.goto(office.url);
    await new DayPage(officePage).chooseOffice('S01', staffBadges.S01);
    const officeSetup = new SetupPage(officePage);
    await officePage.getByTestId('tab-setup').click();
    await officeSetup.section('package');
    await officeSetup.chooseFile('sync-file-pick', syncDownload.suggestedFilename(), readFileSync(syncFile), 'application/json');
    await typePassphrase(officePage, 'sync-file-passphrase', syncPassphrase);
    const inspected = officePage.getByTestId('sync-file-inspected');
    await expect(inspected).toContainText('请与对方设备屏幕上显示的指纹核对，一致后再导入');
    // The door's sign-in and check-in (one scan or two); the office's own events in the file are held already.
    await expect(inspected).toContainText(/其中本机没有的 [23] 条/);
    await expect(officePage.getByTestId('sync-file-fingerprint')).toHaveText(doorFingerprint);
    await inspected.scrollIntoViewIfNeeded();
    await capture(officePage, 'sync-file-1-fingerprint-zh');
    await officePage.getByTestId('sync-file-import').click();
    await expect(officePage.getByTestId('sync-file-imported')).toContainText(/已导入：新保存 [23] 条记录/);
    await capture(officePage, 'sync-file-2-imported-zh');
    // The same file again stores nothing.
    await officeSetup.chooseFile('sync-file-pick', syncDownload.suggestedFilename(), readFileSync(syncFile), 'application/json');
    await typePassphrase(officePage, 'sync-file-passphrase', syncPassphrase);
    await expect(officePage.getByTestId('sync-file-inspected')).toContainText('其中本机没有的 0 条');
    await expect(officePage.getByTestId('sync-file-fingerprint')).toHaveCount(0);
    await officePage.getByTestId('sync-file-import').click();
    await expect(officePage.getByTestId('sync-file-imported')).toContainText('已导入：新保存 0 条记录');
    await officePage.close();
  });

  test('a file that cannot be read changes nothing', async ({ page }) => {
    const setup = new SetupPage(page);
    await page.goto(office.url);
    await setup.openStandalone();
    await setup.section('roster');
    await expect(page.getByTestId('roster-already')).toBeVisible();
    page.on('dialog', (dialog) => void dialog.accept());
    await setup.startNewDay(ORG);
    await page.getByTestId('plan-save').click();
    await expect(setup.outcome).toHaveText('考试计划已保存');
    await setup.section('roster');
    await setup.chooseFile('roster-file', '名单.xlsx', new TextEncoder().encode('this is not a spreadsheet'));
    await expect(page.getByTestId('roster-unreadable')).toHaveText('无法读取该文件：文件已损坏，不是有效的 .xlsx 文件');
    await expect(page.getByTestId('roster-confirm')).toHaveCount(0);
    await capture(page, 'setup-9-unreadable-zh');
    // The reason in English too (issue 15 item 13).
    await page.getByTestId('language-toggle').click();
    await expect(page.getByTestId('roster-unreadable')).toHaveText('Cannot read this file: The file is damaged: it is not a valid .xlsx file');
    await page.getByTestId('language-toggle').click();
  });

  test('the office reaches 考试设置/导入 from its tabs, with the day as set up', async ({ page }) => {
    const chief = loadSampleDay().staff.find((m) => m.role === 'chief-examiner')!;
    await page.goto(office.url);
    await new DayPage(page).chooseOffice(chief.staffId);
    await page.getByTestId('tab-setup').click();
    await expect(page.getByTestId('exam-setup')).toBeVisible();
    await expect(page.getByTestId('plan-organisation')).not.toHaveValue('');
    await page.getByTestId('setup-section-roster').click();
    await expect(page.getByTestId('roster-already')).toContainText('本考试日已导入 101 名考生');
    await page.getByTestId('setup-section-staff').click();
    await capture(page, 'setup-10-office-tab-staff-zh');
  });
});
