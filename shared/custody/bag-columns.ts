import { halfWidth } from '../roster/cell-values';
import { normalizeHeader } from '../roster/columns';
import { isBlankRow } from '../roster/decode-table';

/** The bag fields a column of the press's list can fill (names as in `bagEntrySchema`). */
export const BAG_FIELDS = ['code', 'kind', 'occupation', 'level', 'count', 'roomNo', 'sealNos'] as const;
export type BagField = (typeof BAG_FIELDS)[number];

export const BAG_FIELD_LABELS: Record<BagField, string> = {
  code: '袋号（条码）',
  kind: '类别',
  occupation: '职业（工种）',
  level: '等级',
  count: '份数',
  roomNo: '考场',
  sealNos: '封条号',
};

/** 封条号 may be absent: not every press prints one on the list. */
export const REQUIRED_BAG_FIELDS: readonly BagField[] = ['code', 'kind', 'occupation', 'level', 'count', 'roomNo'];

/** Field → 0-based column index. */
export type BagColumnMapping = Partial<Record<BagField, number>>;

/** Headers as press lists and hand-made sheets spell them, after `normalizeBagHeader`; most usual first. */
const HEADER_ALIASES: Record<BagField, string[]> = {
  code: ['袋号', '条码', '条形码', '条码号', '试卷袋编号', '试卷袋号', '试卷袋条码', '袋编号', '袋条码', '密封袋编号', '编号', 'code', 'barcode'],
  kind: ['类别', '袋类', '袋类别', '类型', '袋类型', '试卷袋类别', '试卷袋类型', '种类', '袋别', 'kind', 'type'],
  occupation: ['职业', '工种', '职业(工种)', '职业/工种', '职业工种', '职业名称', '认定职业', 'occupation'],
  level: ['等级', '级别', '职业等级', '技能等级', '认定等级', '申报等级', 'level'],
  count: ['份数', '数量', '袋内份数', '卷数', '张数', '份数/张数', 'count', 'qty', 'quantity'],
  roomNo: ['考场', '考场号', '考场编号', '考场名称', '使用考场', 'room', 'roomno'],
  sealNos: ['封条号', '封签号', '封条编号', '封签编号', '封条', '封签', '封条号码', 'seal', 'sealno', 'sealnos'],
};

const ALIAS_TO_FIELD = new Map<string, BagField>(
  BAG_FIELDS.flatMap((field) => HEADER_ALIASES[field].map((alias) => [alias, field] as const)),
);

/** The roster's header normalisation, plus full-width letters made half-width and case ignored ("Ｃｏｄｅ" is "code"). */
export function normalizeBagHeader(header: string): string {
  return normalizeHeader(halfWidth(header)).toLowerCase();
}

/** The field a header names, if we know it; "份数（份）" still counts as 份数. */
export function bagFieldForHeader(header: string): BagField | undefined {
  const normalized = normalizeBagHeader(header);
  if (normalized === '') return undefined;
  return ALIAS_TO_FIELD.get(normalized) ?? ALIAS_TO_FIELD.get(normalized.replace(/\(.*?\)/g, ''));
}

export interface BagHeaderRecognition {
  /** 0-based index of the header row; -1 when no row among the first ten names a known column. */
  headerRowIndex: number;
  mapping: BagColumnMapping;
  /** Non-blank headers that name no field: shown so the user sees what was left out. */
  ignoredHeaders: string[];
}

/** A title such as "2026年11月 保育师 试卷袋清单" may sit above the header; it is looked for among these rows. */
const HEADER_SEARCH_ROWS = 10;

/**
 * The header row is the one among the first ten that names the most known fields; when two columns
 * name the same field the first wins.
 */
export function recognizeBagHeaders(rows: readonly (readonly string[])[]): BagHeaderRecognition {
  let best: { index: number; mapping: BagColumnMapping; count: number } | undefined;
  for (let i = 0; i < Math.min(rows.length, HEADER_SEARCH_ROWS); i += 1) {
    const row = rows[i] ?? [];
    if (isBlankRow(row)) continue;
    const mapping: BagColumnMapping = {};
    row.forEach((header, index) => {
      const field = bagFieldForHeader(header);
      if (field !== undefined && mapping[field] === undefined) mapping[field] = index;
    });
    const count = Object.keys(mapping).length;
    if (count > 0 && (best === undefined || count > best.count)) best = { index: i, mapping, count };
  }
  if (best === undefined) return { headerRowIndex: -1, mapping: {}, ignoredHeaders: [] };
  const used = new Set(Object.values(best.mapping));
  const ignoredHeaders = (rows[best.index] ?? []).flatMap((header, index) => (used.has(index) || header.trim() === '' ? [] : [header.trim()]));
  return { headerRowIndex: best.index, mapping: best.mapping, ignoredHeaders };
}
