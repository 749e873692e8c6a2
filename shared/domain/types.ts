import { z } from 'zod';
import { LONE_SURROGATE_MESSAGE, TEXT_LIMITS, isWellFormedText, text } from '../text/text-field';

/** 等级 (五级 初级工 … 一级 高级技师), per 001 and 002. */
export const LEVELS = ['五级', '四级', '三级', '二级', '一级'] as const;
export const levelSchema = z.enum(LEVELS);
export type Level = z.infer<typeof levelSchema>;

/** Every staff role 附件3/附件4 names. */
export const STAFF_ROLES = [
  'chief-examiner', // 主考
  'deputy-chief-examiner', // 副主考
  'chief-proctor', // 主监考
  'second-proctor', // 副监考
  'roving-proctor', // 流动监考
  'exam-affairs', // 考务人员
  'secrecy-officer', // 保密员
  'support', // 保障人员
  'quality-control', // 质量内控人员
] as const;
export const staffRoleSchema = z.enum(STAFF_ROLES);
export type StaffRole = z.infer<typeof staffRoleSchema>;

export const ID_DOCUMENT_TYPES = [
  'resident-id', // 居民身份证
  'hmt-residence-permit', // 港澳台居民居住证
  'foreign-permanent-resident-id', // 外国人永久居留身份证
  'passport', // 护照
  'hk-macao-travel-permit', // 港澳居民来往内地通行证
  'taiwan-travel-permit', // 台湾居民来往大陆通行证
] as const;
export const idDocumentTypeSchema = z.enum(ID_DOCUMENT_TYPES);
export type IdDocumentType = z.infer<typeof idDocumentTypeSchema>;

const clockTime = z.string().max(5).regex(/^([01]\d|2[0-3]):[0-5]\d$/, '时间格式应为 HH:MM');
const isoDate = z.string().max(10).regex(/^\d{4}-\d{2}-\d{2}$/, '日期格式应为 YYYY-MM-DD');
/** A required text field of at most `max` characters (text-field.ts). */
const required = (max: number) => text(max).min(1, '不能为空');

/** Why a plan's ticketPattern cannot be used, in Chinese; undefined when it can. */
export function ticketPatternProblem(pattern: string): string | undefined {
  let regex: RegExp;
  try {
    regex = new RegExp(pattern, 'i');
  } catch {
    return '准考证号提取规则不是有效的正则表达式';
  }
  // A pattern's capture groups, counted by matching an alternative that always succeeds.
  const groups = (new RegExp(`${regex.source}|`).exec('')?.length ?? 1) - 1;
  return groups === 1 ? undefined : '准考证号提取规则须恰好含一个捕获组（用圆括号括住号码部分）';
}

export const examPlanSchema = z.object({
  planId: required(TEXT_LIMITS.identifier),
  /** 评价机构 */
  organisation: required(TEXT_LIMITS.planName),
  /** 计划名称, 附件1 style: "20260315 成人按摩" */
  planName: required(TEXT_LIMITS.planName),
  siteAddress: required(TEXT_LIMITS.address),
  date: isoDate,
  subject: required(TEXT_LIMITS.occupation),
  startTime: clockTime,
  endTime: clockTime,
  occupations: z.array(z.object({ occupation: required(TEXT_LIMITS.occupation), levels: z.array(levelSchema).min(1) })).min(1).max(20),
  acceptedIdTypes: z.array(idDocumentTypeSchema).min(1),
  /** Minutes after 开考 after which a candidate is late (第十九条 leaves it to the organisation). */
  lateCutoffMinutes: z.number().int().min(0).max(120),
  /**
   * What a candidate shows at the door: 准考证 and ID (第十九条, the default when absent), or
   * either one of them.
   */
  requiredDocuments: z.enum(['ticket-and-id', 'either']).optional(),
  /**
   * Minutes without a scan, key or touch after which a door device locks until a badge and PIN are
   * given again (issue 11; staffing/idle-lock.ts, 10 when absent, so older plans still parse).
   */
  idleLockMinutes: z.number().int().min(1).max(120).optional(),
  /**
   * How to find the 准考证号 in a longer barcode text (a URL, key=value text): a regular expression
   * with one capture group, matched case-insensitively. Absent: the whole text, or the value of a
   * `zkzh=` or `ticket=` parameter (checkin/ticket-code.ts).
   */
  ticketPattern: z
    .string()
    .max(200)
    .refine(isWellFormedText, LONE_SURROGATE_MESSAGE)
    .refine((p) => ticketPatternProblem(p) === undefined, { error: (issue) => ticketPatternProblem(String(issue.input)) ?? '' })
    .optional(),
});
export type ExamPlan = z.infer<typeof examPlanSchema>;

