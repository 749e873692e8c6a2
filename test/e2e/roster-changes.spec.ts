import { expect, test, type Page } from '@playwright/test';
import { mkdirSync, mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { zipSync } from 'fflate';
import { ID_DOCUMENT_TYPE_LABELS } from '../../shared/domain/labels';
import { makeXlsx, residentId, ROSTER_HEADER, type Cell } from '../support/roster-files';
import { testPng } from '../support/photo-files';
import { removeDataDir } from '../support/temp-dir';
import { DayPage } from './support/day-page';
import { DoorPage } from './support/door-page';
import { loadSampleDay } from './support/sample-day';
import { callApi, startServer, type RunningServer } from './support/server';
import { SetupPage } from './support/setup-page';

/**
 * The roster after the import (issue 15 items 2–4) at 1366×768: search and filter by room, one
 * candidate added, corrected and withdrawn, a change to an admitted candidate refused, a corrected
 * file shown as a diff and applied; the photo report and the setup steps' marks.
 */
const SCREENS_DIR = resolve(__dirname, '..', '..', 'test-results', 'screens');
const sample = loadSampleDay();
const chiefExaminer = sample.staff.find((s) => s.role === 'chief-examiner')!;
const secondProctor01 = sample.staff.find((s) => s.role === 'second-proctor' && s.roomNo === '01')!;
const room01 = sample.candidates.filter((c) => c.roomNo === '01');
const room02 = sample.candidates.filter((c) => c.roomNo === '02');
type SampleCandidate = (typeof sample.candidates)[number];

const rowOf = (c: SampleCandidate): Cell[] => [c.name, c.gender, ID_DOCUMENT_TYPE_LABELS[c.idType].zh, c.idNumber, c.ticketNo, c.occupation, c.level, c.roomNo, c.seatNo];

async function capture(page: Page, name: string): Promise<void> {
  const overflow = await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
  expect(overflow, `${name}: page is wider than the window`).toBeLessThanOrEqual(0);
  await page.screenshot({ path: join(SCREENS_DIR, `${name}.png`) });
}

test.describe('the roster after the import', () => {
  let dataDir: string;
  let server: RunningServer | undefined;
  test.beforeAll(() => mkdirSync(SCREENS_DIR, { recursive: true }));
  test.beforeEach(() => {
    dataDir = mkdtempSync(join(tmpdir(), 'examday-roster-'));
  });
  test.afterEach(async () => {
    await server?.stop();
    server = undefined;
    removeDataDir(dataDir);
  });

  test('add, correct, withdraw, a refused change to an admitted candidate, and a corrected file applied as a diff', async ({ page }) => {
    server = await startServer({ dataDir, sampleStart: '08:30', extraArgs: ['--clock', '08:10'] });
    const admitted = room01[0]!;
    for (const input of [admitted.ticketNo, admitted.idNumber]) {
      await callApi(server, 'checkIn', { roomNo: '01', input, method: 'typed', actorStaffId: secondProctor01.staffId });
    }
    const door = new DoorPage(page);
    const day = new DayPage(page);
    const setup = new SetupPage(page);
    await door.open(server.url);
    await day.mute();
    await day.chooseOffice(chiefExaminer.staffId);
    await page.getByTestId('tab-setup').click();
    await setup.section('roster');
    await expect(page.getByTestId('roster-already')).toContainText(`本考试日已导入 ${sample.candidates.length} 名考生`);
    await expect(page.getByTestId('setup-done-roster')).toContainText(`${sample.candidates.length} 名考生`);
    await expect(page.getByTestId('setup-done-rooms')).toContainText('4 个考场');

    // Search and filter by room.
    const entries = page.getByTestId('roster-entry');
    await page.getByTestId('roster-search').fill(room01[1]!.name);
    await expect(entries).toHaveCount(1);
    await page.getByTestId('roster-search').fill('');
    await page.getByTestId('roster-room-filter').selectOption('02');
    await expect(entries).toHaveCount(room02.length);
    await page.getByTestId('roster-room-filter').selectOption('');

    // Add one.
    await page.getByTestId('roster-add').click();
    await page.getByTestId('cf-ticket').fill('20261130990001');
    await page.getByTestId('cf-name').fill('补录考生');
    await page.getByTestId('cf-id').fill(residentId('11010519850505123'));
    await page.getByTestId('cf-room').selectOption('02');
    await page.getByTestId('cf-seat').fill('30');
    await capture(page, 'roster-1-add');
    await page.getByTestId('cf-submit').click();
    await expect(setup.outcome).toHaveText('已增加考生 补录考生');

    // Correct one: a new name and seat.
    const corrected = room01[1]!;
    await page.getByTestId('roster-search').fill(corrected.ticketNo);
    await page.getByTestId('roster-correct').click();
    await page.getByTestId('cf-name').fill(`${corrected.name}甲`);
    await page.getByTestId('cf-seat').fill('29');
    await page.getByTestId('cf-submit').click();
    await expect(setup.outcome).toHaveText('已保存更正');
    await expect(entries.first()).toContainText(`${corrected.name}甲`);

    // Withdraw one.
    const withdrawn = room01[2]!;
    await page.getByTestId('roster-search').fill(withdrawn.ticketNo);
    await page.getByTestId('roster-withdraw').click();
    await page.getByTestId('withdraw-reason').fill('退考（本人申请）');
    await page.getByTestId('withdraw-confirm').click();
    await expect(setup.outcome).toHaveText(`${withdrawn.name} 已退考`);
    await expect(entries).toHaveCount(0);
    await expect(page.getByTestId('withdrawn-list')).toContainText('已退考 1 人');

    // The admitted candidate cannot be changed.
    await page.getByTestId('roster-search').fill(admitted.ticketNo);
    await expect(entries.first()).toHaveAttribute('data-admitted', 'yes');
    await page.getByTestId('roster-correct').click();
    await page.getByTestId('cf-name').fill('改名');
    await page.getByTestId('cf-submit').click();
    await expect(setup.outcome).toContainText('已入场，名单不能再更改');
    await capture(page, 'roster-2-admitted-refused');
    await page.getByTestId('cf-cancel').click();
    await page.getByTestId('roster-search').fill('');

    // A corrected file: one name changed, one removed, one added; the admitted candidate's change is refused.
    const renamed = room02[0]!;
    const removed = room02[1]!;
    const file: Cell[][] = [
      ROSTER_HEADER,
      ...sample.candidates
        .filter((c) => c.ticketNo !== withdrawn.ticketNo && c.ticketNo !== removed.ticketNo)
        .map((c) =>
          rowOf(
            c.ticketNo === corrected.ticketNo
              ? { ...c, name: `${c.name}甲`, seatNo: 29 }
              : c.ticketNo === renamed.ticketNo
                ? { ...c, name: `${c.name}乙` }
                : c.ticketNo === admitted.ticketNo
                  ? { ...c, name: '文件改名' }
                  : c,
          ),
        ),
      ['补录考生', Number(residentId('11010519850505123').slice(16, 17)) % 2 === 1 ? '男' : '女', '居民身份证', residentId('11010519850505123'), '20261130990001', admitted.occupation, admitted.level, '02', 30],
      ['新增考生', '女', '居民身份证', residentId('11010519860606124'), '20261130990002', admitted.occupation, admitted.level, '03', 30],
    ];
    await page.getByTestId('roster-reimport').click();
    await setup.chooseFile('reimport-file', '更正名单.xlsx', makeXlsx(file));
    await expect(page.getByTestId('reimport-summary')).toContainText('新增 1 人，更改 1 人，移除 1 人；不能更改（已入场）1 人');
    await expect(page.getByTestId('diff-changed')).toContainText(`姓名：${renamed.name} → ${renamed.name}乙`);
    await expect(page.getByTestId('diff-removed')).toContainText(removed.name);
    await expect(page.getByTestId('diff-refused')).toContainText('已入场');
    await page.getByTestId('reimport-diff').scrollIntoViewIfNeeded();
    await capture(page, 'roster-3-reimport-diff');
    await page.getByTestId('reimport-confirm').click();
    await expect(setup.outcome).toHaveText('名单已更新：新增 1 人，更改 1 人，移除 1 人；已入场未更改 1 人');
    await expect(page.getByTestId('withdrawn-list')).toContainText('已退考 2 人');
    await expect(page.getByTestId('setup-done-roster')).toContainText(`${sample.candidates.length} 名考生`);
    await capture(page, 'roster-4-applied');

    // Photos: two matched, the rest listed; amber while candidates lack a photo.
    await setup.section('photos');
    const zip = zipSync({ [`${room01[3]!.ticketNo}.png`]: testPng(1), [`${room01[4]!.ticketNo}.png`]: testPng(2) });
    await setup.chooseFile('photos-zip', '照片.zip', zip, 'application/zip');
    await expect(page.getByTestId('photo-thumbs').locator('img')).toHaveCount(2);
    await expect.poll(() => page.getByTestId('photo-thumbs').locator('img').first().evaluate((img: HTMLImageElement) => img.naturalWidth)).toBeGreaterThan(0);
    await expect(page.getByTestId('photos-report-line')).toHaveClass(/outcome-warn/);
    await expect(page.getByTestId('photos-missing')).toBeVisible();
    await expect(page.getByTestId('setup-done-photos')).toContainText(`2 / ${sample.candidates.length} 张照片`);
    await capture(page, 'roster-5-photos');
  });
});
