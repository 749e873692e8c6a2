import { useEffect, useState } from 'react';
import { CANDIDATE_RESULT_LABELS, CANDIDATE_RESULTS, type ResultRow } from '../../../shared/record/results';
import { apiClient } from '../api/api';
import { Dialog } from '../components/Dialog';
import { useT } from '../i18n/i18n';
import { useUiStore } from '../state/ui-store';

/**
 * The results preview on screen (第二十五条 认定结果: 参考 / 缺考 / 舞弊 with the incident behind it),
 * per room or for the day, ID masked; the same rows the .xlsx export writes.
 */
export function ResultsDialog({ rooms, onClose }: { rooms: { roomNo: string; name: string }[]; onClose: () => void }) {
  const t = useT();
  const language = useUiStore((s) => s.language);
  const [roomNo, setRoomNo] = useState(rooms[0]?.roomNo ?? '');
  const [rows, setRows] = useState<ResultRow[] | null>(null);
  const [error, setError] = useState<string | null>(null);
  useEffect(() => {
    let live = true;
    void apiClient()
      .getResults(roomNo ? { roomNo } : {})
      .then((answer) => {
        if (!live) return;
        setRows(answer.ok ? answer.value.rows : null);
        setError(answer.ok ? null : answer.error.message);
      });
    return () => {
      live = false;
    };
  }, [roomNo]);
  const counts = Object.fromEntries(CANDIDATE_RESULTS.map((r) => [r, rows?.filter((row) => row.result === r).length ?? 0]));
  return (
    <Dialog title={t('results.title')} onClose={onClose} closeLabel={t('reverify.close')} testId="results-dialog" wide>
      <div className="rec-row results-head">
        <label className="rec-field">
          <span className="rec-label">{t('results.room')}</span>
          <select value={roomNo} onChange={(e) => setRoomNo(e.target.value)} data-testid="results-room">
            {rooms.map((r) => (
              <option key={r.roomNo} value={r.roomNo}>
                {r.name}
              </option>
            ))}
            <option value="">{t('results.allRooms')}</option>
          </select>
        </label>
        {rows && (
          <span className="results-summary" data-testid="results-summary">
            {t('results.summary', counts)}
          </span>
        )}
      </div>
      {error && <p className="rec-error">{error}</p>}
      {rows && (
        <div className="results-scroll">
          <table className="results-table" data-testid="results-table">
            <thead>
              <tr>
                {!roomNo && <th>{t('results.room')}</th>}
                <th>{t('results.seat')}</th>
                <th>{t('results.ticket')}</th>
                <th>{t('results.name')}</th>
                <th>{t('results.id')}</th>
                <th>{t('results.result')}</th>
                <th>{t('results.incident')}</th>
              </tr>
            </thead>
            <tbody>
              {rows.map((r) => (
                <tr key={r.ticketNo} className={`results-${r.result}`} data-testid={`result-${r.ticketNo}`}>
                  {!roomNo && <td>{r.roomName}</td>}
                  <td className="c">{r.seatNo}</td>
                  <td className="mono">{r.ticketNo}</td>
                  <td>{r.name}</td>
                  <td className="mono c">{r.idMasked}</td>
                  <td className="c">
                    <span className={`rec-pill results-pill-${r.result}`}>{CANDIDATE_RESULT_LABELS[r.result][language]}</span>
                  </td>
                  <td>{r.incident ?? ''}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
    </Dialog>
  );
}
