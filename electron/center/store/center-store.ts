import type { CenterRoleName } from '../../../shared/center/center-roles';
import type { DayIdentity, Heads } from '../../../shared/sync/protocol';
import type { HeldHead } from '../../../shared/sync/verify-batch';

/**
 * What the center keeps, behind one small interface with two implementations: an embedded SQLite
 * file (zero set-up: `npm run center` on a fresh clone) and PostgreSQL (a district, several center
 * processes on one database). Both speak the same SQL where they can (sqlite-center-store.ts,
 * postgres-center-store.ts); the center's rules live above this, in ingest.ts, once.
 *
 * Nothing here assumes it is the only process: every write that depends on what is held runs in
 * `ingest`, which serialises with every other process on the same devices.
 */
export interface CenterStore {
  readonly kind: 'embedded' | 'postgres';
  /** Runs `work` in one transaction, holding per-device locks it asks for; all or nothing. */
  ingest<T>(work: (tx: IngestTx) => Promise<T>): Promise<T>;
  /** The center's signing key (PKCS#8 PEM), created once by whichever process comes first. */
  identity(create: () => { privateKeyPem: string; publicKeyHex: string; deviceId: string }): Promise<CenterIdentityRow>;
  addEnrolmentCode(row: EnrolmentCodeRow): Promise<void>;
  enrolmentCode(codeHash: string): Promise<EnrolmentCodeRow | undefined>;
  /** Every code issued, newest first. */
  enrolmentCodes(): Promise<EnrolmentCodeRow[]>;
  /** Marks a code revoked; false when there is no such code or it was revoked already. */
  revokeEnrolmentCode(codeHash: string, at: string): Promise<boolean>;
  /** Adds or re-enrols a site (same key, new token); refused by the caller when the key differs. */
  putSite(row: SiteRow): Promise<void>;
  site(deviceId: string): Promise<SiteRow | undefined>;
  siteByToken(tokenHash: string): Promise<SiteRow | undefined>;
  noteSiteSync(deviceId: string, at: string): Promise<void>;
  days(): Promise<CenterDayRow[]>;
  day(dayKey: string): Promise<CenterDayRow | undefined>;
  /** Every event of one day, per device in seq order, as stored (canonical JSON text). */
  dayEvents(dayKey: string): Promise<StoredCenterEvent[]>;
  dayDevices(dayKey: string): Promise<CenterDeviceRow[]>;
  dayForks(dayKey: string): Promise<CenterForkRow[]>;
  dayHeads(dayKey: string): Promise<Heads>;
  dayReceipts(dayKey: string): Promise<CenterReceiptRow[]>;
  addUser(row: CenterUserRow): Promise<boolean>;
  user(username: string): Promise<CenterUserRow | undefined>;
  users(): Promise<CenterUserRow[]>;
  /** Replaces the password hash and ends the user's sessions; false when there is no such user. */
  setPassword(username: string, passwordHash: string): Promise<boolean>;
  /** Disables (`at`) or enables (null) an account; disabling ends its sessions. False when there is no such user. */
  setDisabled(username: string, at: string | null): Promise<boolean>;
  noteAdminAction(row: AdminActionRow): Promise<void>;
  /** The newest admin actions first. */
  adminActions(limit: number): Promise<AdminActionRow[]>;
  addSession(row: SessionRow): Promise<void>;
  /** The session with this id hash, if it has not expired at `now` and its account is not disabled. */
  session(idHash: string, now: string): Promise<(SessionRow & { role: string }) | undefined>;
  endSession(idHash: string): Promise<void>;
  noteLoginFailure(username: string, at: string): Promise<void>;
  loginFailuresSince(username: string, since: string): Promise<number>;
  clearLoginFailures(username: string): Promise<void>;
  /** The center's own events of one day, in seq order. */
  centerEvents(dayKey: string): Promise<CenterEventRow[]>;
  /**
   * Appends the center's next event: `make` gets the chain's head (seq, hash) and returns the
   * signed row; runs under a lock so two processes never take one seq.
   */
  appendCenterEvent(make: (head: { seq: number; hash: string } | undefined) => CenterEventRow): Promise<CenterEventRow>;
  noteIdView(row: { username: string; dayKey: string; ticketNo: string; at: string }): Promise<void>;
  idViews(dayKey: string): Promise<{ username: string; ticketNo: string; at: string }[]>;
  /**
   * What a day's fold depends on, cheaply: counts of its events, center events and forks. Everything
   * is append-only, so equal counts mean the same sets (a cache's key, good across processes).
   */
  dayVersion(dayKey: string): Promise<string>;
  /** The stored bodies of one day's events of one type, per device in seq order. */
  dayEventsOfType(dayKey: string, type: string): Promise<string[]>;
  /** Adds photos not known yet for their day (a purged one stays purged); answers how many were new. */
  putPhotos(rows: readonly CenterPhotoInput[]): Promise<number>;
  /** Every photo the center took for a day, held or purged, without the bytes; by sha256. */
  dayPhotos(dayKey: string): Promise<CenterPhotoRow[]>;
  /** The photos of a day whose bytes are still held, with the bytes; by sha256. */
  heldPhotos(dayKey: string): Promise<(CenterPhotoInput & { bytes: Buffer })[]>;
  /**
   * Empties the bytes of every photo of the day still held and appends the one center event that
   * names them (`make` gets the chain's head and their hashes), in one transaction under the chain's
   * lock: a second purge, in this process or another, finds nothing held and writes nothing (null).
   */
  purgeDayPhotos(
    dayKey: string,
    at: string,
    make: (head: { seq: number; hash: string } | undefined, sha256s: readonly string[]) => CenterEventRow,
  ): Promise<{ event: CenterEventRow; purged: string[] } | null>;
  /** Events held in all: a test's and an operator's count. */
  eventCount(): Promise<number>;
  close(): Promise<void>;
}

