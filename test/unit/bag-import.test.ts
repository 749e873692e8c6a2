import { describe, expect, it } from 'vitest';
import { parseBagCount, parseBagKind, splitSealNos } from '../../shared/custody/bag-cells';
import { bagFieldForHeader, type BagField } from '../../shared/custody/bag-columns';
import { MAX_BAG_IMPORT_ROWS, checkBagFile, formatBagFinding, type BagImportContext, type BagImportResult } from '../../shared/custody/bag-import';
import { csvText, encodeGb18030, makeXlsx, utf8, type Cell } from '../support/roster-files';

const CONTEXT: BagImportContext = {
  existingCodes: ['kd-0000reg'],
  rooms: [
    { roomNo: '01', name: '第1考场' },
    { roomNo: '02', name: '第2考场' },
    { roomNo: '03', name: '东楼报告厅' },
  ],
  occupations: [
    { occupation: '电工', levels: ['四级', '三级'] },
    { occupation: '保育师', levels: ['四级'] },
  ],
};

const HEADER = ['袋号', '类别', '职业', '等级', '份数', '考场', '封条号'];

/** A well-formed row; `n` makes the code and seal unique. */
function bagRow(n: number, overrides: Partial<Record<BagField, Cell>> = {}): Cell[] {
  const get = (field: BagField, fallback: Cell): Cell => (field in overrides ? (overrides[field] ?? null) : fallback);
  return [
    get('code', `P-${String(n).padStart(3, '0')}`),
    get('kind', '试卷'),
    get('occupation', '电工'),
    get('level', '四级'),
    get('count', 30),
    get('roomNo', '01'),
    get('sealNos', `S${n}`),
  ];
}

function check(rows: Cell[][], context: BagImportContext = CONTEXT): Extract<BagImportResult, { ok: true }> {
  const result = checkBagFile(makeXlsx(rows), 'bags.xlsx', context);
  if (!result.ok) throw new Error(result.message);
  return result;
}

function refusal(rows: Cell[][]): string {
  const result = checkBagFile(makeXlsx(rows), 'bags.xlsx', CONTEXT);
  if (result.ok) throw new Error('expected a refusal');
  return result.message;
}

/** [row, severity, kind] of every finding, to compare with the rows the test broke. */
const kinds = (r: Extract<BagImportResult, { ok: true }>): [number, string, string][] => r.findings.map((f) => [f.row, f.severity, f.kind]);

describe('checkBagFile: a clean list', () => {
  it('turns every row into a BagEntry with the room number, the plan spelling, the seals split', () => {
    const r = check([HEADER, bagRow(1, { sealNos: 'S1、S2；S3' }), bagRow(2, { kind: '答题卡', roomNo: '第2考场', occupation: '电 工', level: '中级工', sealNos: null })]);
    expect(r.findings).toEqual([]);
    expect(r.headerRow).toBe(1);
    expect(r.entries).toEqual([
      { code: 'P-001', kind: 'paper', occupation: '电工', level: '四级', count: 30, roomNo: '01', sealNos: ['S1', 'S2', 'S3'], source: 'imported' },
      { code: 'P-002', kind: 'answer-sheet', occupation: '电工', level: '四级', count: 30, roomNo: '02', sealNos: [], source: 'imported' },
    ]);
    expect(r.rows.map((row) => row.row)).toEqual([2, 3]);
  });

  it('reads every kind by its names, a spare without a room, a return bag with 份数 left blank as 0', () => {
    const r = check([
      HEADER,
      bagRow(1, { kind: '试卷袋' }),
      bagRow(2, { kind: '答题卡' }),
      bagRow(3, { kind: '备用卷', roomNo: null }),
      bagRow(4, { kind: '备用试卷', roomNo: '03' }),
      bagRow(5, { kind: '答卷回收袋', count: null }),
      bagRow(6, { kind: '试卷回收袋', count: 0 }),
      bagRow(7, { kind: '答题卡回收袋', count: '' }),
    ]);
    expect(r.findings).toEqual([]);
    expect(r.entries.map((e) => [e.kind, e.count, e.roomNo])).toEqual([
      ['paper', 30, '01'],
      ['answer-sheet', 30, '01'],
      ['spare', 30, undefined],
      ['spare', 30, '03'],
      ['paper-return', 0, '01'],
      ['paper-return', 0, '01'],
      ['answer-sheet-return', 0, '01'],
    ]);
  });

  it('finds the header under a title row, in any column order, in its other spellings', () => {
    const r = check([
      ['2026年11月 试卷袋交接清单'],
      [],
      ['封签号', '考场号', '数量', '级别', '工种', '袋类', '试卷袋编号', '备注'],
      ['S1 S2', '1', '31份', '4级', '电工', '试卷', 'X-1', '第一车'],
    ]);
    expect(r.headerRow).toBe(3);
    expect(r.ignoredHeaders).toEqual(['备注']);
    expect(r.entries).toEqual([{ code: 'X-1', kind: 'paper', occupation: '电工', level: '四级', count: 31, roomNo: '01', sealNos: ['S1', 'S2'], source: 'imported' }]);
  });
});

