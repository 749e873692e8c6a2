import { strToU8, zipSync } from 'fflate';
import { describe, expect, it } from 'vitest';
import { refusedReason, type RefusalCode, type RefusalParams } from '../../shared/api/refusal';
import { checkRosterFile } from '../../shared/roster/check-roster';
import { decodeTable } from '../../shared/roster/decode-table';
import { refusalText } from '../../renderer/src/i18n/i18n';
import { makeXlsx, ROSTER_HEADER, rosterRow, utf8 } from '../support/roster-files';
import { withDeclaredSize } from '../support/zip-surgery';

/** A workbook that names `sheets` (none: a workbook without a sheet) but holds no worksheet part. */
const workbookOnly = (sheets: string[]): Uint8Array =>
  zipSync({
    'xl/workbook.xml': strToU8(`<workbook><sheets>${sheets.map((name, i) => `<sheet name="${name}" sheetId="${i + 1}" r:id="rId${i + 1}"/>`).join('')}</sheets></workbook>`),
  });

describe("a file the roster preview cannot read, in the UI's language (issue 15 item 13): the Chinese as before", () => {
  const damaged = withDeclaredSize(makeXlsx([ROSTER_HEADER, rosterRow(1)]), 'xl/worksheets/sheet1.xml', (actual) => actual - 1);
  const cases: [RefusalCode, Uint8Array, string, string, string][] = [
    ['table-empty', new Uint8Array(), 'a.csv', '无法读取该文件：文件是空的', 'Cannot read this file: The file is empty'],
    [
      'table-old-xls',
      new Uint8Array([0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1, 0, 0]),
      'a.xls',
      '无法读取该文件：这是旧版 .xls 或加了密码的 Excel 文件，请在 Excel 中“另存为” .xlsx（不加密）或 CSV 后再导入',
      'Cannot read this file: This is an old .xls or a password-protected Excel file: in Excel, "Save As" .xlsx (without a password) or CSV, then import that',
    ],
    ['xlsx-damaged', new Uint8Array([0x50, 0x4b, 0x03, 0x04, 1, 2, 3]), 'a.xlsx', '无法读取该文件：文件已损坏，不是有效的 .xlsx 文件', 'Cannot read this file: The file is damaged: it is not a valid .xlsx file'],
    ['xlsx-damaged', utf8('姓名\n张三'), 'a.xlsx', '无法读取该文件：文件已损坏，不是有效的 .xlsx 文件', 'Cannot read this file: The file is damaged: it is not a valid .xlsx file'],
    ['xlsx-no-workbook', zipSync({ 'a.txt': strToU8('x') }), 'a.xlsx', '无法读取该文件：不是 Excel .xlsx 文件（找不到工作簿）', 'Cannot read this file: This is not an Excel .xlsx file (no workbook found)'],
    ['xlsx-no-sheet', workbookOnly([]), 'a.xlsx', '无法读取该文件：工作簿中没有工作表', 'Cannot read this file: The workbook has no worksheet'],
    ['xlsx-sheet-missing', workbookOnly(['考生']), 'a.xlsx', '无法读取该文件：找不到工作表“考生”的内容', 'Cannot read this file: The content of worksheet "考生" is missing'],
    ['table-sheet-empty', makeXlsx([], { sheetName: '名单' }), 'a.xlsx', '无法读取该文件：工作表“名单”中没有数据', 'Cannot read this file: Worksheet "名单" holds no data'],
    [
      'zip-entry-damaged',
      damaged,
      'a.xlsx',
      '无法读取该文件：文件已损坏（zip 结构不完整或校验不符）：xl/worksheets/sheet1.xml',
      'Cannot read this file: The file is damaged (the zip structure is incomplete or fails its checksum): xl/worksheets/sheet1.xml',
    ],
    ['table-not-text', new Uint8Array([1, 0, 2, 0, 3]), 'a.csv', '无法读取该文件：不是文本格式的表格文件（请使用 .xlsx 或 CSV）', 'Cannot read this file: This is not a table saved as text (use .xlsx or CSV)'],
    [
      'table-unknown-encoding',
      new Uint8Array([0x41, 0x81, 0x20]),
      'a.csv',
      '无法读取该文件：无法识别文件的文字编码（既不是 UTF-8，也不是 GBK/GB18030）',
      'Cannot read this file: Its text encoding is not recognised (neither UTF-8 nor GBK/GB18030)',
    ],
    [
      'table-web-page',
      utf8('<html><table><tr><td>姓名</td></tr></table></html>'),
      'a.xls',
      '无法读取该文件：该文件实际是网页或 XML 格式（常见于导出的“.xls”），请在 Excel 中打开并“另存为” .xlsx 或 CSV 后再导入',
      'Cannot read this file: This file is really a web page or XML (common for exported ".xls" files): open it in Excel, "Save As" .xlsx or CSV, then import that',
    ],
    ['table-csv-unclosed-quote', utf8('姓名,备注\n张三,"没有结束\n'), 'a.csv', '无法读取该文件：第 2 行有未闭合的引号，CSV 格式不完整', 'Cannot read this file: A quotation mark is not closed on row 2: the CSV is incomplete'],
    ['table-no-data', utf8('\n , \n'), 'a.csv', '无法读取该文件：文件中没有数据', 'Cannot read this file: The file holds no data'],
    [
      'roster-no-candidates',
      makeXlsx([[], ROSTER_HEADER]),
      'a.xlsx',
      '名单中没有考生：表头（第 2 行）之后没有数据行，请检查是否选错了文件或工作表',
      'No candidates in the roster: there are no data rows after the header (row 2); check that you chose the right file or worksheet',
    ],
  ];
  it.each(cases)('%s: %s', (code, bytes, name, zh, en) => {
    const checked = checkRosterFile(bytes, name);
    expect(checked.ok).toBe(false);
    if (checked.ok) return;
    expect(checked.refusal.code).toBe(code);
    expect([checked.message, refusalText('zh', checked), refusalText('en', checked)]).toEqual([zh, zh, en]);
    if (code !== 'roster-no-candidates') expect(decodeTable(bytes, name)).toEqual(checked);
  });

  // What a crafted or huge .zip is refused for (safe-unzip.test makes such files): each reason, as it reads.
  const zipReasons: [RefusalCode, RefusalParams, string, string][] = [
    ['zip-not-a-zip', {}, '文件已损坏或不是 zip 文件（找不到 zip 目录）', 'The file is damaged or not a zip file (no zip directory found)'],
    ['zip-zip64', {}, '不支持 ZIP64 格式的压缩文件', 'ZIP64 archives are not supported'],
    ['zip-too-many-entries', { count: 10001, max: 10000 }, '压缩文件中的文件过多（10001 个，上限 10000 个）', 'The archive holds too many files (10001; at most 10000)'],
    ['zip-damaged', {}, '文件已损坏（zip 结构不完整或校验不符）', 'The file is damaged (the zip structure is incomplete or fails its checksum)'],
    ['zip-entry-encrypted', { name: 'xl/workbook.xml' }, '压缩文件中的“xl/workbook.xml”已加密，无法读取', '"xl/workbook.xml" in the archive is encrypted and cannot be read'],
    ['zip-entry-method', { name: 'xl/workbook.xml' }, '压缩文件中的“xl/workbook.xml”使用了不支持的压缩方式', '"xl/workbook.xml" in the archive uses a compression method that is not supported'],
    ['zip-entry-too-large', { name: 'a.xml', size: '250 MB', max: '100 MB' }, '压缩文件中的“a.xml”解压后过大（250 MB，上限 100 MB）', '"a.xml" in the archive is too large unpacked (250 MB; at most 100 MB)'],
    ['zip-too-large', { size: '300 MB', max: '200 MB' }, '压缩文件解压后过大（300 MB，上限 200 MB），疑为压缩炸弹', 'The archive is too large unpacked (300 MB; at most 200 MB): it looks like a zip bomb'],
    ['zip-ratio', { ratio: 1000, max: 200 }, '压缩文件的压缩比异常（1000 倍，上限 200 倍），疑为压缩炸弹', "The archive's compression ratio is abnormal (1000 times; at most 200): it looks like a zip bomb"],
    ['table-not-utf8', {}, '无法按 UTF-8 解码', 'It cannot be decoded as UTF-8'],
    ['table-not-utf16', {}, '无法按 UTF-16 解码', 'It cannot be decoded as UTF-16'],
    ['table-csv-unparsable', {}, '文件内容无法按 CSV 格式解析', 'Its content cannot be read as CSV'],
    ['table-csv-unclosed-quote', { where: '' }, '有未闭合的引号，CSV 格式不完整', 'A quotation mark is not closed: the CSV is incomplete'],
  ];
  it.each(zipReasons)('%s', (code, params, zh, en) => {
    const { reason, refusal } = refusedReason(code, params);
    expect([reason, refusalText('en', { message: reason, refusal })]).toEqual([zh, en]);
  });
});
