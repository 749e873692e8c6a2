import writeXlsxFile from 'write-excel-file/node';
import { centerResultSheetRows, exportRefusal } from '../../shared/center/center-results';
import { dayResults, exportOverrides, openFindings, type DayModel } from './day-view';

/**
 * The day's results as .xlsx for the 认定系统 upload (issue 14 item 5): refused while a finding
 * has no decision and no reviewer's override names it; ID numbers full only when the caller's role may see them (and the caller logs it).
 */
export async function exportResultsXlsx(model: DayModel, now: Date, fullIdNumbers: boolean): Promise<{ ok: true; fileName: string; bytes: Buffer } | { ok: false; reason: string }> {
  const refusal = exportRefusal(
    openFindings(model).map((f) => f.id),
    exportOverrides(model),
  );
  if (refusal) return { ok: false, reason: refusal };
  const rows = centerResultSheetRows(dayResults(model, now), (ticketNo) => model.projection.findCandidateByTicket(ticketNo), fullIdNumbers);
  const bytes = await writeXlsxFile(rows.map((row) => row.map((value) => ({ value })))).toBuffer();
  return { ok: true, fileName: `认定结果-${model.day.date}-${model.day.planId}.xlsx`, bytes };
}
