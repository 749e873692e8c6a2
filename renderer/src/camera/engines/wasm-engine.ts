/// <reference types="emscripten" />
/// <reference types="vite/client" />
import {
  binarizers,
  characterSets,
  eanAddOnSymbols,
  encodeFormats,
  prepareZXingModule,
  textModes,
  type ReadInputBarcodeFormat,
  type ZXingReaderModule,
  type ZXingReaderOptions,
} from 'zxing-wasm/reader';
import wasmUrl from 'zxing-wasm/reader/zxing_reader.wasm?url';
import { formatFromWasmName, WASM_FORMAT_NAMES, type CameraFormat } from '../formats';
import type { DecodedCode } from '../protocol';
import type { GreyFrame } from '../luminance';

let ready: Promise<ZXingReaderModule> | null = null;
let zxing: ZXingReaderModule | null = null;

/**
 * Starts zxing-cpp's WebAssembly build from the file Vite ships with the app (never a CDN: the
 * library's default would fetch it from one). Needs 'wasm-unsafe-eval' in the page's script-src.
 * Node (the unit tests) cannot fetch a file path, so it hands over the file's bytes instead.
 */
export function startWasmEngine(wasm: string | ArrayBuffer = wasmUrl): Promise<void> {
  ready ??= (async () => {
    const module = await prepareZXingModule({
      overrides:
        typeof wasm === 'string'
          ? { locateFile: (path: string, prefix: string) => (path.endsWith('.wasm') ? wasm : prefix + path) }
          : { wasmBinary: wasm },
      fireImmediately: true,
    });
    // The grey entry point is zxing-wasm's own (readBarcodes calls it after converting RGBA);
    // the version is pinned exactly, and a build without it leaves the JavaScript engine to read.
    if (typeof module.readBarcodesFromPixmap !== 'function') throw new Error('zxing-wasm has no readBarcodesFromPixmap');
    zxing = module;
    return module;
  })();
  return ready.then(() => undefined);
}

/**
 * Area up to which the denoising pass runs (640×480). It closes gaps in a 2D code's modules and reads
 * one more of the ZXing photos (qrcode-2/28 at its own size), but it runs on every miss and doubled
 * the time per 1280×720 frame in camera-bench.ts without reading one more frame of the stream.
 */
const DENOISE_MAX_PIXELS = 640 * 480;

/** Formats read along scan lines (the others are found by their finder patterns, anywhere). */
const LINEAR_FORMATS: ReadonlySet<CameraFormat> = new Set(['code-128', 'code-39', 'ean-13', 'ean-8']);

/**
 * Without tryHarder zxing-cpp scans 15 lines in the middle half of an image for linear codes, so a
 * card held high or low in the view is missed; with it, 256 lines over the whole frame, which
 * doubled the time per frame. Scanning the frame again as horizontal bands, each with its own 15
 * lines, covers it for a fraction of that. The bands overlap by half, so a short code lying across
 * a band's edge is in the middle of the next one (code128-2/37, a label 40 pixels high).
 */
const LINEAR_BANDS = 4;
/** Bands lower than this would cut a code's bars into pieces too short to scan (tiny images). */
const MIN_BAND_HEIGHT = 40;

interface PassOptions {
  formats: readonly CameraFormat[];
  pixels: number;
  /** The whole image at a smaller scale too (a code filling the frame reads faster there). */
  downscale: boolean;
}

/**
 * How the reader reads, measured on the camera bench's stream (1280×720, QR + Code 128): tryHarder
 * off (QR codes read about as well without it, one small card fewer of 55; linear codes are covered
 * by the bands), downscaling by 4 (read one more held card than 3, in less time), rotation and
 * inversion off (a card is held upright, printed dark on light). Text is Plain: the bytes in the code's own character set,
 * control characters included, as a keyboard-wedge scanner types them (the default, HRI, writes
 * them as "<GS>" and the like, so the camera and the scanner would give different text).
 */
function options({ formats, pixels, downscale }: PassOptions): ZXingReaderOptions {
  return {
    formats: encodeFormats(formats.map((format) => WASM_FORMAT_NAMES[format] as ReadInputBarcodeFormat)),
    tryHarder: false,
    tryRotate: false,
    tryInvert: false,
    tryDownscale: downscale,
    tryDenoise: pixels <= DENOISE_MAX_PIXELS,
    binarizer: binarizers.indexOf('LocalAverage'),
    isPure: false,
    downscaleThreshold: 500,
    downscaleFactor: 4,
    minLineCount: 2,
    maxNumberOfSymbols: 1,
    validateOptionalChecksum: false,
    returnErrors: false,
    eanAddOnSymbol: eanAddOnSymbols.indexOf('Ignore'),
    textMode: textModes.indexOf('Plain'),
    characterSet: characterSets.indexOf('Unknown'),
    tryCode39ExtendedMode: true,
  };
}

/** The frame's pixels in WebAssembly memory, kept between frames (one allocation per frame size). */
let heap: { pointer: number; size: number } = { pointer: 0, size: 0 };

function copyIn(module: ZXingReaderModule, frame: GreyFrame): number {
  const size = frame.width * frame.height;
  if (heap.size < size) {
    if (heap.pointer !== 0) module._free(heap.pointer);
    const pointer = module._malloc(size);
    if (pointer === 0) throw new Error(`zxing-wasm could not allocate ${size} bytes`);
    heap = { pointer, size };
  }
  module.HEAPU8.set(frame.data.subarray(0, size), heap.pointer);
  return heap.pointer;
}

/** The first code in rows `top`…`top + height` of the frame in memory, in the frame's coordinates. */
function readRows(module: ZXingReaderModule, pointer: number, width: number, top: number, height: number, pass: PassOptions): DecodedCode | null {
  const results = module.readBarcodesFromPixmap(pointer + top * width, width, height, options(pass));
  for (let i = 0; i < results.size(); i += 1) {
    const result = results.get(i);
    if (!result?.isValid) continue;
    const format = formatFromWasmName(result.format);
    if (!format) continue;
    const { topLeft, topRight, bottomRight, bottomLeft } = result.position;
    const points = [topLeft, topRight, bottomRight, bottomLeft].map(({ x, y }) => ({ x, y: y + top }));
    return { text: result.text, format, points, engine: 'wasm' };
  }
  return null;
}

/** The first code of the given formats in the frame, or null. */
export function decodeWithWasm(frame: GreyFrame, formats: readonly CameraFormat[]): DecodedCode | null {
  if (formats.length === 0) return null;
  if (!zxing) throw new Error('zxing-wasm is not started');
  const { width, height } = frame;
  const pointer = copyIn(zxing, frame);
  const whole = readRows(zxing, pointer, width, 0, height, { formats, pixels: width * height, downscale: true });
  if (whole) return whole;
  const linear = formats.filter((format) => LINEAR_FORMATS.has(format));
  const bandHeight = Math.floor(height / LINEAR_BANDS);
  if (linear.length === 0 || bandHeight < MIN_BAND_HEIGHT) return null;
  const step = Math.floor(bandHeight / 2);
  for (let top = 0; top + bandHeight <= height; top += step) {
    const found = readRows(zxing, pointer, width, top, bandHeight, { formats: linear, pixels: width * bandHeight, downscale: false });
    if (found) return found;
  }
  return null;
}
