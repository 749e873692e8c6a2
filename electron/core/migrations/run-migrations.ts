import type Database from 'better-sqlite3-multiple-ciphers';
import { MIGRATIONS, type Migration } from './index';

/**
 * Forward-only migrations, one transaction each, tracked by PRAGMA user_version
 * (Signal's habit). A database written by a newer app is refused rather than misread. `migrations`
 * is the app's list; a test passes another to prove the guards, and verify the first N to build
 * the schema an older file should have.
 */
export function runMigrations(db: Database.Database, migrations: readonly Migration[] = MIGRATIONS): void {
  const current = Number(db.pragma('user_version', { simple: true }));
  // user_version records only the highest step, so a gap in the list would let a database skip a
  // migration for ever once a later one had run: the list must be exactly 1, 2, 3, …
  migrations.forEach((migration, index) => {
    if (migration.version !== index + 1) throw new Error(`migration list out of order at ${migration.name}: expected version ${index + 1}`);
  });
  const latest = migrations.length;
  if (current > latest) {
    throw new Error(`数据库版本 ${current} 比本程序支持的 ${latest} 新，请升级程序后再打开`);
  }
  for (const migration of migrations.filter((m) => m.version > current)) {
    db.transaction(() => {
      migration.up(db);
      db.pragma(`user_version = ${migration.version}`);
    })();
  }
}
