import { expect, test, type Page } from '@playwright/test';
import { mkdirSync, mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { DoorPage } from './support/door-page';
import { loadSampleDay } from './support/sample-day';
import { startServer, type RunningServer } from './support/server';
import { removeDataDir } from '../support/temp-dir';
import { badgeOf, pinOf, scanBadge } from './support/signin';

/**
 * Every screen at the door laptop's 1366×768, in both languages: saved as PNGs for people to
 * look at (test-results/screens), and checked for what makes a screen unusable in a hurry —
 * a horizontal scrollbar, or text cut off the side of the window.
 */
const SCREENS_DIR = resolve(__dirname, '..', '..', 'test-results', 'screens');
const sample = loadSampleDay();
const proctor = sample.staff.find((s) => s.role === 'chief-proctor' && s.roomNo === '01')!;
const room01 = sample.candidates.filter((c) => c.roomNo === '01');
const room02 = sample.candidates.filter((c) => c.roomNo === '02');

function withWrongCheckDigit(idNumber: string): string {
  return idNumber.slice(0, 17) + (idNumber[17] === '0' ? '1' : '0');
}

async function capture(page: Page, name: string): Promise<void> {
  const overflow = await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
  expect(overflow, `${name}: page is wider than the window`).toBeLessThanOrEqual(0);
  await page.screenshot({ path: join(SCREENS_DIR, `${name}.png`) });
}

test.describe('screens at 1366×768', () => {
  let dataDir: string;
  let server: RunningServer;

  test.beforeAll(() => mkdirSync(SCREENS_DIR, { recursive: true }));
  test.beforeEach(async () => {
    dataDir = mkdtempSync(join(tmpdir(), 'examday-screens-'));
    // 查证入场 of the 08:30 exam, whatever the hour: the screens are taken as a proctor sees them at the door.
    server = await startServer({ dataDir, sampleStart: '08:30', extraArgs: ['--clock', '08:12'] });
  });
  test.afterEach(async () => {
    await server.stop();
    removeDataDir(dataDir);
  });

  for (const language of ['zh', 'en'] as const) {
    test(`setup and door screens (${language})`, async ({ page }) => {
      const door = new DoorPage(page);
      await door.open(server.url);
      if (language === 'en') await page.getByTestId('language-toggle').click();
      await expect(page.getByTestId('room-option-01')).toBeVisible();
      await capture(page, `${language}-1-setup`);
      await page.getByTestId('room-option-01').click();
      await capture(page, `${language}-2-setup-room-chosen`);
      await scanBadge(page, badgeOf(proctor.staffId));
      await expect(page.getByTestId('signin-person')).toHaveAttribute('data-staff', proctor.staffId);
      await capture(page, `${language}-2b-setup-pin-pad`);
      await page.getByTestId('pin-input').fill(pinOf(proctor.staffId));
      await door.expectVerdict('ready');
      await capture(page, `${language}-3-door-ready`);

      const steps: Array<[string, string]> = [
        [room01[0]!.ticketNo, 'awaiting-id'],
        [room01[0]!.idNumber, 'admitted'],
        [room01[0]!.ticketNo, 'already-admitted'],
        [room02[0]!.ticketNo, 'wrong-room'],
        [withWrongCheckDigit(room01[1]!.idNumber), 'invalid-id'],
        ['20269999999', 'not-on-roster'],
      ];
      for (const [input, verdict] of steps) {
        await door.scan(input);
        await door.expectVerdict(verdict);
        await capture(page, `${language}-4-verdict-${verdict}`);
      }
    });
  }
});
