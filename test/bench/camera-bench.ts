// Camera decoding benchmark, measured where it runs: the built decoder worker in Chromium.
// Prints `BENCH <name> <value> <unit>` lines (figures, never assertions):
//   barcode_photos_read_pct  QR + Code 128 photos of ../shared/testdata/barcodes read right, each upright,
//                            with the default formats and the production engine choice;
//   camera_decode_ms         95th percentile of the worker's time per 1280×720 frame over a door
//                            camera's stream (below), with the 准考证's formats (QR + Code 128);
//   camera_decode_p50_ms     the same stream's median;
// and the same per library (zxing-wasm, @zxing/library) and with all six default formats, to keep
// PREFERRED_ENGINE honest.
// The stream: the camera runs between candidates too, and a card is often held far off, so beside
// each QR / Code 128 photo filling the frame ("held", the frames camera_decode_ms used to take the
// median of) it holds the same photo small in a corner of a blurred scene ("small"), the blurred
// scene alone ("none", no code at all) and each PDF417 photo filling the frame ("other-document":
// a card whose code the door does not read). Frames are drawn in the page and served back as PNG,
// so the worker gets them as the harness gets any image.
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import { extname, join, resolve, sep } from 'node:path';
import { chromium, type Page } from 'playwright-core';
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
const FRAME = { width: 1280, height: 720 };
/** A "small" code: the photo at this fraction of the size that fills the frame. */
const SMALL_SCALE = 0.3;
/** Enough to leave no code readable in a "none" frame's scene. */
const SCENE_BLUR_PX = 16;
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
type FrameKind = 'held' | 'small' | 'none' | 'other-document';
interface StreamFrame {
  kind: FrameKind;
  photo: Photo;
  /** The code that counts as read; none for frames without a door code. */
  expected?: string;
}

function bench(name: string, value: number, unit: string): void {
  console.log(`BENCH ${name} ${Number.isFinite(value) ? value.toFixed(value < 10 ? 2 : 1) : value} ${unit}`);
}

function percentile(values: number[], p: number): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)] ?? NaN;
}

function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  const mid = Math.floor(sorted.length / 2);
  return sorted.length % 2 === 1 ? sorted[mid]! : ((sorted[mid - 1] ?? NaN) + (sorted[mid] ?? NaN)) / 2;
}

function photosOf(set: string, withoutText = false): Photo[] {
  const dir = join(PHOTOS, set);
  if (!existsSync(dir)) return [];
  return readdirSync(dir)
    .filter((name) => IMAGE.test(name))
    .sort()
    .flatMap((name) => {
      const txt = join(dir, name.replace(IMAGE, '.txt'));
      if (existsSync(txt)) return [{ set, url: `/photos/${set}/${name}`, expected: readFileSync(txt, 'utf8') }];
      // binary payloads (.bin) are not text we compare
      return withoutText ? [{ set, url: `/photos/${set}/${name}`, expected: '' }] : [];
    });
}

function doorStream(headline: Photo[], others: Photo[]): StreamFrame[] {
  return [
    ...headline.flatMap((photo): StreamFrame[] => [
      { kind: 'held', photo, expected: photo.expected },
      { kind: 'small', photo, expected: photo.expected },
      { kind: 'none', photo },
    ]),
    ...others.map((photo): StreamFrame => ({ kind: 'other-document', photo })),
  ];
}

/** Draws one stream frame in the page (1280×720) and stores it on the bench's server at `name`. */
async function drawFrame(page: Page, frame: StreamFrame, index: number, name: string): Promise<void> {
  await page.evaluate(
    async ({ url, kind, index, name, width, height, smallScale, blurPx }) => {
      const image = await createImageBitmap(await (await fetch(url)).blob());
      const canvas = new OffscreenCanvas(width, height);
      const context = canvas.getContext('2d')!;
      const fit = Math.min(width / image.width, height / image.height);
      const draw = (scale: number, x?: number, y?: number): void => {
        const w = image.width * scale;
        const h = image.height * scale;
        context.drawImage(image, x ?? (width - w) / 2, y ?? (height - h) / 2, w, h);
      };
      if (kind === 'held' || kind === 'other-document') {
        context.fillStyle = '#808080';
        context.fillRect(0, 0, width, height);
        draw(fit);
      } else {
        // The scene: the photo blurred over the whole frame, so it has the photo's light and texture.
        context.filter = `blur(${blurPx}px)`;
        context.drawImage(image, 0, 0, width, height);
        context.filter = 'none';
        if (kind === 'small') {
          const scale = fit * smallScale;
          // Somewhere else each time, as a card held up at the edge of the view.
          draw(scale, ((index * 389) % 1000) / 1000 * (width - image.width * scale), ((index * 211) % 1000) / 1000 * (height - image.height * scale));
        }
      }
      image.close();
      const blob = await canvas.convertToBlob({ type: 'image/png' });
      const stored = await fetch(`/frames/${name}`, { method: 'PUT', body: blob });
      if (!stored.ok) throw new Error(`storing ${name}: ${stored.status}`);
    },
    { url: frame.photo.url, kind: frame.kind, index, name, width: FRAME.width, height: FRAME.height, smallScale: SMALL_SCALE, blurPx: SCENE_BLUR_PX },
  );
}

