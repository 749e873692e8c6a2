import type { AdminActionRow, CenterPhotoRow, CenterEventRow, CenterRole, CenterUserRow, SessionRow, CenterDayRow, CenterDeviceRow, CenterForkRow, CenterIdentityRow, CenterReceiptRow, EnrolmentCodeRow, SiteRow, StoredCenterEvent } from './center-store';

type Row = Record<string, unknown>;

/** Rows as both drivers return them (PostgreSQL may hand back numbers as strings) to the store's shapes. */
const text = (v: unknown): string => String(v);
export const identityOf = (r: Row): CenterIdentityRow => ({ deviceId: text(r.device_id), publicKeyHex: text(r.public_key), privateKeyPem: text(r.private_key_pem) });
const textOrNull = (v: unknown): string | null => (v === null || v === undefined ? null : String(v));
export const codeOf = (r: Row): EnrolmentCodeRow => ({
  codeHash: text(r.code_hash),
  organisation: text(r.organisation),
  createdAt: text(r.created_at),
  expiresAt: text(r.expires_at),
  hint: textOrNull(r.hint),
  issuedBy: textOrNull(r.issued_by),
  revokedAt: textOrNull(r.revoked_at),
});
export const adminActionOf = (r: Row): AdminActionRow => ({ at: text(r.at), username: text(r.username), action: text(r.action) as AdminActionRow['action'], subject: text(r.subject) });
export const siteOf = (r: Row): SiteRow => ({
  deviceId: text(r.device_id),
  publicKeyHex: text(r.public_key),
  organisation: text(r.organisation),
  name: text(r.name),
  tokenHash: text(r.token_hash),
  enrolledAt: text(r.enrolled_at),
  lastSyncAt: r.last_sync_at === null || r.last_sync_at === undefined ? null : text(r.last_sync_at),
});
export const dayOf = (r: Row): CenterDayRow => ({ dayKey: text(r.day_key), organisation: text(r.organisation), date: text(r.date), planId: text(r.plan_id), firstSeenAt: text(r.first_seen_at) });
export const deviceOf = (r: Row): CenterDeviceRow => ({
  deviceId: text(r.device_id),
  publicKeyHex: text(r.public_key),
  dayKey: text(r.day_key),
  vouchedBy: text(r.vouched_by),
  firstSeenAt: text(r.first_seen_at),
});
export const eventOf = (r: Row): StoredCenterEvent => ({
  deviceId: text(r.device_id),
  seq: Number(r.seq),
  hash: text(r.hash),
  type: text(r.type),
  at: text(r.at),
  dayKey: text(r.day_key),
  body: text(r.body),
  receivedAt: text(r.received_at),
});
export const forkOf = (r: Row): CenterForkRow => ({
  deviceId: text(r.device_id),
  seq: Number(r.seq),
  heldHash: text(r.held_hash),
  offeredHash: text(r.offered_hash),
  offeredEvent: text(r.offered_event),
  offeredBy: text(r.offered_by),
  dayKey: text(r.day_key),
  receivedAt: text(r.received_at),
});
export const receiptOf = (r: Row): CenterReceiptRow => ({ siteDeviceId: text(r.site_device_id), dayKey: text(r.day_key), receipt: text(r.receipt), at: text(r.at) });
export const userOf = (r: Row): CenterUserRow => ({ username: text(r.username), role: text(r.role) as CenterRole, passwordHash: text(r.password_hash), createdAt: text(r.created_at), disabledAt: textOrNull(r.disabled_at) });
export const sessionOf = (r: Row): SessionRow & { role: string } => ({
  idHash: text(r.id_hash),
  username: text(r.username),
  csrf: text(r.csrf),
  createdAt: text(r.created_at),
  expiresAt: text(r.expires_at),
  role: text(r.role),
});
export const centerEventOf = (r: Row): CenterEventRow => ({ seq: Number(r.seq), id: text(r.id), dayKey: text(r.day_key), type: text(r.type), hash: text(r.hash), body: text(r.body), at: text(r.at) });
export const photoOf = (r: Row): CenterPhotoRow => ({
  dayKey: text(r.day_key),
  sha256: text(r.sha256),
  mime: text(r.mime),
  byteLength: Number(r.byte_length),
  receivedAt: text(r.received_at),
  purgedAt: textOrNull(r.purged_at),
});
