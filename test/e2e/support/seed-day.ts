import { deflateSync } from 'node:zlib';
import { openCore } from '../../../electron/core/core';
import { samplePinEvents } from '../../../electron/core/sample-day-loader';
import type { Candidate } from '../../../shared/domain/types';
import { SYSTEM_ACTOR } from '../../../shared/domain/types';
import { fixtureDay, fixtureDayEvents, type FixtureDay } from '../../support/fixture-day';

/** Today's local date, as the plan of a seeded day carries it (the late cut-off is judged on it). */
export function todayLocal(): string {
  const d = new Date();
  return `${d.getFullYear()}-${String(d.getMonth() + 1).padStart(2, '0')}-${String(d.getDate()).padStart(2, '0')}`;
}

const CRC_TABLE = Array.from({ length: 256 }, (_, n) => {
  let c = n;
  for (let k = 0; k < 8; k += 1) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
  return c >>> 0;
});

function crc32(bytes: Buffer): number {
  let c = 0xffffffff;
  for (const b of bytes) c = (CRC_TABLE[(c ^ b) & 0xff] ?? 0) ^ (c >>> 8);
  return (c ^ 0xffffffff) >>> 0;
}

function chunk(type: string, data: Buffer): Buffer {
  const body = Buffer.concat([Buffer.from(type, 'ascii'), data]);
  const out = Buffer.alloc(8 + data.length + 4);
  out.writeUInt32BE(data.length, 0);
  body.copy(out, 4);
  out.writeUInt32BE(crc32(body), 8 + data.length);
  return out;
}

/** A 120×160 portrait-shaped PNG: a head and shoulders in grey on blue, enough to see a photo is shown. */
export function portraitPng(): Buffer {
  const [w, h] = [120, 160];
  const rows: Buffer[] = [];
  for (let y = 0; y < h; y += 1) {
    const row = Buffer.alloc(1 + w * 3);
    for (let x = 0; x < w; x += 1) {
      const head = (x - 60) ** 2 + (y - 62) ** 2 < 30 ** 2;
      const shoulders = y > 105 && Math.abs(x - 60) < 20 + (y - 105);
      const [r, g, b] = head ? [226, 196, 170] : shoulders ? [60, 70, 90] : [70, 130, 200];
      row.set([r, g, b], 1 + x * 3);
    }
    rows.push(row);
  }
  const header = Buffer.alloc(13);
  header.writeUInt32BE(w, 0);
  header.writeUInt32BE(h, 4);
  header.set([8, 2, 0, 0, 0], 8);
  return Buffer.concat([
    Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]),
    chunk('IHDR', header),
    chunk('IDAT', deflateSync(Buffer.concat(rows))),
    chunk('IEND', Buffer.alloc(0)),
  ]);
}

export interface SeededDay extends FixtureDay {
  /** On the roster of another session (tomorrow afternoon). */
  otherSession: Candidate;
}

/**
 * Writes an exam day into an empty data folder with the core itself, as an import would, so the
 * server started on it finds a day and loads no sample: today at 08:30–10:00, both documents asked
 * for, plus a candidate of another session, photos for `photoTickets` and the staff's sample PINs.
 */
export function seedDay(dataDir: string, options: { candidates?: number; photoTickets?: string[] } = {}): SeededDay {
  const day = fixtureDay(options.candidates ?? 85, { date: todayLocal(), requiredDocuments: 'ticket-and-id' });
  const base = day.candidates[10]!;
  const otherSession: Candidate = {
    ...base,
    ticketNo: '20261109999901',
    name: '孙另场',
    idNumber: '110105198801010014',
    // Room 03 has 25 candidates in an 85-candidate day: seat 30 there is free.
    roomNo: '03',
    seatNo: 30,
    session: { date: '2099-01-01', startTime: '13:30' },
  };
  const core = openCore({ dataDir });
  try {
    core.commit(fixtureDayEvents(day));
    core.commit([{ type: 'candidate.registered', payload: { candidate: otherSession }, actor: SYSTEM_ACTOR }]);
    // Staff sign in by badge and PIN (issue 11): the sample day's rule, 2468 and the ID's last two digits.
    core.commit(samplePinEvents(day.staff));
    const photos = (options.photoTickets ?? []).map((ticketNo) => ({ key: ticketNo, dataBase64: portraitPng().toString('base64') }));
    if (photos.length > 0) {
      const attached = core.handlers.attachCandidatePhotos({ photos });
      if (!attached.ok) throw new Error(attached.error.message);
    }
  } finally {
    core.close();
  }
  return { ...day, otherSession };
}
