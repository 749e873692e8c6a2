import { refusalOf, refusalZhOrNull, type Refusal } from '../api/refusal';
import { z } from 'zod';

/**
 * 试卷、答题卡 counts of one room (附件5 7:40 核对份数, 8:25 启封, 10:00 清点、核对): received from the
 * bags, issued to candidates, spare (备用卷) kept, absentees' papers kept, and collected at 收卷.
 */
export const PAPER_KINDS = ['paper', 'answer-sheet'] as const;
export type PaperKind = (typeof PAPER_KINDS)[number];
export const PAPER_KIND_LABELS: Record<PaperKind, { zh: string; en: string }> = {
  paper: { zh: '试卷', en: 'Question papers' },
  'answer-sheet': { zh: '答题卡', en: 'Answer sheets' },
};

const count = z.number().int('份数须为整数').min(0, '份数不能为负数').max(10_000, '份数过大');
export const paperCountSchema = z.object({
  kind: z.enum(PAPER_KINDS),
  received: count,
  issued: count,
  spare: count,
  absentKept: count,
  /** Null until 收卷. */
  collected: count.nullable(),
});
export type PaperCount = z.infer<typeof paperCountSchema>;

/**
 * A count that cannot be true (more handed out than received, more collected than issued): refused
 * and nothing recorded. Null when it can be recorded; it may still not balance (paperCountProblems).
 */
export function paperCountRefusalCoded(c: PaperCount): Refusal | null {
  const kind = { kind: PAPER_KIND_LABELS[c.kind].zh, kindEn: PAPER_KIND_LABELS[c.kind].en };
  const out = c.issued + c.spare + c.absentKept;
  if (out > c.received) return refusalOf('count-negative-balance', { ...kind, issued: c.issued, spare: c.spare, absentKept: c.absentKept, out, received: c.received });
  if (c.collected !== null && c.collected > c.issued) return refusalOf('count-collected-over-issued', { ...kind, collected: c.collected, issued: c.issued });
  return null;
}
export const paperCountRefusal = (c: PaperCount): string | null => refusalZhOrNull(paperCountRefusalCoded(c));

/** One balance rule a count breaks, and by how many (expected − counted): for any language. */
export interface PaperCountGap {
  rule: 'received' | 'collected';
  difference: number;
}

/** The balance rules per kind: received = issued + spare + absent-kept; collected = issued. Empty when it balances. */
export function paperCountGaps(c: PaperCount): PaperCountGap[] {
  const gaps: PaperCountGap[] = [];
  const out = c.issued + c.spare + c.absentKept;
  if (out !== c.received) gaps.push({ rule: 'received', difference: c.received - out });
  if (c.collected !== null && c.collected !== c.issued) gaps.push({ rule: 'collected', difference: c.issued - c.collected });
  return gaps;
}

/** paperCountGaps in Chinese, for the record and the refusals. */
export function paperCountProblems(c: PaperCount): string[] {
  const label = PAPER_KIND_LABELS[c.kind].zh;
  return paperCountGaps(c).map((gap) =>
    gap.rule === 'received'
      ? `${label}：收到 ${c.received} 份 ≠ 发出 ${c.issued} + 备用 ${c.spare} + 缺考留存 ${c.absentKept}（差 ${gap.difference} 份）`
      : `${label}：收回 ${c.collected} 份 ≠ 发出 ${c.issued} 份（差 ${gap.difference} 份）`,
  );
}

export type Balance = 'unknown' | 'balanced' | 'mismatch';

/**
 * The room's balance for signing: every kind counted, received balanced and collected (after 收卷)
 * equal to issued. Problems are in Chinese; a kind not counted is a problem too.
 */
export function roomBalance(counts: readonly PaperCount[]): { balance: Balance; problems: string[] } {
  const problems: string[] = [];
  for (const kind of PAPER_KINDS) {
    const c = counts.find((x) => x.kind === kind);
    if (!c) problems.push(`${PAPER_KIND_LABELS[kind].zh}尚未清点`);
    else if (c.collected === null) problems.push(`${PAPER_KIND_LABELS[kind].zh}尚未登记收回份数`);
    problems.push(...(c ? paperCountProblems(c) : []));
  }
  if (counts.length === 0) return { balance: 'unknown', problems };
  const mismatch = counts.some((c) => paperCountProblems(c).length > 0);
  return { balance: mismatch ? 'mismatch' : problems.length === 0 ? 'balanced' : 'unknown', problems };
}
