import { crc32 } from '../zip/crc32';
import type { PhotoMime } from './photo';

/**
 * A photo's type and size read from its header by the format's own rules, not from three magic bytes:
 * JPEG (ITU T.81: SOI, then segments up to a frame header SOFn with the dimensions), PNG (ISO 15948:
 * signature, then an IHDR chunk whose CRC matches), WebP (RIFF container, WEBP form, a VP8, VP8L or
 * VP8X first chunk with the dimensions). Anything else is refused with the reason.
 */
export type ImageHeader = { ok: true; mime: PhotoMime; width: number; height: number } | { ok: false; reason: string };

/** An ID photo is a few hundred pixels a side; a phone picture a few thousand. */
export const MIN_PHOTO_SIDE = 16;
export const MAX_PHOTO_SIDE = 10_000;

const NOT_AN_IMAGE = '不是 JPEG、PNG 或 WebP 图片';

export function readImageHeader(bytes: Uint8Array): ImageHeader {
  const found = bytes[0] === 0xff && bytes[1] === 0xd8 ? readJpeg(bytes) : startsWith(bytes, PNG_SIGNATURE) ? readPng(bytes) : isWebp(bytes) ? readWebp(bytes) : undefined;
  if (found === undefined) return { ok: false, reason: NOT_AN_IMAGE };
  if (typeof found === 'string') return { ok: false, reason: found };
  const { width, height } = found;
  if (width < MIN_PHOTO_SIDE || height < MIN_PHOTO_SIDE || width > MAX_PHOTO_SIDE || height > MAX_PHOTO_SIDE) {
    return { ok: false, reason: `图片尺寸 ${width}×${height} 像素不像证件照（每边应在 ${MIN_PHOTO_SIDE}–${MAX_PHOTO_SIDE} 像素之间）` };
  }
  return { ok: true, ...found };
}

type Found = { mime: PhotoMime; width: number; height: number } | string;

const PNG_SIGNATURE = [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a];

function startsWith(bytes: Uint8Array, prefix: readonly number[], at = 0): boolean {
  return bytes.length >= at + prefix.length && prefix.every((b, i) => bytes[at + i] === b);
}

function ascii(bytes: Uint8Array, from: number, to: number): string {
  return String.fromCharCode(...bytes.subarray(from, Math.min(to, bytes.length)));
}

const u16be = (b: Uint8Array, at: number): number => ((b[at] ?? 0) << 8) | (b[at + 1] ?? 0);
const u32be = (b: Uint8Array, at: number): number => (u16be(b, at) * 0x10000 + u16be(b, at + 2)) >>> 0;
const u16le = (b: Uint8Array, at: number): number => (b[at] ?? 0) | ((b[at + 1] ?? 0) << 8);
const u24le = (b: Uint8Array, at: number): number => u16le(b, at) | ((b[at + 2] ?? 0) << 16);
const u32le = (b: Uint8Array, at: number): number => (u24le(b, at) + (b[at + 3] ?? 0) * 0x1000000) >>> 0;

/** SOF0–SOF15 except DHT (C4), JPG (C8) and DAC (CC): the frame headers that carry the dimensions. */
const isStartOfFrame = (marker: number): boolean => marker >= 0xc0 && marker <= 0xcf && marker !== 0xc4 && marker !== 0xc8 && marker !== 0xcc;

function readJpeg(bytes: Uint8Array): Found {
  const broken = 'JPEG 图片已损坏（找不到有效的图像尺寸）';
  let at = 2;
  while (at + 4 <= bytes.length) {
    if (bytes[at] !== 0xff) return broken;
    let marker = bytes[at + 1] ?? 0;
    // Any number of 0xFF fill bytes may precede a marker.
    while (marker === 0xff && at + 2 < bytes.length) marker = bytes[++at + 1] ?? 0;
    at += 2;
    if ((marker >= 0xd0 && marker <= 0xd7) || marker === 0x01) continue; // RSTn, TEM: no length
    if (marker === 0xd9 || marker === 0xda || marker === 0xd8 || marker === 0x00) return broken; // EOI or scan before a frame
    const length = u16be(bytes, at);
    if (length < 2 || at + length > bytes.length) return broken;
    if (isStartOfFrame(marker)) {
      if (length < 8) return broken;
      const precision = bytes[at + 2];
      const height = u16be(bytes, at + 3);
      const width = u16be(bytes, at + 5);
      const components = bytes[at + 7] ?? 0;
      if ((precision !== 8 && precision !== 12) || ![1, 3, 4].includes(components) || length !== 8 + 3 * components) return broken;
      return { mime: 'image/jpeg', width, height };
    }
    at += length;
  }
  return broken;
}

/** PNG colour types and the bit depths each allows (ISO 15948 table 11.1). */
const PNG_DEPTHS: Record<number, number[]> = { 0: [1, 2, 4, 8, 16], 2: [8, 16], 3: [1, 2, 4, 8], 4: [8, 16], 6: [8, 16] };

function readPng(bytes: Uint8Array): Found {
  const broken = 'PNG 图片已损坏（文件头 IHDR 无效）';
  if (bytes.length < 33 || u32be(bytes, 8) !== 13 || ascii(bytes, 12, 16) !== 'IHDR') return broken;
  if (crc32(bytes, 12, 29) !== u32be(bytes, 29)) return broken;
  const width = u32be(bytes, 16);
  const height = u32be(bytes, 20);
  const depth = bytes[24] ?? 0;
  const colour = bytes[25] ?? 0;
  const [compression, filter, interlace] = [bytes[26], bytes[27], bytes[28]];
  if (!(PNG_DEPTHS[colour] ?? []).includes(depth) || compression !== 0 || filter !== 0 || (interlace !== 0 && interlace !== 1)) return broken;
  return { mime: 'image/png', width, height };
}

function isWebp(bytes: Uint8Array): boolean {
  return ascii(bytes, 0, 4) === 'RIFF' && ascii(bytes, 8, 12) === 'WEBP';
}

function readWebp(bytes: Uint8Array): Found {
  const broken = 'WebP 图片已损坏（文件头无效）';
  // The RIFF size counts everything after its own eight bytes; a file cut short is refused.
  if (bytes.length < 20 || u32le(bytes, 4) + 8 > bytes.length) return broken;
  const chunk = ascii(bytes, 12, 16);
  const size = u32le(bytes, 16);
  const data = 20;
  if (data + size > bytes.length) return broken;
  if (chunk === 'VP8 ') {
    // Frame tag (3 bytes, bit 0 clear on a key frame), start code 9D 01 2A, then 14-bit width and height.
    if (size < 10 || ((bytes[data] ?? 1) & 1) !== 0 || !startsWith(bytes, [0x9d, 0x01, 0x2a], data + 3)) return broken;
    return { mime: 'image/webp', width: u16le(bytes, data + 6) & 0x3fff, height: u16le(bytes, data + 8) & 0x3fff };
  }
  if (chunk === 'VP8L') {
    // Signature 0x2F, then width − 1 and height − 1 in 14 bits each, then a 3-bit version that must be 0.
    if (size < 5 || bytes[data] !== 0x2f) return broken;
    const bits = u32le(bytes, data + 1);
    if (bits >>> 29 !== 0) return broken;
    return { mime: 'image/webp', width: (bits & 0x3fff) + 1, height: ((bits >>> 14) & 0x3fff) + 1 };
  }
  if (chunk === 'VP8X') {
    if (size < 10) return broken;
    return { mime: 'image/webp', width: u24le(bytes, data + 4) + 1, height: u24le(bytes, data + 7) + 1 };
  }
  return broken;
}
