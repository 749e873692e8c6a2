import { writeFileSync } from 'node:fs';
import { BarcodeFormat, EncodeHintType, QRCodeWriter } from '@zxing/library';

/** A grey-level picture, one byte a pixel (0 black … 255 white). */
export interface GreyImage {
  width: number;
  height: number;
  pixels: Uint8Array;
}

/**
 * A camera frame showing a printed QR code of `text`: off-white paper on a darker desk, the code
 * `size` pixels wide in the middle, as a webcam at a door would see a 准考证 held up to it.
 */
export function qrFrame(text: string, width = 1280, height = 720, size = 420): GreyImage {
  const pixels = new Uint8Array(width * height).fill(90);
  const paper = size + 120;
  const px = Math.floor((width - paper) / 2);
  const py = Math.floor((height - paper) / 2);
  for (let y = py; y < py + paper; y += 1) pixels.fill(235, y * width + px, y * width + px + paper);
  const hints = new Map<EncodeHintType, unknown>([[EncodeHintType.MARGIN, 0]]);
  const matrix = new QRCodeWriter().encode(text, BarcodeFormat.QR_CODE, size, size, hints);
  const left = Math.floor((width - matrix.getWidth()) / 2);
  const top = Math.floor((height - matrix.getHeight()) / 2);
  for (let y = 0; y < matrix.getHeight(); y += 1) {
    for (let x = 0; x < matrix.getWidth(); x += 1) {
      if (matrix.get(x, y)) pixels[(top + y) * width + left + x] = 20;
    }
  }
  return { width, height, pixels };
}

/**
 * Writes a Y4M video (YUV 4:2:0, the format Chromium's fake camera plays with
 * --use-file-for-fake-video-capture) of the given grey frames, each shown `repeat` times.
 */
export function writeY4m(file: string, frames: GreyImage[], options: { fps?: number; repeat?: number } = {}): void {
  const first = frames[0];
  if (!first) throw new Error('no frames');
  const { width, height } = first;
  if (width % 2 !== 0 || height % 2 !== 0) throw new Error('Y4M 4:2:0 needs even sizes');
  const chroma = new Uint8Array((width / 2) * (height / 2)).fill(128); // no colour
  const parts: Uint8Array[] = [Buffer.from(`YUV4MPEG2 W${width} H${height} F${options.fps ?? 10}:1 Ip A1:1 C420jpeg\n`, 'latin1')];
  for (const frame of frames) {
    if (frame.width !== width || frame.height !== height) throw new Error('frames differ in size');
    for (let i = 0; i < (options.repeat ?? 1); i += 1) {
      parts.push(Buffer.from('FRAME\n', 'latin1'), frame.pixels, chroma, chroma);
    }
  }
  writeFileSync(file, Buffer.concat(parts));
}

/** What camera-harness.html exposes on `window` (typed here: the Node side does not see the renderer's globals). */
export interface HarnessWindow {
  examdayCameraHarness?: {
    codes: string[];
    status(): Promise<{ engines: string[]; wasmError?: string }>;
    decodeUrl(
      url: string,
      options?: { formats?: string[]; engine?: 'wasm' | 'js'; frame?: { width: number; height: number } },
    ): Promise<{ code: { text: string; format: string; engine: string } | null; ms: number; pixelsMs?: number; error?: string }>;
  };
}
