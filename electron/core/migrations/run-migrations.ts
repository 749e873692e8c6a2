import type Database from 'better-sqlite3';
import { MIGRATIONS } from './index';

/**
 * Forward-only migrations, one transaction each, tracked by PRAGMA user_version
 * (Signal's habit). A database written by a newer app is refused rather than misread.
 */
export function runMigrations(db: Database.Database): void {
  const current = Number(db.pragma('user_version', { simple: true }));
  // Versions ascend but may skip a number held for a migration still being written elsewhere.
  const latest = MIGRATIONS[MIGRATIONS.length - 1]?.version ?? 0;
  if (current > latest) {
    throw new Error(`数据库版本 ${current} 比本程序支持的 ${latest} 新，请升级程序后再打开`);
  }
  for (const migration of MIGRATIONS.filter((m) => m.version > current)) {
    db.transaction(() => {
      migration.up(db);
      db.pragma(`user_version = ${migration.version}`);
    })();
  }
}