describe('bag list headers', () => {
  it.each<[string, BagField]>([
    ['袋号', 'code'],
    ['条码', 'code'],
    ['条形码', 'code'],
    ['试卷袋编号', 'code'],
    ['＊试卷袋编号', 'code'],
    ['Code', 'code'],
    ['ＢＡＲＣＯＤＥ', 'code'],
    ['类别', 'kind'],
    ['袋类', 'kind'],
    ['袋 类', 'kind'],
    ['职业', 'occupation'],
    ['工种', 'occupation'],
    ['职业（工种）', 'occupation'],
    ['等级', 'level'],
    ['级别', 'level'],
    ['份数', 'count'],
    ['数量', 'count'],
    ['份数（份）', 'count'],
    ['考场', 'roomNo'],
    ['考场号', 'roomNo'],
    ['考场号：', 'roomNo'],
    ['封条号', 'sealNos'],
    ['封签号', 'sealNos'],
    ['　封条号　', 'sealNos'],
  ])('“%s” is %s', (header, field) => {
    expect(bagFieldForHeader(header)).toBe(field);
  });

  it.each(['备注', '序号', '', '考生人数'])('“%s” is no field', (header) => {
    expect(bagFieldForHeader(header)).toBeUndefined();
  });
});

describe('bag list cells', () => {
  it.each<[string, string | undefined]>([
    ['试卷', 'paper'],
    ['试卷袋', 'paper'],
    ['答题卡', 'answer-sheet'],
    ['备用卷', 'spare'],
    ['备用试卷', 'spare'],
    ['答卷回收袋', 'paper-return'],
    ['试卷回收袋', 'paper-return'],
    ['答题卡回收袋', 'answer-sheet-return'],
    [' 答题卡 ', 'answer-sheet'],
    ['草稿纸', undefined],
    ['回收袋', undefined],
  ])('类别 “%s” is %s', (raw, kind) => {
    expect(parseBagKind(raw)).toBe(kind);
  });

  it.each<[string, number | undefined]>([
    ['30', 30],
    ['030', 30],
    ['30份', 30],
    ['３０', 30],
    ['30.0', 30],
    ['0', 0],
    ['30.5', undefined],
    ['-1', undefined],
    ['三十', undefined],
    ['1e3', undefined],
  ])('份数 “%s” is %s', (raw, count) => {
    expect(parseBagCount(raw)).toBe(count);
  });

  it('splits 封条号 at 、 , ; in either width and at spaces', () => {
    expect(splitSealNos(' A1、A2,A3，A4;A5；A6 A7　A8 ')).toEqual(['A1', 'A2', 'A3', 'A4', 'A5', 'A6', 'A7', 'A8']);
    expect(splitSealNos('')).toEqual([]);
  });
});

