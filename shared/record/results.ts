import { z } from 'zod';

/**
 * 认定结果 as far as the exam day knows it (第二十五条: 缺考 and 舞弊 are reported; 合格/不合格 comes
 * from marking later and is not ours): 参考, 缺考, 舞弊 (with the incident behind it), or 待定 while
 * the late cut-off has not passed and the candidate is not in.
 */
export const CANDIDATE_RESULTS = ['sat', 'absent', 'cheating', 'pending'] as const;
export type CandidateResult = (typeof CANDIDATE_RESULTS)[number];
export const CANDIDATE_RESULT_LABELS: Record<CandidateResult, { zh: string; en: string }> = {
  sat: { zh: '参考', en: 'Sat' },
  absent: { zh: '缺考', en: 'Absent' },
  cheating: { zh: '舞弊', en: 'Cheating' },
  pending: { zh: '待定', en: 'Pending' },
};

/** One candidate's result from the room's facts: a standing 舞弊 incident outranks everything. */
export function candidateResult(facts: { admitted: boolean; absenteesDue: boolean; cheating: boolean }): CandidateResult {
  if (facts.cheating) return 'cheating';
  if (facts.admitted) return 'sat';
  return facts.absenteesDue ? 'absent' : 'pending';
}

export const resultRowSchema = z.object({
  ticketNo: z.string(),
  name: z.string(),
  idMasked: z.string(),
  roomNo: z.string(),
  roomName: z.string(),
  seatNo: z.number().int(),
  result: z.enum(CANDIDATE_RESULTS),
  /** The 舞弊 incident behind the result: its kind, time and description. */
  incident: z.string().nullable(),
});
export type ResultRow = z.infer<typeof resultRowSchema>;

export const RESULT_SHEET_HEADER = ['准考证号', '姓名', '证件号码（后四位）', '考场', '座位号', '结果', '违纪舞弊情况'] as const;

/** The results preview as spreadsheet rows (header first), Chinese as the center reads it; ID masked. */
export function resultSheetRows(rows: readonly ResultRow[]): (string | number)[][] {
  return [
    [...RESULT_SHEET_HEADER],
    ...rows.map((r) => [r.ticketNo, r.name, r.idMasked, r.roomName, r.seatNo, CANDIDATE_RESULT_LABELS[r.result].zh, r.incident ?? '']),
  ];
}
