import type { Page } from '@playwright/test';
import { execFileSync } from 'node:child_process';

/** The page as Chromium prints it on A4 (kept at `file`, to look at), and its text as pdftotext reads it. */
export async function printedText(page: Page, file: string): Promise<string> {
  await page.emulateMedia({ media: 'print' });
  await page.pdf({ path: file, format: 'A4', printBackground: true });
  await page.emulateMedia({ media: 'screen' });
  return execFileSync('pdftotext', ['-layout', file, '-'], { encoding: 'utf8' });
}
