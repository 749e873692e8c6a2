import { z } from 'zod';
import { examPlanSchema, roomSchema, staffRoleSchema } from '../domain/types';
import { CHECKIN_INPUT_METHODS, checkinVerdictSchema } from '../checkin/verdict';
import { doorApiSpec } from '../checkin/door-api';
import { syncApiSpec } from '../sync/sync-api';
import { centerTargetApiSpec } from '../center/center-target-api';
import { doubtReasonSchema, doubtStatusSchema } from '../checkin/doubt';
import { reverifyResultSchema } from '../checkin/reverify';
import { roomRecordSchema } from '../record/room-record';
import type { ApiResult } from './result';
import { CONFIRMATION_IDS } from '../timetable/confirmations';
import { REHEARSAL_SPEEDS } from '../clock/virtual-clock';
import { MAX_PHOTO_BYTES, PHOTO_MIMES } from '../photos/photo';
import { planFormSchema } from '../setup/plan-form';
import { MAX_IMPORT_CANDIDATES, MAX_ROOMS } from '../setup/roster-import';
import { candidateSchema } from '../domain/types';
import { recordApiSpec } from '../record/record-api';
import { custodyApiSpec } from '../custody/custody-api';
import { signinApiSpec } from '../staffing/signin-api';
import { rosterApiSpec } from '../roster/roster-api';
import { privacyApiSpec } from '../privacy/privacy-api';
import { badgePinSchema } from '../staffing/proof-input';
import { TEXT_LIMITS, scanText, text } from '../text/text-field';
import { passphraseInput } from '../sync/sealed-file';

const roomNo = text(TEXT_LIMITS.code).min(1, '请选择考场');

export const roomSummarySchema = roomSchema.extend({
  expected: z.number().int(),
  admitted: z.number().int(),
});

/** Staff as screens see them (no contact data). */
export const staffSummarySchema = z.object({
  staffId: z.string(),
  name: z.string(),
  role: staffRoleSchema,
  roomNo: z.string().optional(),
  /** For printing badges (胸卡); assigned by the core when the staff list is saved. */
  badgeCode: z.string().optional(),
});

export const rosterRowSchema = z.object({
  seatNo: z.number().int(),
  ticketNo: z.string(),
  name: z.string(),
  idMasked: z.string(),
  occupation: z.string(),
  level: z.string(),
  admittedAt: z.string().nullable(),
  /** 存疑考生: the latest doubt on this candidate, open or resolved; null when none. */
  doubt: z.object({ status: doubtStatusSchema, reason: doubtReasonSchema }).nullable(),
  /** Re-verification at 开考: this seat's latest mark; null before the walk reaches it. */
  reverify: reverifyResultSchema.nullable(),
  /** 缺考: pending from the late cut-off while not admitted, confirmed once the 主监考 has confirmed the list. */
  absence: z.enum(['pending', 'confirmed']).nullable(),
});

/** A room's 缺考 list (issue 4 item 9): due from the late cut-off, then confirmed by the 主监考. */
export const roomAbsenteesSchema = z.object({
  due: z.boolean(),
  confirmed: z
    .object({ at: z.string(), byName: z.string(), byRole: z.union([staffRoleSchema, z.literal('system')]), ticketNos: z.array(z.string()) })
    .nullable(),
});

/** What an audit found wrong: which part of the file, and where in the log when it is one event. */
export const verifyProblemSchema = z.object({
  kind: z.enum(['chain', 'device-key', 'storage-order', 'schema', 'photo', 'projection', 'receipt']),
  message: z.string(),
  deviceId: z.string().optional(),
  seq: z.number().int().optional(),
  eventId: z.string().optional(),
});
export type VerifyProblem = z.infer<typeof verifyProblemSchema>;

/**
 * A device key the audit checked signatures with, and why it is believed: 'own-key-file' when it is
 * the key in this data folder's device-key.pem; 'learned' when it was stored from a day package or
 * at enrolment, so only comparing its fingerprint with the office's list makes it trustworthy.
 */
export const verifyDeviceKeySchema = z.object({
  deviceId: z.string(),
  fingerprint: z.string(),
  trust: z.enum(['own-key-file', 'learned']),
  events: z.number().int(),
});

