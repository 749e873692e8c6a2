import { defineConfig } from '@playwright/test';

/**
 * End-to-end tests drive the real browser mode (dist/server.js + dist/renderer) in Debian's
 * Chromium: Playwright's own browser download is not reachable here.
 */
export const CHROMIUM_PATH = process.env.EXAMDAY_CHROMIUM ?? '/usr/bin/chromium';

export const CHROMIUM_ARGS = [
  '--no-sandbox',
  '--disable-gpu',
  '--disable-quic',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
];

export default defineConfig({
  testDir: '.',
  testMatch: '**/*.spec.ts',
  outputDir: '../../test-results/e2e',
  timeout: 60_000,
  expect: { timeout: 10_000 },
  // Spec files two at a time (each starts its own servers on free ports and its own data folders);
  // the tests of one file in order. The e2e step went from 11.7 to 6.9 minutes on the 2-core machine.
  fullyParallel: false,
  workers: 2,
  retries: 0,
  reporter: [['list'], ['json', { outputFile: '../../test-results/playwright.json' }]],
  use: {
    viewport: { width: 1366, height: 768 },
    locale: 'zh-CN',
    // No timezoneId: the browser must read the same clock as the core it talks to (same machine).
    launchOptions: { executablePath: CHROMIUM_PATH, args: CHROMIUM_ARGS },
    trace: 'retain-on-failure',
    screenshot: 'only-on-failure',
  },
});
