import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { beforeAll, describe, expect, it } from 'vitest';
import { prepareZXingModule as prepareWriter, writeBarcode } from 'zxing-wasm/writer';
import { decodeWithWasm, startWasmEngine } from '../../renderer/src/camera/engines/wasm-engine';
import { greenChannel, type GreyFrame } from '../../renderer/src/camera/luminance';
import { qrFrame } from '../e2e/support/fake-camera';

const WIDTH = 1280;
const HEIGHT = 720;

function wasmBytes(path: string): ArrayBuffer {
  const file = readFileSync(createRequire(import.meta.url).resolve(path));
  return file.buffer.slice(file.byteOffset, file.byteOffset + file.byteLength) as ArrayBuffer;
}

/** A plain 1280×720 grey frame with a Code 128 of `text`, `moduleWidth` pixels a module, its top-left at (left, top). */
async function code128Frame(text: string, left: number, top: number, moduleWidth: number, barHeight: number): Promise<GreyFrame> {
  const { symbol, error } = await writeBarcode(text, { format: 'Code128' });
  if (error) throw new Error(error);
  const data = new Uint8Array(WIDTH * HEIGHT).fill(200);
  for (let y = top; y < top + barHeight; y += 1) {
    for (let x = 0; x < symbol.width; x += 1) {
      // The symbol's first row: 0 is a bar.
      if (symbol.data[x] === 0) data.fill(30, y * WIDTH + left + x * moduleWidth, y * WIDTH + left + (x + 1) * moduleWidth);
    }
  }
  return { data, width: WIDTH, height: HEIGHT };
}

beforeAll(async () => {
  await prepareWriter({ overrides: { wasmBinary: wasmBytes('zxing-wasm/writer/zxing_writer.wasm') }, fireImmediately: true });
  await startWasmEngine(wasmBytes('zxing-wasm/reader/zxing_reader.wasm'));
});

describe('zxing-wasm engine on grey frames', () => {
  it('gives the text with its control characters, as a keyboard-wedge scanner types it', () => {
    // ISO/IEC 15434-style separators (GS) and SOH: HRI text mode would give "<SOH>" and "<GS>".
    const text = 'KW-\u0001ABCD\u001d1234';
    const frame = qrFrame(text);
    const code = decodeWithWasm({ data: frame.pixels, width: frame.width, height: frame.height }, ['qr-code']);
    expect(code?.text).toBe(text);
    expect(code?.format).toBe('qr-code');
  });

  it('reads a small Code 128 label near the top or bottom edge of the frame, outside the middle half', async () => {
    for (const top of [20, 640]) {
      const code = decodeWithWasm(await code128Frame('20261105170101', 900, top, 2, 40), ['qr-code', 'code-128']);
      expect(code?.text, `label at y=${top}`).toBe('20261105170101');
      // The points are in the frame's rows, not the band's.
      expect(Math.abs((code?.points[0]?.y ?? 0) - top)).toBeLessThan(45);
    }
  });

  it('finds nothing in a frame without a code', () => {
    const data = new Uint8Array(WIDTH * HEIGHT).fill(128);
    expect(decodeWithWasm({ data, width: WIDTH, height: HEIGHT }, ['qr-code', 'code-128', 'code-39'])).toBeNull();
  });
});

describe('brightness of four-byte pixels (the green channel)', () => {
  it('takes the second byte of each pixel, the green one in RGBA and in BGRA', () => {
    const pixels = new Uint8ClampedArray([255, 0, 0, 255, 0, 200, 0, 255, 12, 34, 56, 255, 255, 255, 255, 255]);
    expect([...greenChannel(pixels, new Uint8Array(4))]).toEqual([0, 200, 34, 255]);
  });

  it('refuses a grey buffer smaller than the frame', () => {
    expect(() => greenChannel(new Uint8ClampedArray(8), new Uint8Array(1))).toThrow(RangeError);
  });
});
