import Papa, { type ParseResult } from 'papaparse';
import { decodeText } from './text-decoder';
import { readFirstSheet } from './xlsx-reader';

export type TableFormat = 'csv' | 'xlsx';
export type TextEncodingName = 'utf-8' | 'gb18030' | 'utf-16le' | 'utf-16be';

export interface DecodedTable {
  format: TableFormat;
  /** How a CSV's bytes were read. */
  encoding?: TextEncodingName;
  /** The worksheet an .xlsx was read from (the first visible one). */
  sheetName?: string;
  /** `rows[i]` is spreadsheet row i + 1; blank rows are kept so row numbers match what Excel shows. */
  rows: string[][];
}

export type DecodeTableResult = ({ ok: true } & DecodedTable) | { ok: false; message: string };

const UNREADABLE = '无法读取该文件：';

/**
 * Turns the bytes of a roster file into rows of cell text, or one Chinese message saying why it cannot
 * be read. Never throws on bad input. Accepts .xlsx (recognised by its zip signature, whatever the name)
 * and CSV/TXT in UTF-8 with or without BOM, UTF-16 with BOM (Excel's "Unicode 文本"), or GBK/GB18030
 * (what Excel writes for CSV on Chinese Windows): bytes that are not valid UTF-8 are read as GB18030,
 * a superset of GBK that also holds characters outside the BMP such as 𠈌.
 */
export function decodeTable(bytes: Uint8Array, fileName: string): DecodeTableResult {
  if (bytes.length === 0) return fail('文件是空的');
  const extension = /\.([^./\\]+)$/.exec(fileName)?.[1]?.toLowerCase() ?? '';

  if (startsWith(bytes, [0x50, 0x4b, 0x03, 0x04])) {
    const sheet = readFirstSheet(bytes);
    if (!sheet.ok) return fail(sheet.reason);
    const rows = trimTrailingBlankRows(sheet.rows);
    if (rows.length === 0) return fail(`工作表“${sheet.sheetName}”中没有数据`);
    return { ok: true, format: 'xlsx', sheetName: sheet.sheetName, rows };
  }
  if (startsWith(bytes, [0xd0, 0xcf, 0x11, 0xe0])) {
    return fail('这是旧版 .xls 或加了密码的 Excel 文件，请在 Excel 中“另存为” .xlsx（不加密）或 CSV 后再导入');
  }
  if (extension === 'xlsx' || extension === 'xlsm') return fail('文件已损坏，不是有效的 .xlsx 文件');

  const decoded = decodeCsvBytes(bytes);
  if (!decoded.ok) return fail(decoded.reason);
  const { text, encoding } = decoded;
  if (/^\s*<(!doctype\s+html|html|table|\?xml)/i.test(text)) {
    return fail('该文件实际是网页或 XML 格式（常见于导出的“.xls”），请在 Excel 中打开并“另存为” .xlsx 或 CSV 后再导入');
  }
  const parsed = parseCsv(text);
  if (!parsed.ok) return fail(parsed.reason);
  const rows = trimTrailingBlankRows(parsed.rows);
  if (rows.length === 0) return fail('文件中没有数据');
  return { ok: true, format: 'csv', encoding, rows };
}

function fail(reason: string): { ok: false; message: string } {
  return { ok: false, message: UNREADABLE + reason };
}

function startsWith(bytes: Uint8Array, prefix: number[]): boolean {
  return prefix.every((b, i) => bytes[i] === b);
}

type CsvBytes = { ok: true; text: string; encoding: TextEncodingName } | { ok: false; reason: string };

/** Picks the text encoding: a BOM decides; otherwise strict UTF-8, else GB18030. */
export function decodeCsvBytes(bytes: Uint8Array): CsvBytes {
  const attempt = (encoding: TextEncodingName, fatal: boolean): CsvBytes | undefined => {
    const text = decodeText(bytes, encoding, fatal);
    return text === undefined ? undefined : { ok: true, text, encoding };
  };
  if (startsWith(bytes, [0xef, 0xbb, 0xbf])) return attempt('utf-8', false) ?? { ok: false, reason: '无法按 UTF-8 解码' };
  if (startsWith(bytes, [0xff, 0xfe])) return attempt('utf-16le', false) ?? { ok: false, reason: '无法按 UTF-16 解码' };
  if (startsWith(bytes, [0xfe, 0xff])) return attempt('utf-16be', false) ?? { ok: false, reason: '无法按 UTF-16 解码' };
  if (bytes.includes(0)) return { ok: false, reason: '不是文本格式的表格文件（请使用 .xlsx 或 CSV）' };
  return (
    attempt('utf-8', true) ??
    attempt('gb18030', true) ?? { ok: false, reason: '无法识别文件的文字编码（既不是 UTF-8，也不是 GBK/GB18030）' }
  );
}

function parseCsv(text: string): { ok: true; rows: string[][] } | { ok: false; reason: string } {
  // Excel accepts a first line "sep=;" naming the delimiter; it is not a row of the sheet.
  const sepLine = /^sep=(.)\r?\n/.exec(text);
  const body = sepLine ? text.slice(sepLine[0].length) : text;
  let result: ParseResult;
  try {
    result = Papa.parse(body, { delimiter: sepLine?.[1] ?? '', header: false, skipEmptyLines: false, dynamicTyping: false });
  } catch {
    return { ok: false, reason: '文件内容无法按 CSV 格式解析' };
  }
  const unclosed = result.errors.find((e) => e.code === 'MissingQuotes');
  if (unclosed) {
    const where = unclosed.row === undefined ? '' : `第 ${unclosed.row + 1} 行`;
    return { ok: false, reason: `${where}有未闭合的引号，CSV 格式不完整` };
  }
  return { ok: true, rows: result.data.map((row) => row.map((cell) => String(cell))) };
}

function trimTrailingBlankRows(rows: string[][]): string[][] {
  let end = rows.length;
  while (end > 0 && isBlankRow(rows[end - 1] ?? [])) end -= 1;
  return rows.slice(0, end);
}

export function isBlankRow(row: readonly string[]): boolean {
  return row.every((cell) => cell.trim() === '');
}
