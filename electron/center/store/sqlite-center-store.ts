import Database from 'better-sqlite3-multiple-ciphers';
import { join } from 'node:path';
import type { Heads } from '../../../shared/sync/protocol';
import type { HeldHead } from '../../../shared/sync/verify-batch';
import { applyDatabaseKey } from '../../core/database';
import { isEncryptedDatabaseFile, isPlainDatabaseFile, openDatabaseKey } from '../../core/database-key';
import { makeOwnerOnlyDir, restrictToOwner } from '../../core/owner-only';
import { CENTER_MIGRATIONS, newerSchemaRefusal } from './center-schema';
import type {
  CenterDayRow,
  CenterEventRow,
  CenterPhotoInput,
  CenterPhotoRow,
  CenterUserRow,
  SessionRow,
  CenterDeviceRow,
  CenterForkRow,
  CenterIdentityRow,
  CenterReceiptRow,
  CenterStore,
  EnrolmentCodeRow,
  AdminActionRow,
  IngestTx,
  SiteRow,
  StoredCenterEvent,
} from './center-store';
import { SerialQueue } from './serial-queue';
import { adminActionOf, centerEventOf, codeOf, dayOf, deviceOf, eventOf, forkOf, identityOf, photoOf, receiptOf, sessionOf, siteOf, userOf } from './store-rows';

export const EMBEDDED_FILE = 'center.sqlite';

type Row = Record<string, unknown>;

/**
 * The embedded store: one SQLite file in the data folder, encrypted as the app's own database is
 * (SQLCipher format, the key in <folder>.key beside the folder or EXAMDAY_DATABASE_KEY:
 * database-key.ts), WAL with synchronous=FULL (a receipt is signed only for what is durably stored). Writers serialise on the file itself (BEGIN IMMEDIATE,
 * with a busy timeout), so a second process on the same folder waits rather than corrupts; in one
 * process, transactions and reads take turns on the one connection.
 */
export class SqliteCenterStore implements CenterStore {
  readonly kind = 'embedded';
  private readonly queue = new SerialQueue();

  private constructor(private readonly db: Database.Database) {}

  static open(dataDir: string, nativeBinding?: string): SqliteCenterStore {
    makeOwnerOnlyDir(dataDir);
    const file = join(dataDir, EMBEDDED_FILE);
    if (isPlainDatabaseFile(file)) throw new Error(`中心数据库 ${file} 未加密：请移走它（或导出后重新导入）再启动`);
    const key = openDatabaseKey(dataDir, {}, isEncryptedDatabaseFile(file));
    const db = new Database(file, { nativeBinding });
    applyDatabaseKey(db, key);
    db.pragma('journal_mode = WAL');
    db.pragma('synchronous = FULL');
    db.pragma('busy_timeout = 15000');
    db.pragma('foreign_keys = ON');
    restrictToOwner([file]);
    migrate(db);
    return new SqliteCenterStore(db);
  }

  ingest<T>(work: (tx: IngestTx) => Promise<T>): Promise<T> {
    return this.queue.run(async () => {
      this.db.prepare('BEGIN IMMEDIATE').run();
      try {
        const result = await work(this.tx());
        this.db.prepare('COMMIT').run();
        return result;
      } catch (error) {
        if (this.db.inTransaction) this.db.prepare('ROLLBACK').run();
        throw error;
      }
    });
  }

  identity(create: () => { privateKeyPem: string; publicKeyHex: string; deviceId: string }): Promise<CenterIdentityRow> {
    return this.read(() => {
      const held = this.db.prepare('SELECT device_id, public_key, private_key_pem FROM center_identity WHERE singleton = 1').get() as Row | undefined;
      if (held) return identityOf(held);
      const made = create();
      this.db
        .prepare('INSERT INTO center_identity (singleton, device_id, public_key, private_key_pem) VALUES (1, ?, ?, ?) ON CONFLICT DO NOTHING')
        .run(made.deviceId, made.publicKeyHex, made.privateKeyPem);
      return identityOf(this.db.prepare('SELECT device_id, public_key, private_key_pem FROM center_identity WHERE singleton = 1').get() as Row);
    });
  }

  addEnrolmentCode(row: EnrolmentCodeRow): Promise<void> {
    return this.read(() => {
      this.db
        .prepare('INSERT INTO enrolment_codes (code_hash, organisation, created_at, expires_at, hint, issued_by) VALUES (?, ?, ?, ?, ?, ?)')
        .run(row.codeHash, row.organisation, row.createdAt, row.expiresAt, row.hint ?? null, row.issuedBy ?? null);
    });
  }

