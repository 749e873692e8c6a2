import { deflateSync } from 'fflate';
import { crc32 } from '../../shared/zip/crc32';

/**
 * Genuine image headers for tests (the core reads the header by each format's rules, image-header.ts),
 * each followed by `seed` so two photos differ. Browser-safe: the e2e specs use them too.
 */

function u32be(n: number): number[] {
  return [(n >>> 24) & 255, (n >>> 16) & 255, (n >>> 8) & 255, n & 255];
}

function pngChunk(type: string, data: Uint8Array): number[] {
  const body = [...type].map((c) => c.charCodeAt(0)).concat([...data]);
  return [...u32be(data.length), ...body, ...u32be(crc32(Uint8Array.from(body)))];
}

/** A real, decodable PNG of `width`×`height` grey pixels (8-bit greyscale), shade from `seed`. */
export function testPng(seed: number, width = 32, height = 40): Uint8Array {
  const header = Uint8Array.from([...u32be(width), ...u32be(height), 8, 0, 0, 0, 0]);
  const raw = new Uint8Array((width + 1) * height);
  for (let y = 0; y < height; y += 1) raw.fill(seed & 255, y * (width + 1) + 1, (y + 1) * (width + 1));
  return Uint8Array.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, ...pngChunk('IHDR', header), ...pngChunk('IDAT', deflateSync(raw)), ...pngChunk('IEND', new Uint8Array())]);
}

/** JPEG markers up to a baseline frame header (SOF0) of `width`×`height`, three components. */
export function testJpeg(seed: number, width = 120, height = 160): Uint8Array {
  const app0 = [0xff, 0xe0, 0x00, 0x10, 0x4a, 0x46, 0x49, 0x46, 0x00, 0x01, 0x01, 0x00, 0x00, 0x01, 0x00, 0x01, 0x00, 0x00];
  const sof0 = [0xff, 0xc0, 0x00, 0x11, 0x08, height >> 8, height & 255, width >> 8, width & 255, 0x03, 0x01, 0x22, 0x00, 0x02, 0x11, 0x01, 0x03, 0x11, 0x01];
  return Uint8Array.from([0xff, 0xd8, ...app0, ...sof0, 0xff, 0xd9, seed & 255]);
}

/** A lossless WebP (VP8L) header of `width`×`height`. */
export function testWebp(seed: number, width = 120, height = 160): Uint8Array {
  const bits = (width - 1) | ((height - 1) << 14);
  const vp8l = [0x2f, bits & 255, (bits >>> 8) & 255, (bits >>> 16) & 255, (bits >>> 24) & 255, seed & 255];
  const chunk = [...'VP8L'].map((c) => c.charCodeAt(0)).concat([vp8l.length, 0, 0, 0], vp8l);
  const riffSize = 4 + chunk.length;
  return Uint8Array.from([...'RIFF'].map((c) => c.charCodeAt(0)).concat([riffSize & 255, (riffSize >> 8) & 255, 0, 0], [...'WEBP'].map((c) => c.charCodeAt(0)), chunk));
}
