import { describe, expect, it } from 'vitest';
import { readImageHeader } from '../../shared/photos/image-header';
import { testJpeg, testPng, testWebp } from '../support/photo-files';

const bytes = (...parts: (number[] | string)[]): Uint8Array =>
  Uint8Array.from(parts.flatMap((p) => (typeof p === 'string' ? [...p].map((c) => c.charCodeAt(0)) : p)));

/** A copy with one byte changed. */
const withByte = (b: Uint8Array, at: number, value: number): Uint8Array => {
  const copy = b.slice();
  copy[at] = value;
  return copy;
};

describe('readImageHeader', () => {
  it.each([
    ['a JPEG with a baseline frame header', testJpeg(1, 358, 441), { ok: true, mime: 'image/jpeg', width: 358, height: 441 }],
    ['a PNG with a valid IHDR', testPng(1, 33, 48), { ok: true, mime: 'image/png', width: 33, height: 48 }],
    ['a lossless WebP', testWebp(1, 300, 400), { ok: true, mime: 'image/webp', width: 300, height: 400 }],
  ] as const)('reads %s', (_case, image, expected) => {
    expect(readImageHeader(image)).toEqual(expected);
  });

  it.each([
    ['three JPEG magic bytes and filler', bytes([0xff, 0xd8, 0xff, 0xe0], new Array<number>(60).fill(7)), 'JPEG 图片已损坏（找不到有效的图像尺寸）'],
    ['a JPEG whose scan starts before any frame header', bytes([0xff, 0xd8, 0xff, 0xda, 0x00, 0x08], new Array<number>(8).fill(0)), 'JPEG 图片已损坏（找不到有效的图像尺寸）'],
    ['a JPEG frame with 2 components', withByte(testJpeg(1), 2 + 18 + 9, 2), 'JPEG 图片已损坏（找不到有效的图像尺寸）'],
    ['a PNG signature and filler', bytes([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a], new Array<number>(40).fill(1)), 'PNG 图片已损坏（文件头 IHDR 无效）'],
    ['a PNG whose IHDR CRC does not match', withByte(testPng(1), 17, 0x7f), 'PNG 图片已损坏（文件头 IHDR 无效）'],
    ['RIFF…WEBP and nothing else', bytes('RIFF', [4, 0, 0, 0], 'WEBP'), 'WebP 图片已损坏（文件头无效）'],
    ['a WebP cut short of its RIFF size', testWebp(1).subarray(0, 22), 'WebP 图片已损坏（文件头无效）'],
    ['a GIF', bytes('GIF89a', [1, 0, 1, 0]), '不是 JPEG、PNG 或 WebP 图片'],
    ['a 1×1 tracking pixel', testPng(1, 1, 1), '图片尺寸 1×1 像素不像证件照（每边应在 16–10000 像素之间）'],
    ['a 60 000-pixel-wide JPEG', testJpeg(1, 60000, 100), '图片尺寸 60000×100 像素不像证件照（每边应在 16–10000 像素之间）'],
  ] as const)('refuses %s with the reason', (_case, image, reason) => {
    expect(readImageHeader(image)).toEqual({ ok: false, reason });
  });
});
