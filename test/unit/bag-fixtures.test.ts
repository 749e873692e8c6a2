import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { bagCountFindings } from '../../shared/custody/bag-counts';
import { checkBagFile, type BagImportContext, type BagImportResult } from '../../shared/custody/bag-import';
import type { Candidate, ExamPlan, Room } from '../../shared/domain/types';

/**
 * Bag lists written by write-excel-file (test/fixtures/bags/write-bag-fixtures.mjs), not by this
 * project's test writer: the bytes of a real .xlsx from another program. Committed, so the test reads
 * exactly what the app offers as its sample (resources/sample-bags.xlsx).
 */
const ROOT = join(__dirname, '..', '..');
const FIXTURES = join(ROOT, 'test', 'fixtures', 'bags');
const sampleDay = JSON.parse(readFileSync(join(ROOT, 'resources', 'sample-day', 'sample-day.json'), 'utf8')) as {
  plan: Pick<ExamPlan, 'occupations'>;
  rooms: Room[];
  candidates: Candidate[];
};

function importFile(path: string, context: BagImportContext): Extract<BagImportResult, { ok: true }> {
  const result = checkBagFile(new Uint8Array(readFileSync(path)), path, context);
  if (!result.ok) throw new Error(result.message);
  return result;
}

describe('the sample day bag list', () => {
  const context: BagImportContext = { existingCodes: [], rooms: sampleDay.rooms, occupations: sampleDay.plan.occupations };

  it('is the file the app offers as its sample', () => {
    expect(readFileSync(join(ROOT, 'resources', 'sample-bags.xlsx'))).toEqual(readFileSync(join(FIXTURES, 'sample-day-bags.xlsx')));
  });

  it('imports with no finding: per room a 试卷 and an 答题卡 bag of candidates + 2, and the two return bags', () => {
    const r = importFile(join(FIXTURES, 'sample-day-bags.xlsx'), context);
    expect(r).toMatchObject({ format: 'xlsx', sheetName: '试卷袋清单', headerRow: 1, findings: [], errorCount: 0 });
    expect(r.entries).toHaveLength(sampleDay.rooms.length * 4);
    for (const room of sampleDay.rooms) {
      const inRoom = sampleDay.candidates.filter((c) => c.roomNo === room.roomNo);
      const bags = r.entries.filter((e) => e.roomNo === room.roomNo);
      expect(bags.map((b) => [b.kind, b.count, b.occupation, b.level])).toEqual([
        ['paper', inRoom.length + 2, inRoom[0]?.occupation, inRoom[0]?.level],
        ['answer-sheet', inRoom.length + 2, inRoom[0]?.occupation, inRoom[0]?.level],
        ['paper-return', 0, inRoom[0]?.occupation, inRoom[0]?.level],
        ['answer-sheet-return', 0, inRoom[0]?.occupation, inRoom[0]?.level],
      ]);
    }
    expect(r.entries[0]).toEqual({
      code: 'JS2026113001-01',
      kind: 'paper',
      occupation: '保育师',
      level: '四级',
      count: 28,
      roomNo: '01',
      sealNos: ['FT260001', 'FT260002'],
      source: 'imported',
    });
  });

  it('covers every candidate of the sample roster: the count check finds nothing', () => {
    const r = importFile(join(FIXTURES, 'sample-day-bags.xlsx'), context);
    const roster = sampleDay.candidates.map((c) => ({ roomNo: c.roomNo, occupation: c.occupation, level: c.level, candidates: 1 }));
    expect(bagCountFindings(r.entries.map((e) => ({ ...e, code: e.code ?? '' })), roster)).toEqual([]);
  });

  it('refuses to import it twice: every code is already registered', () => {
    const first = importFile(join(FIXTURES, 'sample-day-bags.xlsx'), context);
    const again = importFile(join(FIXTURES, 'sample-day-bags.xlsx'), { ...context, existingCodes: first.entries.map((e) => e.code ?? '') });
    expect(again.entries).toEqual([]);
    expect(new Set(again.findings.map((f) => f.kind))).toEqual(new Set(['already-registered']));
  });
});

describe('a press list with a title row, other headers, numbers and a site spare', () => {
  const context: BagImportContext = {
    existingCodes: [],
    rooms: [
      { roomNo: '01', name: '第1考场' },
      { roomNo: '02', name: '第2考场' },
      { roomNo: '03', name: '第3考场' },
    ],
    occupations: [
      { occupation: '电工', levels: ['四级'] },
      { occupation: '焊工', levels: ['三级'] },
    ],
  };

  it('reads every bag; the return bags with no 份数 hold 0; blank lines keep the row numbers', () => {
    const r = importFile(join(FIXTURES, 'press-bags.xlsx'), context);
    expect(r).toMatchObject({ sheetName: '清单', headerRow: 2, findings: [] });
    expect(r.entries.map((e) => [e.code, e.kind, e.occupation, e.level, e.count, e.roomNo, e.sealNos])).toEqual([
      ['202611300101', 'paper', '电工', '四级', 32, '01', ['A0001', 'A0002']],
      ['202611300102', 'answer-sheet', '电工', '四级', 32, '01', ['A0003']],
      ['202611300103', 'paper-return', '电工', '四级', 0, '01', ['A0004']],
      ['202611300104', 'answer-sheet-return', '电工', '四级', 0, '01', ['A0005']],
      ['202611300201', 'paper', '电工', '四级', 28, '02', ['A0006', 'A0007']],
      ['202611300202', 'answer-sheet', '电工', '四级', 28, '02', ['A0008', 'A0009']],
      ['202611300301', 'paper', '焊工', '三级', 20, '03', ['B0001']],
      ['202611300302', 'answer-sheet', '焊工', '三级', 20, '03', ['B0002']],
      ['202611309901', 'spare', '电工', '四级', 5, undefined, ['C0001']],
    ]);
    expect(r.rows.map((row) => row.row)).toEqual([3, 4, 5, 6, 7, 8, 10, 11, 12]);
  });

  it('against a roster of 30 in room 02, finds the 28 papers and sheets short and reports the site spare apart', () => {
    const r = importFile(join(FIXTURES, 'press-bags.xlsx'), context);
    const roster = [
      { roomNo: '01', occupation: '电工', level: '四级' as const, candidates: 32 },
      { roomNo: '02', occupation: '电工', level: '四级' as const, candidates: 30 },
      { roomNo: '03', occupation: '焊工', level: '三级' as const, candidates: 20 },
    ];
    expect(bagCountFindings(r.entries.map((e) => ({ ...e, code: e.code ?? '' })), roster).map((f) => f.message)).toEqual([
      '第2考场 电工 四级：试卷 28 份，少于考生 30 人',
      '第2考场 电工 四级：答题卡 28 份，少于考生 30 人',
      '考点备用 电工 四级：备用卷 5 份（另计，不计入试卷份数）',
    ]);
  });
});