/** The statements `ingest` may run; each reads what is committed, under the locks taken. */
export interface IngestTx {
  /** Per-device locks, taken in a fixed order, held to the end of the transaction. */
  lockDevices(deviceIds: readonly string[]): Promise<void>;
  ensureDay(day: DayIdentity, dayKey: string, at: string): Promise<void>;
  devices(deviceIds: readonly string[]): Promise<Map<string, CenterDeviceRow>>;
  /** Adds devices not held yet; a device held already is left as it is (the caller compared keys). */
  addDevices(rows: readonly CenterDeviceRow[]): Promise<void>;
  /** With the head's signature: the next event's link may be sealed over it (shared/events/chain-link.ts). */
  heads(deviceIds: readonly string[]): Promise<Map<string, HeldHead>>;
  /** The hashes held at the given points; key `${deviceId}:${seq}`. */
  hashesAt(points: readonly { deviceId: string; seq: number }[]): Promise<Map<string, string>>;
  /** INSERT … ON CONFLICT (device_id, seq) DO NOTHING; answers how many were new. */
  insertEvents(rows: readonly StoredCenterEvent[]): Promise<number>;
  /** Fork evidence, one row per (device, seq, offered hash). */
  insertForks(rows: readonly CenterForkRow[]): Promise<number>;
  insertReceipt(row: CenterReceiptRow): Promise<void>;
  dayHeads(dayKey: string): Promise<Heads>;
}

export interface CenterIdentityRow {
  deviceId: string;
  publicKeyHex: string;
  privateKeyPem: string;
}

export interface EnrolmentCodeRow {
  codeHash: string;
  organisation: string;
  createdAt: string;
  /** ISO time after which the code enrols no one. */
  expiresAt: string;
  /** The code's last group (codes issued before the admin page have none). */
  hint?: string | null;
  issuedBy?: string | null;
  revokedAt?: string | null;
}

export interface AdminActionRow {
  at: string;
  /** The admin who acted. */
  username: string;
  action: 'add-user' | 'reset-password' | 'disable-user' | 'enable-user' | 'issue-code' | 'revoke-code';
  /** The account or the code's organisation and last group. */
  subject: string;
}

export interface SiteRow {
  deviceId: string;
  publicKeyHex: string;
  organisation: string;
  name: string;
  tokenHash: string;
  enrolledAt: string;
  lastSyncAt: string | null;
}

export interface CenterDayRow {
  dayKey: string;
  organisation: string;
  date: string;
  planId: string;
  firstSeenAt: string;
}

export interface CenterDeviceRow {
  deviceId: string;
  publicKeyHex: string;
  dayKey: string;
  /** The site (office device id) that vouched for the key. */
  vouchedBy: string;
  firstSeenAt: string;
}

export interface StoredCenterEvent {
  deviceId: string;
  seq: number;
  hash: string;
  type: string;
  at: string;
  dayKey: string;
  /** The event as received, canonical JSON: its hash covers these values. */
  body: string;
  receivedAt: string;
}

export interface CenterForkRow {
  deviceId: string;
  seq: number;
  heldHash: string;
  offeredHash: string;
  offeredEvent: string;
  offeredBy: string;
  dayKey: string;
  receivedAt: string;
}

export interface CenterReceiptRow {
  siteDeviceId: string;
  dayKey: string;
  /** The signed receipt as sent, JSON. */
  receipt: string;
  at: string;
}

export type CenterRole = CenterRoleName;

export interface CenterUserRow {
  username: string;
  role: CenterRole;
  passwordHash: string;
  createdAt: string;
  disabledAt?: string | null;
}

export interface SessionRow {
  idHash: string;
  username: string;
  csrf: string;
  createdAt: string;
  expiresAt: string;
}

export interface CenterEventRow {
  seq: number;
  id: string;
  dayKey: string;
  type: string;
  hash: string;
  /** The signed event, canonical JSON. */
  body: string;
  at: string;
}

export interface CenterPhotoInput {
  dayKey: string;
  sha256: string;
  mime: string;
  bytes: Uint8Array;
  receivedAt: string;
}

export interface CenterPhotoRow {
  dayKey: string;
  sha256: string;
  mime: string;
  byteLength: number;
  receivedAt: string;
  /** When its bytes were purged; null while held. */
  purgedAt: string | null;
}
