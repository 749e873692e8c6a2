import { zipSync, strToU8 } from 'fflate';
import { describe, expect, it } from 'vitest';
import { decodeTable } from '../../shared/roster/decode-table';
import { csvText, encodeGb18030, makeXlsx, utf8 } from '../support/roster-files';

const ROWS = [
  ['姓名', '性别', '身份证号', '准考证号', '备注'],
  ['王𠈌', '男', '110105199001011233', '20261105170101', '含逗号, 与"引号"'],
  ['阿依古丽·买买提', '女', '65010219950301004X', '20261105170102', '第一行\n第二行'],
];

describe('decodeTable: CSV', () => {
  it('reads UTF-8 with a BOM, keeping 𠈌 (outside the BMP), quotes, commas and line breaks in cells', () => {
    const result = decodeTable(utf8(csvText(ROWS), true), '名单.csv');
    expect(result).toEqual({ ok: true, format: 'csv', encoding: 'utf-8', rows: ROWS });
  });

  it('reads UTF-8 without a BOM and with bare LF line ends', () => {
    const result = decodeTable(utf8(csvText(ROWS, '\n')), 'roster.CSV');
    expect(result).toMatchObject({ ok: true, encoding: 'utf-8', rows: ROWS });
  });

  it('reads GBK/GB18030 as Excel on Chinese Windows writes it, with 𠈌 as a four-byte GB18030 code', () => {
    const bytes = encodeGb18030(csvText(ROWS));
    // Proof the file really is GB18030 and not UTF-8: 𠈌 is 95 32 B7 30 there.
    expect(Buffer.from(bytes).includes(Buffer.from([0x95, 0x32, 0xb7, 0x30]))).toBe(true);
    expect(new TextDecoder('gb18030').decode(bytes)).toBe(csvText(ROWS));
    const result = decodeTable(bytes, 'gbk.csv');
    expect(result).toEqual({ ok: true, format: 'csv', encoding: 'gb18030', rows: ROWS });
  });

  it('reads a GBK file with only common characters (two-byte codes)', () => {
    const rows = [['姓名', '考场号'], ['张三', '01'], ['李四', '02']];
    expect(decodeTable(encodeGb18030(csvText(rows)), 'a.csv')).toMatchObject({ ok: true, encoding: 'gb18030', rows });
  });

  it('reads UTF-16LE with BOM and tabs (Excel "Unicode 文本")', () => {
    const text = ROWS.slice(0, 2).map((r) => r.join('\t')).join('\r\n');
    const body = Buffer.from(text, 'utf16le');
    const bytes = new Uint8Array([0xff, 0xfe, ...body]);
    expect(decodeTable(bytes, 'unicode.txt')).toMatchObject({ ok: true, encoding: 'utf-16le', rows: ROWS.slice(0, 2) });
  });

  it('keeps blank rows in the middle (row numbers stay as in Excel) and drops trailing ones', () => {
    const result = decodeTable(utf8('姓名,考场\n张三,01\n,\n李四,02\n\n\n'), 'a.csv');
    expect(result).toMatchObject({ ok: true, rows: [['姓名', '考场'], ['张三', '01'], ['', ''], ['李四', '02']] });
  });

  it('honours an Excel "sep=" line', () => {
    expect(decodeTable(utf8('sep=;\n姓名;考场\n张三;01\n'), 'a.csv')).toMatchObject({ ok: true, rows: [['姓名', '考场'], ['张三', '01']] });
  });
});

