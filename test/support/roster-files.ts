import { strToU8, zipSync } from 'fflate';
import { idCheckDigit } from '../../shared/id/id-number';

/** A cell as a spreadsheet program stores it: text, a number, or nothing. */
export type Cell = string | number | null;

export interface XlsxOptions {
  sheetName?: string;
  /** Write strings inline (`t="inlineStr"`, as some exporters do) instead of in sharedStrings.xml. */
  inlineStrings?: boolean;
  /** Put a hidden, empty sheet first: readers must take the first visible one. */
  hiddenSheetFirst?: boolean;
  /** Prefix every worksheet element with x: (as the .NET Open XML SDK writes). */
  prefixed?: boolean;
}

const escapeXml = (value: string): string =>
  value.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');

function columnName(index: number): string {
  let name = '';
  for (let n = index + 1; n > 0; n = Math.floor((n - 1) / 26)) name = String.fromCharCode(65 + ((n - 1) % 26)) + name;
  return name;
}

/**
 * A real .xlsx (Office Open XML package) with one worksheet holding `rows` from A1, the way Excel
 * lays one out: strings in sharedStrings.xml, numbers as <v>, empty cells left out.
 */
export function makeXlsx(rows: Cell[][], options: XlsxOptions = {}): Uint8Array {
  const p = options.prefixed ? 'x:' : '';
  const shared: string[] = [];
  const sharedIndex = new Map<string, number>();
  const sheetRows = rows
    .map((row, r) => {
      const cells = row
        .map((cell, c) => {
          if (cell === null || cell === '') return '';
          const ref = `${columnName(c)}${r + 1}`;
          if (typeof cell === 'number') return `<${p}c r="${ref}"><${p}v>${cell}</${p}v></${p}c>`;
          if (options.inlineStrings) return `<${p}c r="${ref}" t="inlineStr"><${p}is><${p}t>${escapeXml(cell)}</${p}t></${p}is></${p}c>`;
          let index = sharedIndex.get(cell);
          if (index === undefined) {
            index = shared.length;
            shared.push(cell);
            sharedIndex.set(cell, index);
          }
          return `<${p}c r="${ref}" t="s"><${p}v>${index}</${p}v></${p}c>`;
        })
        .join('');
      return cells === '' ? '' : `<${p}row r="${r + 1}">${cells}</${p}row>`;
    })
    .join('');
  const ns = 'http://schemas.openxmlformats.org/spreadsheetml/2006/main';
  const relNs = 'http://schemas.openxmlformats.org/officeDocument/2006/relationships';
  const sheetXml = `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<${p}worksheet xmlns${p ? ':x' : ''}="${ns}"><${p}sheetData>${sheetRows}</${p}sheetData></${p}worksheet>`;
  const sharedXml = `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<sst xmlns="${ns}" count="${shared.length}" uniqueCount="${shared.length}">${shared
    .map((s) => `<si><t xml:space="preserve">${escapeXml(s)}</t></si>`)
    .join('')}</sst>`;
  const sheetName = escapeXml(options.sheetName ?? 'Sheet1');
  const sheets = options.hiddenSheetFirst
    ? `<sheet name="说明" sheetId="2" state="hidden" r:id="rId3"/><sheet name="${sheetName}" sheetId="1" r:id="rId1"/>`
    : `<sheet name="${sheetName}" sheetId="1" r:id="rId1"/>`;
  const files: Record<string, Uint8Array> = {
    '[Content_Types].xml': strToU8(
      `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">` +
        `<Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/><Default Extension="xml" ContentType="application/xml"/>` +
        `<Override PartName="/xl/workbook.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml"/>` +
        `<Override PartName="/xl/worksheets/sheet1.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml"/>` +
        (options.hiddenSheetFirst ? `<Override PartName="/xl/worksheets/sheet2.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml"/>` : '') +
        `<Override PartName="/xl/sharedStrings.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sharedStrings+xml"/></Types>`,
    ),
    '_rels/.rels': strToU8(
      `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">` +
        `<Relationship Id="rId1" Type="${relNs}/officeDocument" Target="xl/workbook.xml"/></Relationships>`,
    ),
    'xl/workbook.xml': strToU8(
      `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<workbook xmlns="${ns}" xmlns:r="${relNs}"><sheets>${sheets}</sheets></workbook>`,
    ),
    'xl/_rels/workbook.xml.rels': strToU8(
      `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">` +
        `<Relationship Id="rId1" Type="${relNs}/worksheet" Target="worksheets/sheet1.xml"/>` +
        `<Relationship Id="rId2" Type="${relNs}/sharedStrings" Target="sharedStrings.xml"/>` +
        (options.hiddenSheetFirst ? `<Relationship Id="rId3" Type="${relNs}/worksheet" Target="/xl/worksheets/sheet2.xml"/>` : '') +
        `</Relationships>`,
    ),
    'xl/worksheets/sheet1.xml': strToU8(sheetXml),
    'xl/sharedStrings.xml': strToU8(sharedXml),
  };
  if (options.hiddenSheetFirst) {
    files['xl/worksheets/sheet2.xml'] = strToU8(`<?xml version="1.0" encoding="UTF-8"?>\n<worksheet xmlns="${ns}"><sheetData/></worksheet>`);
  }
  return zipSync(files);
}

