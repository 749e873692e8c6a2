import type { Level, Room } from '../domain/types';
import { compactText, halfWidth, isScientificNotation, parseLevel, roomKey } from '../roster/cell-values';
import { decodeTable, isBlankRow, type TableFormat, type TextEncodingName } from '../roster/decode-table';
import { BAG_KIND_NAMES_HINT, parseBagCount, parseBagKind, splitSealNos } from './bag-cells';
import { BAG_FIELDS, BAG_FIELD_LABELS, REQUIRED_BAG_FIELDS, recognizeBagHeaders, type BagColumnMapping, type BagField } from './bag-columns';
import { MAX_BAG_COUNT, isReturnBag, normaliseBagCode, type BagKind } from './bags';
import { bagEntrySchema, type BagEntry } from './custody-api';

/** registerBags takes at most this many bags at once; a longer list is refused rather than cut. */
export const MAX_BAG_IMPORT_ROWS = 2_000;
/** bagSchema's limit on 封条号 per bag. */
const MAX_SEALS_PER_BAG = 4;

export const BAG_FINDING_KINDS = [
  'missing-code',
  'scientific-notation', // Excel stored a long barcode as a number: its last digits are lost
  'duplicate-code', // twice in the file
  'already-registered',
  'missing-kind',
  'unknown-kind',
  'missing-occupation',
  'occupation-not-in-plan',
  'missing-level',
  'unknown-level',
  'level-not-in-plan',
  'missing-count',
  'bad-count',
  'missing-room', // only a 备用卷 may be for no room
  'unknown-room',
  'duplicate-seal', // warning: the same 封条号 on two bags
  'invalid-text', // what bagEntrySchema refuses: over-long, control characters, too many 封条号
] as const;
export type BagFindingKind = (typeof BAG_FINDING_KINDS)[number];

export interface BagImportFinding {
  /** The spreadsheet row, 1-based, as Excel shows it. */
  row: number;
  severity: 'error' | 'warning';
  kind: BagFindingKind;
  field: BagField;
  /** Chinese, for the preview. */
  message: string;
}

export interface BagImportContext {
  /** Codes already in the registry, as stored (compared trimmed and in upper case). */
  existingCodes: readonly string[];
  /** The day's rooms; a cell may give the number ("01", "1", "第1考场") or the name. */
  rooms: readonly Pick<Room, 'roomNo' | 'name'>[];
  /** The plan's 职业 and their 等级 (附件1 认定计划). */
  occupations: readonly { occupation: string; levels: readonly Level[] }[];
}

export interface BagImportRow {
  row: number;
  /** Cell text of each recognised column, half-width and trimmed. */
  values: Partial<Record<BagField, string>>;
  /** Present when the row has no error. */
  entry?: BagEntry;
  findings: BagImportFinding[];
}

export type BagImportResult =
  | { ok: false; message: string }
  | {
      ok: true;
      format: TableFormat;
      encoding?: TextEncodingName;
      sheetName?: string;
      /** 1-based spreadsheet row of the header. */
      headerRow: number;
      mapping: BagColumnMapping;
      ignoredHeaders: string[];
      /** Every non-blank data row, in file order. */
      rows: BagImportRow[];
      /** The rows without errors, ready for registerBags (source 'imported'). */
      entries: BagEntry[];
      /** All findings by row, errors of a row before its warnings. */
      findings: BagImportFinding[];
      errorCount: number;
      warningCount: number;
      errorRowCount: number;
    };

const HEADER_HINT = '袋号（或条码）、类别、职业、等级、份数、考场，可选封条号';

/**
 * Reads the press's list of sealed bags (试卷、答题卡、备用卷 and the return bags, 附件5 7:40, 8:30,
 * 10:00) from .xlsx or CSV, the way rosters are read, and checks every row against the day's rooms,
 * the plan and the registry. `ok: false` (with the reason in Chinese) when the file cannot be read,
 * has no recognisable header, lacks a required column, has no rows or more than
 * `MAX_BAG_IMPORT_ROWS`. Row problems are findings; a row with an error is left out of `entries`.
 */
