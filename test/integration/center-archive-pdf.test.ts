import { execFileSync } from 'node:child_process';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { strFromU8, unzipSync, zipSync } from 'fflate';
import { afterAll, describe, expect, it } from 'vitest';
import { buildDayArchive } from '../../electron/center/archive';
import { loadCenterKey } from '../../electron/center/center-identity';
import { CenterIngest } from '../../electron/center/ingest';
import { verifyArchive } from '../../electron/center/verify-archive';
import { SignaturePool } from '../../electron/core/signature-pool';
import { dayKeyOf } from '../../shared/center/center-protocol';
import type { CustodyParty } from '../../shared/custody/custody-events';
import type { Actor, StaffRole } from '../../shared/domain/types';
import { enrolOffice, freshStore, KeyedDevice, proctor } from '../support/center-fixture';
import { fixtureDay } from '../support/fixture-day';
import { makeTempDir } from '../support/temp-dir';

const T0 = Date.UTC(2026, 10, 25, 0, 10);
const NOW = new Date(2026, 10, 25, 18, 0);
const at = (minute: number): Date => new Date(T0 + minute * 60_000);
const pool = new SignaturePool(2);
const day = fixtureDay(60);
const identity = { organisation: day.plan.organisation, date: day.plan.date, planId: day.plan.planId };
const staffActor = (staffId: string): Actor => {
  const s = day.staff.find((m) => m.staffId === staffId)!;
  return { staffId: s.staffId, name: s.name, role: s.role };
};
const party = (part: CustodyParty['part'], staffId: string, name: string, role: StaffRole): CustodyParty => ({ part, staffId, name, role, proof: 'badge' });

afterAll(async () => {
  await pool.close();
});

/**
 * A site's day with a room record worth printing: room 01 admits 20 of 30, its 主监考 confirms the 10
 * absent, records a cheating incident, counts the papers and both proctors sign; one paper bag goes
 * from the 保密室 to room 01's 主监考.
 */
function siteDay(): KeyedDevice[] {
  const office = new KeyedDevice();
  office.write('plan.set', { plan: day.plan }, proctor, at(0));
  for (const room of day.rooms) office.write('room.defined', { room }, proctor, at(0));
  for (const staff of day.staff) office.write('staff.registered', { staff }, proctor, at(0));
  office.write('candidates.registered', { candidates: day.candidates }, proctor, at(0));
  office.write('bags.registered', { bags: [{ code: 'SJ-0001', kind: 'paper', occupation: '保育师', level: '四级', count: 30, roomNo: '01', sealNos: [], source: 'press-label' }] }, proctor, at(1));
  const keepers = [party('receiver', 'K001', '郑保密', 'secrecy-officer'), party('receiver', 'K002', '孙保密', 'secrecy-officer')];
  office.write('custody.recorded', { bagCode: 'SJ-0001', step: 'store', handoffId: 'h1', place: 'secure-room', parties: keepers, count: 30, seal: { intact: true } }, proctor, at(2));
  office.write(
    'custody.recorded',
    { bagCode: 'SJ-0001', step: 'take-out', handoffId: 'h2', place: 'secure-room', parties: [{ ...keepers[0]!, part: 'giver' }, party('receiver', 'S001', '周主考', 'chief-examiner')] },
    proctor,
    at(20),
  );
  office.write(
    'custody.recorded',
    { bagCode: 'SJ-0001', step: 'issue', handoffId: 'h3', place: 'office', roomNo: '01', parties: [party('giver', 'S001', '周主考', 'chief-examiner'), party('receiver', 'P0001', '主监考1', 'chief-proctor')], count: 30, seal: { intact: true, sealNo: 'F-778' } },
    proctor,
    at(25),
  );

  const door = new KeyedDevice();
  const room01 = day.candidates.filter((c) => c.roomNo === '01');
  room01.slice(0, 20).forEach((c, i) =>
    door.write('checkin.attempted', { roomNo: '01', input: { method: 'scanner', value: c.ticketNo }, verdict: 'admitted', ticketNo: c.ticketNo }, proctor, at(40 + i / 10)),
  );
  const chief = staffActor('P0001');
  door.write('absentees.confirmed', { roomNo: '01', absentees: room01.slice(20).map((c) => ({ ticketNo: c.ticketNo, seatNo: c.seatNo })) }, chief, at(110));
  door.write(
    'incident.recorded',
    {
      roomNo: '01',
      subject: { kind: 'candidate', ticketNo: room01[3]!.ticketNo },
      kindId: 'crib-notes',
      kindLabel: '夹带',
      cheating: true,
      actions: ['confiscated', 'terminated'],
      description: '袖口内藏有小抄',
      occurredAt: at(115).toISOString(),
    },
    chief,
    at(116),
  );
  door.write('papers.counted', { roomNo: '01', count: { kind: 'paper', received: 30, issued: 20, spare: 0, absentKept: 10, collected: 20 } }, chief, at(180));
  door.write('record.signed', { roomNo: '01', slot: 'chief-proctor', proof: 'badge+pin' }, chief, at(185));
  door.write('record.signed', { roomNo: '01', slot: 'second-proctor', proof: 'badge+pin' }, staffActor('P0002'), at(186));
  return [office, door];
}

