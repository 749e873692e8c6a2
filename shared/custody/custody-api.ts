import { z } from 'zod';
import { levelSchema, staffRoleSchema } from '../domain/types';
import { TEXT_LIMITS, multilineText, scanText, text } from '../text/text-field';
import { BAG_KINDS, bagCodeSchema, bagCountSchema, sealNoSchema } from './bags';
import { refusalSchema } from '../api/refusal';
import { BAG_STATES, CUSTODY_PLACES, CUSTODY_STEPS, PARTY_PARTS } from './custody-steps';
import { badgePinSchema } from '../staffing/proof-input';

const roomNo = text(TEXT_LIMITS.code).min(1, '请选择考场');
const badgeCode = scanText(64).min(1, '请扫描胸卡').max(64, '胸卡码过长');
const actorStaffId = text(TEXT_LIMITS.code).min(1, '请选择登记人');
const written = z.object({ eventId: z.string(), committedAt: z.string() });

/** A bag as the registry screen enters it: a scanned press code, or none for one of our own (KD-…). */
export const bagEntrySchema = z
  .object({
    code: bagCodeSchema.optional(),
    kind: z.enum(BAG_KINDS, { error: '请选择试卷袋类别' }),
    occupation: text(TEXT_LIMITS.occupation).min(1, '请填写职业'),
    level: levelSchema,
    count: bagCountSchema,
    roomNo: roomNo.optional(),
    sealNos: z.array(sealNoSchema).max(4),
    source: z.enum(['press-label', 'generated', 'imported']),
  })
  .strict();
export type BagEntry = z.infer<typeof bagEntrySchema>;

export const custodyHistoryEntrySchema = z.object({
  eventId: z.string(),
  deviceId: z.string(),
  step: z.enum(CUSTODY_STEPS),
  handoffId: z.string(),
  at: z.string(),
  place: z.enum(CUSTODY_PLACES),
  roomNo: z.string().nullable(),
  parties: z.array(z.object({ part: z.enum(PARTY_PARTS), staffId: z.string(), name: z.string(), role: staffRoleSchema })),
  count: z.number().int().nullable(),
  seal: z.object({ intact: z.boolean(), sealNo: z.string().nullable() }).nullable(),
  recipient: z.string().nullable(),
  note: z.string().nullable(),
  /** Applied under a 主考 exception, or a step the bag's state did not allow when it arrived by sync. */
  standing: z.enum(['applied', 'under-exception', 'not-applied']),
});
export type CustodyHistoryEntry = z.infer<typeof custodyHistoryEntrySchema>;

export const bagViewSchema = z.object({
  code: z.string(),
  kind: z.enum(BAG_KINDS),
  occupation: z.string(),
  level: levelSchema,
  count: z.number().int(),
  roomNo: z.string().nullable(),
  sealNos: z.array(z.string()),
  registeredAt: z.string(),
  state: z.enum(BAG_STATES),
  /** When it reached its state. */
  since: z.string(),
  /** Who holds it now and where (the receivers or performers of its last step). */
  holders: z.array(z.object({ staffId: z.string(), name: z.string(), role: staffRoleSchema })),
  place: z.enum(CUSTODY_PLACES).nullable(),
  history: z.array(custodyHistoryEntrySchema),
  exceptions: z.array(z.object({ eventId: z.string(), at: z.string(), byName: z.string(), reason: z.string(), problems: z.array(z.string()) })),
});
export type BagView = z.infer<typeof bagViewSchema>;

export const OVERDUE_RULES = ['not-in-room', 'not-returned', 'opened-early'] as const;
export const overdueSchema = z.object({
  bagCode: z.string(),
  roomNo: z.string().nullable(),
  rule: z.enum(OVERDUE_RULES),
  /** "HH:MM" the rule's time (S−40, E+10, S−5). */
  dueAt: z.string(),
  message: z.string(),
  /** The message as a coded refusal, for the UI's language (the core sends it; `message` is its Chinese). */
  refusal: refusalSchema.optional(),
});
export type Overdue = z.infer<typeof overdueSchema>;