describe('decodeTable: XLSX', () => {
  it('reads a real .xlsx (shared strings), 𠈌 and line breaks included, numbers as written', () => {
    const rows = [
      ['姓名', '准考证号', '座位号'],
      ['王𠈌', 20261105170101, 1],
      ['欧阳晓峰', '20261105170102', 2],
    ];
    const result = decodeTable(makeXlsx(rows), '名单.xlsx');
    expect(result).toEqual({
      ok: true,
      format: 'xlsx',
      sheetName: 'Sheet1',
      rows: [
        ['姓名', '准考证号', '座位号'],
        ['王𠈌', '20261105170101', '1'],
        ['欧阳晓峰', '20261105170102', '2'],
      ],
    });
  });

  it('reads inline strings, x:-prefixed elements, and takes the first visible sheet', () => {
    const rows = [['姓名', '备注'], ['王𠈌', 'a & b <c> "d"']];
    for (const options of [{ inlineStrings: true }, { prefixed: true }, { hiddenSheetFirst: true, sheetName: '考生' }]) {
      const result = decodeTable(makeXlsx(rows, options), 'x.xlsx');
      expect(result).toMatchObject({ ok: true, rows });
    }
    expect(decodeTable(makeXlsx(rows, { hiddenSheetFirst: true, sheetName: '考生' }), 'x.xlsx')).toMatchObject({ sheetName: '考生' });
  });

  it('places cells by their reference: gaps become empty cells and empty rows', () => {
    const sheet =
      '<worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><sheetData>' +
      '<row r="2"><c r="B2" t="inlineStr"><is><t>准考证号</t></is></c><c r="D2"><v>7</v></c></row>' +
      '<row r="4"><c r="A4" t="inlineStr"><is><r><t>王</t></r><r><t>𠈌</t></r><rPh><t>ワン</t></rPh></is></c><c t="b"><v>1</v></c></row>' +
      '</sheetData></worksheet>';
    const bytes = zipSync({
      'xl/workbook.xml': strToU8('<workbook><sheets><sheet name="S" sheetId="1"/></sheets></workbook>'),
      'xl/worksheets/sheet1.xml': strToU8(sheet),
    });
    expect(decodeTable(bytes, 'gaps.xlsx')).toMatchObject({
      ok: true,
      rows: [[], ['', '准考证号', '', '7'], [], ['王𠈌', 'TRUE']],
    });
  });

  it('keeps an 18-digit ID that Excel stored as a number exactly as the file has it', () => {
    const result = decodeTable(makeXlsx([['身份证号'], [1.10105199001011e17]]), 'n.xlsx');
    expect(result).toMatchObject({ ok: true, rows: [['身份证号'], ['110105199001011000']] });
  });
});

describe('decodeTable: unreadable files get one Chinese message and no rows', () => {
  const cases: [string, Uint8Array, string, RegExp][] = [
    ['empty', new Uint8Array(), 'a.csv', /文件是空的/],
    ['old .xls', new Uint8Array([0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1, 0, 0]), 'a.xls', /旧版 \.xls/],
    ['broken zip', new Uint8Array([0x50, 0x4b, 0x03, 0x04, 1, 2, 3]), 'a.xlsx', /已损坏/],
    ['named .xlsx, not a zip', utf8('姓名\n张三'), 'a.xlsx', /不是有效的 \.xlsx/],
    ['zip without a workbook', zipSync({ 'a.txt': strToU8('x') }), 'a.xlsx', /找不到工作簿/],
    ['binary', new Uint8Array([1, 0, 2, 0, 3]), 'a.csv', /不是文本格式/],
    ['HTML saved as .xls', utf8('<html><table><tr><td>姓名</td></tr></table></html>'), 'a.xls', /网页/],
    ['unclosed quote', utf8('姓名,备注\n张三,"没有结束\n'), 'a.csv', /未闭合的引号/],
    ['only blank lines', utf8('\n , \n'), 'a.csv', /没有数据/],
  ];
  it.each(cases)('%s', (_label, bytes, name, message) => {
    const result = decodeTable(bytes, name);
    expect(result.ok).toBe(false);
    if (!result.ok) {
      expect(result.message).toMatch(/^无法读取该文件：/);
      expect(result.message).toMatch(message);
    }
  });

  it('never throws, whatever the bytes', () => {
    let seed = 7;
    for (let n = 0; n < 200; n += 1) {
      const bytes = new Uint8Array(4 + (n % 64)).map(() => (seed = (seed * 1103515245 + 12345) % 2 ** 31) & 0xff);
      if (n % 3 === 0) bytes.set([0x50, 0x4b, 0x03, 0x04]);
      expect(() => decodeTable(bytes, n % 2 ? 'x.xlsx' : 'x.csv')).not.toThrow();
    }
  });
});
