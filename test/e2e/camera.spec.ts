import { expect, test } from '@playwright/test';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { CHROMIUM_ARGS, CHROMIUM_PATH } from './playwright.config';
import { qrFrame, writeY4m, type HarnessWindow } from './support/fake-camera';
import { loadSampleDay } from './support/sample-day';
import { startServer, type RunningServer } from './support/server';
import { DoorPage } from './support/door-page';
import { removeDataDir } from '../support/temp-dir';

// The video must exist before Chromium starts: it is made here, from a QR code of a sample
// candidate's 准考证号, and played by Chromium's fake camera.
const sample = loadSampleDay();
const candidate = sample.candidates.find((c) => c.roomNo === '01')!;
const doorProctor = sample.staff.find((s) => s.role === 'second-proctor' && s.roomNo === '01')!;
const videoDir = mkdtempSync(join(tmpdir(), 'examday-camera-'));
const video = join(videoDir, 'ticket.y4m');
const blank = { ...qrFrame('x'), pixels: new Uint8Array(1280 * 720).fill(90) };
writeY4m(video, [blank, qrFrame(candidate.ticketNo)], { fps: 10, repeat: 10 });

test.use({
  launchOptions: {
    executablePath: CHROMIUM_PATH,
    args: [
      ...CHROMIUM_ARGS,
      '--use-fake-device-for-media-stream',
      '--use-fake-ui-for-media-stream',
      `--use-file-for-fake-video-capture=${video}`,
    ],
  },
});

test.describe('camera scanning (fake camera)', () => {
  let dataDir: string;
  let server: RunningServer;

  test.beforeEach(async () => {
    dataDir = mkdtempSync(join(tmpdir(), 'examday-e2e-'));
    server = await startServer({ dataDir, sampleStart: '08:30', extraArgs: ['--clock', '08:12'] });
  });
  test.afterEach(async () => {
    await server.stop();
    removeDataDir(dataDir);
  });
  test.afterAll(() => rmSync(videoDir, { recursive: true, force: true }));

  test('reads the ticket shown to the camera, once, without a key pressed', async ({ page }) => {
    const errors: string[] = [];
    page.on('pageerror', (error) => errors.push(error.message));
    await page.goto(`${server.origin}/camera-harness.html?formats=qr-code,code-128`);

    const status = page.getByTestId('camera-status');
    await expect(status).toHaveAttribute('data-state', 'scanning');
    await expect(page.getByTestId('camera-last-code')).toHaveAttribute('data-code', candidate.ticketNo);
    await expect(page.getByTestId('camera-outline')).toBeVisible();
    const engines = await page.evaluate(() => (window as unknown as HarnessWindow).examdayCameraHarness!.status());
    test.info().annotations.push({ type: 'decoder engines', description: engines.engines.join('+') + (engines.wasmError ? ` (${engines.wasmError})` : '') });
    // The measured, faster decoder runs under the app's own CSP, not the fallback.
    expect(engines.wasmError).toBeUndefined();
    expect(engines.engines).toContain('wasm');

    // The video loops: the code is out of sight for 1 s, then back, within the 3 s window. Wait for the
    // scanner to find it again after such a gap (two finds ≥ 600 ms apart), then it must still be one report.
    const gapMs = await page.evaluate(
      () =>
        new Promise<number>((resolve, reject) => {
          const viewfinder = document.querySelector('[data-testid="camera-viewfinder"]');
          if (!viewfinder) throw new Error('no viewfinder');
          const foundAt = (): number => Number(viewfinder.getAttribute('data-found-at'));
          let last = foundAt();
          const observer = new MutationObserver(() => {
            const at = foundAt();
            if (at - last >= 600) {
              observer.disconnect();
              resolve(at - last);
            }
            last = at;
          });
          observer.observe(viewfinder, { attributes: true, attributeFilter: ['data-found-at'] });
          window.setTimeout(() => {
            observer.disconnect();
            reject(new Error('the code was not found again after being out of sight'));
          }, 8_000);
        }),
    );
    expect(gapMs).toBeLessThan(3_000);
    const codes = await page.evaluate(() => (window as unknown as HarnessWindow).examdayCameraHarness!.codes);
    expect(codes).toEqual([candidate.ticketNo]);

    // Stop and start: the camera goes idle, then scans again.
    await page.getByTestId('camera-toggle').click();
    await expect(status).toHaveAttribute('data-state', 'idle');
    await page.getByTestId('camera-toggle').click();
    await expect(status).toHaveAttribute('data-state', 'scanning');

    // The camera list has Chromium's fake device; the choice is remembered.
    const select = page.getByTestId('camera-select');
    const deviceId = await select.locator('option').nth(1).getAttribute('value');
    await select.selectOption(deviceId!);
    await expect(status).toHaveAttribute('data-state', 'scanning');
    await page.reload();
    await expect(page.getByTestId('camera-select')).toHaveValue(deviceId!);
    expect(errors).toEqual([]);
  });

  test('at the door, the camera checks the candidate in without a key pressed', async ({ page }) => {
    const door = new DoorPage(page);
    await door.open(server.url);
    await door.chooseRoomAndStaff('01', doorProctor.staffId);
    await page.getByTestId('camera-switch').click();
    await expect(page.getByTestId('camera-status')).toHaveAttribute('data-state', 'scanning');
    // The sample plan asks for both documents: the camera read the 准考证, the ID comes from the reader.
    await door.expectVerdict('awaiting-id');
    await expect(door.verdict).toContainText(candidate.name);
    await door.scan(candidate.idNumber);
    await door.expectVerdict('admitted');
    await expect(door.rosterRow(candidate.ticketNo)).toHaveAttribute('data-state', 'admitted');
    // The switch is remembered for this device.
    await page.reload();
    await expect(page.getByTestId('camera-scanner')).toBeVisible();
  });
});
