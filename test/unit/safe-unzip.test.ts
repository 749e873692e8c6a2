import { strToU8, zipSync } from 'fflate';
import { describe, expect, it } from 'vitest';
import { readPhotoZip } from '../../shared/photos/photo-zip';
import { checkRosterFile } from '../../shared/roster/check-roster';
import { readFirstSheet } from '../../shared/roster/xlsx-reader';
import { crc32 } from '../../shared/zip/crc32';
import { safeUnzip, type UnzipLimits } from '../../shared/zip/safe-unzip';
import { makeXlsx, ROSTER_HEADER, rosterRow } from '../support/roster-files';
import { repeatedEntryZip, withDeclaredSize } from '../support/zip-surgery';

const MB = 1024 * 1024;
const ROOMY: UnzipLimits = { maxEntries: 100, maxEntryBytes: 64 * MB, maxTotalBytes: 128 * MB, maxRatio: 1000, ratioFloorBytes: MB };

/** Large, repetitive content: what a zip bomb is made of. */
const repetitive = (bytes: number): Uint8Array => new Uint8Array(bytes).fill(0x61);

describe('safeUnzip', () => {
  it('reads stored and deflated entries as written, and only those asked for', () => {
    const zip = zipSync({ 'a.xml': [strToU8('<a>甲</a>'), { level: 0 }], 'b.xml': strToU8('<b>'.repeat(1000)), 'c.bin': new Uint8Array([1, 2, 3]) });
    const read = safeUnzip(zip, ROOMY, (e) => e.name.endsWith('.xml'));
    expect(read.ok && [...read.files.keys()]).toEqual(['a.xml', 'b.xml']);
    expect(read.ok && new TextDecoder().decode(read.files.get('b.xml'))).toBe('<b>'.repeat(1000));
  });

  it('computes the zip CRC-32', () => {
    expect(crc32(strToU8('123456789'))).toBe(0xcbf43926);
  });

  it('refuses an entry whose header understates its size: the inflater stops at the declared size', { timeout: 20_000 }, () => {
    const zip = zipSync({ 'big.xml': repetitive(50 * MB) });
    const lying = withDeclaredSize(zip, 'big.xml', () => 1024);
    const read = safeUnzip(lying, ROOMY);
    expect(read).toEqual({ ok: false, reason: '文件已损坏（zip 结构不完整或校验不符）：big.xml', refusal: { code: 'zip-entry-damaged', params: { name: 'big.xml' } } });
  });

  it('refuses an entry whose bytes do not match its CRC-32', () => {
    const zip = zipSync({ 'a.xml': [strToU8('<a>0123456789</a>'), { level: 0 }] });
    // The '5' inside the stored data: searched as the whole text, since a lone 0x35 may be a byte of the
    // entry's DOS time in the header (the test failed at such minutes).
    const at = Buffer.from(zip).indexOf('0123456789') + 5;
    expect(at).toBeGreaterThan(5);
    zip[at] = 0x36;
    expect(safeUnzip(zip, ROOMY).ok).toBe(false);
  });

  it('refuses what is not a zip, with a reason', () => {
    expect(safeUnzip(strToU8('PK\u0003\u0004 not really'), ROOMY)).toEqual({ ok: false, reason: '文件已损坏或不是 zip 文件（找不到 zip 目录）', refusal: { code: 'zip-not-a-zip', params: {} } });
  });
});

describe('the .xlsx reader', () => {
  it('refuses six 250 MB entries in a small file before inflating any', () => {
    const bomb = repeatedEntryZip({ 'x.xml': repetitive(250 * MB) }, 6, (i) => `xl/worksheets/sheet${i + 1}.xml`);
    expect(bomb.length).toBeLessThan(2 * MB);
    const before = process.memoryUsage().arrayBuffers;
    const read = readFirstSheet(bomb);
    expect(read).toEqual({
      ok: false,
      reason: '压缩文件中的“xl/worksheets/sheet1.xml”解压后过大（250 MB，上限 100 MB）',
      refusal: { code: 'zip-entry-too-large', params: { name: 'xl/worksheets/sheet1.xml', size: '250 MB', max: '100 MB' } },
    });
    expect(process.memoryUsage().arrayBuffers - before).toBeLessThan(64 * MB);
  }, 30_000);

  it('refuses entries that are each under the cap but inflate a thousandfold together', () => {
    const bomb = repeatedEntryZip({ 'x.xml': repetitive(MB) }, 150, (i) => `xl/media/part${i}.xml`);
    const read = readFirstSheet(bomb);
    expect(read.ok).toBe(false);
    expect(!read.ok && read.reason).toMatch(/压缩比异常（\d+ 倍，上限 200 倍），疑为压缩炸弹/);
  });

  it('refuses a damaged roster whose sheet header understates its size, instead of reading 60 of 100 rows', () => {
    const rows = [ROSTER_HEADER, ...Array.from({ length: 100 }, (_, i) => rosterRow(i + 1))];
    const good = makeXlsx(rows);
    expect(checkRosterFile(good, 'roster.xlsx').ok && true).toBe(true);
    const damaged = withDeclaredSize(good, 'xl/worksheets/sheet1.xml', (actual) => Math.floor(actual * 0.6));
    const checked = checkRosterFile(damaged, 'roster.xlsx');
    expect(checked).toEqual({
      ok: false,
      message: '无法读取该文件：文件已损坏（zip 结构不完整或校验不符）：xl/worksheets/sheet1.xml',
      refusal: { code: 'zip-entry-damaged', params: { name: 'xl/worksheets/sheet1.xml' }, prefix: 'file-unreadable' },
    });
  });

  it('refuses a roster with a header and no rows', () => {
    const checked = checkRosterFile(makeXlsx([ROSTER_HEADER]), 'roster.xlsx');
    expect(checked.ok).toBe(false);
    expect(!checked.ok && checked.message).toContain('名单中没有考生');
  });
});

describe('the photo .zip reader', () => {
  const jpeg = (n: number): Uint8Array => new Uint8Array([0xff, 0xd8, 0xff, 0xe0, n]);

  it('reads photos by name, skipping what is not an image without inflating it', () => {
    const zip = zipSync({ '照片/2026001.jpg': jpeg(1), '2026002.PNG': jpeg(2), 'readme.txt': strToU8('hi'), '__MACOSX/._2026001.jpg': jpeg(3) });
    const read = readPhotoZip(zip);
    expect(read.ok && read.photos.map((p) => p.key)).toEqual(['2026001', '2026002']);
    expect(read.ok && read.skipped).toBe(1);
  });

  it('refuses a 1 MB zip that would inflate to 1 GB, before inflating it', () => {
    const bomb = repeatedEntryZip({ 'x.jpg': repetitive(2 * MB) }, 500, (i) => `${2026000 + i}.jpg`);
    expect(bomb.length).toBeLessThan(2 * MB);
    const read = readPhotoZip(bomb);
    expect(read.ok).toBe(false);
    expect(!read.ok && read.reason).toMatch(/^无法读取该 \.zip 文件：压缩文件解压后过大（1000 MB，上限 1024 MB）|压缩比异常/);
  });
});