export function checkBagFile(bytes: Uint8Array, fileName: string, context: BagImportContext): BagImportResult {
  const decoded = decodeTable(bytes, fileName);
  if (!decoded.ok) return decoded;
  const recognition = recognizeBagHeaders(decoded.rows);
  if (recognition.headerRowIndex < 0) {
    return { ok: false, message: `没有找到试卷袋清单的表头：前 10 行中没有可识别的列名（应有：${HEADER_HINT}）` };
  }
  const headerRow = recognition.headerRowIndex + 1;
  const missing = REQUIRED_BAG_FIELDS.filter((field) => recognition.mapping[field] === undefined);
  if (missing.length > 0) {
    const names = missing.map((field) => `“${BAG_FIELD_LABELS[field]}”`).join('');
    return { ok: false, message: `试卷袋清单缺少${names}列（表头在第 ${headerRow} 行）：请在表头中加上后再导入` };
  }
  const dataRows = decoded.rows.flatMap((cells, index) => (index > recognition.headerRowIndex && !isBlankRow(cells) ? [{ row: index + 1, cells }] : []));
  if (dataRows.length === 0) {
    return { ok: false, message: `试卷袋清单中没有数据：表头（第 ${headerRow} 行）之后没有试卷袋，请检查是否选错了文件或工作表` };
  }
  if (dataRows.length > MAX_BAG_IMPORT_ROWS) {
    return { ok: false, message: `清单中有 ${dataRows.length} 个试卷袋，一次最多导入 ${MAX_BAG_IMPORT_ROWS} 个：请分成几个文件导入` };
  }

  const rows = dataRows.map(({ row, cells }) => checkRow(row, cellValues(cells, recognition.mapping), context));
  flagRepeats(rows, context);
  for (const row of rows) {
    row.findings.sort((a, b) => severityRank(a) - severityRank(b));
    if (row.findings.some((f) => f.severity === 'error')) delete row.entry;
  }
  const findings = rows.flatMap((r) => r.findings);
  return {
    ok: true,
    format: decoded.format,
    ...(decoded.encoding === undefined ? {} : { encoding: decoded.encoding }),
    ...(decoded.sheetName === undefined ? {} : { sheetName: decoded.sheetName }),
    headerRow,
    mapping: recognition.mapping,
    ignoredHeaders: recognition.ignoredHeaders,
    rows,
    entries: rows.flatMap((r) => (r.entry ? [r.entry] : [])),
    findings,
    errorCount: findings.filter((f) => f.severity === 'error').length,
    warningCount: findings.filter((f) => f.severity === 'warning').length,
    errorRowCount: rows.filter((r) => r.findings.some((f) => f.severity === 'error')).length,
  };
}

/** "第 5 行：份数“三十”不是整数" for a list or a log line. */
export function formatBagFinding(finding: BagImportFinding): string {
  return `第 ${finding.row} 行：${finding.severity === 'warning' ? '（提醒）' : ''}${finding.message}`;
}

function cellValues(cells: readonly string[], mapping: BagColumnMapping): Partial<Record<BagField, string>> {
  const values: Partial<Record<BagField, string>> = {};
  for (const field of BAG_FIELDS) {
    const index = mapping[field];
    if (index !== undefined) values[field] = halfWidth(cells[index] ?? '');
  }
  return values;
}

/**
 * One row on its own: every cell parsed, each problem a finding. `entry` is built from what parsed and
 * checked by `bagEntrySchema`, whose issues (over-long text, control characters, more than four
 * 封条号) become findings for fields that have none yet.
 */
