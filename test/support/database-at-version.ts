import Database from 'better-sqlite3';
import { copyFileSync } from 'node:fs';
import { join } from 'node:path';
import { DATABASE_FILE } from '../../electron/core/core';
import { MIGRATIONS } from '../../electron/core/migrations';

/**
 * The data folder `sourceDir` (written by the current code, closed) as an older release stored it:
 * a database built by migrations 1…`version` only, holding the source's rows of every table and
 * column that existed then, and the same device key. Migrations never change what an older table
 * means, so the copy is exactly what that release would have left on disk.
 */
export function copyDataDirAtVersion(sourceDir: string, targetDir: string, version: number): void {
  const target = new Database(join(targetDir, DATABASE_FILE));
  target.pragma('journal_mode = WAL');
  for (const migration of MIGRATIONS.filter((m) => m.version <= version)) {
    target.transaction(() => {
      migration.up(target);
      target.pragma(`user_version = ${migration.version}`);
    })();
  }
  target.prepare('ATTACH DATABASE ? AS source').run(join(sourceDir, DATABASE_FILE));
  const tables = target.prepare("SELECT name FROM main.sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite\\_%' ESCAPE '\\'").all() as { name: string }[];
  target.transaction(() => {
    for (const { name } of tables) {
      const columns = (target.prepare(`SELECT name FROM pragma_table_info(?, 'main')`).all(name) as { name: string }[]).map((c) => c.name).join(', ');
      target.exec(`INSERT INTO main.${name} (${columns}) SELECT ${columns} FROM source.${name}`);
    }
  })();
  target.exec('DETACH DATABASE source');
  target.close();
  copyFileSync(join(sourceDir, 'device-key.pem'), join(targetDir, 'device-key.pem'));
}
