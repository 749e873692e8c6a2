// Camera decoding benchmark, measured where it runs: the built decoder worker in Chromium.
// Prints `BENCH <name> <value> <unit>` lines (figures, never assertions):
//   barcode_photos_read_pct  QR + Code 128 photos of ../shared/testdata/barcodes read right, each upright,
//                            with the default formats and the production engine choice;
//   camera_decode_ms         median worker time per 1280×720 frame (each photo placed on such a frame);
// and the same per library (zxing-wasm, @zxing/library) and per set, to keep PREFERRED_ENGINE honest.
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import { extname, join, resolve, sep } from 'node:path';
import { chromium } from 'playwright-core';
import type { HarnessWindow } from '../e2e/support/fake-camera';
import { CONTENT_SECURITY_POLICY } from '../../electron/security/content-security-policy';

// npm run bench runs each benchmark from the repository root.
const ROOT = process.cwd();
const RENDERER = resolve(ROOT, 'dist', 'renderer');
const PHOTOS = resolve(process.env.EXAMDAY_BARCODES ?? resolve(ROOT, '..', 'shared', 'testdata', 'barcodes'));
const CHROMIUM = process.env.EXAMDAY_CHROMIUM ?? '/usr/bin/chromium';

/** The app's own policy: the decoder is measured under the CSP it runs under. */
const CSP = CONTENT_SECURITY_POLICY;

const FRAME_RUNS: [string, string[] | undefined, string][] = [
  ['', ['qr-code', 'code-128'], 'QR + Code 128'],
  ['_all_formats', undefined, 'six default formats'],
];
const HEADLINE_SETS = ['qrcode-1', 'qrcode-2', 'code128-1', 'code128-2', 'code128-3'];
const OTHER_SETS = ['pdf417-1', 'pdf417-2', 'pdf417-3'];
const IMAGE = /\.(png|jpe?g|gif)$/i;
const MIME: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript',
  '.css': 'text/css',
  '.wasm': 'application/wasm',
  '.png': 'image/png',
  '.jpg': 'image/jpeg',
  '.jpeg': 'image/jpeg',
  '.gif': 'image/gif',
};

type Engine = 'wasm' | 'js' | 'auto';
interface Outcome {
  code: { text: string; format: string; engine: string } | null;
  ms: number;
  pixelsMs?: number;
  error?: string;
}
interface Photo {
  set: string;
  url: string;
  expected: string;
}

function bench(name: string, value: number, unit: string): void {
  console.log(`BENCH ${name} ${Number.isFinite(value) ? value.toFixed(value < 10 ? 2 : 1) : value} ${unit}`);
}

function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  const mid = Math.floor(sorted.length / 2);
  return sorted.length % 2 === 1 ? sorted[mid]! : ((sorted[mid - 1] ?? NaN) + (sorted[mid] ?? NaN)) / 2;
}

function photosOf(set: string): Photo[] {
  const dir = join(PHOTOS, set);
  if (!existsSync(dir)) return [];
  return readdirSync(dir)
    .filter((name) => IMAGE.test(name))
    .sort()
    .flatMap((name) => {
      const txt = join(dir, name.replace(IMAGE, '.txt'));
      if (!existsSync(txt)) return []; // binary payloads (.bin) are not text we compare
      return [{ set, url: `/photos/${set}/${name}`, expected: readFileSync(txt, 'utf8') }];
    });
}

function serve(): Promise<{ server: Server; origin: string }> {
  const server = createServer((req, res) => {
    const path = decodeURIComponent((req.url ?? '/').split('?')[0]!);
    const [base, rel] = path.startsWith('/photos/') ? [PHOTOS, path.slice('/photos/'.length)] : [RENDERER, path.slice(1)];
    const file = resolve(base, rel);
    if (!file.startsWith(base + sep) || !existsSync(file)) {
      res.writeHead(404).end();
      return;
    }
    res.writeHead(200, {
      'Content-Type': MIME[extname(file).toLowerCase()] ?? 'application/octet-stream',
      'Content-Security-Policy': CSP,
    });
    res.end(readFileSync(file));
  });
  return new Promise((done) => server.listen(0, '127.0.0.1', () => {
    const address = server.address();
    done({ server, origin: `http://127.0.0.1:${typeof address === 'object' && address ? address.port : 0}` });
  }));
}