/** Frames drawn in the page, kept until the next one replaces them. */
const frames = new Map<string, Buffer>();
const FRAME_PATH = /^\/frames\/([\w-]+\.png)$/;

function serveFrame(req: IncomingMessage, res: ServerResponse, name: string): void {
  if (req.method === 'PUT') {
    const chunks: Buffer[] = [];
    req.on('data', (chunk: Buffer) => chunks.push(chunk));
    req.on('end', () => {
      frames.clear();
      frames.set(name, Buffer.concat(chunks));
      res.writeHead(204).end();
    });
    return;
  }
  const bytes = frames.get(name);
  if (!bytes) {
    res.writeHead(404).end();
    return;
  }
  res.writeHead(200, { 'Content-Type': 'image/png', 'Content-Security-Policy': CSP });
  res.end(bytes);
}

function serve(): Promise<{ server: Server; origin: string }> {
  const server = createServer((req, res) => {
    const path = decodeURIComponent((req.url ?? '/').split('?')[0]!);
    const frameName = FRAME_PATH.exec(path)?.[1];
    if (frameName) {
      serveFrame(req, res, frameName);
      return;
    }
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
  const headline = HEADLINE_SETS.flatMap((set) => photosOf(set));
  if (headline.length === 0) {
    console.log(`camera-bench: no test photos under ${PHOTOS}; skipped`);
    return;
  }
  const others = OTHER_SETS.flatMap((set) => photosOf(set));
  const stream = doorStream(headline, OTHER_SETS.flatMap((set) => photosOf(set, true)));
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
    }

    // The door camera's stream, each frame decoded by every engine with the 准考证's formats
    // (QR + Code 128, the headline) and with all six default formats.
    interface Run {
      note: string;
      ms: number[];
      pixelsMs: number[];
      byKind: Map<FrameKind, { ms: number[]; read: number; wrong: number; found: number; errors: number }>;
      wrongReads: string[];
    }
    const runs = new Map<string, Run>();
    for (const [i, frame] of stream.entries()) {
      const name = `frame-${i}.png`;
      await drawFrame(page, frame, i, name);
      for (const engine of engines) {
        for (const [suffix, formats, note] of FRAME_RUNS) {
          const key = `${suffix}${engine === 'auto' ? '' : `_${engine === 'wasm' ? 'zxing_wasm' : 'zxing_library'}`}`;
          const run: Run = runs.get(key) ?? { note, ms: [], pixelsMs: [], byKind: new Map(), wrongReads: [] };
          runs.set(key, run);
          const outcome = await decode(`/frames/${name}`, engine, false, formats);
          run.ms.push(outcome.ms);
          run.pixelsMs.push(outcome.pixelsMs ?? NaN);
          const kind = run.byKind.get(frame.kind) ?? { ms: [], read: 0, wrong: 0, found: 0, errors: 0 };
          run.byKind.set(frame.kind, kind);
          kind.ms.push(outcome.ms);
          // A decoder that throws on a frame (@zxing/library does on some) reads nothing from it.
          if (outcome.error) kind.errors += 1;
          if (outcome.code && frame.expected === undefined) kind.found += 1;
          else if (outcome.code && outcome.code.text === frame.expected) kind.read += 1;
          else if (outcome.code) {
            kind.wrong += 1;
            run.wrongReads.push(`${frame.photo.url.slice('/photos/'.length)} (${frame.kind})`);
          }
        }
      }
    }
    for (const [key, run] of runs) {
      const kinds = [...run.byKind]
        .map(([kind, k]) => `${kind} ${k.ms.length}: p50 ${median(k.ms).toFixed(1)}, p95 ${percentile(k.ms, 95).toFixed(1)} ms${k.read + k.wrong > 0 ? `, ${k.read} read${k.wrong > 0 ? `, ${k.wrong} wrong` : ''}` : ''}${k.found > 0 ? `, a code found in ${k.found}` : ''}${k.errors > 0 ? `, ${k.errors} decoder errors` : ''}`)
        .join('; ');
      bench(`camera_decode_ms${key}`, percentile(run.ms, 95), `ms (p95 of ${run.ms.length} 1280x720 frames of a door camera's stream in the worker, ${run.note}; ${kinds}; pixels from the bitmap p50 ${median(run.pixelsMs).toFixed(1)} ms)`);
      bench(`camera_decode_p50_ms${key}`, median(run.ms), 'ms');
      if (key === '' && run.wrongReads.length > 0) console.log(`camera-bench: read other than the expected text: ${run.wrongReads.join(', ')}`);
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
