import { readFileSync } from 'node:fs';
import { basename } from 'node:path';
import { parseArgs } from 'node:util';
import { z } from 'zod';
import { examPlanSchema, roomSchema, type Room } from '../../shared/domain/types';
import { checkRosterFile } from '../../shared/roster/check-roster';
import { ROSTER_FIELD_LABELS, ROSTER_FIELDS, type HeaderRecognition } from '../../shared/roster/columns';
import type { DecodedTable } from '../../shared/roster/decode-table';
import {
  DEFAULT_ROOM_CAPACITY,
  formatRosterFinding,
  type RosterPlanRules,
  type RosterValidation,
} from '../../shared/roster/validate-roster';

const USAGE = '用法：examday roster check 文件(.xlsx/.csv) [--plan 计划.json] [--capacity 座位数] [--json]';

const planRulesSchema = examPlanSchema.pick({ date: true, occupations: true, acceptedIdTypes: true });
/** A plan file: `{ "plan": {…}, "rooms": [ … ] }`, or the plan object alone. */
const planFileSchema = z.union([
  z.object({ plan: planRulesSchema, rooms: z.array(roomSchema).min(1).optional() }),
  planRulesSchema.transform((plan) => ({ plan, rooms: undefined })),
]);

/**
 * `examday roster check FILE`: the per-row findings the import preview shows, for checking a roster
 * before the day. With `--plan` (JSON with the plan's date, occupations/levels and accepted ID types,
 * and optionally the rooms) everything is checked; without it only the structure: ID numbers (no
 * date limit), duplicates, missing fields, seats, and capacity with `--capacity` seats per room (附件3:
 * 30). Exit 0 when no row has an error (warnings allowed), 1 when any has, 2 on a usage error, an
 * unreadable file or an invalid plan file.
 */
export function runRosterCommand(argv: string[], out: (line: string) => void): number {
  let parsed;
  try {
    parsed = parseArgs({
      args: argv,
      options: { json: { type: 'boolean' }, plan: { type: 'string' }, capacity: { type: 'string' } },
      allowPositionals: true,
      strict: true,
    });
  } catch (error) {
    out(`${USAGE}（${error instanceof Error ? error.message : String(error)}）`);
    return 2;
  }
  const { values, positionals } = parsed;
  const [sub, file, ...extra] = positionals;
  if (sub !== 'check' || file === undefined || extra.length > 0) {
    out(USAGE);
    return 2;
  }
  const capacity = values.capacity === undefined ? DEFAULT_ROOM_CAPACITY : Number(values.capacity);
  if (!Number.isInteger(capacity) || capacity < 1 || capacity > 200) {
    out(`--capacity 应为 1 至 200 的整数，收到：${values.capacity ?? ''}`);
    return 2;
  }

  let plan: RosterPlanRules | undefined;
  let rooms: Room[] | undefined;
  if (values.plan !== undefined) {
    const loaded = loadPlanFile(values.plan);
    if (!loaded.ok) {
      out(loaded.message);
      return 2;
    }
    ({ plan, rooms } = loaded);
  }

  const fail = (message: string): number => {
    out(values.json ? JSON.stringify({ ok: false, file, message }) : message);
    return 2;
  };
  let bytes: Uint8Array;
  try {
    bytes = readFileSync(file);
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    return fail(`无法读取该文件：${code === 'ENOENT' ? '找不到文件' : code === 'EISDIR' ? '这是一个文件夹' : '没有读取权限或读取失败'}（${file}）`);
  }
  const checked = checkRosterFile(bytes, basename(file), { plan, rooms, defaultCapacity: capacity });
  if (!checked.ok) return fail(checked.message);
  const { table, recognition, validation } = checked;
  const exitCode = validation.errorCount > 0 ? 1 : 0;

  if (values.json) {
    out(
      JSON.stringify({
        ok: true,
        file,
        format: table.format,
        encoding: table.encoding,
        sheetName: table.sheetName,
        headerRow: recognition.headerRowIndex >= 0 ? recognition.headerRowIndex + 1 : null,
        mapping: Object.fromEntries(Object.entries(recognition.mapping).map(([field, index]) => [field, columnLetter(index)])),
        unmapped: recognition.unmapped.map((u) => ({ column: columnLetter(u.index), header: u.header })),
        planChecked: plan !== undefined,
        rowCount: validation.rows.length,
        candidateCount: validation.candidates.length,
        errorRowCount: validation.errorRowCount,
        errorCount: validation.errorCount,
        warningCount: validation.warningCount,
        seatsAssigned: validation.seatsAssigned,
        rooms: validation.rooms,
        // The CLI speaks Chinese: each finding's message, without the coded refusal the preview translates.
        findings: validation.findings.map(({ refusal: _refusal, ...finding }) => finding),
      }),
    );
    return exitCode;
  }

  for (const line of describeTable(file, table, recognition)) out(line);
  if (plan === undefined) {
    out(`未提供 --plan：只检查结构（证件号码、重复、缺项、座位、每考场 ${capacity} 座），不核对计划的职业、等级、证件类型和考场列表`);
  }
  for (const line of findingLines(validation.findings)) out(line);
  out(summaryLine(validation));
  return exitCode;
}