async function main(): Promise<void> {
  if (!existsSync(join(RENDERER, 'camera-harness.html'))) throw new Error('dist/renderer/camera-harness.html missing: run npm run build');
  const headline = HEADLINE_SETS.flatMap(photosOf);
  if (headline.length === 0) {
    console.log(`camera-bench: no test photos under ${PHOTOS}; skipped`);
    return;
  }
  const others = OTHER_SETS.flatMap(photosOf);
  const { server, origin } = await serve();
  const browser = await chromium.launch({ executablePath: CHROMIUM, args: ['--no-sandbox', '--disable-gpu'] });
  try {
    const page = await browser.newPage();
    const problems: string[] = [];
    page.on('pageerror', (error) => problems.push(error.message));
    await page.goto(`${origin}/camera-harness.html`);
    await page.waitForFunction(() => (window as unknown as HarnessWindow).examdayCameraHarness !== undefined);
    const status = await page.evaluate(() => (window as unknown as HarnessWindow).examdayCameraHarness!.status());
    console.log(`camera-bench: worker engines ${status.engines.join('+')}${status.wasmError ? ` (wasm: ${status.wasmError})` : ''}`);

    const decode = (url: string, engine: Engine, frame: boolean, formats?: string[]): Promise<Outcome> =>
      page.evaluate(
        ({ url, engine, frame, formats }) =>
          (window as unknown as HarnessWindow).examdayCameraHarness!.decodeUrl(url, {
            ...(engine === 'auto' ? {} : { engine }),
            ...(frame ? { frame: { width: 1280, height: 720 } } : {}),
            ...(formats ? { formats } : {}),
          }),
        { url, engine, frame, formats },
      );
    const warm = await decode(headline[0]!.url, "auto", true); // warm-up: instantiate, JIT
    if (warm.error) console.log(`camera-bench: decoder error: ${warm.error}`);

    const engines: Engine[] = status.engines.includes('wasm') ? ['auto', 'wasm', 'js'] : ['auto', 'js'];
    if (process.env.CAMERA_BENCH_QUICK) engines.splice(1);
    for (const engine of engines) {
      const label = engine === 'auto' ? '' : `_${engine === 'wasm' ? 'zxing_wasm' : 'zxing_library'}`;
      // Photos as they are, upright.
      const readBySet = new Map<string, { ok: number; all: number; ms: number[] }>();
      for (const photo of [...headline, ...(engine === 'auto' ? [] : others)]) {
        const outcome = await decode(photo.url, engine, false);
        const entry = readBySet.get(photo.set) ?? { ok: 0, all: 0, ms: [] };
        entry.all += 1;
        entry.ms.push(outcome.ms);
        if (outcome.code?.text === photo.expected) entry.ok += 1;
        readBySet.set(photo.set, entry);
      }
      const head = HEADLINE_SETS.map((set) => readBySet.get(set)).filter((e) => e !== undefined);
      const ok = head.reduce((n, e) => n + e.ok, 0);
      const all = head.reduce((n, e) => n + e.all, 0);
      bench(`barcode_photos_read_pct${label}`, (100 * ok) / all, `% (${ok}/${all}, default formats)`);
      bench(`barcode_photo_decode_median_ms${label}`, median(head.flatMap((e) => e.ms)), 'ms');
      if (engine !== 'auto') {
        for (const [set, entry] of readBySet) {
          console.log(`BENCH barcode_photos_read${label}_${set.replace('-', '_')} ${entry.ok} of ${entry.all} (median ${median(entry.ms).toFixed(1)} ms)`);
        }
      }
      // Each QR / Code 128 photo placed on a 1280×720 camera frame: with the 准考证's formats
      // (QR + Code 128, the headline) and with all six default formats.
      for (const [suffix, formats, note] of FRAME_RUNS) {
        const frameMs: number[] = [];
        const pixelsMs: number[] = [];
        let frameOk = 0;
        for (const photo of headline) {
          const outcome = await decode(photo.url, engine, true, formats);
          frameMs.push(outcome.ms);
          pixelsMs.push(outcome.pixelsMs ?? NaN);
          if (outcome.code?.text === photo.expected) frameOk += 1;
        }
        bench(`camera_decode_ms${suffix}${label}`, median(frameMs), `ms (median of ${frameMs.length} 1280x720 frames in the worker, ${note}, ${frameOk} read; of which pixels from the bitmap ${median(pixelsMs).toFixed(1)} ms)`);
      }
    }
    if (problems.length > 0) console.log(`camera-bench: page errors: ${problems.join('; ')}`);
  } finally {
    await browser.close();
    server.close();
  }
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