  enrolmentCodes(): Promise<EnrolmentCodeRow[]> {
    return this.read(() => (this.db.prepare('SELECT * FROM enrolment_codes ORDER BY created_at DESC, code_hash').all() as Row[]).map(codeOf));
  }

  revokeEnrolmentCode(codeHash: string, at: string): Promise<boolean> {
    return this.read(() => this.db.prepare('UPDATE enrolment_codes SET revoked_at = ? WHERE code_hash = ? AND revoked_at IS NULL').run(at, codeHash).changes === 1);
  }

  enrolmentCode(codeHash: string): Promise<EnrolmentCodeRow | undefined> {
    return this.read(() => {
      const row = this.db.prepare('SELECT * FROM enrolment_codes WHERE code_hash = ?').get(codeHash) as Row | undefined;
      return row ? codeOf(row) : undefined;
    });
  }

  putSite(row: SiteRow): Promise<void> {
    return this.read(() => {
      this.db
        .prepare(
          `INSERT INTO sites (device_id, public_key, organisation, name, token_hash, enrolled_at, last_sync_at) VALUES (?, ?, ?, ?, ?, ?, ?)
           ON CONFLICT (device_id) DO UPDATE SET token_hash = excluded.token_hash, name = excluded.name, enrolled_at = excluded.enrolled_at`,
        )
        .run(row.deviceId, row.publicKeyHex, row.organisation, row.name, row.tokenHash, row.enrolledAt, row.lastSyncAt);
    });
  }

  site(deviceId: string): Promise<SiteRow | undefined> {
    return this.read(() => {
      const row = this.db.prepare('SELECT * FROM sites WHERE device_id = ?').get(deviceId) as Row | undefined;
      return row ? siteOf(row) : undefined;
    });
  }

  siteByToken(tokenHash: string): Promise<SiteRow | undefined> {
    return this.read(() => {
      const row = this.db.prepare('SELECT * FROM sites WHERE token_hash = ?').get(tokenHash) as Row | undefined;
      return row ? siteOf(row) : undefined;
    });
  }

  noteSiteSync(deviceId: string, at: string): Promise<void> {
    return this.read(() => {
      this.db.prepare('UPDATE sites SET last_sync_at = ? WHERE device_id = ?').run(at, deviceId);
    });
  }

  days(): Promise<CenterDayRow[]> {
    return this.read(() => (this.db.prepare('SELECT * FROM days ORDER BY date DESC, organisation, plan_id').all() as Row[]).map(dayOf));
  }

  day(dayKey: string): Promise<CenterDayRow | undefined> {
    return this.read(() => {
      const row = this.db.prepare('SELECT * FROM days WHERE day_key = ?').get(dayKey) as Row | undefined;
      return row ? dayOf(row) : undefined;
    });
  }

  dayEvents(dayKey: string): Promise<StoredCenterEvent[]> {
    return this.read(() => (this.db.prepare('SELECT * FROM events WHERE day_key = ? ORDER BY device_id, seq').all(dayKey) as Row[]).map(eventOf));
  }

  dayDevices(dayKey: string): Promise<CenterDeviceRow[]> {
    return this.read(() => (this.db.prepare('SELECT * FROM devices WHERE day_key = ? ORDER BY device_id').all(dayKey) as Row[]).map(deviceOf));
  }

  dayForks(dayKey: string): Promise<CenterForkRow[]> {
    return this.read(() => (this.db.prepare('SELECT * FROM forks WHERE day_key = ? ORDER BY device_id, seq, offered_hash').all(dayKey) as Row[]).map(forkOf));
  }

  dayHeads(dayKey: string): Promise<Heads> {
    return this.read(() => dayHeadsOf(this.db, dayKey));
  }

  dayReceipts(dayKey: string): Promise<CenterReceiptRow[]> {
    return this.read(() => (this.db.prepare('SELECT * FROM receipts WHERE day_key = ? ORDER BY at, sig').all(dayKey) as Row[]).map(receiptOf));
  }

  addUser(row: CenterUserRow): Promise<boolean> {
    return this.read(
      () =>
        this.db.prepare('INSERT INTO users (username, role, password_hash, created_at) VALUES (?, ?, ?, ?) ON CONFLICT DO NOTHING').run(row.username, row.role, row.passwordHash, row.createdAt)
          .changes === 1,
    );
  }

  user(username: string): Promise<CenterUserRow | undefined> {
    return this.read(() => {
      const row = this.db.prepare('SELECT * FROM users WHERE username = ?').get(username) as Row | undefined;
      return row ? userOf(row) : undefined;
    });
  }

