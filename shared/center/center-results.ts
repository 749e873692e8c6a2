import type { Candidate } from '../domain/types';
import { maskIdNumber } from '../id/id-number';
import { CANDIDATE_RESULT_LABELS, type ResultRow } from '../record/results';

/**
 * The results sheet the center uploads to the 认定系统 (issue 14 item 5; 第二十五条: 缺考 and 舞弊
 * come from the exam day): one row per candidate with 职业 and 等级, the ID number full only for a
 * role that reports it, and the incident behind each 舞弊.
 */
export const CENTER_RESULT_HEADER = ['准考证号', '姓名', '证件号码', '职业', '等级', '考场', '座位号', '结果', '违纪舞弊情况'] as const;

export function centerResultSheetRows(rows: readonly ResultRow[], candidate: (ticketNo: string) => Candidate | undefined, fullIdNumbers: boolean): (string | number)[][] {
  return [
    [...CENTER_RESULT_HEADER],
    ...rows.map((r) => {
      const c = candidate(r.ticketNo);
      const id = c ? (fullIdNumbers ? c.idNumber : maskIdNumber(c.idNumber)) : r.idMasked;
      return [r.ticketNo, r.name, id, c?.occupation ?? '', c?.level ?? '', r.roomName, r.seatNo, CANDIDATE_RESULT_LABELS[r.result].zh, r.incident ?? ''];
    }),
  ];
}

/** A reviewer's signed override: the findings open when it was signed may stay open for the export. */
export interface ExportOverride {
  eventId: string;
  at: string;
  byName: string;
  reason: string;
  findingIds: string[];
}

/**
 * Why results may not be exported yet, if they may not (issue 14 item 5): every finding of the day
 * needs a decision first, unless a reviewer signed an override naming it. A finding that arrived
 * after the override is not covered: the reviewer has not seen it.
 */
export function exportRefusal(openFindingIds: readonly string[], overrides: readonly Pick<ExportOverride, 'findingIds'>[] = []): string | undefined {
  const covered = new Set(overrides.flatMap((o) => o.findingIds));
  const uncovered = openFindingIds.filter((id) => !covered.has(id)).length;
  if (uncovered === 0) return undefined;
  const since = overrides.length > 0 ? '（签署放行之后新出现的）' : '';
  return `该考试日还有 ${uncovered} 个待处理事项${since}：请先逐一处理（写明理由），或由审核员签署放行（写明理由）后再导出结果`;
}
