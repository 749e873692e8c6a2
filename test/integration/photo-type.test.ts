import { createHash } from 'node:crypto';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { SYSTEM_ACTOR } from '../../shared/domain/types';
import { openCoreHost, type CoreHost } from '../../electron/core/core-host';
import { FIXTURE_PLAN_FORM as planForm, fixtureDay } from '../support/fixture-day';
import { testPng } from '../support/photo-files';
import { alteredInside } from '../support/sealed';
import { makeTempDir } from '../support/temp-dir';

const base64 = (bytes: Uint8Array): string => Buffer.from(bytes).toString('base64');

describe('a photo is judged by its header, and the type travels signed', () => {
  let office: ReturnType<typeof makeTempDir>;
  let door: ReturnType<typeof makeTempDir>;
  let officeHost: CoreHost;
  const day = fixtureDay(4);
  beforeEach(() => {
    office = makeTempDir();
    door = makeTempDir();
    officeHost = openCoreHost({ dataDir: office.dir, now: () => new Date(2026, 10, 25, 7, 0) });
    const h = officeHost.handlers;
    expect(h.savePlan({ plan: planForm })).toMatchObject({ ok: true });
    expect(h.importRoster({ rooms: day.rooms, candidates: day.candidates })).toMatchObject({ ok: true });
  });
  afterEach(() => {
    officeHost.close();
    office.remove();
    door.remove();
  });

  it('refuses three JPEG magic bytes followed by anything, with the reason', () => {
    const fake = Buffer.concat([Buffer.from([0xff, 0xd8, 0xff, 0xe0]), Buffer.from('<script>alert(1)</script>')]);
    const ticketNo = day.candidates[0]!.ticketNo;
    expect(officeHost.handlers.attachCandidatePhotos({ photos: [{ key: ticketNo, dataBase64: fake.toString('base64') }] })).toEqual({
      ok: false,
      error: { code: 'invalid-input', message: `照片 ${ticketNo}：JPEG 图片已损坏（找不到有效的图像尺寸），本批照片未保存` },
    });
  });

  it('takes the type from the signed event at the door, not from the package\'s unsigned label', () => {
    const ticketNo = day.candidates[0]!.ticketNo;
    expect(officeHost.handlers.attachCandidatePhotos({ photos: [{ key: ticketNo, dataBase64: base64(testPng(5)) }] })).toMatchObject({ ok: true });
    const exported = officeHost.handlers.exportDayPackage({});
    if (!exported.ok) throw new Error(exported.error.message);
    const { passphrase } = exported.value;
    const relabelled = alteredInside('day-package', exported.value.content, passphrase, officeHost.real.key, (inner) => {
      const pkg = JSON.parse(inner) as { photos: { mime: string }[] };
      return JSON.stringify({ ...pkg, photos: pkg.photos.map((p) => ({ ...p, mime: 'image/jpeg' })) });
    });

    const doorHost = openCoreHost({ dataDir: door.dir, now: () => new Date(2026, 10, 25, 8, 10) });
    try {
      expect(doorHost.handlers.importDayPackage({ content: relabelled, passphrase })).toMatchObject({ ok: true });
      expect(doorHost.handlers.getCandidatePhoto({ ticketNo })).toMatchObject({ ok: true, value: { mime: 'image/png' } });
      const stored = doorHost.real.db.prepare('SELECT mime FROM candidate_photos').all();
      expect(stored).toEqual([{ mime: 'image/png' }]);
    } finally {
      doorHost.close();
    }
  });

  it('refuses a package whose signed event calls bytes a PNG that are not one', () => {
    // A key that signs whatever it is given (a rogue or broken office): the door re-reads the bytes.
    const bytes = Buffer.from('<html><script>alert(1)</script></html>');
    const sha256 = createHash('sha256').update(bytes).digest('hex');
    officeHost.real.db.prepare('INSERT INTO candidate_photos (sha256, mime, bytes) VALUES (?, ?, ?)').run(sha256, 'image/png', bytes);
    const ticketNo = day.candidates[1]!.ticketNo;
    officeHost.real.commit([{ type: 'candidate.photo-attached', payload: { ticketNo, sha256, mime: 'image/png', byteLength: bytes.length }, actor: SYSTEM_ACTOR }]);
    const exported = officeHost.handlers.exportDayPackage({});
    if (!exported.ok) throw new Error(exported.error.message);

    const doorHost = openCoreHost({ dataDir: door.dir, now: () => new Date(2026, 10, 25, 8, 10) });
    try {
      expect(doorHost.handlers.importDayPackage({ content: exported.value.content, passphrase: exported.value.passphrase })).toEqual({
        ok: false,
        error: { code: 'refused', message: '数据包中的照片类型与签名记录不符（不是 JPEG、PNG 或 WebP 图片）' },
      });
      expect(doorHost.handlers.getCandidatePhoto({ ticketNo })).toMatchObject({ ok: false });
    } finally {
      doorHost.close();
    }
  });
});