export const verifyReportSchema = z.object({
  ok: z.boolean(),
  eventsChecked: z.number().int(),
  devices: z.number().int(),
  firstBroken: z
    .object({ deviceId: z.string(), seq: z.number().int(), eventId: z.string(), reason: z.string() })
    .optional(),
  /** Every finding, the chain's first break per device included; empty when ok. */
  problems: z.array(verifyProblemSchema).optional(),
  deviceKeys: z.array(verifyDeviceKeySchema).optional(),
  /** What was not checked and why (a log from an older version: its projection is not compared). */
  notes: z.array(z.string()).optional(),
  schemaVersion: z.number().int().optional(),
});
export type VerifyReport = z.infer<typeof verifyReportSchema>;

const clockTime = z.string().max(5).regex(/^([01]\d|2[0-3]):[0-5]\d$/, '时间格式应为 HH:MM');
const staffId = text(TEXT_LIMITS.code).min(1, '请先选择值守人员');

export const timetableStepSchema = z.object({
  id: z.string(),
  at: z.string(),
  minutesFromMidnight: z.number(),
  offsetLabel: z.string(),
  titleZh: z.string(),
  titleEn: z.string(),
  descriptionZh: z.string(),
  roles: z.array(staffRoleSchema),
});

export const timeGatesSchema = z.object({
  checkinOpensAt: z.number(),
  examStartsAt: z.number(),
  lateFrom: z.number(),
  handInFrom: z.number(),
  handInUntil: z.number(),
  examEndsAt: z.number(),
});

export const recordedConfirmationSchema = z.object({
  confirmationId: z.enum(CONFIRMATION_IDS),
  roomNo: z.string().nullable(),
  at: z.string(),
  staffId: z.string(),
  staffName: z.string(),
  role: z.string(),
});

export const rehearsalInfoSchema = z.object({
  startTime: clockTime,
  speed: z.number(),
  startedAt: z.string(),
  folder: z.string(),
});

export const clockStateSchema = z.object({
  /** The core's clock (virtual in a rehearsal), ms since the epoch, when it answered. */
  deviceNowMs: z.number(),
  /** Virtual ms per real ms: 1 except in a rehearsal. */
  speed: z.number(),
  /** Last recorded device − office offset; null until the clock has been checked. */
  offsetMs: z.number().nullable(),
  checkedAt: z.string().nullable(),
  offsetTooLarge: z.boolean(),
  deviceId: z.string(),
  rehearsal: rehearsalInfoSchema.nullable(),
});

export const dashboardRoomSchema = z.object({
  roomNo: z.string(),
  name: z.string(),
  location: z.string(),
  expected: z.number().int(),
  admitted: z.number().int(),
  /** Not admitted once the late cut-off has passed (the confirmed list once confirmed); null before it. */
  absentees: z.number().int().nullable(),
  /** The room's 主监考 has confirmed the absentee list. */
  absenteesConfirmed: z.boolean(),
  /** 存疑考生 not yet cleared or confirmed. */
  inDoubt: z.number().int(),
  incidents: z.number().int(),
  /** The newest event about this room this device holds: how old the room's information is. */
  lastActivityAt: z.string().nullable(),
  confirmations: z.array(z.enum(CONFIRMATION_IDS)),
  /** The room record (issue 12): hand-ins so far, the paper balance, problems found at 启封, signatures. */
  handIns: z.number().int(),
  balance: z.enum(['unknown', 'balanced', 'mismatch']),
  paperProblems: z.array(z.string()),
  signed: z.enum(['none', 'one', 'both']),
});

/** One exception on the office's feed (issue 15 item 1), linked to its room. */
export const dashboardFeedItemSchema = z.object({
  eventId: z.string(),
  at: z.string(),
  kind: z.enum(['refused', 'late-approved', 'doubt', 'impostor']),
  /** The refused scan's verdict, or the 存疑 reason. */
  detail: z.string().nullable(),
  roomNo: z.string(),
  ticketNo: z.string().nullable(),
  name: z.string().nullable(),
  byName: z.string(),
});
export type DashboardFeedItem = z.infer<typeof dashboardFeedItemSchema>;

/** 应到 / 实到 / 缺考 / 存疑 / 异常, for the site or one 职业·等级 (缺考 null before the late cut-off). */
export const attendanceTotalsSchema = z.object({
  expected: z.number().int(),
  admitted: z.number().int(),
  absentees: z.number().int().nullable(),
  inDoubt: z.number().int(),
  incidents: z.number().int(),
});

