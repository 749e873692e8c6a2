/**
 * The barcode formats the camera may look for, named once here and mapped to each decoding
 * library's own names. The worker tries only what the caller asks for (the plan's formats): every
 * extra format costs time on every frame and adds false reads.
 */
export const CAMERA_FORMATS = ['qr-code', 'code-128', 'code-39', 'pdf417', 'data-matrix', 'ean-13', 'ean-8'] as const;
export type CameraFormat = (typeof CAMERA_FORMATS)[number];

/**
 * What the door reads when the plan says nothing narrower: a 准考证's QR code (a URL or key=value
 * text, README) or its number as Code 128 / Code 39, and the badges' QR codes. A resident ID card
 * carries no barcode (its number comes from the reader or is typed). PDF417, Data Matrix and EAN-13
 * are on other cards and goods held up at the door: looking for them cost time on every frame and
 * read codes the door must ignore (camera-bench.ts: a PDF417 card "found" in 55 of 58 frames).
 */
export const DEFAULT_FORMATS: readonly CameraFormat[] = ['qr-code', 'code-128', 'code-39'];

/** The two decoders: zxing-cpp compiled to WebAssembly, and the pure-JavaScript @zxing/library. */
export type EngineName = 'wasm' | 'js';

/**
 * Which decoder reads which format, chosen by measurement (`npm run bench`, camera-bench.ts, on the
 * ZXing project's photos, in the worker in Chromium): zxing-wasm read as many or more photos than
 * @zxing/library in every set (QR 51 vs 49 of 55, Code 128 48 vs 39 of 49, PDF417 50 vs 46 of 56)
 * and was faster in each, so it reads every format; formats without photos follow it. @zxing/library
 * reads every format when WebAssembly cannot start (a policy without 'wasm-unsafe-eval').
 */
export const PREFERRED_ENGINE: Readonly<Record<CameraFormat, EngineName>> = {
  'qr-code': 'wasm',
  'code-128': 'wasm',
  'code-39': 'wasm',
  pdf417: 'wasm',
  'data-matrix': 'wasm',
  'ean-13': 'wasm',
  'ean-8': 'wasm',
};

/** zxing-wasm's format names (ReadInputBarcodeFormat). */
export const WASM_FORMAT_NAMES: Readonly<Record<CameraFormat, string>> = {
  'qr-code': 'QRCode',
  'code-128': 'Code128',
  'code-39': 'Code39',
  pdf417: 'PDF417',
  'data-matrix': 'DataMatrix',
  'ean-13': 'EAN13',
  'ean-8': 'EAN8',
};

const BY_WASM_NAME = new Map<string, CameraFormat>([
  ...Object.entries(WASM_FORMAT_NAMES).map(([format, name]) => [name, format as CameraFormat] as const),
  ['Code39Ext', 'code-39'],
  ['Code39Std', 'code-39'],
]);

/** Our name for a format zxing-wasm reported, or undefined for one we never asked for. */
export function formatFromWasmName(name: string): CameraFormat | undefined {
  return BY_WASM_NAME.get(name.replace(/[\s-]/g, ''));
}

/**
 * The formats to try: known names only, each once, in the canonical order; nothing (or nothing
 * known) asked for means the defaults.
 */
export function normaliseFormats(requested: readonly string[] | undefined): CameraFormat[] {
  const wanted = new Set(requested ?? []);
  const known = CAMERA_FORMATS.filter((format) => wanted.has(format));
  return known.length > 0 ? known : [...DEFAULT_FORMATS];
}

/** Formats grouped by the engine that will read them. */
export type EnginePlan = Record<EngineName, CameraFormat[]>;

/**
 * Splits the formats between the engines: each goes to its preferred engine when that engine is
 * available, else to the other one; `forced` (benchmarks) sends everything to one engine.
 */
export function planEngines(
  formats: readonly CameraFormat[],
  available: ReadonlySet<EngineName>,
  forced?: EngineName,
): EnginePlan {
  const plan: EnginePlan = { wasm: [], js: [] };
  for (const format of formats) {
    const preferred = forced ?? PREFERRED_ENGINE[format];
    const engine: EngineName | undefined = available.has(preferred)
      ? preferred
      : forced
        ? undefined
        : ([...available][0] as EngineName | undefined);
    if (engine) plan[engine].push(format);
  }
  return plan;
}
