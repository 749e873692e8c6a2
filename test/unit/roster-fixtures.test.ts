import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import type { Candidate, Room } from '../../shared/domain/types';
import { recognizeHeaders } from '../../shared/roster/columns';
import { decodeTable } from '../../shared/roster/decode-table';
import { validateRoster, type RosterPlanRules } from '../../shared/roster/validate-roster';

/**
 * Rosters saved by another spreadsheet program (LibreOffice Calc, see test/fixtures/rosters/README.md),
 * not by this project's own writer: what the office actually brings on a USB stick.
 */
const FIXTURES = join(__dirname, '..', 'fixtures', 'rosters');
const sampleDay = JSON.parse(readFileSync(join(__dirname, '..', '..', 'resources', 'sample-day', 'sample-day.json'), 'utf8')) as {
  plan: Omit<RosterPlanRules, 'date'>;
  rooms: Room[];
  candidates: Candidate[];
};
const PLAN: RosterPlanRules = { ...sampleDay.plan, date: '2026-11-05' };
const ROOM01 = sampleDay.candidates.filter((c) => c.roomNo === '01');

function importFixture(fileName: string) {
  const decoded = decodeTable(new Uint8Array(readFileSync(join(FIXTURES, fileName))), fileName);
  if (!decoded.ok) throw new Error(decoded.message);
  const headers = recognizeHeaders(decoded.rows);
  const validation = validateRoster({ rows: decoded.rows, headerRowIndex: headers.headerRowIndex, mapping: headers.mapping, plan: PLAN, rooms: sampleDay.rooms });
  return { decoded, headers, validation };
}

describe('rosters written by LibreOffice Calc', () => {
  it('reads room 01 of the sample day, text columns kept as typed, into exactly its candidates', () => {
    const { decoded, headers, validation } = importFixture('sample-room01.libreoffice.xlsx');
    expect(decoded).toMatchObject({ format: 'xlsx', sheetName: 'sample-room01' });
    expect(decoded.rows[1]).toEqual(['赵倩', '女', '居民身份证', '110114199404190569', '20261105170101', '保育师', '四级', '01', '1']);
    expect(headers).toMatchObject({ headerRowIndex: 0, unmapped: [] });
    expect(validation.findings).toEqual([]);
    expect(validation.candidates).toEqual(ROOM01);
  });

  it('reads the same roster saved as GB18030 CSV into the same candidates', () => {
    const { decoded, validation } = importFixture('sample-room01-gb18030.libreoffice.csv');
    expect(decoded).toMatchObject({ format: 'csv', encoding: 'gb18030' });
    expect(validation.findings).toEqual([]);
    expect(validation.candidates).toEqual(ROOM01);
  });

  it('explains IDs LibreOffice stored as numbers (written 1.10114199404191E+017) and imports none of those rows', () => {
    const { decoded, validation } = importFixture('sample-room01-general-cells.libreoffice.xlsx');
    expect(decoded.rows[1]?.[3]).toBe('1.10114199404191E+017');
    // 考场号 01 became the number 1: still room 01.
    expect(decoded.rows[1]?.[7]).toBe('1');
    // Only the ID ending in X stayed text, so only that candidate comes through whole.
    const kept = ROOM01.filter((c) => c.idNumber.endsWith('X'));
    expect(kept.length).toBeGreaterThan(0);
    expect(validation.candidates).toEqual(kept);
    expect(validation.errorRowCount).toBe(ROOM01.length - kept.length);
    const idFindings = validation.findings.filter((f) => f.kind === 'scientific-notation');
    expect(idFindings).toHaveLength(ROOM01.length - kept.length);
    expect(idFindings[0]).toMatchObject({ row: 2, message: expect.stringContaining('科学计数法') });
  });

  it('skips a merged title row, takes formula results and number-formatted rooms, and leaves a date column unmapped', () => {
    const { decoded, headers, validation } = importFixture('titled-merged-formulas.libreoffice.xlsx');
    expect(decoded).toMatchObject({ format: 'xlsx', sheetName: '考生名单' });
    expect(decoded.rows[0]?.[0]).toContain('考生名单');
    expect(headers).toMatchObject({ headerRowIndex: 1, unmapped: [{ index: 9, header: '报名日期' }] });
    // The date is a day serial in the file; it is no roster field, so it is reported, not read.
    expect(decoded.rows[2]?.[9]).toBe('46266');
    expect(validation.findings).toEqual([]);
    expect(validation.candidates).toEqual(ROOM01.slice(0, 6));
  });
});
