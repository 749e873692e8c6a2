import Papa, { type ParseResult } from 'papaparse';
import { refusalOf, refusalZh, refusedReason, whoseRefusal, type Refusal, type RefusalParams, type RefusedReason } from '../api/refusal';
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

/** Why a file cannot be read: `message` in Chinese (无法读取该文件：…), `refusal` the same coded for the UI's language. */
export type UnreadableTable = { ok: false; message: string; refusal: Refusal };
export type DecodeTableResult = ({ ok: true } & DecodedTable) | UnreadableTable;

/**
 * Turns the bytes of a roster file into rows of cell text, or one Chinese message saying why it cannot
 * be read, and the same as a coded refusal. Never throws on bad input. Accepts .xlsx (recognised by its
 * zip signature, whatever the name) and CSV/TXT in UTF-8 with or without BOM, UTF-16 with BOM (Excel's
 * "Unicode 文本"), or GBK/GB18030 (what Excel writes for CSV on Chinese Windows): bytes that are not
 * valid UTF-8 are read as GB18030, a superset of GBK that also holds characters outside the BMP such as 𠈌.
 */
export function decodeTable(bytes: Uint8Array, fileName: string): DecodeTableResult {
  if (bytes.length === 0) return fail(refusalOf('table-empty'));
  const extension = /\.([^./\\]+)$/.exec(fileName)?.[1]?.toLowerCase() ?? '';

  if (startsWith(bytes, [0x50, 0x4b, 0x03, 0x04])) {
    const sheet = readFirstSheet(bytes);
    if (!sheet.ok) return fail(sheet.refusal);
    const rows = trimTrailingBlankRows(sheet.rows);
    if (rows.length === 0) return fail(refusalOf('table-sheet-empty', { sheet: sheet.sheetName }));
    return { ok: true, format: 'xlsx', sheetName: sheet.sheetName, rows };
  }
  if (startsWith(bytes, [0xd0, 0xcf, 0x11, 0xe0])) {
    return fail(refusalOf('table-old-xls'));
  }
  if (extension === 'xlsx' || extension === 'xlsm') return fail(refusalOf('xlsx-damaged'));

  const decoded = decodeCsvBytes(bytes);
  if (!decoded.ok) return fail(decoded.refusal);
  const { text, encoding } = decoded;
  if (/^\s*<(!doctype\s+html|html|table|\?xml)/i.test(text)) {
    return fail(refusalOf('table-web-page'));
  }
  const parsed = parseCsv(text);
  if (!parsed.ok) return fail(parsed.refusal);
  const rows = trimTrailingBlankRows(parsed.rows);
  if (rows.length === 0) return fail(refusalOf('table-no-data'));
  return { ok: true, format: 'csv', encoding, rows };
}

function fail(reason: Refusal): UnreadableTable {
  const refusal = whoseRefusal('file-unreadable', reason);
  return { ok: false, message: refusalZh(refusal), refusal };
}

function startsWith(bytes: Uint8Array, prefix: number[]): boolean {
  return prefix.every((b, i) => bytes[i] === b);
}

type CsvBytes = { ok: true; text: string; encoding: TextEncodingName } | RefusedReason;

/** Picks the text encoding: a BOM decides; otherwise strict UTF-8, else GB18030. */
export function decodeCsvBytes(bytes: Uint8Array): CsvBytes {
  const attempt = (encoding: TextEncodingName, fatal: boolean): CsvBytes | undefined => {
    const text = decodeText(bytes, encoding, fatal);
    return text === undefined ? undefined : { ok: true, text, encoding };
  };
  if (startsWith(bytes, [0xef, 0xbb, 0xbf])) return attempt('utf-8', false) ?? refusedReason('table-not-utf8');
  if (startsWith(bytes, [0xff, 0xfe])) return attempt('utf-16le', false) ?? refusedReason('table-not-utf16');
  if (startsWith(bytes, [0xfe, 0xff])) return attempt('utf-16be', false) ?? refusedReason('table-not-utf16');
  if (bytes.includes(0)) return refusedReason('table-not-text');
  return (
    attempt('utf-8', true) ??
    attempt('gb18030', true) ?? refusedReason('table-unknown-encoding')
  );
}

function parseCsv(text: string): { ok: true; rows: string[][] } | RefusedReason {
  // Excel accepts a first line "sep=;" naming the delimiter; it is not a row of the sheet.
  const sepLine = /^sep=(.)\r?\n/.exec(text);
  const body = sepLine ? text.slice(sepLine[0].length) : text;
  let result: ParseResult;
  try {
    result = Papa.parse(body, { delimiter: sepLine?.[1] ?? '', header: false, skipEmptyLines: false, dynamicTyping: false });
  } catch {
    return refusedReason('table-csv-unparsable');
  }
  const unclosed = result.errors.find((e) => e.code === 'MissingQuotes');
  if (unclosed) {
    const where: RefusalParams = unclosed.row === undefined ? { where: '' } : { where: `第 ${unclosed.row + 1} 行`, whereEn: ` on row ${unclosed.row + 1}` };
    return refusedReason('table-csv-unclosed-quote', where);
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