describe('checkBagFile: row findings', () => {
  it.each<[string, Partial<Record<BagField, Cell>>, string, BagField, string]>([
    ['a blank code', { code: '  ' }, 'missing-code', 'code', '袋号（条码）为空'],
    ['a barcode Excel stored as a number', { code: '2.02611300101E+11' }, 'scientific-notation', 'code', '科学计数法'],
    ['a blank kind', { kind: null }, 'missing-kind', 'kind', '类别为空'],
    ['an unknown kind', { kind: '草稿纸' }, 'unknown-kind', 'kind', '类别“草稿纸”无法识别'],
    ['a blank occupation', { occupation: null }, 'missing-occupation', 'occupation', '职业为空'],
    ['an occupation not in the plan', { occupation: '焊工' }, 'occupation-not-in-plan', 'occupation', '职业“焊工”不在本次认定计划中（计划职业：电工、保育师）'],
    ['a blank level', { level: null }, 'missing-level', 'level', '等级为空'],
    ['an unknown level', { level: '特级' }, 'unknown-level', 'level', '等级“特级”无法识别'],
    ['a level not in the plan', { occupation: '保育师', level: '三级' }, 'level-not-in-plan', 'level', '保育师三级不在本次认定计划中（计划等级：四级）'],
    ['a blank count on a paper bag', { count: null }, 'missing-count', 'count', '份数为空'],
    ['a fractional count', { count: 30.5 }, 'bad-count', 'count', '份数“30.5”应为不小于 0 的整数'],
    ['a negative count', { count: -2 }, 'bad-count', 'count', '份数“-2”应为不小于 0 的整数'],
    ['a count over MAX_BAG_COUNT', { count: 10_001 }, 'bad-count', 'count', '份数 10001 过大（一袋最多 10000 份）'],
    ['a paper bag with no room', { roomNo: null }, 'missing-room', 'roomNo', '考场为空（只有备用卷可以不指定考场）'],
    ['a room not on the site', { roomNo: '第9考场' }, 'unknown-room', 'roomNo', '考场“第9考场”不在本考点的考场列表中'],
    ['a code over 64 characters', { code: 'C'.repeat(65) }, 'invalid-text', 'code', '袋号（条码）不能超过 64 个字'],
    ['a seal number over 40 characters', { sealNos: 'S'.repeat(41) }, 'invalid-text', 'sealNos', '封条号不能超过 40 个字'],
    ['five seal numbers', { sealNos: 'T1、T2、T3、T4、T5' }, 'invalid-text', 'sealNos', '封条号最多 4 个，本行有 5 个'],
    ['a control character in a code', { code: 'P\u0007X' }, 'invalid-text', 'code', '含有控制字符'],
  ])('%s is an error and the row is left out', (_label, overrides, kind, field, message) => {
    const r = check([HEADER, bagRow(1), bagRow(2, overrides), bagRow(3)]);
    expect(r.findings).toEqual([{ row: 3, severity: 'error', kind, field, message: expect.stringContaining(message) }]);
    expect(r.entries.map((e) => e.code)).toEqual(['P-001', 'P-003']);
    expect(r.rows[1]?.entry).toBeUndefined();
    expect(r).toMatchObject({ errorCount: 1, warningCount: 0, errorRowCount: 1 });
  });

  it('reports a code twice in the file on the later row, and a code already registered in any case', () => {
    const r = check([HEADER, bagRow(1), bagRow(2, { code: 'p-001' }), bagRow(3, { code: ' KD-0000REG ' })]);
    expect(kinds(r)).toEqual([
      [3, 'error', 'duplicate-code'],
      [4, 'error', 'already-registered'],
    ]);
    expect(r.findings.map(formatBagFinding)).toEqual(['第 3 行：袋号 p-001 与第 2 行重复', '第 4 行：袋号 KD-0000REG 已经登记过']);
    expect(r.entries.map((e) => e.code)).toEqual(['P-001']);
  });

  it('warns of a 封条号 on two bags but keeps both rows', () => {
    const r = check([HEADER, bagRow(1, { sealNos: 'S1' }), bagRow(2, { sealNos: 'S2、S1' })]);
    expect(r.findings).toEqual([{ row: 3, severity: 'warning', kind: 'duplicate-seal', field: 'sealNos', message: '封条号 S1 与第 2 行相同，请核对' }]);
    expect(formatBagFinding(r.findings[0]!)).toBe('第 3 行：（提醒）封条号 S1 与第 2 行相同，请核对');
    expect(r.entries).toHaveLength(2);
    expect(r).toMatchObject({ errorCount: 0, warningCount: 1, errorRowCount: 0 });
  });

  it('reports every problem of a row at once, errors before warnings, and does not pile a count finding on an unknown kind', () => {
    const r = check([HEADER, bagRow(1), bagRow(2, { code: null, kind: '袋子', level: '特级', count: null, roomNo: '99', sealNos: 'S1' })]);
    expect(kinds(r)).toEqual([
      [3, 'error', 'missing-code'],
      [3, 'error', 'unknown-kind'],
      [3, 'error', 'unknown-level'],
      [3, 'error', 'unknown-room'],
      [3, 'warning', 'duplicate-seal'],
    ]);
  });

  it('numbers rows as the spreadsheet shows them, blank rows included', () => {
    const r = check([['清单'], HEADER, bagRow(1), [], [], bagRow(2, { level: '十级' })]);
    expect(kinds(r)).toEqual([[6, 'error', 'unknown-level']]);
  });
});