function checkRow(row: number, values: Partial<Record<BagField, string>>, context: BagImportContext): BagImportRow {
  const findings: BagImportFinding[] = [];
  const error = (kind: BagFindingKind, field: BagField, message: string): void => {
    findings.push({ row, severity: 'error', kind, field, message });
  };

  const codeText = (values.code ?? '').replace(/\s+/g, '');
  if (codeText === '') error('missing-code', 'code', '袋号（条码）为空');
  else if (isScientificNotation(codeText)) {
    error('scientific-notation', 'code', '袋号被 Excel 存成了数字（科学计数法），后几位已丢失：请把该列设为“文本”格式后重新填写');
  }

  const kindText = values.kind ?? '';
  let kind: BagKind | undefined;
  if (kindText === '') error('missing-kind', 'kind', '类别为空');
  else {
    kind = parseBagKind(kindText);
    if (kind === undefined) error('unknown-kind', 'kind', `类别“${kindText}”无法识别（可填：${BAG_KIND_NAMES_HINT}）`);
  }

  const occupationText = values.occupation ?? '';
  let occupation: string | undefined;
  let plannedLevels: readonly Level[] | undefined;
  if (occupationText === '') error('missing-occupation', 'occupation', '职业为空');
  else {
    const planned = context.occupations.find((o) => compactText(o.occupation) === compactText(occupationText));
    if (planned) {
      occupation = planned.occupation;
      plannedLevels = planned.levels;
    } else {
      const names = context.occupations.map((o) => o.occupation).join('、');
      error('occupation-not-in-plan', 'occupation', `职业“${occupationText}”不在本次认定计划中（计划职业：${names || '无'}）`);
    }
  }

  const levelText = values.level ?? '';
  let level: Level | undefined;
  if (levelText === '') error('missing-level', 'level', '等级为空');
  else {
    level = parseLevel(levelText);
    if (level === undefined) error('unknown-level', 'level', `等级“${levelText}”无法识别（应为五级至一级）`);
    else if (plannedLevels && !plannedLevels.includes(level)) {
      error('level-not-in-plan', 'level', `${occupation ?? ''}${level}不在本次认定计划中（计划等级：${plannedLevels.join('、')}）`);
    }
  }

  // A return bag's 份数 is only known when it is sealed at 收卷, so the press may leave it blank.
  const countText = values.count ?? '';
  let count: number | undefined;
  if (countText === '') {
    if (kind !== undefined && isReturnBag(kind)) count = 0;
    else if (kind !== undefined) error('missing-count', 'count', '份数为空');
  } else {
    count = parseBagCount(countText);
    if (count === undefined) error('bad-count', 'count', `份数“${countText}”应为不小于 0 的整数`);
    else if (count > MAX_BAG_COUNT) error('bad-count', 'count', `份数 ${count} 过大（一袋最多 ${MAX_BAG_COUNT} 份）`);
  }

  const roomText = values.roomNo ?? '';
  let roomNo: string | undefined;
  if (roomText === '') {
    if (kind !== undefined && kind !== 'spare') error('missing-room', 'roomNo', '考场为空（只有备用卷可以不指定考场）');
  } else {
    const room = findRoom(context.rooms, roomText);
    if (room) roomNo = room.roomNo;
    else error('unknown-room', 'roomNo', `考场“${roomText}”不在本考点的考场列表中`);
  }

  const sealNos = splitSealNos(values.sealNos ?? '');
  if (sealNos.length > MAX_SEALS_PER_BAG) error('invalid-text', 'sealNos', `封条号最多 ${MAX_SEALS_PER_BAG} 个，本行有 ${sealNos.length} 个`);
  const candidate = {
    code: codeText,
    kind,
    occupation,
    level,
    count,
    ...(roomNo === undefined ? {} : { roomNo }),
    sealNos,
    source: 'imported' as const,
  };
  const parsed = bagEntrySchema.safeParse(candidate);
  if (parsed.success) return { row, values, entry: parsed.data, findings };
  // A field left undefined already has its finding, or (count, room) waits on the kind's.
  const reported = new Set<BagField>([...findings.map((f) => f.field), ...BAG_FIELDS.filter((f) => candidate[f] === undefined)]);
  for (const issue of parsed.error.issues) {
    const field = BAG_FIELDS.find((f) => f === issue.path[0]);
    if (field === undefined || reported.has(field)) continue;
    reported.add(field);
    error('invalid-text', field, `${BAG_FIELD_LABELS[field]}${issue.message}`);
  }
  return { row, values, findings };
}

function findRoom(rooms: BagImportContext['rooms'], text: string): Pick<Room, 'roomNo' | 'name'> | undefined {
  const key = roomKey(text);
  return rooms.find((room) => roomKey(room.roomNo) === key) ?? rooms.find((room) => roomKey(room.name) === key);
}

/** Codes twice in the file or already registered, and 封条号 on two bags: the first row stands. */
function flagRepeats(rows: BagImportRow[], context: BagImportContext): void {
  const registered = new Set(context.existingCodes.map(normaliseBagCode));
  const firstCode = new Map<string, number>();
  const firstSeal = new Map<string, number>();
  for (const { row, values, findings } of rows) {
    const codeText = (values.code ?? '').replace(/\s+/g, '');
    const code = normaliseBagCode(codeText);
    if (code !== '' && !findings.some((f) => f.field === 'code')) {
      const first = firstCode.get(code);
      if (registered.has(code)) findings.push({ row, severity: 'error', kind: 'already-registered', field: 'code', message: `袋号 ${codeText} 已经登记过` });
      else if (first !== undefined) findings.push({ row, severity: 'error', kind: 'duplicate-code', field: 'code', message: `袋号 ${codeText} 与第 ${first} 行重复` });
      else firstCode.set(code, row);
    }
    for (const sealNo of splitSealNos(values.sealNos ?? '')) {
      const first = firstSeal.get(sealNo);
      if (first === undefined) firstSeal.set(sealNo, row);
      else if (first !== row) {
        findings.push({ row, severity: 'warning', kind: 'duplicate-seal', field: 'sealNos', message: `封条号 ${sealNo} 与第 ${first} 行相同，请核对` });
      }
    }
  }
}

function severityRank(finding: BagImportFinding): number {
  return finding.severity === 'error' ? 0 : 1;
}
