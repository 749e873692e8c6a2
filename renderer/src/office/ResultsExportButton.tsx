import { useState } from 'react';
import { resultSheetRows } from '../../../shared/record/results';
import { apiClient } from '../api/api';
import { useT } from '../i18n/i18n';

/**
 * The day's results preview (参考/缺考/舞弊 per candidate, ID masked) as an .xlsx download, for the
 * center's upload; the sheet's rows are shared/record/results.ts's.
 */
export function ResultsExportButton() {
  const t = useT();
  const [error, setError] = useState<string | null>(null);
  const exportResults = async () => {
    const answer = await apiClient().getResults({});
    if (!answer.ok) {
      setError(answer.error.message);
      return;
    }
    setError(null);
    // Loaded when asked for: the spreadsheet writer is not needed to watch the rooms.
    const { default: writeXlsxFile } = await import('write-excel-file/browser');
    const blob = await writeXlsxFile(resultSheetRows(answer.value.rows).map((row) => row.map((value) => ({ value })))).toBlob();
    const link = document.createElement('a');
    link.href = URL.createObjectURL(blob);
    link.download = `考试结果-${answer.value.generatedAt.slice(0, 10)}.xlsx`;
    link.click();
    URL.revokeObjectURL(link.href);
  };
  return (
    <div className="results-export">
      <button type="button" className="rec-action" data-testid="results-export" onClick={() => void exportResults()}>
        {t('dash.exportResults')}
      </button>
      {error && <span className="rec-error">{error}</span>}
    </div>
  );
}
