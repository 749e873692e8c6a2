import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import Database from 'better-sqlite3-multiple-ciphers';
import { join } from 'node:path';
import { DATABASE_FILE, openCore, type Core } from '../../electron/core/core';
import { MIGRATIONS } from '../../electron/core/migrations';
import { rebuildProjections } from '../../electron/core/projection';
import { dumpProjection } from '../../electron/core/sqlite-projection-store';
import { verifyEventLog } from '../../electron/core/verify-log';
import { fixtureDay, fixtureDayEvents } from '../support/fixture-day';
import { makeTempDir } from '../support/temp-dir';
import { testPng } from '../support/photo-files';

/** A small, genuine PNG (the core reads its header). */
function fakePng(seed: number): Buffer {
  return Buffer.from(testPng(seed));
}

describe('candidate photos (migration 0005, candidate.photo-attached)', () => {
  let temp: ReturnType<typeof makeTempDir>;
  let core: Core;
  const day = fixtureDay(3);
  const ticket = day.candidates[0]!.ticketNo;
  beforeEach(() => {
    temp = makeTempDir();
    core = openCore({ dataDir: temp.dir, now: () => new Date(2026, 10, 25, 7, 30) });
    core.commit(fixtureDayEvents(day));
  });
  afterEach(() => {
    core.close();
    temp.remove();
  });

  it('stores the bytes beside the log and only their hash, type and size in the event', () => {
    expect(core.handlers.getCandidatePhoto({ ticketNo: ticket })).toMatchObject({ ok: false, error: { code: 'not-found' } });
    const png = fakePng(7);
    const attached = core.handlers.attachCandidatePhotos({ photos: [{ key: ticket, dataBase64: png.toString('base64') }] });
    expect(attached).toEqual({ ok: true, value: { attached: 1, unchanged: 0, unmatched: [] } });
    expect(core.handlers.getCandidatePhoto({ ticketNo: ticket })).toEqual({ ok: true, value: { mime: 'image/png', dataBase64: png.toString('base64') } });

    const row = core.db.prepare("SELECT payload FROM events WHERE type = 'candidate.photo-attached'").get() as { payload: string };
    const payload = JSON.parse(row.payload) as Record<string, unknown>;
    expect(Object.keys(payload).sort()).toEqual(['byteLength', 'mime', 'sha256', 'ticketNo']);
    expect(payload.byteLength).toBe(png.length);
    expect(row.payload).not.toContain(png.toString('base64').slice(0, 12));
    expect(verifyEventLog(core.db).ok).toBe(true);

    // The same photo again changes nothing; a rebuild keeps the photo (its bytes are not a projection).
    expect(core.handlers.attachCandidatePhotos({ photos: [{ key: ticket, dataBase64: png.toString('base64') }] })).toEqual({
      ok: true,
      value: { attached: 0, unchanged: 1, unmatched: [] },
    });
    const before = dumpProjection(core.db);
    rebuildProjections(core.db);
    expect(dumpProjection(core.db)).toEqual(before);
    expect(core.handlers.getCandidatePhoto({ ticketNo: ticket })).toMatchObject({ ok: true });
  });

  it('matches by 准考证号 or ID number, reports photos for nobody, and refuses a batch holding a non-image', () => {
    const byId = { key: day.candidates[2]!.idNumber.toLowerCase(), dataBase64: fakePng(4).toString('base64') };
    const stranger = core.handlers.attachCandidatePhotos({ photos: [byId, { key: '999', dataBase64: fakePng(2).toString('base64') }, { key: '110105199001010011', dataBase64: fakePng(2).toString('base64') }] });
    expect(stranger).toEqual({ ok: true, value: { attached: 1, unchanged: 0, unmatched: ['999', '**************0011'] } });
    expect(core.handlers.getPhotoCoverage({})).toMatchObject({ ok: true, value: { candidates: 3, withPhoto: 1, missing: [{ ticketNo: ticket }, { ticketNo: day.candidates[1]!.ticketNo }] } });
    const good = { key: ticket, dataBase64: fakePng(1).toString('base64') };
    const text = core.handlers.attachCandidatePhotos({ photos: [good, { key: day.candidates[1]!.ticketNo, dataBase64: Buffer.from('hello world').toString('base64') }] });
    expect(text).toMatchObject({ ok: false, error: { code: 'invalid-input', message: expect.stringContaining('不是 JPEG') } });
    expect(core.handlers.getCandidatePhoto({ ticketNo: ticket })).toMatchObject({ ok: false });
    expect((core.db.prepare('SELECT COUNT(*) AS n FROM candidate_photos').get() as { n: number }).n).toBe(1);
  });

  it('migration 0005 adds the photo tables to a version-3 database', () => {
    core.close();
    const other = makeTempDir();
    const v3 = new Database(join(other.dir, DATABASE_FILE));
    for (const migration of MIGRATIONS.filter((m) => m.version <= 3)) {
      migration.up(v3);
      v3.pragma(`user_version = ${migration.version}`);
    }
    v3.close();
    const upgraded = openCore({ dataDir: other.dir });
    const tables = (upgraded.db.prepare("SELECT name FROM sqlite_master WHERE type = 'table'").all() as { name: string }[]).map((t) => t.name);
    expect(tables).toEqual(expect.arrayContaining(['candidate_photos', 'proj_candidate_photos']));
    expect(upgraded.db.pragma('user_version', { simple: true })).toBe(MIGRATIONS[MIGRATIONS.length - 1]?.version);
    upgraded.close();
    other.remove();
    core = openCore({ dataDir: temp.dir });
  });
});
