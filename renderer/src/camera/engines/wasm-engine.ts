import { prepareZXingModule, readBarcodes, type ReadInputBarcodeFormat } from 'zxing-wasm/reader';
import wasmUrl from 'zxing-wasm/reader/zxing_reader.wasm?url';
import { formatFromWasmName, WASM_FORMAT_NAMES, type CameraFormat } from '../formats';
import type { DecodedCode, RgbaFrame } from '../protocol';

let ready: Promise<void> | null = null;

/**
 * Starts zxing-cpp's WebAssembly build from the file Vite ships with the app (never a CDN: the
 * library's default would fetch it from one). Needs 'wasm-unsafe-eval' in the page's script-src.
 */
export function startWasmEngine(url: string = wasmUrl): Promise<void> {
  ready ??= (async () => {
    await prepareZXingModule({
      overrides: { locateFile: (path: string, prefix: string) => (path.endsWith('.wasm') ? url : prefix + path) },
      fireImmediately: true,
    });
  })();
  return ready;
}

/** The first code of the given formats in the frame, or null. */
export async function decodeWithWasm(frame: RgbaFrame, formats: readonly CameraFormat[]): Promise<DecodedCode | null> {
  if (formats.length === 0) return null;
  const image = { data: frame.data, width: frame.width, height: frame.height, colorSpace: 'srgb' } as ImageData;
  const results = await readBarcodes(image, {
    formats: formats.map((format) => WASM_FORMAT_NAMES[format] as ReadInputBarcodeFormat),
    tryHarder: true,
    tryRotate: false,
    tryInvert: false,
    tryDenoise: true,
    maxNumberOfSymbols: 1,
  });
  for (const result of results) {
    if (!result.isValid) continue;
    const format = formatFromWasmName(result.format);
    if (!format) continue;
    const { topLeft, topRight, bottomRight, bottomLeft } = result.position;
    return { text: result.text, format, points: [topLeft, topRight, bottomRight, bottomLeft], engine: 'wasm' };
  }
  return null;
}