const pdfText = (bytes: Uint8Array): string => {
  const dir = makeTempDir('examday-pdf-');
  try {
    const file = join(dir.dir, 'sheet.pdf');
    writeFileSync(file, bytes);
    return execFileSync('pdftotext', ['-layout', file, '-'], { encoding: 'utf8' });
  } finally {
    dir.remove();
  }
};
const pdfFonts = (bytes: Uint8Array): string => {
  const dir = makeTempDir('examday-pdf-');
  try {
    const file = join(dir.dir, 'sheet.pdf');
    writeFileSync(file, bytes);
    return execFileSync('pdffonts', [file], { encoding: 'utf8' });
  } finally {
    dir.remove();
  }
};

describe('the day archive’s PDFs', () => {
  it('holds one 考场情况记录单 per room and the 试卷流转记录, covered by the manifest, readable in Chinese without system fonts', async () => {
    const opened = await freshStore('embedded', undefined, 'archive_pdf');
    try {
      const key = await loadCenterKey(opened.store);
      const [office, door] = siteDay();
      const { site } = await enrolOffice(opened.store, office!, day.plan.organisation);
      const stored = await new CenterIngest(opened.store, key, pool, () => NOW).receive(site, {
        day: identity,
        events: [...office!.events, ...door!.events].map((e) => JSON.parse(JSON.stringify(e)) as Record<string, unknown>),
        keys: [door!.key],
      });
      if (!stored.ok || stored.rejected.length > 0) throw new Error(JSON.stringify(stored));

      const archive = (await buildDayArchive(opened.store, key, dayKeyOf(identity), NOW))!;
      expect(verifyArchive(archive.bytes)).toMatchObject({ ok: true, problems: [] });
      const files = unzipSync(archive.bytes);
      const manifest = JSON.parse(strFromU8(files['manifest.json']!)) as { files: { path: string }[] };
      const pdfs = manifest.files.map((f) => f.path).filter((p) => p.endsWith('.pdf'));
      expect(pdfs).toEqual(['pdf/考场情况记录单-01.pdf', 'pdf/考场情况记录单-02.pdf', 'pdf/试卷流转记录.pdf']);
      // The JSON stays beside them.
      expect(Object.keys(files)).toEqual(expect.arrayContaining(['rooms.json', 'custody.json']));

      const room01 = files['pdf/考场情况记录单-01.pdf']!;
      expect(strFromU8(room01.subarray(0, 5))).toBe('%PDF-');
      // The Chinese font travels inside the PDF, cut to the glyphs used.
      expect(pdfFonts(room01)).toMatch(/[A-Z]{6}\+NotoSansSC-Regular\s+CID TrueType\s+Identity-H\s+yes yes yes/);
      const text = pdfText(room01);
      const candidates = day.candidates.filter((c) => c.roomNo === '01');
      expect(text).toContain('考场情况记录单');
      expect(text).toContain('第1考场');
      expect(text).toMatch(/应到：30 人\s+实到：20 人/);
      expect(text).toMatch(/缺考：10 人\s+舞弊：1 人/);
      // An absentee with the ticket, and the cheating incident with what was done.
      expect(text).toContain(candidates[25]!.ticketNo);
      expect(text).toContain('夹带（舞弊）');
      expect(text).toContain('收缴物品、终止考试');
      expect(text).toMatch(/主监考\s+主监考1\s+\d\d:\d\d/);
      // A name with a character the font lacks (CJK Extension B) says which one instead of printing a box.
      expect(candidates[2]!.name).toBe('张𠈌');
      expect(text).toMatch(/3\s+20261100000003\s+张\[U\+2020C\]/);
      // ID numbers only as their last four.
      for (const c of candidates) expect(text).not.toContain(c.idNumber);
      expect(text).toContain(`**************${candidates[25]!.idNumber.slice(-4)}`);
      // Every page says which sheet it belongs to.
      expect(text).toMatch(/考场情况记录单 第1考场\s+第\s*1\s*页\s*\/\s*共\s*2\s*页/);
      expect(pdfText(files['pdf/考场情况记录单-02.pdf']!)).toContain('第2考场');

      const custody = pdfText(files['pdf/试卷流转记录.pdf']!);
      expect(custody).toContain('试卷流转记录');
      expect(custody).toContain('SJ-0001');
      expect(custody).toContain('存入保密室');
      expect(custody).toMatch(/交出人 周主考（主考）/);
      expect(custody).toContain('接收人 主监考1（主监考）');
      expect(custody).toContain('完好 F-778');

      // A PDF taken out, or changed, fails the archive with its name.
      const { ['pdf/考场情况记录单-02.pdf']: _removed, ...without } = files;
      expect(verifyArchive(zipSync(without)).problems).toEqual(['缺少文件 pdf/考场情况记录单-02.pdf']);
      const altered = new Uint8Array(room01);
      altered[altered.length - 10] = room01[room01.length - 10]! ^ 1;
      expect(verifyArchive(zipSync({ ...files, 'pdf/考场情况记录单-01.pdf': altered })).problems).toEqual(['文件 pdf/考场情况记录单-01.pdf 被改动（哈希与清单不符）']);
    } finally {
      await opened.store.close();
      opened.remove();
    }
  });
});
