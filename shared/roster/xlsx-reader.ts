import { refusedReason, type RefusedReason } from '../api/refusal';
import { safeUnzip, type UnzipLimits } from '../zip/safe-unzip';
import { decodeText } from './text-decoder';

/**
 * Reads the first visible worksheet of an .xlsx file (Office Open XML, ECMA-376) into rows of cell
 * text, without any Node or DOM API, so the same code runs in the core and in the browser.
 *
 * Only what a roster needs: cell text as stored. Shared strings (plain or rich text, phonetic runs
 * left out), inline strings, numbers exactly as written in the file (an 18-digit ID typed into a
 * "General" cell arrives as "1.10101199003071E+17", which validation then explains), booleans,
 * formula results. Styles, dates and formulas themselves are not interpreted.
 *
 * `rows[i]` is spreadsheet row i + 1 and `rows[i][j]` column j + 1, so findings can name the row
 * the user sees in Excel; missing cells are ''.
 */
export type XlsxReadResult = { ok: true; rows: string[][]; sheetName: string } | RefusedReason;

/**
 * A 20 000-row roster's sheet is about 10 MB of XML and compresses some 20-fold; these caps leave room
 * for that and refuse a zip bomb before it is inflated (six 250 MB entries in a 1.5 MB file).
 */
export const XLSX_UNZIP_LIMITS: UnzipLimits = {
  maxEntries: 10_000,
  maxEntryBytes: 100 * 1024 * 1024,
  maxTotalBytes: 200 * 1024 * 1024,
  maxRatio: 200,
  ratioFloorBytes: 16 * 1024 * 1024,
};

export function readFirstSheet(bytes: Uint8Array): XlsxReadResult {
  const unzipped = safeUnzip(bytes, XLSX_UNZIP_LIMITS, (entry) => entry.name.endsWith('.xml') || entry.name.endsWith('.rels'));
  if (!unzipped.ok) return unzipped.refusal.code === 'zip-not-a-zip' ? refusedReason('xlsx-damaged') : unzipped;
  const files = unzipped.files;
  const text = (path: string): string | undefined => {
    const entry = files.get(path);
    return entry === undefined ? undefined : decodeText(entry, 'utf-8', false);
  };

  const workbookPath = relationshipTargets(text('_rels/.rels') ?? '', '').find((r) => r.type.endsWith('/officeDocument'))?.target ?? 'xl/workbook.xml';
  const workbook = text(workbookPath);
  if (workbook === undefined) return refusedReason('xlsx-no-workbook');
  const baseDir = workbookPath.slice(0, workbookPath.lastIndexOf('/') + 1);
  const relsPath = `${baseDir}_rels/${workbookPath.slice(baseDir.length)}.rels`;
  const rels = relationshipTargets(text(relsPath) ?? '', baseDir);

  const sheet = firstVisibleSheet(workbook);
  if (sheet === undefined) return refusedReason('xlsx-no-sheet');
  const sheetPath = rels.find((r) => r.id === sheet.relId)?.target ?? `${baseDir}worksheets/sheet1.xml`;
  const sheetXml = text(sheetPath);
  if (sheetXml === undefined) return refusedReason('xlsx-sheet-missing', { sheet: sheet.name });

  const sharedPath = rels.find((r) => r.type.endsWith('/sharedStrings'))?.target ?? `${baseDir}sharedStrings.xml`;
  const sharedXml = text(sharedPath);
  const shared = sharedXml === undefined ? [] : readSharedStrings(sharedXml);
  return { ok: true, rows: readSheetRows(sheetXml, shared), sheetName: sheet.name };
}

interface Relationship {
  id: string;
  type: string;
  target: string;
}

function relationshipTargets(xml: string, baseDir: string): Relationship[] {
  const out: Relationship[] = [];
  scanXml(xml, {
    open(name, attrs) {
      if (name !== 'Relationship') return;
      const target = attrs.get('Target') ?? '';
      out.push({ id: attrs.get('Id') ?? '', type: attrs.get('Type') ?? '', target: resolvePath(baseDir, target) });
    },
  });
  return out;
}

function resolvePath(baseDir: string, target: string): string {
  const parts = (target.startsWith('/') ? target.slice(1) : baseDir + target).split('/');
  const out: string[] = [];
  for (const part of parts) {
    if (part === '..') out.pop();
    else if (part !== '.' && part !== '') out.push(part);
  }
  return out.join('/');
}

function firstVisibleSheet(workbookXml: string): { name: string; relId: string } | undefined {
  const sheets: { name: string; relId: string; hidden: boolean }[] = [];
  scanXml(workbookXml, {
    open(name, attrs) {
      if (name !== 'sheet') return;
      const state = attrs.get('state');
      sheets.push({ name: attrs.get('name') ?? '', relId: attrs.get('id') ?? '', hidden: state === 'hidden' || state === 'veryHidden' });
    },
  });
  return sheets.find((s) => !s.hidden) ?? sheets[0];
}