describe('checkBagFile: refusals', () => {
  it('refuses a file with no recognisable header', () => {
    expect(refusal([['甲', '乙'], ['1', '2']])).toBe('没有找到试卷袋清单的表头：前 10 行中没有可识别的列名（应有：袋号（或条码）、类别、职业、等级、份数、考场，可选封条号）');
  });

  it('refuses a file lacking required columns, naming them all', () => {
    expect(refusal([['袋号', '类别', '职业', '等级', '封条号'], bagRow(1).slice(0, 4)])).toBe('试卷袋清单缺少“份数”“考场”列（表头在第 1 行）：请在表头中加上后再导入');
  });

  it('accepts a list without a 封条号 column', () => {
    const r = check([HEADER.slice(0, 6), bagRow(1).slice(0, 6)]);
    expect(r.entries[0]?.sealNos).toEqual([]);
  });

  it('refuses a header with no rows under it', () => {
    expect(refusal([HEADER, [], []])).toContain('试卷袋清单中没有数据');
  });

  it(`refuses more than ${MAX_BAG_IMPORT_ROWS} bags rather than cutting the list`, () => {
    const rows = [HEADER, ...Array.from({ length: MAX_BAG_IMPORT_ROWS + 1 }, (_, i) => bagRow(i))];
    expect(refusal(rows)).toBe('清单中有 2001 个试卷袋，一次最多导入 2000 个：请分成几个文件导入');
    expect(check(rows.slice(0, -1)).entries).toHaveLength(MAX_BAG_IMPORT_ROWS);
  });

  it('passes on what decodeTable cannot read', () => {
    expect(checkBagFile(new Uint8Array(), 'bags.xlsx', CONTEXT)).toEqual({ ok: false, message: '无法读取该文件：文件是空的', refusal: { code: 'table-empty', params: {}, prefix: 'file-unreadable' } });
  });
});

describe('checkBagFile: CSV', () => {
  const rows: Cell[][] = [HEADER, bagRow(1, { occupation: '保育师', sealNos: 'S1、S2' }), bagRow(2, { kind: '备用卷', roomNo: null, sealNos: '封-𠈌' })];

  it('reads a GB18030 CSV as Excel on Chinese Windows writes it', () => {
    const r = checkBagFile(encodeGb18030(csvText(rows)), 'bags.csv', CONTEXT);
    expect(r).toMatchObject({ ok: true, format: 'csv', encoding: 'gb18030', findings: [] });
    if (!r.ok) return;
    expect(r.entries.map((e) => [e.occupation, e.kind, e.sealNos])).toEqual([
      ['保育师', 'paper', ['S1', 'S2']],
      ['电工', 'spare', ['封-𠈌']],
    ]);
  });

  it('reads the same list in UTF-8 with a BOM', () => {
    const r = checkBagFile(utf8(csvText(rows), true), 'bags.csv', CONTEXT);
    expect(r).toMatchObject({ ok: true, encoding: 'utf-8', findings: [] });
    expect(r.ok && r.entries).toHaveLength(2);
  });
});