/**
 * Each finding on its line, except a room over capacity: one line for the room naming every row
 * beyond it (the preview marks each row; a printed list of thirty identical lines hides the rest).
 */
function findingLines(findings: RosterValidation['findings']): string[] {
  const lines: string[] = [];
  const overRows = new Map<string, { index: number; rows: number[] }>();
  for (const finding of findings) {
    if (finding.kind !== 'room-over-capacity') {
      lines.push(formatRosterFinding(finding));
      continue;
    }
    const held = overRows.get(finding.message);
    if (held) held.rows.push(finding.row);
    else {
      overRows.set(finding.message, { index: lines.length, rows: [finding.row] });
      lines.push('');
    }
  }
  for (const [message, { index, rows }] of overRows) lines[index] = `第 ${rows.join('、')} 行：${message}`;
  return lines;
}

function loadPlanFile(path: string): ({ ok: true } & { plan: RosterPlanRules; rooms: Room[] | undefined }) | { ok: false; message: string } {
  let json: unknown;
  try {
    json = JSON.parse(readFileSync(path, 'utf8'));
  } catch (error) {
    return { ok: false, message: `无法读取计划文件 ${path}：${error instanceof Error ? error.message : String(error)}` };
  }
  const result = planFileSchema.safeParse(json);
  if (!result.success) {
    const issue = result.error.issues[0];
    return { ok: false, message: `计划文件 ${path} 不正确：${issue ? `${issue.path.join('.') || '(根)'} ${issue.message}` : ''}` };
  }
  return { ok: true, plan: result.data.plan, rooms: result.data.rooms };
}

function describeTable(file: string, table: DecodedTable, recognition: HeaderRecognition): string[] {
  const kind = table.format === 'xlsx' ? `Excel 工作表“${table.sheetName ?? ''}”` : `CSV，${ENCODING_LABELS[table.encoding ?? 'utf-8']} 编码`;
  const lines = [`文件：${file}（${kind}）`];
  if (recognition.headerRowIndex < 0) {
    lines.push('表头：未找到可识别的表头');
    return lines;
  }
  const mapped = ROSTER_FIELDS.flatMap((field) => {
    const index = recognition.mapping[field];
    return index === undefined ? [] : [`${ROSTER_FIELD_LABELS[field]}=${columnLetter(index)}列`];
  });
  lines.push(`表头：第 ${recognition.headerRowIndex + 1} 行；${mapped.join('，')}`);
  if (recognition.unmapped.length > 0) {
    lines.push(`未使用的列：${recognition.unmapped.map((u) => `${u.header}（${columnLetter(u.index)}列）`).join('，')}`);
  }
  return lines;
}

const ENCODING_LABELS: Record<NonNullable<DecodedTable['encoding']>, string> = {
  'utf-8': 'UTF-8',
  gb18030: 'GBK/GB18030',
  'utf-16le': 'UTF-16',
  'utf-16be': 'UTF-16',
};

function summaryLine(v: RosterValidation): string {
  const parts = [`共 ${v.rows.length} 行考生：${v.candidates.length} 行可导入，${v.errorRowCount} 行有错误`];
  parts.push(`${v.errorCount} 条错误，${v.warningCount} 条提醒`);
  if (v.seatsAssigned && v.candidates.length > 0) parts.push('座位将按准考证号从门边蛇形编排');
  return parts.join('；');
}

/** 0 → A, 26 → AA: as Excel names columns. */
function columnLetter(index: number): string {
  let name = '';
  for (let n = index + 1; n > 0; n = Math.floor((n - 1) / 26)) name = String.fromCharCode(65 + ((n - 1) % 26)) + name;
  return name;
}