function readSharedStrings(xml: string): string[] {
  const strings: string[] = [];
  let current: string[] | undefined;
  let phoneticDepth = 0;
  let inText = false;
  scanXml(xml, {
    open(name, _attrs, selfClosing) {
      if (name === 'si') {
        if (selfClosing) strings.push('');
        else current = [];
      }
      else if (name === 'rPh' && !selfClosing) phoneticDepth += 1;
      else if (name === 't' && !selfClosing) inText = true;
    },
    close(name) {
      if (name === 'si') {
        strings.push(unescapeOoxml((current ?? []).join('')));
        current = undefined;
      } else if (name === 'rPh') phoneticDepth = Math.max(0, phoneticDepth - 1);
      else if (name === 't') inText = false;
    },
    text(value) {
      if (inText && phoneticDepth === 0 && current !== undefined) current.push(value);
    },
  });
  return strings;
}

function readSheetRows(xml: string, shared: string[]): string[][] {
  const rows: string[][] = [];
  let rowIndex = -1;
  let column = -1;
  let cell: { type: string | undefined; value: string[]; inline: string[] } | undefined;
  let inValue = false;
  let inInline = false;
  let inInlineText = false;
  let phoneticDepth = 0;

  const store = (value: string): void => {
    if (value === '' || rowIndex < 0 || column < 0) return;
    const row = (rows[rowIndex] ??= []);
    row[column] = value;
  };

  scanXml(xml, {
    open(name, attrs, selfClosing) {
      switch (name) {
        case 'row': {
          const r = Number(attrs.get('r'));
          rowIndex = Number.isInteger(r) && r >= 1 ? r - 1 : rowIndex + 1;
          column = -1;
          break;
        }
        case 'c': {
          const ref = attrs.get('r');
          const parsed = ref === undefined ? undefined : columnIndexOf(ref);
          column = parsed ?? column + 1;
          cell = selfClosing ? undefined : { type: attrs.get('t'), value: [], inline: [] };
          break;
        }
        case 'v':
          inValue = !selfClosing && cell !== undefined;
          break;
        case 'is':
          inInline = !selfClosing;
          break;
        case 'rPh':
          if (!selfClosing) phoneticDepth += 1;
          break;
        case 't':
          inInlineText = inInline && !selfClosing;
          break;
      }
    },
    close(name) {
      switch (name) {
        case 'c':
          if (cell !== undefined) store(cellText(cell, shared));
          cell = undefined;
          break;
        case 'v':
          inValue = false;
          break;
        case 'is':
          inInline = false;
          break;
        case 'rPh':
          phoneticDepth = Math.max(0, phoneticDepth - 1);
          break;
        case 't':
          inInlineText = false;
          break;
      }
    },
    text(value) {
      if (cell === undefined) return;
      if (inValue) cell.value.push(value);
      else if (inInlineText && phoneticDepth === 0) cell.inline.push(value);
    },
  });

  const dense: string[][] = [];
  for (let i = 0; i < rows.length; i += 1) {
    const row = rows[i] ?? [];
    dense.push(Array.from({ length: row.length }, (_, j) => row[j] ?? ''));
  }
  return dense;
}

function cellText(cell: { type: string | undefined; value: string[]; inline: string[] }, shared: string[]): string {
  const value = cell.value.join('');
  switch (cell.type) {
    case 's':
      return shared[Number(value)] ?? '';
    case 'inlineStr':
      return unescapeOoxml(cell.inline.join(''));
    case 'b':
      return value === '1' ? 'TRUE' : value === '0' ? 'FALSE' : value;
    case 'str':
      return unescapeOoxml(value);
    default:
      // Numbers ('n' or no type), errors ('e') and ISO dates ('d') as written.
      return value;
  }
}

/** "AB12" → 27 (0-based column of AB). */
function columnIndexOf(ref: string): number | undefined {
  const match = /^\$?([A-Za-z]{1,3})\$?\d*$/.exec(ref);
  if (!match?.[1]) return undefined;
  let index = 0;
  for (const ch of match[1].toUpperCase()) index = index * 26 + (ch.charCodeAt(0) - 64);
  return index - 1;
}

/** ECMA-376 ST_Xstring escapes characters XML cannot hold as _xHHHH_ (e.g. _x000D_ for CR). */
function unescapeOoxml(value: string): string {
  return value.replace(/_x([0-9A-Fa-f]{4})_/g, (_m, hex: string) => String.fromCharCode(parseInt(hex, 16)));
}

