import Database from 'better-sqlite3-multiple-ciphers';
import { join } from 'node:path';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { applyDatabaseKey } from '../../electron/core/database';
import { openDatabaseKey } from '../../electron/core/database-key';
import { CENTER_MIGRATIONS } from '../../electron/center/store/center-schema';
import type { CenterStore } from '../../electron/center/store/center-store';
import { PostgresCenterStore } from '../../electron/center/store/postgres-center-store';
import { EMBEDDED_FILE, SqliteCenterStore } from '../../electron/center/store/sqlite-center-store';
import { startPostgresCluster, type PostgresCluster } from '../support/postgres-cluster';
import { makeTempDir } from '../support/temp-dir';

let cluster: PostgresCluster | undefined;
beforeAll(async () => {
  cluster = await startPostgresCluster();
});
afterAll(() => cluster?.stop());

const AT_VERSION_2 = CENTER_MIGRATIONS.filter((m) => m.version <= 2);
const ROWS_AT_VERSION_2 = [
  `INSERT INTO users (username, role, password_hash, created_at) VALUES ('li.reviewer', 'reviewer', 'scrypt$x', '2026-11-01T00:00:00.000Z')`,
  `INSERT INTO enrolment_codes (code_hash, organisation, created_at, expires_at) VALUES ('${'a'.repeat(64)}', '某评价机构', '2026-11-01T00:00:00.000Z', '2027-01-30T00:00:00.000Z')`,
];

/** What a center at schema version 2 held, as version 3 (the admin page) reads it. */
async function expectUpgraded(store: CenterStore): Promise<void> {
  expect(await store.users()).toEqual([{ username: 'li.reviewer', role: 'reviewer', passwordHash: 'scrypt$x', createdAt: '2026-11-01T00:00:00.000Z', disabledAt: null }]);
  expect(await store.enrolmentCodes()).toEqual([
    { codeHash: 'a'.repeat(64), organisation: '某评价机构', createdAt: '2026-11-01T00:00:00.000Z', expiresAt: '2027-01-30T00:00:00.000Z', hint: null, issuedBy: null, revokedAt: null },
  ]);
  expect(await store.setDisabled('li.reviewer', '2026-11-30T00:00:00.000Z')).toBe(true);
  expect((await store.users())[0]?.disabledAt).toBe('2026-11-30T00:00:00.000Z');
  await store.noteAdminAction({ at: '2026-11-30T00:00:00.000Z', username: 'zhao.admin', action: 'disable-user', subject: 'li.reviewer' });
  expect(await store.adminActions(10)).toHaveLength(1);
}

describe('center schema migration 3 (administration from the page)', () => {
  it('upgrades an embedded store written at version 2, keeping its users and codes', async () => {
    const temp = makeTempDir('examday-center-');
    try {
      const db = new Database(join(temp.dir, EMBEDDED_FILE));
      applyDatabaseKey(db, openDatabaseKey(temp.dir, {}, false));
      db.exec('CREATE TABLE center_schema (version INTEGER NOT NULL)');
      for (const migration of AT_VERSION_2) {
        for (const statement of migration.statements) db.exec(statement);
        db.prepare('INSERT INTO center_schema (version) VALUES (?)').run(migration.version);
      }
      for (const statement of ROWS_AT_VERSION_2) db.exec(statement);
      db.close();
      const store = SqliteCenterStore.open(temp.dir);
      try {
        await expectUpgraded(store);
      } finally {
        await store.close();
      }
    } finally {
      temp.remove();
    }
  });

  it('upgrades a PostgreSQL store written at version 2, keeping its users and codes', async () => {
    const url = cluster!.createDatabase('migration_3');
    const client = new pg.Client({ connectionString: url });
    await client.connect();
    await client.query('CREATE TABLE center_schema (version INTEGER NOT NULL)');
    for (const migration of AT_VERSION_2) {
      for (const statement of migration.statements) await client.query(statement);
      await client.query('INSERT INTO center_schema (version) VALUES ($1)', [migration.version]);
    }
    for (const statement of ROWS_AT_VERSION_2) await client.query(statement);
    await client.end();
    const store = await PostgresCenterStore.open(url);
    try {
      await expectUpgraded(store);
    } finally {
      await store.close();
    }
  });
});

const AT_VERSION_3 = CENTER_MIGRATIONS.filter((m) => m.version <= 3);
const DAY_AT_VERSION_3 = `INSERT INTO days (day_key, organisation, date, plan_id, first_seen_at) VALUES ('{"d":1}', '某评价机构', '2026-11-25', 'P1', '2026-11-25T00:00:00.000Z')`;

/** A center at version 3 held days but no photos; version 4 keeps a day's photos, and a purge keeps the hash. */
async function expectPhotoTable(store: CenterStore): Promise<void> {
  const bytes = Buffer.from([0x89, 0x50, 0x4e, 0x47, 1, 2, 3]);
  const photo = { dayKey: '{"d":1}', sha256: 'b'.repeat(64), mime: 'image/png', bytes, receivedAt: '2026-11-30T00:00:00.000Z' };
  expect(await store.putPhotos([photo])).toBe(1);
  expect(await store.putPhotos([photo])).toBe(0);
  expect((await store.heldPhotos('{"d":1}')).map((p) => Buffer.compare(p.bytes, bytes))).toEqual([0]);
  expect(await store.dayPhotos('{"d":1}')).toEqual([{ dayKey: '{"d":1}', sha256: 'b'.repeat(64), mime: 'image/png', byteLength: 7, receivedAt: '2026-11-30T00:00:00.000Z', purgedAt: null }]);
}

describe('center schema migration 4 (candidate photos)', () => {
  it('upgrades an embedded store written at version 3', async () => {
    const temp = makeTempDir('examday-center-');
    try {
      const db = new Database(join(temp.dir, EMBEDDED_FILE));
      applyDatabaseKey(db, openDatabaseKey(temp.dir, {}, false));
      db.exec('CREATE TABLE center_schema (version INTEGER NOT NULL)');
      for (const migration of AT_VERSION_3) {
        for (const statement of migration.statements) db.exec(statement);
        db.prepare('INSERT INTO center_schema (version) VALUES (?)').run(migration.version);
      }
      db.exec(DAY_AT_VERSION_3);
      db.close();
      const store = SqliteCenterStore.open(temp.dir);
      try {
        await expectPhotoTable(store);
      } finally {
        await store.close();
      }
    } finally {
      temp.remove();
    }
  });

  it('upgrades a PostgreSQL store written at version 3', async () => {
    const url = cluster!.createDatabase('migration_4');
    const client = new pg.Client({ connectionString: url });
    await client.connect();
    await client.query('CREATE TABLE center_schema (version INTEGER NOT NULL)');
    for (const migration of AT_VERSION_3) {
      for (const statement of migration.statements) await client.query(statement);
      await client.query('INSERT INTO center_schema (version) VALUES ($1)', [migration.version]);
    }
    await client.query(DAY_AT_VERSION_3);
    await client.end();
    const store = await PostgresCenterStore.open(url);
    try {
      await expectPhotoTable(store);
    } finally {
      await store.close();
    }
  });
});