export const announcementSchema = z.object({ id: z.string(), title: z.string(), text: z.string() });

/** A day package file is JSON text; photos make up most of it. */
export const DAY_PACKAGE_MAX_CHARS = 200 * 1024 * 1024;

/** Base64 of at most MAX_PHOTO_BYTES (4 characters per 3 bytes). */
const photoBase64 = z
  .string()
  .min(4, '照片内容为空')
  .max(Math.ceil(MAX_PHOTO_BYTES / 3) * 4, `照片不能超过 ${MAX_PHOTO_BYTES / 1024 / 1024} MB`)
  .regex(/^[A-Za-z0-9+/]+={0,2}$/, '照片内容不是有效的 Base64');
const ticketNo = text(TEXT_LIMITS.ticketNo).min(1, '准考证号为空');
const optionalActor = text(TEXT_LIMITS.code).min(1).optional();

/**
 * ExamDayApi: the one contract between renderer and core. Each method takes one object and
 * returns an ApiResult. The core parses `input` before it acts; clients parse `output` on arrival.
 * Electron's preload and the browser's HTTP client are both derived from this list.
 */
export const examDayApiSpec = {
  getDay: {
    input: z.object({}).strict(),
    output: z.object({
      plan: examPlanSchema.nullable(),
      rooms: z.array(roomSummarySchema),
      staff: z.array(staffSummarySchema),
      deviceId: z.string(),
      serverTime: z.string(),
    }),
  },
  /** 考场情况记录单: the room's record as the events have it (record/room-record.ts). */
  getRoomRecord: {
    input: z.object({ roomNo }).strict(),
    output: roomRecordSchema,
  },
  getRoomRoster: {
    input: z.object({ roomNo }).strict(),
    output: z.object({ room: roomSummarySchema, rows: z.array(rosterRowSchema), absentees: roomAbsenteesSchema }),
  },
  checkIn: {
    input: z
      .object({
        roomNo,
        input: scanText(TEXT_LIMITS.scan).min(1, '扫描内容为空'),
        method: z.enum(CHECKIN_INPUT_METHODS),
        actorStaffId: staffId,
      })
      .strict(),
    output: z.object({ verdict: checkinVerdictSchema, eventId: z.string(), committedAt: z.string() }),
  },
  ...doorApiSpec,
  ...syncApiSpec,
  ...centerTargetApiSpec,
  verifyLog: {
    input: z.object({}).strict(),
    output: verifyReportSchema,
  },
  getClock: {
    input: z.object({}).strict(),
    output: clockStateSchema,
  },
  /** The day's 附件5 timetable, its gates and every confirmation recorded so far. */
  getSchedule: {
    input: z.object({}).strict(),
    output: z.object({
      steps: z.array(timetableStepSchema),
      gates: timeGatesSchema.nullable(),
      confirmations: z.array(recordedConfirmationSchema),
    }),
  },
  /**
   * A 附件5 moment answered for: by the person on duty at this device (`actorStaffId`), or by the
   * person the rule names giving their badge and PIN there and then (`confirmer`, issue 11 item 2).
   */
  confirmStep: {
    input: z
      .object({
        confirmationId: z.enum(CONFIRMATION_IDS, { error: '未知的确认环节' }),
        roomNo: roomNo.optional(),
        actorStaffId: staffId.optional(),
        confirmer: badgePinSchema.optional(),
      })
      .strict()
      .refine((v) => (v.actorStaffId === undefined) !== (v.confirmer === undefined), { message: '请由值守人员确认，或由规定的岗位人员扫描胸卡并输入 PIN', path: ['confirmer'] }),
    output: z.object({ confirmation: recordedConfirmationSchema, eventId: z.string() }),
  },
  /** `reference` is the office's time code (scanned) or its clock as read aloud, "HH:MM:SS". */
  recordClockCheck: {
    input: z
      .object({
        reference: text(128).min(1, '请扫描考务办的时间码或输入考务办时间'),
        actorStaffId: staffId,
      })
      .strict(),
    output: z.object({ offsetMs: z.number(), offsetTooLarge: z.boolean(), eventId: z.string() }),
  },
  getDashboard: {
    input: z.object({}).strict(),
    output: z.object({
      rooms: z.array(dashboardRoomSchema),
      /** From E+5 (送还试卷): rooms whose record is not signed by both proctors. */
      unsignedAfterReturn: z.array(z.string()),
      generatedAt: z.string(),
      /** The site's totals, and per 职业·等级 (异常 are counted per room and site only). */
      totals: attendanceTotalsSchema,
      groups: z.array(attendanceTotalsSchema.omit({ incidents: true }).extend({ occupation: z.string(), level: z.string() })),
      feed: z.array(dashboardFeedItemSchema),
    }),
  },
  /** Texts read out at 宣布考场纪律 (resources/announcements, or the organisation's own copy). */
  getAnnouncements: {
    input: z.object({}).strict(),
    output: z.object({ announcements: z.array(announcementSchema) }),
  },
  /** A candidate's photo (personal data: screens show it, logs never do); not-found when there is none. */
  getCandidatePhoto: {
    input: z.object({ ticketNo }).strict(),
    output: z.object({ mime: z.enum(PHOTO_MIMES), dataBase64: z.string() }),
  },
  /**
   * Stores photos for candidates on the roster, all or none: one 'candidate.photo-attached' event each
   * (hash, type and size only). A photo a candidate already has is skipped. At most 200 per call.
   */
  attachCandidatePhotos: {
    input: z
      .object({
        /** `key` is the file's name without its ending: a 准考证号 or an ID number. */
        photos: z.array(z.object({ key: ticketNo, dataBase64: photoBase64 }).strict()).min(1, '没有照片').max(200, '每次最多 200 张照片'),
        actorStaffId: optionalActor,
      })
      .strict(),
    output: z.object({
      attached: z.number().int(),
      unchanged: z.number().int(),
      /** Keys that name no candidate (ID-like keys masked to their last four). */
      unmatched: z.array(z.string()),
    }),
  },
  /** Which candidates still have no photo (at most 500 listed). */
  getPhotoCoverage: {
    input: z.object({}).strict(),
    output: z.object({
      candidates: z.number().int(),
      withPhoto: z.number().int(),
      missing: z.array(z.object({ ticketNo: z.string(), name: z.string(), roomNo: z.string(), seatNo: z.number().int() })),
    }),
  },
  /** 考试设置: saves the plan (附件1) the office filled in; the form's rules are checked again here. */
  savePlan: {
    input: z.object({ plan: planFormSchema, actorStaffId: optionalActor }).strict(),
    output: z.object({ planId: z.string(), eventId: z.string() }),
  },
  /** Rooms (number, name/location, capacity, 附件3 default 30), added or changed. */
  defineRooms: {
    input: z.object({ rooms: z.array(roomSchema).min(1, '没有考场').max(MAX_ROOMS), actorStaffId: optionalActor }).strict(),
    output: z.object({ rooms: z.number().int() }),
  },
  /**
   * The roster the user confirmed after the preview, with the rooms it needs: checked again and
   * committed as one batch of events, all or nothing. Refused while the day already has a roster.
   */
  importRoster: {
    input: z
      .object({
        rooms: z.array(roomSchema).max(MAX_ROOMS),
        candidates: z.array(candidateSchema.omit({ idNumberKeyed: true })).min(1, '名单中没有可导入的考生').max(MAX_IMPORT_CANDIDATES, `每次最多导入 ${MAX_IMPORT_CANDIDATES} 名考生`),
        actorStaffId: optionalActor,
      })
      .strict(),
    output: z.object({ rooms: z.number().int(), candidates: z.number().int(), events: z.number().int() }),
  },
  /** Staff with roles and rooms; each gets a badge code (kept when the person is saved again). */
  registerStaff: {
    input: z
      .object({
        staff: z
          .array(z.object({ staffId: text(TEXT_LIMITS.code).min(1, '工号为空'), name: text(TEXT_LIMITS.personName).min(1, '姓名为空'), role: staffRoleSchema, roomNo: text(TEXT_LIMITS.code).min(1).optional() }).strict())
          .min(1, '没有工作人员')
          .max(2000),
        actorStaffId: optionalActor,
      })
      .strict(),
    output: z.object({ registered: z.number().int() }),
  },
  /**
   * A fresh exam day on this device: the current record (database and key) is moved, never deleted, to
   * <data>/archive/…, and an empty log is started. Refused during a rehearsal.
   */
  startNewDay: {
    input: z.object({ confirm: z.literal(true) }).strict(),
    output: z.object({ archivedTo: z.string().nullable() }),
  },
  /**
   * The configured day as one file signed by this (office) device, for the door laptops, sealed with a
   * fresh passphrase (shared/sync/sealed-file.ts): the office screen shows it, nothing stores it.
   */
  exportDayPackage: {
    /** `forDeviceId`: a paired door; sealed to its key when known (no passphrase), else by passphrase. */
    input: z.object({ forDeviceId: z.string().max(16).regex(/^[0-9a-f]{16}$/).optional() }).strict(),
    output: z.object({
      fileName: z.string(),
      /** The sealed file's text: nothing in it is readable without the passphrase. */
      content: z.string(),
      /** "XXXX-XXXX-XXXX-XXXX", typed at the door; null when sealed to the door's key. */
      passphrase: z.string().nullable(),
      /** The door the package is sealed to; null for a passphrase. */
      sealedFor: z.object({ deviceId: z.string(), name: z.string() }).nullable(),
      events: z.number().int(),
      photos: z.number().int(),
      bytes: z.number().int(),
      /** This office's key fingerprint (devices/key-fingerprint.ts), for the door to compare at import. */
      fingerprint: z.string(),
    }),
  },
  /**
   * Verifies a day package exactly as importDayPackage does, and stores nothing: what it holds and the
   * signing key's fingerprint, which the person at the door compares with the office screen first.
   */
  inspectDayPackage: {
    input: z.object({ content: z.string().min(2).max(DAY_PACKAGE_MAX_CHARS, '数据包过大'), passphrase: passphraseInput.nullish() }).strict(),
    output: z.object({
      officeDeviceId: z.string(),
      fingerprint: z.string(),
      planName: z.string(),
      events: z.number().int(),
      photos: z.number().int(),
    }),
  },
  /**
   * A day package from the office: every event verified (chain, hashes, office signature, photo hashes)
   * before anything is stored. A device holding another day first moves it to the archive.
   */
  importDayPackage: {
    input: z.object({ content: z.string().min(2).max(DAY_PACKAGE_MAX_CHARS, '数据包过大'), passphrase: passphraseInput.nullish() }).strict(),
    output: z.object({
      officeDeviceId: z.string(),
      planName: z.string(),
      eventsImported: z.number().int(),
      eventsAlreadyHeld: z.number().int(),
      photos: z.number().int(),
      archivedTo: z.string().nullable(),
    }),
  },
  /** 演练: a separate log with its own clock; the real record is not touched until stopRehearsal. */
  startRehearsal: {
    input: z
      .object({
        startTime: clockTime,
        fromStepId: text(64).min(1),
        speed: z
          .number()
          .refine((n) => (REHEARSAL_SPEEDS as readonly number[]).includes(n), '演练速度只能是 1、5、10、30 或 60 倍'),
      })
      .strict(),
    output: rehearsalInfoSchema,
  },
  stopRehearsal: {
    input: z.object({}).strict(),
    output: z.object({ stopped: z.boolean() }),
  },
  ...recordApiSpec,
  ...custodyApiSpec,
  ...signinApiSpec,
  ...rosterApiSpec,
  ...privacyApiSpec,
} satisfies Record<string, { input: z.ZodType; output: z.ZodType }>;

export type ApiSpec = typeof examDayApiSpec;
export type ApiMethod = keyof ApiSpec;
export type ApiInput<M extends ApiMethod> = z.input<ApiSpec[M]['input']>;
export type ApiParsedInput<M extends ApiMethod> = z.output<ApiSpec[M]['input']>;
export type ApiOutput<M extends ApiMethod> = z.output<ApiSpec[M]['output']>;

export const API_METHODS = Object.keys(examDayApiSpec) as ApiMethod[];

export function isApiMethod(name: string): name is ApiMethod {
  return Object.prototype.hasOwnProperty.call(examDayApiSpec, name);
}

/** What the renderer calls, in Electron and in a browser alike. */
export type ExamDayApi = { [M in ApiMethod]: (input: ApiInput<M>) => Promise<ApiResult<ApiOutput<M>>> };

/** What the core implements: inputs already parsed, answers synchronous (one SQLite writer). */
export type ExamDayHandlers = { [M in ApiMethod]: (input: ApiParsedInput<M>) => ApiResult<ApiOutput<M>> };