  users(): Promise<CenterUserRow[]> {
    return this.read(() => (this.db.prepare('SELECT * FROM users ORDER BY username').all() as Row[]).map(userOf));
  }

  setPassword(username: string, passwordHash: string): Promise<boolean> {
    return this.read(() =>
      this.db.transaction(() => {
        const changed = this.db.prepare('UPDATE users SET password_hash = ? WHERE username = ?').run(passwordHash, username).changes === 1;
        this.db.prepare('DELETE FROM sessions WHERE username = ?').run(username);
        return changed;
      })(),
    );
  }

  setDisabled(username: string, at: string | null): Promise<boolean> {
    return this.read(() =>
      this.db.transaction(() => {
        const changed = this.db.prepare('UPDATE users SET disabled_at = ? WHERE username = ?').run(at, username).changes === 1;
        if (at !== null) this.db.prepare('DELETE FROM sessions WHERE username = ?').run(username);
        return changed;
      })(),
    );
  }

  noteAdminAction(row: AdminActionRow): Promise<void> {
    return this.read(() => {
      this.db.prepare('INSERT INTO admin_actions (at, username, action, subject) VALUES (?, ?, ?, ?)').run(row.at, row.username, row.action, row.subject);
    });
  }

  adminActions(limit: number): Promise<AdminActionRow[]> {
    return this.read(() => (this.db.prepare('SELECT * FROM admin_actions ORDER BY at DESC LIMIT ?').all(limit) as Row[]).map(adminActionOf));
  }

  addSession(row: SessionRow): Promise<void> {
    return this.read(() => {
      this.db.prepare('INSERT INTO sessions (id_hash, username, csrf, created_at, expires_at) VALUES (?, ?, ?, ?, ?)').run(row.idHash, row.username, row.csrf, row.createdAt, row.expiresAt);
    });
  }

  session(idHash: string, now: string): Promise<(SessionRow & { role: string }) | undefined> {
    return this.read(() => {
      const row = this.db.prepare('SELECT s.*, u.role FROM sessions s JOIN users u ON u.username = s.username WHERE s.id_hash = ? AND s.expires_at > ? AND u.disabled_at IS NULL').get(idHash, now) as Row | undefined;
      return row ? sessionOf(row) : undefined;
    });
  }

  endSession(idHash: string): Promise<void> {
    return this.read(() => {
      this.db.prepare('DELETE FROM sessions WHERE id_hash = ?').run(idHash);
    });
  }

  noteLoginFailure(username: string, at: string): Promise<void> {
    return this.read(() => {
      this.db.prepare('INSERT INTO login_failures (username, at) VALUES (?, ?)').run(username, at);
    });
  }

  loginFailuresSince(username: string, since: string): Promise<number> {
    return this.read(() => Number(this.db.prepare('SELECT COUNT(*) FROM login_failures WHERE username = ? AND at > ?').pluck().get(username, since)));
  }

  clearLoginFailures(username: string): Promise<void> {
    return this.read(() => {
      this.db.prepare('DELETE FROM login_failures WHERE username = ?').run(username);
    });
  }

  centerEvents(dayKey: string): Promise<CenterEventRow[]> {
    return this.read(() => (this.db.prepare('SELECT * FROM center_events WHERE day_key = ? ORDER BY seq').all(dayKey) as Row[]).map(centerEventOf));
  }

  appendCenterEvent(make: (head: { seq: number; hash: string } | undefined) => CenterEventRow): Promise<CenterEventRow> {
    return this.queue.run(async () => this.db.transaction(() => this.insertCenterEvent(make)).immediate());
  }

  /** Inside the caller's transaction: the chain's head, then the event `make` signs on it. */
  private insertCenterEvent(make: (head: { seq: number; hash: string } | undefined) => CenterEventRow): CenterEventRow {
    const head = this.db.prepare('SELECT seq, hash FROM center_events ORDER BY seq DESC LIMIT 1').get() as { seq: number; hash: string } | undefined;
    const row = make(head);
    this.db.prepare('INSERT INTO center_events (seq, id, day_key, type, hash, body, at) VALUES (?, ?, ?, ?, ?, ?, ?)').run(row.seq, row.id, row.dayKey, row.type, row.hash, row.body, row.at);
    return row;
  }

  dayEventsOfType(dayKey: string, type: string): Promise<string[]> {
    return this.read(() => this.db.prepare('SELECT body FROM events WHERE day_key = ? AND type = ? ORDER BY device_id, seq').pluck().all(dayKey, type) as string[]);
  }