interface XmlHandlers {
  /** `name` is the local name (a namespace prefix such as x: is dropped), as are attribute names. */
  open?(name: string, attrs: XmlAttributes, selfClosing: boolean): void;
  close?(name: string): void;
  text?(value: string): void;
}

/** A tag's attributes, parsed only when asked for (most tags in a sheet are never asked). */
class XmlAttributes {
  private raw = '';
  private parsed: Map<string, string> | undefined;
  reset(raw: string): this {
    this.raw = raw;
    this.parsed = undefined;
    return this;
  }
  get(name: string): string | undefined {
    this.parsed ??= parseAttributes(this.raw);
    return this.parsed.get(name);
  }
}

const XML_ATTR = /([A-Za-z_][\w.:-]*)\s*=\s*(?:"([^"]*)"|'([^']*)')/g;
const GT = 0x3e;
/** Tag body: text and quoted values up to '>' (unrolled, so it is linear and always matches). */
const TAG_BODY = /[^>"'<]*(?:(?:"[^"]*"|'[^']*')[^>"'<]*)*/y;

/**
 * A minimal XML scanner for the well-formed parts that spreadsheet programs write: tags, text with
 * the predefined and numeric entities, CDATA; comments, processing instructions and declarations are
 * skipped. Not a general XML parser (no DTDs). Linear in the input, with no regular expression
 * over the whole text, so a malformed file costs no more than a good one.
 */
function scanXml(xml: string, handlers: XmlHandlers): void {
  const attrs = new XmlAttributes();
  const length = xml.length;
  let i = 0;
  while (i < length) {
    const lt = xml.indexOf('<', i);
    const textEnd = lt < 0 ? length : lt;
    if (textEnd > i && handlers.text) handlers.text(decodeEntities(xml.slice(i, textEnd)));
    if (lt < 0) return;
    if (xml.startsWith('<!--', lt)) {
      const end = xml.indexOf('-->', lt + 4);
      i = end < 0 ? length : end + 3;
      continue;
    }
    if (xml.startsWith('<![CDATA[', lt)) {
      const end = xml.indexOf(']]>', lt + 9);
      handlers.text?.(xml.slice(lt + 9, end < 0 ? length : end));
      i = end < 0 ? length : end + 3;
      continue;
    }
    // The tag runs to the first '>' outside a quoted attribute value (or, if malformed, to a '<').
    TAG_BODY.lastIndex = lt + 1;
    TAG_BODY.exec(xml);
    const j = TAG_BODY.lastIndex;
    const inner = xml.slice(lt + 1, j);
    i = j < length && xml.charCodeAt(j) === GT ? j + 1 : j;
    const first = inner.charCodeAt(0);
    if (first === 0x3f || first === 0x21) continue; // <?xml …?>, <!DOCTYPE …>
    const closing = first === 0x2f;
    const selfClosing = !closing && inner.endsWith('/');
    const body = closing ? inner.slice(1) : selfClosing ? inner.slice(0, -1) : inner;
    const nameEnd = body.search(/[\s/]|$/);
    const name = localName(body.slice(0, nameEnd));
    if (name === '') continue;
    if (closing) handlers.close?.(name);
    // A self-closing tag is reported once, as an open with selfClosing set (no close follows).
    else handlers.open?.(name, attrs.reset(body.slice(nameEnd)), selfClosing);
  }
}

function localName(name: string): string {
  const colon = name.indexOf(':');
  return colon < 0 ? name : name.slice(colon + 1);
}

function parseAttributes(raw: string): Map<string, string> {
  const attrs = new Map<string, string>();
  XML_ATTR.lastIndex = 0;
  for (let match = XML_ATTR.exec(raw); match !== null; match = XML_ATTR.exec(raw)) {
    const [, name, double, single] = match;
    if (name !== undefined) attrs.set(localName(name), decodeEntities(double ?? single ?? ''));
  }
  return attrs;
}

const NAMED_ENTITIES: Record<string, string> = { amp: '&', lt: '<', gt: '>', quot: '"', apos: "'" };

function decodeEntities(value: string): string {
  if (!value.includes('&')) return value;
  return value.replace(/&(#x[0-9A-Fa-f]+|#\d+|[A-Za-z]+);/g, (whole, entity: string) => {
    if (entity.startsWith('#')) {
      const code = entity[1] === 'x' || entity[1] === 'X' ? parseInt(entity.slice(2), 16) : parseInt(entity.slice(1), 10);
      return Number.isInteger(code) && code >= 0 && code <= 0x10ffff ? String.fromCodePoint(code) : whole;
    }
    return NAMED_ENTITIES[entity] ?? whole;
  });
}