/** RFC 4180 CSV text: cells holding a comma, quote or line break are quoted. */
export function csvText(rows: Cell[][], lineBreak = '\r\n'): string {
  const quote = (cell: Cell): string => {
    const text = cell === null ? '' : String(cell);
    return /[",\r\n]/.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
  };
  return rows.map((row) => row.map(quote).join(',')).join(lineBreak) + lineBreak;
}

export function utf8(text: string, bom = false): Uint8Array {
  const body = new TextEncoder().encode(text);
  if (!bom) return body;
  const out = new Uint8Array(body.length + 3);
  out.set([0xef, 0xbb, 0xbf]);
  out.set(body, 3);
  return out;
}

let gbTwoByte: Map<string, number[]> | undefined;

/**
 * GB18030 bytes for `text`, as Excel on Chinese Windows writes a CSV (test only; Node's TextEncoder
 * only does UTF-8). Built by inverting Node's own GB18030 decoder over every two-byte code (which
 * holds all of GBK), plus the four-byte arithmetic mapping GB18030 gives characters outside the BMP.
 * Other BMP characters (rare, four-byte in GB18030) are refused rather than guessed.
 */
export function encodeGb18030(text: string): Uint8Array {
  if (gbTwoByte === undefined) {
    gbTwoByte = new Map();
    const decoder = new TextDecoder('gb18030', { fatal: true });
    for (let lead = 0x81; lead <= 0xfe; lead += 1) {
      for (let trail = 0x40; trail <= 0xfe; trail += 1) {
        if (trail === 0x7f) continue;
        let ch: string;
        try {
          ch = decoder.decode(new Uint8Array([lead, trail]));
        } catch {
          continue;
        }
        if (ch.length === 1 && !gbTwoByte.has(ch)) gbTwoByte.set(ch, [lead, trail]);
      }
    }
  }
  const bytes: number[] = [];
  for (const ch of text) {
    const cp = ch.codePointAt(0) ?? 0;
    if (cp < 0x80) {
      bytes.push(cp);
    } else if (cp >= 0x10000) {
      let linear = cp - 0x10000 + 189000;
      const b4 = 0x30 + (linear % 10);
      linear = Math.floor(linear / 10);
      const b3 = 0x81 + (linear % 126);
      linear = Math.floor(linear / 126);
      const b2 = 0x30 + (linear % 10);
      const b1 = 0x81 + Math.floor(linear / 10);
      bytes.push(b1, b2, b3, b4);
    } else {
      const pair = gbTwoByte.get(ch);
      if (pair === undefined) throw new Error(`encodeGb18030: no two-byte code for U+${cp.toString(16)}`);
      bytes.push(...pair);
    }
  }
  return new Uint8Array(bytes);
}

/** A valid 18-digit 居民身份证号码 from its first 17 digits. */
export function residentId(first17: string): string {
  return first17 + idCheckDigit(first17);
}

/** The usual export header of a certification-system roster. */
export const ROSTER_HEADER = ['姓名', '性别', '证件类型', '身份证号', '准考证号', '职业（工种）', '等级', '考场号', '座位号'];

/** One well-formed roster row for room `room`, seat `seat`; `n` makes the ticket and ID unique. */
export function rosterRow(n: number, overrides: Partial<Record<'name' | 'gender' | 'idType' | 'idNumber' | 'ticketNo' | 'occupation' | 'level' | 'room' | 'seat', Cell>> = {}): Cell[] {
  const room = overrides.room ?? '01';
  const seat = overrides.seat ?? n;
  const ticket = overrides.ticketNo ?? `202611051701${String(n).padStart(2, '0')}`;
  const id = overrides.idNumber ?? residentId(`11010519900101${String(100 + n).padStart(3, '0')}`);
  return [
    overrides.name ?? `考生${n}`,
    overrides.gender ?? (Number(String(id).slice(16, 17)) % 2 === 1 ? '男' : '女'),
    overrides.idType ?? '居民身份证',
    id,
    ticket,
    overrides.occupation ?? '保育师',
    overrides.level ?? '四级',
    room,
    seat,
  ];
}