  putPhotos(rows: readonly CenterPhotoInput[]): Promise<number> {
    return this.queue.run(async () =>
      this.db
        .transaction(() => {
          const insert = this.db.prepare(
            'INSERT INTO center_photos (day_key, sha256, mime, byte_length, bytes, received_at) VALUES (?, ?, ?, ?, ?, ?) ON CONFLICT (day_key, sha256) DO NOTHING',
          );
          let stored = 0;
          for (const r of rows) stored += insert.run(r.dayKey, r.sha256, r.mime, r.bytes.byteLength, Buffer.from(r.bytes.buffer, r.bytes.byteOffset, r.bytes.byteLength), r.receivedAt).changes;
          return stored;
        })
        .immediate(),
    );
  }

  dayPhotos(dayKey: string): Promise<CenterPhotoRow[]> {
    return this.read(() =>
      (this.db.prepare('SELECT day_key, sha256, mime, byte_length, received_at, purged_at FROM center_photos WHERE day_key = ? ORDER BY sha256').all(dayKey) as Row[]).map(photoOf),
    );
  }

  heldPhotos(dayKey: string): Promise<(CenterPhotoInput & { bytes: Buffer })[]> {
    return this.read(() =>
      (this.db.prepare('SELECT sha256, mime, bytes, received_at FROM center_photos WHERE day_key = ? AND bytes IS NOT NULL ORDER BY sha256').all(dayKey) as Row[]).map((r) => ({
        dayKey,
        sha256: String(r.sha256),
        mime: String(r.mime),
        bytes: r.bytes as Buffer,
        receivedAt: String(r.received_at),
      })),
    );
  }

  purgeDayPhotos(
    dayKey: string,
    at: string,
    make: (head: { seq: number; hash: string } | undefined, sha256s: readonly string[]) => CenterEventRow,
  ): Promise<{ event: CenterEventRow; purged: string[] } | null> {
    return this.queue.run(async () => {
      // As the site's purge does (core/purge.ts): freed pages are overwritten and the WAL emptied, so
      // the photos do not linger in the file's free space (encrypted at rest in any case).
      this.db.pragma('secure_delete = ON');
      try {
        const outcome = this.db
          .transaction(() => {
            const purged = this.db.prepare('SELECT sha256 FROM center_photos WHERE day_key = ? AND bytes IS NOT NULL ORDER BY sha256').pluck().all(dayKey) as string[];
            if (purged.length === 0) return null;
            const event = this.insertCenterEvent((head) => make(head, purged));
            const empty = this.db.prepare('UPDATE center_photos SET bytes = NULL, purged_at = ? WHERE day_key = ? AND sha256 = ?');
            for (const sha256 of purged) empty.run(at, dayKey, sha256);
            return { event, purged };
          })
          .immediate();
        if (outcome) this.db.pragma('wal_checkpoint(TRUNCATE)');
        return outcome;
      } finally {
        this.db.pragma('secure_delete = OFF');
      }
    });
  }

  noteIdView(row: { username: string; dayKey: string; ticketNo: string; at: string }): Promise<void> {
    return this.read(() => {
      this.db.prepare('INSERT INTO id_views (username, day_key, ticket_no, at) VALUES (?, ?, ?, ?)').run(row.username, row.dayKey, row.ticketNo, row.at);
    });
  }

  idViews(dayKey: string): Promise<{ username: string; ticketNo: string; at: string }[]> {
    return this.read(() =>
      (this.db.prepare('SELECT username, ticket_no, at FROM id_views WHERE day_key = ? ORDER BY at').all(dayKey) as Row[]).map((r) => ({
        username: String(r.username),
        ticketNo: String(r.ticket_no),
        at: String(r.at),
      })),
    );
  }

  dayVersion(dayKey: string): Promise<string> {
    return this.read(() => {
      const count = (sql: string): number => Number(this.db.prepare(sql).pluck().get(dayKey));
      return `${count('SELECT COUNT(*) FROM events WHERE day_key = ?')}:${count('SELECT COUNT(*) FROM center_events WHERE day_key = ?')}:${count('SELECT COUNT(*) FROM forks WHERE day_key = ?')}`;
    });
  }

  eventCount(): Promise<number> {
    return this.read(() => Number(this.db.prepare('SELECT COUNT(*) FROM events').pluck().get()));
  }

  close(): Promise<void> {
    return this.queue.run(async () => {
      this.db.close();
    });
  }

  private read<T>(query: () => T): Promise<T> {
    return this.queue.run(async () => query());
  }

