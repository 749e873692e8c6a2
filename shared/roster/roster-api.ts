import { z } from 'zod';
import { candidateSchema, idDocumentTypeSchema, levelSchema } from '../domain/types';
import { MAX_IMPORT_CANDIDATES } from '../setup/roster-import';
import { TEXT_LIMITS, multilineText, text } from '../text/text-field';

const ticketNo = text(TEXT_LIMITS.ticketNo).min(1, '请先选择考生');
const actorStaffId = text(TEXT_LIMITS.code).min(1).optional();
const note = multilineText(200).max(200, '说明不超过 200 字');

/** A roster row as the office's list shows it: the ID masked, whether the candidate is in and has a photo. */
export const rosterEntrySchema = z.object({
  ticketNo: z.string(),
  name: z.string(),
  gender: z.enum(['男', '女']),
  idType: idDocumentTypeSchema,
  idMasked: z.string(),
  occupation: z.string(),
  level: levelSchema,
  roomNo: z.string(),
  seatNo: z.number().int(),
  admitted: z.boolean(),
  hasPhoto: z.boolean(),
});
export type RosterEntry = z.infer<typeof rosterEntrySchema>;

const fieldChangeSchema = z.object({ field: z.string(), label: z.string(), before: z.string(), after: z.string() });
const rowSchema = z.object({ ticketNo: z.string(), name: z.string(), roomNo: z.string(), seatNo: z.number().int() });

/** What a corrected roster file would do, ID numbers masked (roster/roster-changes.ts planReimport). */
export const reimportPreviewSchema = z.object({
  added: z.array(rowSchema),
  changed: z.array(rowSchema.extend({ changes: z.array(fieldChangeSchema) })),
  removed: z.array(rowSchema),
  refused: z.array(rowSchema.extend({ reason: z.string() })),
  problems: z.array(z.string()),
  unchanged: z.number().int(),
});
export type ReimportPreview = z.infer<typeof reimportPreviewSchema>;

const written = z.object({ eventId: z.string() });

/**
 * The roster after the import (issue 15 item 2): the list, one candidate added, corrected or
 * withdrawn, and a corrected file applied as a diff. Spread into ExamDayApi (api/contract.ts).
 */
export const rosterApiSpec = {
  listRoster: {
    input: z.object({}).strict(),
    output: z.object({
      candidates: z.array(rosterEntrySchema),
      withdrawn: z.array(rowSchema.extend({ reason: z.string(), at: z.string(), byName: z.string() })),
    }),
  },
  /** One candidate more: a 'candidate.registered' event, checked as the import checks a row. */
  addCandidate: {
    input: z.object({ candidate: candidateSchema, actorStaffId }).strict(),
    output: written,
  },
  /**
   * One candidate corrected: only the fields given change (an ID number is typed again in full, never
   * sent back to the screen). Refused once the candidate is admitted.
   */
  correctCandidate: {
    input: z
      .object({
        ticketNo,
        changes: z
          .object({
            name: text(TEXT_LIMITS.personName).min(1, '姓名不能为空'),
            gender: z.enum(['男', '女']),
            idType: idDocumentTypeSchema,
            idNumber: text(TEXT_LIMITS.idNumber).min(1, '证件号码不能为空'),
            occupation: text(TEXT_LIMITS.occupation).min(1),
            level: levelSchema,
            roomNo: text(TEXT_LIMITS.code).min(1, '请选择考场'),
            seatNo: z.number().int().min(1, '座位号从 1 开始'),
          })
          .partial()
          .strict(),
        note: note.optional(),
        actorStaffId,
      })
      .strict(),
    output: written,
  },
  /** 退考: off the roster with the reason. Refused once the candidate is admitted. */
  withdrawCandidate: {
    input: z.object({ ticketNo, reason: note.min(1, '请填写退考原因'), actorStaffId }).strict(),
    output: written,
  },
  /** A corrected roster file against the roster now: nothing is stored. */
  previewRosterReimport: {
    input: z.object({ candidates: z.array(candidateSchema).min(1, '名单中没有考生').max(MAX_IMPORT_CANDIDATES) }).strict(),
    output: reimportPreviewSchema,
  },
  /**
   * The same file applied in one transaction: added, changed and removed as previewed (worked out
   * again here); rows about admitted candidates are kept as they are and listed as refused.
   */
  applyRosterReimport: {
    input: z.object({ candidates: z.array(candidateSchema).min(1, '名单中没有考生').max(MAX_IMPORT_CANDIDATES), actorStaffId }).strict(),
    output: z.object({ added: z.number().int(), changed: z.number().int(), removed: z.number().int(), refused: z.number().int(), events: z.number().int() }),
  },
} as const;
