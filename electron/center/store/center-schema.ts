/**
 * The center's tables, in the SQL both stores speak (SQLite and PostgreSQL read every statement
 * here alike). Forward-only, numbered; each migration runs in one transaction and the version is
 * kept in `center_schema`, so a database written by a newer center is refused, not guessed at.
 *
 * Events are keyed by (device_id, seq), as at every receiver: storing is a set union, a repeated
 * push a no-op, another event at a held place a fork kept in `forks`.
 */
export const CENTER_MIGRATIONS: readonly { version: number; name: string; statements: readonly string[] }[] = [
  {
    version: 1,
    name: 'ingest',
    statements: [
      `CREATE TABLE center_identity (
         singleton INTEGER PRIMARY KEY CHECK (singleton = 1),
         device_id TEXT NOT NULL, public_key TEXT NOT NULL, private_key_pem TEXT NOT NULL)`,
      `CREATE TABLE enrolment_codes (
         code_hash TEXT PRIMARY KEY, organisation TEXT NOT NULL, created_at TEXT NOT NULL, expires_at TEXT NOT NULL)`,
      `CREATE TABLE sites (
         device_id TEXT PRIMARY KEY, public_key TEXT NOT NULL, organisation TEXT NOT NULL, name TEXT NOT NULL,
         token_hash TEXT NOT NULL UNIQUE, enrolled_at TEXT NOT NULL, last_sync_at TEXT)`,
      `CREATE TABLE days (
         day_key TEXT PRIMARY KEY, organisation TEXT NOT NULL, date TEXT NOT NULL, plan_id TEXT NOT NULL, first_seen_at TEXT NOT NULL)`,
      `CREATE TABLE devices (
         device_id TEXT PRIMARY KEY, public_key TEXT NOT NULL, day_key TEXT NOT NULL REFERENCES days (day_key),
         vouched_by TEXT NOT NULL, first_seen_at TEXT NOT NULL)`,
      `CREATE TABLE events (
         device_id TEXT NOT NULL, seq INTEGER NOT NULL, hash TEXT NOT NULL, type TEXT NOT NULL, at TEXT NOT NULL,
         day_key TEXT NOT NULL, body TEXT NOT NULL, received_at TEXT NOT NULL,
         PRIMARY KEY (device_id, seq))`,
      `CREATE INDEX events_by_day ON events (day_key, device_id, seq)`,
      `CREATE TABLE forks (
         device_id TEXT NOT NULL, seq INTEGER NOT NULL, held_hash TEXT NOT NULL, offered_hash TEXT NOT NULL,
         offered_event TEXT NOT NULL, offered_by TEXT NOT NULL, day_key TEXT NOT NULL, received_at TEXT NOT NULL,
         PRIMARY KEY (device_id, seq, offered_hash))`,
      `CREATE TABLE receipts (
         sig TEXT PRIMARY KEY, site_device_id TEXT NOT NULL, day_key TEXT NOT NULL, receipt TEXT NOT NULL, at TEXT NOT NULL)`,
      `CREATE INDEX receipts_by_day ON receipts (day_key, at)`,
    ],
  },
  {
    version: 2,
    name: 'users, sessions, center events',
    statements: [
      `CREATE TABLE users (
         username TEXT PRIMARY KEY, role TEXT NOT NULL, password_hash TEXT NOT NULL, created_at TEXT NOT NULL)`,
      // The session id is kept only as its sha256: a copy of the table opens no session.
      `CREATE TABLE sessions (
         id_hash TEXT PRIMARY KEY, username TEXT NOT NULL REFERENCES users (username), csrf TEXT NOT NULL,
         created_at TEXT NOT NULL, expires_at TEXT NOT NULL)`,
      `CREATE TABLE login_failures (username TEXT NOT NULL, at TEXT NOT NULL)`,
      `CREATE INDEX login_failures_by_user ON login_failures (username, at)`,
      // The center's own signed chain (a finding resolved, an override): device = the center's key.
      `CREATE TABLE center_events (
         seq INTEGER PRIMARY KEY, id TEXT NOT NULL UNIQUE, day_key TEXT NOT NULL, type TEXT NOT NULL, hash TEXT NOT NULL,
         body TEXT NOT NULL, at TEXT NOT NULL)`,
      `CREATE INDEX center_events_by_day ON center_events (day_key, seq)`,
      // Every view of a full ID number (issue 14 item 3), who and when.
      `CREATE TABLE id_views (username TEXT NOT NULL, day_key TEXT NOT NULL, ticket_no TEXT NOT NULL, at TEXT NOT NULL)`,
    ],
  },
  {
    version: 3,
    name: 'administration from the page',
    statements: [
      // A disabled account logs in no more and its sessions end; it is kept (its decisions name it).
      `ALTER TABLE users ADD COLUMN disabled_at TEXT`,
      // A code is kept as its hash; its last group lets the admin tell codes apart on the page.
      `ALTER TABLE enrolment_codes ADD COLUMN hint TEXT`,
      `ALTER TABLE enrolment_codes ADD COLUMN issued_by TEXT`,
      `ALTER TABLE enrolment_codes ADD COLUMN revoked_at TEXT`,
      // Who changed which account or code, and when (the admin page's own record).
      `CREATE TABLE admin_actions (at TEXT NOT NULL, username TEXT NOT NULL, action TEXT NOT NULL, subject TEXT NOT NULL)`,
      `CREATE INDEX admin_actions_by_time ON admin_actions (at)`,
    ],
  },
  {
    version: 4,
    name: 'candidate photos',
    statements: [
      // Each exam day's photos by sha256 (issue 14 item 6), kept apart per day so that purging one day
      // never takes a photo another day still keeps. A purge empties `bytes` and keeps the row: the
      // hash stays known, and the same photo offered again is not taken back. BYTEA is PostgreSQL's
      // binary type; SQLite accepts the name and stores the Buffer as a BLOB.
      `CREATE TABLE center_photos (
         day_key TEXT NOT NULL REFERENCES days (day_key), sha256 TEXT NOT NULL, mime TEXT NOT NULL, byte_length INTEGER NOT NULL,
         bytes BYTEA, received_at TEXT NOT NULL, purged_at TEXT,
         PRIMARY KEY (day_key, sha256),
         CHECK ((bytes IS NULL) = (purged_at IS NOT NULL)))`,
    ],
  },
];

export const CENTER_SCHEMA_VERSION = CENTER_MIGRATIONS[CENTER_MIGRATIONS.length - 1]!.version;

export function newerSchemaRefusal(found: number): string | undefined {
  if (found <= CENTER_SCHEMA_VERSION) return undefined;
  return `中心数据库的结构版本为 ${found}，本程序只认识到 ${CENTER_SCHEMA_VERSION}：请使用更新版本的中心程序`;
}
