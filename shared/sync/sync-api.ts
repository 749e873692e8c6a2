import { z } from 'zod';
import { TEXT_LIMITS, multilineText, text } from '../text/text-field';
import { FINDING_KINDS } from './findings';
import { passphraseInput } from './sealed-file';
import { badgePinSchema } from '../staffing/proof-input';

const actorStaffId = text(TEXT_LIMITS.code).min(1, '请先选择值守人员');
const deviceId = text(16).regex(/^[0-9a-f]{16}$/, '设备编号应为 16 位十六进制');
const deviceName = text(TEXT_LIMITS.roomName + 10).min(1, '请填写设备名称，例如“第1考场门口”');
const reason = multilineText(200).min(1, '请填写原因');
/** A 同步包 as text: a day's log with its photos (base64), like the day package's cap. */
export const SYNC_FILE_MAX_CHARS = 200 * 1024 * 1024;
export const syncDeviceSchema = z.object({
  deviceId: z.string(),
  name: z.string(),
  kind: z.enum(['door', 'office']),
  roomNo: z.string().nullable(),
  /** Key fingerprint as screens show it (8 groups of 4). */
  fingerprint: z.string(),
  lastSyncAt: z.string().nullable(),
  lastError: z.string().nullable(),
  revoked: z.boolean(),
});

export const syncStatusSchema = z.object({
  /** office: listens for doors; door: paired with an office; unpaired: neither yet. */
  role: z.enum(['office', 'door', 'unpaired']),
  deviceId: z.string(),
  /** This device's TLS certificate fingerprint (what a door pins), as screens show it. */
  certificateFingerprint: z.string(),
  listener: z.object({ host: z.string(), port: z.number().int() }).nullable(),
  lanAddresses: z.array(z.object({ interfaceName: z.string(), address: z.string() })),
  /** On a door: the office it paired with. */
  office: z.object({ deviceId: z.string(), name: z.string(), host: z.string(), port: z.number().int(), lastSyncAt: z.string().nullable() }).nullable(),
  pairing: z.object({ state: z.enum(['idle', 'pairing', 'failed', 'paired']), message: z.string().nullable() }),
  lastSyncAt: z.string().nullable(),
  lastError: z.string().nullable(),
  /** A door that has not reached its office for over a minute (said quietly on screen). */
  outOfTouch: z.boolean(),
  devices: z.array(syncDeviceSchema),
  openFindings: z.number().int(),
});
export type SyncStatus = z.infer<typeof syncStatusSchema>;

export const findingViewSchema = z.object({
  id: z.string(),
  kind: z.enum(FINDING_KINDS),
  subject: z.string(),
  summary: z.string(),
  events: z.array(z.object({ deviceId: z.string(), deviceName: z.string(), seq: z.number().int(), at: z.string(), type: z.string() })),
  roomNo: z.string().nullable(),
  resolution: z.object({ reason: z.string(), byName: z.string(), at: z.string() }).nullable(),
});
export type FindingView = z.infer<typeof findingViewSchema>;

/**
 * Site sync (issue 10), spread into ExamDayApi (api/contract.ts). The network itself runs in the
 * background (electron/sync/): these calls start or read it and never wait on it.
 */
export const syncApiSpec = {
  getSyncStatus: {
    input: z.object({}).strict(),
    output: syncStatusSchema,
  },
  /** The office starts listening for doors on the address the 主考 chose (never every interface). */
  startSyncListener: {
    input: z.object({ host: text(64).min(1, '请选择网络地址'), port: z.number().int().min(1024).max(65535).optional(), actorStaffId }).strict(),
    output: z.object({ host: z.string(), port: z.number().int() }),
  },
  stopSyncListener: {
    input: z.object({ actorStaffId }).strict(),
    output: z.object({ stopped: z.boolean() }),
  },
  /** 添加设备: a one-time code (10 minutes, one door) and its QR text, for the door to type or scan. */
  createPairingOffer: {
    input: z.object({ deviceName, roomNo: text(TEXT_LIMITS.code).min(1).optional(), actorStaffId }).strict(),
    output: z.object({ code: z.string(), qr: z.string(), expiresAt: z.string(), fingerprint: z.string() }),
  },
  /** On a door: pairs with the office the code names; runs in the background (getSyncStatus says how it went). */
  pairWithOffice: {
    input: z.object({ code: text(200).min(1, '请输入或扫描配对码'), deviceName, actorStaffId }).strict(),
    output: z.object({ started: z.boolean() }),
  },
  /** The 主考 (or 副主考) stops a paired device, proven by badge and PIN at that moment. */
  revokeDevice: {
    input: z.object({ deviceId, reason, examiner: badgePinSchema }).strict(),
    output: z.object({ eventId: z.string() }),
  },
  /** Syncs now instead of at the next tick (a door); answers at once. */
  syncNow: {
    input: z.object({}).strict(),
    output: z.object({ started: z.boolean() }),
  },
  listFindings: {
    input: z.object({}).strict(),
    output: z.object({ findings: z.array(findingViewSchema) }),
  },
  /** The 主考 answers a finding with a reason: a 'finding.resolved' event; nothing is deleted. */
  resolveFinding: {
    input: z.object({ findingId: text(1_000).min(1), reason, examiner: badgePinSchema }).strict(),
    output: z.object({ eventId: z.string() }),
  },
  /**
   * 同步包: this device's record (or what the office lacks since its last receipt) as one signed file,
   * sealed with a fresh passphrase that only this screen shows (shared/sync/sealed-file.ts).
   */
  exportSyncFile: {
    input: z.object({ scope: z.enum(['since-receipt', 'all']) }).strict(),
    output: z.object({
      fileName: z.string(),
      content: z.string(),
      /** "XXXX-XXXX-XXXX-XXXX", typed where the file is imported; null when sealed to the receiver's key. */
      passphrase: z.string().nullable(),
      /** The device the file is sealed to (a door's office, known from pairing); null for a passphrase. */
      sealedFor: z.object({ deviceId: z.string(), name: z.string() }).nullable(),
      events: z.number().int(),
      bytes: z.number().int(),
      /** This device's key fingerprint (devices/key-fingerprint.ts): the importer compares it with this screen. */
      fingerprint: z.string(),
    }),
  },
  /** Checks a 同步包 and says what it holds and who signed it; stores nothing. */
  inspectSyncFile: {
    input: z.object({ content: z.string().min(2).max(SYNC_FILE_MAX_CHARS, '同步包过大'), passphrase: passphraseInput.nullish() }).strict(),
    output: z.object({
      fromDeviceId: z.string(),
      fromName: z.string().nullable(),
      fingerprint: z.string(),
      /** False when the sender is enrolled here already: no fingerprint to compare. */
      needsConfirmation: z.boolean(),
      planName: z.string().nullable(),
      events: z.number().int(),
      newEvents: z.number().int(),
    }),
  },
  /** Stores a 同步包 with the same checks as LAN sync; twice changes nothing. */
  importSyncFile: {
    input: z
      .object({
        content: z.string().min(2).max(SYNC_FILE_MAX_CHARS, '同步包过大'),
        /** Absent for a file sealed to this device's key. */
        passphrase: passphraseInput.nullish(),
        /** The sender's key fingerprint the person compared, when it was not enrolled yet. */
        confirmedFingerprint: text(64).optional(),
        actorStaffId,
      })
      .strict(),
    output: z.object({ stored: z.number().int(), alreadyHeld: z.number().int(), forks: z.number().int() }),
  },
} satisfies Record<string, { input: z.ZodType; output: z.ZodType }>;
