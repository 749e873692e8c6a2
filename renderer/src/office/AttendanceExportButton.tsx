import { useState } from 'react';
import { attendanceSheetRows } from '../../../shared/record/attendance-sheet';
import { apiClient } from '../api/api';
import { useT } from '../i18n/i18n';

/** 应到/实到/缺考/存疑/异常 per room, the site and each 职业·等级 as an .xlsx download. */
export function AttendanceExportButton() {
  const t = useT();
  const [error, setError] = useState<string | null>(null);
  const exportSheet = async () => {
    const answer = await apiClient().getDashboard({});
    if (!answer.ok) {
      setError(answer.error.message);
      return;
    }
    setError(null);
    // Loaded when asked for: the spreadsheet writer is not needed to watch the rooms.
    const { default: writeXlsxFile } = await import('write-excel-file/browser');
    const blob = await writeXlsxFile(attendanceSheetRows(answer.value).map((row) => row.map((value) => ({ value })))).toBlob();
    const link = document.createElement('a');
    link.href = URL.createObjectURL(blob);
    link.download = `出勤统计-${answer.value.generatedAt.slice(0, 10)}.xlsx`;
    link.click();
    URL.revokeObjectURL(link.href);
  };
  return (
    <div className="results-export">
      <button type="button" className="rec-action" data-testid="attendance-export" onClick={() => void exportSheet()}>
        {t('dash.exportAttendance')}
      </button>
      {error && <span className="rec-error">{error}</span>}
    </div>
  );
}
