// Door check-in latency, measured where the proctor sees it: Chromium driving the browser mode
// (dist/server.js) on a 10,000-candidate day. Prints `BENCH <name> <value> <unit>` lines:
//   scan_to_verdict_p99_ms   the Enter that ends a scanner burst → the verdict on screen (the next
//                            animation frame after data-verdict changed), 99th percentile of ≥ 200 scans;
//   scan_to_verdict_p50_ms   the same, median.
// The clock starts in the page, in a keydown listener registered before the app's.
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { chromium } from 'playwright-core';
import { openCore } from '../../electron/core/core';
import { fixtureDay, fixtureDayEvents } from '../support/fixture-day';
import { KeyboardWedge } from '../e2e/support/keyboard-wedge';

const ROOT = process.cwd();
const CHROMIUM = process.env.EXAMDAY_CHROMIUM ?? '/usr/bin/chromium';
const CANDIDATES = 10_000;
const SCANS = 240;
const WARM_UP = 10;

interface BenchWindow {
  __scanT0?: number;
  __samples: { ms: number; dom: number; verdict: string }[];
}

function bench(name: string, value: number, unit: string): void {
  console.log(`BENCH ${name} ${value.toFixed(1)} ${unit}`);
}

function percentile(values: number[], p: number): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)] ?? Number.NaN;
}

function today(): string {
  const d = new Date();
  return `${d.getFullYear()}-${String(d.getMonth() + 1).padStart(2, '0')}-${String(d.getDate()).padStart(2, '0')}`;
}

function startServer(dataDir: string): Promise<{ url: string; child: ChildProcess }> {
  const child = spawn(process.execPath, [resolve(ROOT, 'dist', 'server.js'), '--port', '0', '--data', dataDir, '--clock', '08:12'], {
    cwd: ROOT,
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  return new Promise((done, fail) => {
    let output = '';
    const timer = setTimeout(() => fail(new Error(`server did not start: ${output}`)), 30_000);
    child.stdout?.on('data', (chunk: Buffer) => {
      output += chunk.toString();
      const match = /http:\/\/127\.0\.0\.1:\d+\/#token=[\w-]+/.exec(output);
      if (match) {
        clearTimeout(timer);
        done({ url: match[0], child });
      }
    });
    child.stderr?.on('data', (chunk: Buffer) => (output += chunk.toString()));
  });
}

async function main(): Promise<void> {
  const dataDir = mkdtempSync(join(tmpdir(), 'examday-scan-bench-'));
  // One document admits, so every scan ends in a verdict rather than a half pair.
  const day = fixtureDay(CANDIDATES, { date: today(), requiredDocuments: 'either' });
  const core = openCore({ dataDir });
  core.commit(fixtureDayEvents(day));
  core.close();

  const { url, child } = await startServer(dataDir);
  const browser = await chromium.launch({ executablePath: CHROMIUM, args: ['--no-sandbox', '--disable-gpu'] });
  try {
    const page = await browser.newPage({ viewport: { width: 1366, height: 768 } });
    await page.addInitScript(() => {
      const w = window as unknown as BenchWindow;
      w.__samples = [];
      window.addEventListener('keydown', (e) => {
        if (e.key === 'Enter') w.__scanT0 = performance.now();
      }, { capture: true });
      new MutationObserver(() => {
        const verdict = document.querySelector('[data-testid="verdict"]')?.getAttribute('data-verdict') ?? '';
        const t0 = w.__scanT0;
        if (t0 === undefined || verdict === 'ready' || verdict === 'pending') return;
        w.__scanT0 = undefined;
        const dom = performance.now() - t0;
        requestAnimationFrame(() => w.__samples.push({ ms: performance.now() - t0, dom, verdict }));
      }).observe(document, { subtree: true, attributes: true, attributeFilter: ['data-verdict'] });
    });
    await page.goto(url);
    await page.getByTestId('room-option-001').click();
    await page.getByTestId('staff-option-P0002').click();
    await page.getByTestId('start-door').click();
    await page.locator('[data-testid="verdict"][data-verdict="ready"]').waitFor();

    const wedge = new KeyboardWedge(page);
    // Room 001's candidates first (admitted), the rest from all over the roster (wrong room).
    const step = Math.floor(CANDIDATES / SCANS);
    const inputs = [...day.candidates.slice(0, 30), ...Array.from({ length: SCANS + WARM_UP - 30 }, (_, i) => day.candidates[(i * step + 31) % CANDIDATES]!)].map(
      (c, i) => (i % 2 === 0 ? c.ticketNo : c.idNumber),
    );
    for (const [i, input] of inputs.entries()) {
      await wedge.type(input, { interKeyMs: 8 });
      await page.waitForFunction((n) => (window as unknown as BenchWindow).__samples.length >= n, i + 1, { timeout: 10_000 });
    }
    const samples = await page.evaluate(() => (window as unknown as BenchWindow).__samples);
    const measured = samples.slice(WARM_UP).map((s) => s.ms);
    const kinds = new Map<string, number>();
    for (const s of samples.slice(WARM_UP)) kinds.set(s.verdict, (kinds.get(s.verdict) ?? 0) + 1);
    console.log(`scan bench: ${measured.length} scans on ${CANDIDATES} candidates (${[...kinds].map(([k, n]) => `${k} ${n}`).join(', ')})`);
    bench('scan_to_verdict_p99_ms', percentile(measured, 99), 'ms');
    bench('scan_to_verdict_p50_ms', percentile(measured, 50), 'ms');
    // Until the DOM changed, before the frame is drawn: what the page itself spends, the rest is waiting for a frame.
    bench('scan_to_verdict_dom_p50_ms', percentile(samples.slice(WARM_UP).map((s) => s.dom), 50), 'ms');
  } finally {
    await browser.close();
    child.kill('SIGTERM');
    rmSync(dataDir, { recursive: true, force: true });
  }
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
