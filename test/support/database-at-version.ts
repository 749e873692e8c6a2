import Database from 'better-sqlite3-multiple-ciphers';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { DATABASE_FILE } from '../../electron/core/core';
import { readDeviceKeyFile } from '../../electron/core/device-key';
import { MIGRATIONS } from '../../electron/core/migrations';
import { databaseKeyOf, openRawDatabase } from './raw-database';

/**
 * The data folder `sourceDir` (written by the current code, closed) as an older release stored it:
 * a plain database (no release before encryption had a key) built by migrations 1…`version` only,
 * holding the source's rows of every table and column that existed then, and the same device key in
 * a plain PEM file. Migrations never change what an older table means, so the copy is exactly what
 * that release would have left on disk.
 */
export function copyDataDirAtVersion(sourceDir: string, targetDir: string, version: number): void {
  const targetFile = join(targetDir, DATABASE_FILE);
  const target = new Database(targetFile);
  target.pragma('journal_mode = WAL');
  for (const migration of MIGRATIONS.filter((m) => m.version <= version)) {
    target.transaction(() => {
      migration.up(target);
      target.pragma(`user_version = ${migration.version}`);
    })();
  }
  const tables = target.prepare("SELECT name FROM main.sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite\\_%' ESCAPE '\\'").all() as { name: string }[];
  const columnsOf = new Map(tables.map(({ name }) => [name, (target.prepare(`SELECT name FROM pragma_table_info(?, 'main')`).all(name) as { name: string }[]).map((c) => c.name).join(', ')]));
  target.close();
  // The source is encrypted: it is the main database, the plain target attached with an empty key.
  const source = openRawDatabase(sourceDir);
  source.prepare("ATTACH DATABASE ? AS target KEY ''").run(targetFile);
  source.transaction(() => {
    for (const [name, columns] of columnsOf) source.exec(`INSERT INTO target.${name} (${columns}) SELECT ${columns} FROM main.${name}`);
  })();
  source.exec('DETACH DATABASE target');
  source.close();
  copyDeviceKeyInTheClear(sourceDir, targetDir);
}

/** `sourceDir`'s device key (sealed with its database key) written into `targetDir` as releases before encryption kept it: plain PKCS#8 PEM. */
export function copyDeviceKeyInTheClear(sourceDir: string, targetDir: string): void {
  const deviceKey = readDeviceKeyFile(sourceDir, databaseKeyOf(sourceDir));
  if (deviceKey.state !== 'ok') throw new Error(`device key of ${sourceDir}: ${deviceKey.state}`);
  writeFileSync(join(targetDir, 'device-key.pem'), deviceKey.privateKey.export({ type: 'pkcs8', format: 'pem' }) as string, { mode: 0o600 });
}