export const roomSchema = z.object({
  roomNo: required(TEXT_LIMITS.code),
  name: required(TEXT_LIMITS.roomName),
  location: text(TEXT_LIMITS.location),
  /** 附件3: 30 seats by default. */
  capacity: z.number().int().min(1).max(200),
});
export type Room = z.infer<typeof roomSchema>;

export const candidateSchema = z.object({
  /** 准考证号 */
  ticketNo: required(TEXT_LIMITS.ticketNo),
  name: required(TEXT_LIMITS.personName),
  gender: z.enum(['男', '女']),
  idType: idDocumentTypeSchema,
  idNumber: required(TEXT_LIMITS.idNumber),
  /**
   * Set only once the ID number was purged from this device (shared/privacy/redact-personal.ts):
   * then `idNumber` is its mask and this keyed hash (HMAC-SHA256, hex) is what a scan is matched by.
   */
  idNumberKeyed: z.string().max(64).regex(/^[0-9a-f]{64}$/).optional(),
  occupation: required(TEXT_LIMITS.occupation),
  level: levelSchema,
  roomNo: required(TEXT_LIMITS.code),
  seatNo: z.number().int().min(1),
  /**
   * The exam day and time this candidate sits, when the roster says so. A roster may list candidates
   * of other sessions too, so the door can tell one who came on the wrong day or at the wrong time
   * (verdict wrong-session); absent means the plan's own session.
   */
  session: z.object({ date: isoDate, startTime: clockTime }).optional(),
});
export type Candidate = z.infer<typeof candidateSchema>;

export const staffMemberSchema = z.object({
  staffId: required(TEXT_LIMITS.code),
  name: required(TEXT_LIMITS.personName),
  role: staffRoleSchema,
  /** Exam room for proctors; undefined for office roles. */
  roomNo: text(TEXT_LIMITS.code).optional(),
  /** Printed on the badge (胸卡) as a QR code; scanning it names this person (handoffs, 附件4). */
  badgeCode: z.string().max(32).regex(/^[A-Z0-9-]{6,32}$/).optional(),
});
export type StaffMember = z.infer<typeof staffMemberSchema>;

/** A sealed paper bag (试卷袋) moving between 保密室, 考务办 and a room. */
export const paperBagSchema = z.object({
  bagId: required(TEXT_LIMITS.code),
  roomNo: required(TEXT_LIMITS.code),
  occupation: required(TEXT_LIMITS.occupation),
  level: levelSchema,
  paperCount: z.number().int().min(0),
});
export type PaperBag = z.infer<typeof paperBagSchema>;

/**
 * How the core knew who acted: the badge scanned at that moment, or the badge and the person's PIN
 * (approvals and signatures, issue 11 item 2).
 */
export const ACTOR_PROOFS = ['badge', 'badge+pin'] as const;
export type ActorProofKind = (typeof ACTOR_PROOFS)[number];

/**
 * Who did it: every event names a staff member or the system itself. `proof` is absent for an actor
 * named by the device's operator and in every event written before it existed, so their canonical
 * form, and so their hash, is unchanged.
 */
export const actorSchema = z.object({
  staffId: required(TEXT_LIMITS.code),
  name: required(TEXT_LIMITS.personName),
  role: z.union([staffRoleSchema, z.literal('system')]),
  proof: z.enum(ACTOR_PROOFS).optional(),
});
export type Actor = z.infer<typeof actorSchema>;

export const SYSTEM_ACTOR: Actor = { staffId: 'system', name: '系统', role: 'system' };
