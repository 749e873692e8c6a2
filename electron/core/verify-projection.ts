import type { VerifyProblem } from '../../shared/api/contract';
import type { ExamDayEvent } from '../../shared/events/event';
import { applyEvent } from '../../shared/projection/apply-event';
import { canonicalOrder } from '../../shared/projection/canonical-order';
import type { Db } from './database';
import { projectionTables, SqliteProjectionStore } from './sqlite-projection-store';

interface Column {
  name: string;
  pk: number;
}

const quote = (name: string): string => `"${name.replaceAll('"', '""')}"`;

const columnNames = (db: Db, table: string): string =>
  (db.prepare(`PRAGMA table_info(${quote(table)})`).all() as Column[]).map((c) => `${c.name}:${c.pk}`).join(',');

function compareRows(a: unknown[], b: unknown[]): number {
  for (let i = 0; i < a.length; i += 1) {
    const x = a[i] as string | number | null;
    const y = b[i] as string | number | null;
    if (x === y) continue;
    if (x === null) return -1;
    if (y === null) return 1;
    return x < y ? -1 : 1;
  }
  return 0;
}

/**
 * The first difference between a stored projection table and the rebuilt one, by primary key. Only key
 * columns and column names are printed: a candidate row holds an ID number, which never goes to output.
 */
function firstDifference(table: string, stored: Db, rebuilt: Db): string | undefined {
  const columns = rebuilt.prepare(`PRAGMA table_info(${quote(table)})`).all() as Column[];
  const keys = columns.filter((c) => c.pk > 0).sort((a, b) => a.pk - b.pk);
  const keyColumns = keys.length > 0 ? keys : columns;
  const select = `SELECT ${[...keyColumns, ...columns].map((c) => quote(c.name)).join(', ')} FROM ${quote(table)} ORDER BY ${keyColumns.map((_, i) => i + 1).join(', ')}`;
  const read = (db: Db): unknown[][] => db.prepare(select).raw().all() as unknown[][];
  const ours = read(rebuilt);
  const theirs = read(stored);
  const k = keyColumns.length;
  const describeKey = (row: unknown[]): string => keyColumns.map((c, i) => `${c.name}=${String(row[i])}`).join('，');
  let i = 0;
  let j = 0;
  while (i < ours.length || j < theirs.length) {
    const a = ours[i];
    const b = theirs[j];
    const order = a === undefined ? 1 : b === undefined ? -1 : compareRows(a.slice(0, k), b.slice(0, k));
    if (order < 0 && a) return `${table} 缺少 ${describeKey(a)} 的行（事件中有，表中被删除）`;
    if (order > 0 && b) return `${table} 多出 ${describeKey(b)} 的行（没有事件产生它）`;
    if (a && b) {
      const column = columns.find((_, c) => a[k + c] !== b[k + c]);
      if (column) return `${table} 中 ${describeKey(a)} 的行与事件不符（列 ${column.name} 被改动）`;
    }
    i += 1;
    j += 1;
  }
  return undefined;
}

/**
 * Folds the events in canonical order (the core's projection equals that fold whatever order the
 * events arrived in: shared/projection/canonical-order.ts) into `rebuilt`, an empty
 * in-memory database of the same schema, then compares every projection table with the stored one.
 */
export function checkProjections(stored: Db, rebuilt: Db, events: ExamDayEvent[]): VerifyProblem[] {
  const store = new SqliteProjectionStore(rebuilt);
  rebuilt.transaction(() => {
    for (const event of canonicalOrder(events)) applyEvent(store, event);
  })();
  const storedTables = new Set(projectionTables(stored));
  const problems: VerifyProblem[] = [];
  for (const table of projectionTables(rebuilt)) {
    // A missing or reshaped table is already a schema finding, and its rows cannot be lined up.
    if (!storedTables.has(table) || columnNames(stored, table) !== columnNames(rebuilt, table)) continue;
    const difference = firstDifference(table, stored, rebuilt);
    if (difference) problems.push({ kind: 'projection', message: `投影与事件重建的结果不符：${difference}` });
  }
  return problems;
}
