import { isBlankRow } from './decode-table';

/** The candidate fields a roster column can fill (names as in `candidateSchema`). */
export const ROSTER_FIELDS = ['name', 'gender', 'idType', 'idNumber', 'ticketNo', 'occupation', 'level', 'roomNo', 'seatNo'] as const;
export type RosterField = (typeof ROSTER_FIELDS)[number];

export const ROSTER_FIELD_LABELS: Record<RosterField, string> = {
  name: '姓名',
  gender: '性别',
  idType: '证件类型',
  idNumber: '证件号码',
  ticketNo: '准考证号',
  occupation: '职业（工种）',
  level: '等级',
  roomNo: '考场号',
  seatNo: '座位号',
};

export const ROSTER_FIELD_LABELS_EN: Record<RosterField, string> = {
  name: 'Name',
  gender: 'Gender',
  idType: 'ID type',
  idNumber: 'ID number',
  ticketNo: 'Ticket no.',
  occupation: 'Occupation',
  level: 'Level',
  roomNo: 'Room',
  seatNo: 'Seat',
};

/** Field → 0-based column index. A field with no column is absent. */
export type ColumnMapping = Partial<Record<RosterField, number>>;

/**
 * Headers as certification-system exports and hand-made sheets spell them, after `normalizeHeader`.
 * Listed per field, most usual first.
 */
const HEADER_ALIASES: Record<RosterField, string[]> = {
  name: ['姓名', '考生姓名', '名字'],
  gender: ['性别'],
  idType: ['证件类型', '身份证件类型', '证件种类', '证件名称'],
  idNumber: ['身份证号', '身份证号码', '证件号码', '证件号', '身份证件号码', '身份证件号', '公民身份号码', '身份证'],
  ticketNo: ['准考证号', '准考证号码', '准考证', '准考号'],
  occupation: ['职业(工种)', '职业/工种', '职业工种', '职业', '工种', '申报职业', '职业名称', '认定职业', '申报职业(工种)'],
  level: ['等级', '级别', '职业等级', '申报等级', '技能等级', '认定等级', '申报级别'],
  roomNo: ['考场号', '考场', '考场编号', '考场序号'],
  seatNo: ['座位号', '座号', '座位', '座位编号'],
};

const ALIAS_TO_FIELD = new Map<string, RosterField>(
  ROSTER_FIELDS.flatMap((field) => HEADER_ALIASES[field].map((alias) => [alias, field] as const)),
);

/**
 * Header text reduced to what identifies it: no whitespace (full-width too), no required-field marks
 * (*, ＊, ※), full-width brackets and slashes made half-width, a trailing colon dropped.
 */
export function normalizeHeader(header: string): string {
  return header
    .replace(/[\s\u3000]+/g, '')
    .replace(/[*＊※]/g, '')
    .replace(/[（【［]/g, '(')
    .replace(/[）】］]/g, ')')
    .replace(/[／]/g, '/')
    .replace(/[:：]$/, '');
}

/** The field a header names, if it is one we know; "身份证号(18位)" still counts as 身份证号. */
export function fieldForHeader(header: string): RosterField | undefined {
  const normalized = normalizeHeader(header);
  if (normalized === '') return undefined;
  return ALIAS_TO_FIELD.get(normalized) ?? ALIAS_TO_FIELD.get(normalized.replace(/\(.*?\)/g, ''));
}

export interface UnmappedColumn {
  index: number;
  header: string;
}

export interface HeaderRecognition {
  /** 0-based index of the header row; data rows follow it. -1 when no row looks like a header. */
  headerRowIndex: number;
  headers: string[];
  mapping: ColumnMapping;
  /** Columns with a header the app could not place, for the user to map or leave. */
  unmapped: UnmappedColumn[];
}

/** Rows above the header that exports put a title or notes in; the header is looked for among these. */
const HEADER_SEARCH_ROWS = 10;

/**
 * Finds the header row (the row among the first ten that names the most known fields, so a title row
 * such as "2026年保育师考生名单" above it is skipped) and maps each known header to its column. When two
 * columns name the same field the first wins and the other is left unmapped.
 */
export function recognizeHeaders(rows: readonly (readonly string[])[]): HeaderRecognition {
  let best: { index: number; mapping: ColumnMapping; count: number } | undefined;
  for (let i = 0; i < Math.min(rows.length, HEADER_SEARCH_ROWS); i += 1) {
    const row = rows[i] ?? [];
    if (isBlankRow(row)) continue;
    const mapping = mapRow(row);
    const count = Object.keys(mapping).length;
    if (count > 0 && (best === undefined || count > best.count)) best = { index: i, mapping, count };
  }
  if (best === undefined) return { headerRowIndex: -1, headers: [], mapping: {}, unmapped: [] };
  const headers = (rows[best.index] ?? []).map((h) => h.trim());
  return { headerRowIndex: best.index, headers, mapping: best.mapping, unmapped: unmappedColumns(headers, best.mapping) };
}

function mapRow(row: readonly string[]): ColumnMapping {
  const mapping: ColumnMapping = {};
  row.forEach((header, index) => {
    const field = fieldForHeader(header);
    if (field !== undefined && mapping[field] === undefined) mapping[field] = index;
  });
  return mapping;
}

function unmappedColumns(headers: readonly string[], mapping: ColumnMapping): UnmappedColumn[] {
  const used = new Set(Object.values(mapping));
  return headers.flatMap((header, index) => (used.has(index) || header === '' ? [] : [{ index, header }]));
}

/**
 * The user's corrections on top of the recognised mapping: a field set to a column takes that column
 * (from whichever field had it), a field set to null is unmapped. Returns the new recognition.
 */
export function overrideMapping(
  recognition: HeaderRecognition,
  overrides: Partial<Record<RosterField, number | null>>,
): HeaderRecognition {
  const mapping: ColumnMapping = { ...recognition.mapping };
  for (const field of ROSTER_FIELDS) {
    const column = overrides[field];
    if (column === undefined) continue;
    if (column === null) {
      delete mapping[field];
      continue;
    }
    for (const other of ROSTER_FIELDS) if (mapping[other] === column) delete mapping[other];
    mapping[field] = column;
  }
  return { ...recognition, mapping, unmapped: unmappedColumns(recognition.headers, mapping) };
}