export const reconciliationSchema = z.object({
  reconciled: z.boolean(),
  /** Each bag's problem, and whether the 主考 has signed an exception for that bag. */
  problems: z.array(
    z.object({
      bagCode: z.string(),
      roomNo: z.string().nullable(),
      message: z.string(),
      /** The message as a coded refusal, for the UI's language (`message` is its Chinese). */
      refusal: refusalSchema.optional(),
      signed: z.boolean(),
    }),
  ),
});
export type Reconciliation = z.infer<typeof reconciliationSchema>;

/** Sealed paper bags from the 保密室 to marking (issue 13). Spread into ExamDayApi (api/contract.ts). */
export const custodyApiSpec = {
  /** Every bag (or one room's): where it is, who holds it, its history; what is overdue; whether the day reconciles. */
  getCustody: {
    input: z.object({ roomNo: roomNo.optional() }).strict(),
    output: z.object({
      bags: z.array(bagViewSchema),
      overdue: z.array(overdueSchema),
      reconciliation: reconciliationSchema,
      dayClosed: z.object({ at: z.string(), byName: z.string() }).nullable(),
      /** The registry's 份数 against the roster (custody/bag-counts.ts): short, missing, spare. */
      registryFindings: z.array(z.object({ severity: z.enum(['error', 'warning', 'info']), roomNo: z.string().nullable(), message: z.string() })),
      generatedAt: z.string(),
    }),
  },
  /** Enters bags in the registry, all or none (one 'bags.registered' event per 500). */
  registerBags: {
    input: z.object({ bags: z.array(bagEntrySchema).min(1, '没有要登记的试卷袋').max(2_000, '一次最多登记 2000 个试卷袋'), actorStaffId }).strict(),
    output: z.object({ codes: z.array(z.string()), committedAt: z.string() }),
  },
  /**
   * One custody step for one or many bags (scan each bag, then the badges): one 'custody.recorded'
   * per bag, all or none. `counts` and `seals` give what was checked per bag, where the step asks.
   */
  recordCustodyStep: {
    input: z
      .object({
        step: z.enum(CUSTODY_STEPS),
        bagCodes: z.array(bagCodeSchema).min(1, '请先扫描试卷袋').max(400, '一次最多 400 个试卷袋'),
        givers: z.array(badgeCode).max(2),
        receivers: z.array(badgeCode).max(2),
        performers: z.array(badgeCode).max(2),
        counts: z.array(z.object({ bagCode: bagCodeSchema, count: bagCountSchema }).strict()).max(400),
        seals: z.array(z.object({ bagCode: bagCodeSchema, intact: z.boolean(), sealNo: sealNoSchema.optional() }).strict()).max(400),
        recipient: text(TEXT_LIMITS.personName).min(1, '请填写评卷点接收人').optional(),
        note: multilineText(200).max(200, '说明不超过 200 字').optional(),
      })
      .strict(),
    output: z.object({ handoffId: z.string(), recorded: z.number().int(), committedAt: z.string() }),
  },
  /**
   * 收卷装袋 at E, at the room's door laptop: a return bag (a registered one, or a new code scanned now)
   * sealed with `count` inside, by both proctors' badges.
   */
  sealReturnBag: {
    input: z
      .object({
        roomNo,
        code: bagCodeSchema.optional(),
        kind: z.enum(['paper-return', 'answer-sheet-return']),
        count: bagCountSchema,
        sealNo: sealNoSchema.optional(),
        performers: z.array(badgeCode).length(2, '须两名监考人员扫描胸卡'),
      })
      .strict(),
    output: written.extend({ bagCode: z.string(), handoffId: z.string() }),
  },
  /** The 主考's exception for one bag, by badge and PIN (`examiner`), with the reason. */
  signCustodyException: {
    input: z.object({ bagCode: bagCodeSchema, examiner: badgePinSchema, reason: multilineText(200).min(1, '请写明例外的原因').max(200, '原因不超过 200 字') }).strict(),
    output: written.extend({ name: z.string() }),
  },
  /** 日结 by the 主考's badge and PIN: refused while custody does not reconcile and a problem is not signed. */
  closeDay: {
    input: z.object({ examiner: badgePinSchema, note: multilineText(200).max(200, '说明不超过 200 字').optional() }).strict(),
    output: written.extend({ name: z.string() }),
  },
} satisfies Record<string, { input: z.ZodType; output: z.ZodType }>;
