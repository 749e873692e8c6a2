import { refusalOf, refusalZhOrNull, type Refusal } from '../api/refusal';
import { z } from 'zod';

/**
 * 违纪、舞弊 on the 考场情况记录单 (附件5 9:00: 主监考将缺考、作弊人员信息填入). The kinds a proctor picks
 * from are kept in resources/incident-kinds (an organisation may keep its own copy in the data folder);
 * an incident is 舞弊 when it is a result for the center (第二十五条 认定结果), else a 违纪 noted on the record.
 */
export const incidentKindSchema = z.object({
  id: z.string().regex(/^[a-z0-9-]{1,40}$/),
  zh: z.string().trim().min(1).max(20),
  en: z.string().trim().min(1).max(40),
  /** Recorded as 舞弊 unless the proctor says otherwise. */
  cheating: z.boolean(),
  /** "其他": the description must say what happened. */
  needsNote: z.boolean().optional(),
});
export type IncidentKind = z.infer<typeof incidentKindSchema>;

export const incidentKindsFileSchema = z.object({
  kinds: z
    .array(incidentKindSchema)
    .min(1)
    .max(50)
    .refine((kinds) => new Set(kinds.map((k) => k.id)).size === kinds.length, '类别编号重复'),
});

/** What was done about it (附件4 考生违规处理规定). */
export const INCIDENT_ACTIONS = ['warning', 'confiscated', 'terminated'] as const;
export type IncidentAction = (typeof INCIDENT_ACTIONS)[number];
export const INCIDENT_ACTION_LABELS: Record<IncidentAction, { zh: string; en: string }> = {
  warning: { zh: '警告', en: 'Warning' },
  confiscated: { zh: '收缴物品', en: 'Items confiscated' },
  terminated: { zh: '终止考试', en: 'Exam terminated' },
};

/** Problems found with the papers at 验封/启封 (附件5 8:25: 数量不符、错装、漏印… 立即报告), and a broken seal. */
export const PAPER_PROBLEMS = ['count-mismatch', 'wrong-pack', 'missing-print', 'reprint', 'misprint', 'seal-broken'] as const;
export type PaperProblem = (typeof PAPER_PROBLEMS)[number];
export const PAPER_PROBLEM_LABELS: Record<PaperProblem, { zh: string; en: string }> = {
  'count-mismatch': { zh: '数量不符', en: 'Count does not match' },
  'wrong-pack': { zh: '错装', en: 'Wrong papers in the bag' },
  'missing-print': { zh: '漏印', en: 'Pages missing' },
  reprint: { zh: '重印', en: 'Pages printed twice' },
  misprint: { zh: '错印', en: 'Misprinted' },
  'seal-broken': { zh: '密封破损', en: 'Seal broken' },
};

/** A correction never erases: the incident is withdrawn, or amended (kind, 舞弊, actions, description). */
export const INCIDENT_CORRECTIONS = ['withdrawn', 'amended'] as const;

/** An incident's time as the proctor gives it: from the first door opening until the end of the exam, never in the future. */
export function incidentTimeRefusalCoded(minutes: number, window: { from: number; until: number }, minutesNow: number): Refusal | null {
  if (minutes > minutesNow + 1 / 60) return refusalOf('incident-in-future');
  if (minutes < window.from || minutes > window.until) return refusalOf('incident-outside-exam');
  return null;
}
export const incidentTimeRefusal = (minutes: number, window: { from: number; until: number }, minutesNow: number): string | null =>
  refusalZhOrNull(incidentTimeRefusalCoded(minutes, window, minutesNow));