  private tx(): IngestTx {
    const db = this.db;
    const deviceRow = db.prepare('SELECT * FROM devices WHERE device_id = ?');
    const head = db.prepare("SELECT seq, hash, json_extract(body, '$.sig') AS sig FROM events WHERE device_id = ? ORDER BY seq DESC LIMIT 1");
    const hashAt = db.prepare('SELECT hash FROM events WHERE device_id = ? AND seq = ?').pluck();
    return {
      // BEGIN IMMEDIATE already holds the file's one write lock: every device is locked.
      lockDevices: async () => undefined,
      ensureDay: async (day, dayKey, at) => {
        db.prepare('INSERT INTO days (day_key, organisation, date, plan_id, first_seen_at) VALUES (?, ?, ?, ?, ?) ON CONFLICT DO NOTHING').run(dayKey, day.organisation, day.date, day.planId, at);
      },
      devices: async (deviceIds) => {
        const found = new Map<string, CenterDeviceRow>();
        for (const id of deviceIds) {
          const row = deviceRow.get(id) as Row | undefined;
          if (row) found.set(id, deviceOf(row));
        }
        return found;
      },
      addDevices: async (rows) => {
        const add = db.prepare('INSERT INTO devices (device_id, public_key, day_key, vouched_by, first_seen_at) VALUES (?, ?, ?, ?, ?) ON CONFLICT DO NOTHING');
        for (const r of rows) add.run(r.deviceId, r.publicKeyHex, r.dayKey, r.vouchedBy, r.firstSeenAt);
      },
      heads: async (deviceIds) => {
        const found = new Map<string, HeldHead>();
        for (const id of deviceIds) {
          const row = head.get(id) as HeldHead | undefined;
          if (row) found.set(id, { seq: row.seq, hash: row.hash, sig: row.sig });
        }
        return found;
      },
      hashesAt: async (points) => {
        const found = new Map<string, string>();
        for (const p of points) {
          const hash = hashAt.get(p.deviceId, p.seq) as string | undefined;
          if (hash !== undefined) found.set(`${p.deviceId}:${p.seq}`, hash);
        }
        return found;
      },
      insertEvents: async (rows) => {
        const insert = db.prepare(
          'INSERT INTO events (device_id, seq, hash, type, at, day_key, body, received_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?) ON CONFLICT (device_id, seq) DO NOTHING',
        );
        let stored = 0;
        for (const r of rows) stored += insert.run(r.deviceId, r.seq, r.hash, r.type, r.at, r.dayKey, r.body, r.receivedAt).changes;
        return stored;
      },
      insertForks: async (rows) => {
        const insert = db.prepare(
          `INSERT INTO forks (device_id, seq, held_hash, offered_hash, offered_event, offered_by, day_key, received_at)
           VALUES (?, ?, ?, ?, ?, ?, ?, ?) ON CONFLICT DO NOTHING`,
        );
        let stored = 0;
        for (const r of rows) stored += insert.run(r.deviceId, r.seq, r.heldHash, r.offeredHash, r.offeredEvent, r.offeredBy, r.dayKey, r.receivedAt).changes;
        return stored;
      },
      insertReceipt: async (r) => {
        db.prepare('INSERT INTO receipts (sig, site_device_id, day_key, receipt, at) VALUES (?, ?, ?, ?, ?) ON CONFLICT DO NOTHING').run(
          (JSON.parse(r.receipt) as { sig: string }).sig,
          r.siteDeviceId,
          r.dayKey,
          r.receipt,
          r.at,
        );
      },
      dayHeads: async (dayKey) => dayHeadsOf(db, dayKey),
    };
  }
}

function dayHeadsOf(db: Database.Database, dayKey: string): Heads {
  const rows = db
    .prepare(
      `SELECT d.device_id AS device_id, e.seq AS seq, e.hash AS hash FROM devices d
       JOIN events e ON e.device_id = d.device_id AND e.seq = (SELECT MAX(seq) FROM events WHERE device_id = d.device_id)
       WHERE d.day_key = ? ORDER BY d.device_id`,
    )
    .all(dayKey) as { device_id: string; seq: number; hash: string }[];
  const heads: Heads = {};
  for (const r of rows) heads[r.device_id] = { seq: r.seq, hash: r.hash };
  return heads;
}

function migrate(db: Database.Database): void {
  db.exec('CREATE TABLE IF NOT EXISTS center_schema (version INTEGER NOT NULL)');
  db.transaction(() => {
    const found = Number(db.prepare('SELECT COALESCE(MAX(version), 0) FROM center_schema').pluck().get());
    const refusal = newerSchemaRefusal(found);
    if (refusal) throw new Error(refusal);
    for (const migration of CENTER_MIGRATIONS) {
      if (migration.version <= found) continue;
      for (const statement of migration.statements) db.exec(statement);
      db.prepare('INSERT INTO center_schema (version) VALUES (?)').run(migration.version);
    }
  }).immediate();
}

