import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { runRosterCommand } from '../../electron/cli/roster-command';
import { csvText, encodeGb18030, makeXlsx, residentId, ROSTER_HEADER, rosterRow, utf8, type Cell } from '../support/roster-files';
import { makeTempDir } from '../support/temp-dir';

const temp = makeTempDir('examday-roster-');
afterAll(() => temp.remove());

function file(name: string, bytes: Uint8Array | string): string {
  const path = join(temp.dir, name);
  writeFileSync(path, bytes);
  return path;
}

function run(...argv: string[]): { code: number; lines: string[] } {
  const lines: string[] = [];
  const code = runRosterCommand(argv, (line) => lines.push(line));
  return { code, lines };
}

const BAD_ID = residentId('11010519900101103').slice(0, 17) + (residentId('11010519900101103').endsWith('0') ? '1' : '0');
const ROWS: Cell[][] = [ROSTER_HEADER, rosterRow(1, { name: '王𠈌' }), rosterRow(2), rosterRow(3, { idNumber: BAD_ID }), rosterRow(4, { ticketNo: '20261105170101' })];

const PLAN = {
  plan: {
    date: '2026-11-05',
    occupations: [{ occupation: '保育师', levels: ['三级'] }],
    acceptedIdTypes: ['resident-id'],
  },
  rooms: [{ roomNo: '01', name: '第1考场', location: '301', capacity: 30 }],
};

describe('examday roster check', () => {
  it('prints each finding with its row and a summary, and exits 1 when a row has an error (GBK CSV)', () => {
    const { code, lines } = run('check', file('gbk.csv', encodeGb18030(csvText(ROWS))));
    expect(code).toBe(1);
    expect(lines[0]).toMatch(/^文件：.*gbk\.csv（CSV，GBK\/GB18030 编码）$/);
    expect(lines[1]).toBe('表头：第 1 行；姓名=A列，性别=B列，证件类型=C列，证件号码=D列，准考证号=E列，职业（工种）=F列，等级=G列，考场号=H列，座位号=I列');
    expect(lines[2]).toMatch(/^未提供 --plan：只检查结构/);
    expect(lines.slice(3)).toEqual([
      '第 4 行：居民身份证号码校验位错误',
      '第 5 行：准考证号与第 2 行重复',
      '共 4 行考生：2 行可导入，2 行有错误；2 条错误，0 条提醒',
    ]);
  });

  it('exits 0 on a clean .xlsx, and checks against a plan file when given one', () => {
    const clean = file('clean.xlsx', makeXlsx(ROWS.slice(0, 3)));
    const ok = run('check', clean);
    expect(ok.code).toBe(0);
    expect(ok.lines.at(-1)).toBe('共 2 行考生：2 行可导入，0 行有错误；0 条错误，0 条提醒');

    const planned = run('check', clean, '--plan', file('plan.json', JSON.stringify(PLAN)));
    expect(planned.code).toBe(1);
    expect(planned.lines.filter((l) => l.startsWith('第'))).toEqual([
      '第 2 行：保育师四级不在本次认定计划中（计划等级：三级）',
      '第 3 行：保育师四级不在本次认定计划中（计划等级：三级）',
    ]);
    expect(planned.lines.some((l) => l.includes('未提供 --plan'))).toBe(false);
  });

  it('prints one JSON object with --json, with 𠈌 intact and no full ID number', () => {
    const { code, lines } = run('check', file('utf8.csv', utf8(csvText(ROWS), true)), '--json');
    expect(code).toBe(1);
    expect(lines).toHaveLength(1);
    const report = JSON.parse(lines[0]!);
    expect(report).toMatchObject({
      ok: true,
      format: 'csv',
      encoding: 'utf-8',
      headerRow: 1,
      planChecked: false,
      rowCount: 4,
      candidateCount: 2,
      errorCount: 2,
      seatsAssigned: false,
      rooms: [{ roomNo: '01', capacity: 30, rowCount: 4 }],
      mapping: { name: 'A', idNumber: 'D', seatNo: 'I' },
    });
    expect(report.findings.map((f: { row: number; kind: string }) => [f.row, f.kind])).toEqual([
      [4, 'invalid-id'],
      [5, 'duplicate-ticket'],
    ]);
    expect(lines[0]).not.toContain(BAD_ID);
  });

  it('checks capacity with --capacity in structure-only mode', () => {
    const path = file('cap.csv', utf8(csvText(ROWS.slice(0, 3))));
    expect(run('check', path, '--capacity', '1').lines).toContain('第 3 行：01 考场超员：共 2 人，容量 1 人');
  });

  it('reports a room over capacity once, with the rows beyond it, not once per row', () => {
    const path = file('cap3.csv', utf8(csvText([ROSTER_HEADER, rosterRow(1), rosterRow(2), rosterRow(3), rosterRow(5)])));
    const over = run('check', path, '--capacity', '1').lines.filter((l) => l.includes('超员'));
    expect(over).toEqual(['第 3、4、5 行：01 考场超员：共 4 人，容量 1 人']);
  });

  it('exits 2 with one message for an unreadable or missing file', () => {
    const broken = run('check', file('broken.xlsx', utf8('not a zip')));
    expect(broken).toEqual({ code: 2, lines: ['无法读取该文件：文件已损坏，不是有效的 .xlsx 文件'] });
    const missing = run('check', join(temp.dir, 'nope.csv'));
    expect(missing.code).toBe(2);
    expect(missing.lines[0]).toMatch(/^无法读取该文件：找不到文件/);
    mkdirSync(join(temp.dir, 'folder.csv'));
    expect(run('check', join(temp.dir, 'folder.csv')).lines[0]).toMatch(/这是一个文件夹/);
    const json = run('check', join(temp.dir, 'nope.csv'), '--json');
    expect(json.code).toBe(2);
    expect(JSON.parse(json.lines[0]!)).toMatchObject({ ok: false, message: expect.stringMatching(/^无法读取该文件/) });
  });

  it('exits 2 on usage errors and a bad plan file', () => {
    expect(run().code).toBe(2);
    expect(run('list', 'a.csv').code).toBe(2);
    expect(run('check').code).toBe(2);
    expect(run('check', 'a.csv', '--bogus').code).toBe(2);
    expect(run('check', 'a.csv', '--capacity', 'x').code).toBe(2);
    const badPlan = run('check', 'a.csv', '--plan', file('bad-plan.json', '{"plan":{"date":"5 Nov"}}'));
    expect(badPlan.code).toBe(2);
    expect(badPlan.lines[0]).toMatch(/^计划文件 .* 不正确/);
  });
});
