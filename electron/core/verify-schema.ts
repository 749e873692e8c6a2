import Database from 'better-sqlite3-multiple-ciphers';
import type { VerifyProblem } from '../../shared/api/contract';
import type { Db } from './database';
import { MIGRATIONS } from './migrations';
import { runMigrations } from './migrations/run-migrations';

interface SchemaEntry {
  type: string;
  name: string;
  sql: string | null;
}

const KIND_ZH: Record<string, string> = { table: '表', index: '索引', trigger: '触发器', view: '视图' };

function schemaOf(db: Db): Map<string, SchemaEntry> {
  const rows = db.prepare("SELECT type, name, sql FROM sqlite_master WHERE name NOT LIKE 'sqlite_%' ORDER BY name").all() as SchemaEntry[];
  return new Map(rows.map((r) => [`${r.type}:${r.name}`, r]));
}

/** The schema a file of `version` must have: the shipped migrations up to it, run on an empty in-memory database. */
export function expectedSchemaDb(version: number): Db {
  const db = new Database(':memory:');
  runMigrations(db, MIGRATIONS.slice(0, version));
  return db;
}

/**
 * Compares every table, index and trigger with what the migrations create, SQL text included: a
 * dropped or rewritten append-only trigger (0001-event-log.ts) means the file was opened to rewrite
 * history, and a changed table means it no longer is the app's log.
 */
export function checkSchema(db: Db, expected: Db): VerifyProblem[] {
  const actual = schemaOf(db);
  const problems: VerifyProblem[] = [];
  for (const [key, entry] of schemaOf(expected)) {
    const kind = KIND_ZH[entry.type] ?? entry.type;
    const found = actual.get(key);
    if (!found) {
      const why = entry.type === 'trigger' ? '（只可追加的保护被移除）' : '';
      problems.push({ kind: 'schema', message: `缺少${kind} ${entry.name}${why}` });
    } else if (found.sql !== entry.sql) {
      problems.push({ kind: 'schema', message: `${kind} ${entry.name} 的定义被改动` });
    }
    actual.delete(key);
  }
  for (const entry of actual.values()) {
    problems.push({ kind: 'schema', message: `多出${KIND_ZH[entry.type] ?? entry.type} ${entry.name}：不是本程序建立的` });
  }
  return problems;
}
