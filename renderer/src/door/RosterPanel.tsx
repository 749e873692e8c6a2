import { memo, useState } from 'react';
import type { Query, RoomRoster } from '../api/api';
import { useDeviceClock } from '../clock/device-clock';
import { formatEventTime } from '../format';
import { useT } from '../i18n/i18n';

type Filter = 'all' | 'waiting' | 'admitted';
const FILTERS: readonly Filter[] = ['all', 'waiting', 'admitted'];

/**
 * The room's list at the door: counts always in view, rows by seat, ID numbers masked as the core sent them.
 * Memoised: a verdict re-renders the door screen, and the list (30–100 rows) need not follow it unless the roster changed.
 */
export const RosterPanel = memo(function RosterPanel({ roster, onResolveDoubt }: { roster: Query<RoomRoster>; onResolveDoubt?: (ticketNo: string) => void }) {
  const t = useT();
  const [filter, setFilter] = useState<Filter>('all');
  // Admission times are the device's raw clock; shown on the office's, like every time on screen.
  const offsetMs = useDeviceClock((s) => s.state?.offsetMs ?? null);
  const value = roster.value;
  const rows = [...(value?.rows ?? [])].sort((a, b) => a.seatNo - b.seatNo);
  const admittedRows = rows.filter((r) => r.admittedAt !== null).length;
  const counts: Record<Filter, number> = { all: rows.length, waiting: rows.length - admittedRows, admitted: admittedRows };
  const shown = rows.filter((r) => filter === 'all' || (filter === 'admitted') === (r.admittedAt !== null));
  const label: Record<Filter, string> = { all: t('roster.all'), waiting: t('roster.waiting'), admitted: t('roster.admitted') };

  return (
    <section className="roster" aria-labelledby="roster-title">
      <div className="roster-head">
        <h2 id="roster-title" className="roster-title">
          {t('roster.title')}
        </h2>
        <div className="admitted-count" data-testid="admitted-count">
          {value ? t('roster.admittedCount', { admitted: value.room.admitted, expected: value.room.expected }) : '…'}
        </div>
      </div>
      <div className="roster-tabs" role="tablist">
        {FILTERS.map((f) => (
          <button
            key={f}
            type="button"
            role="tab"
            aria-selected={filter === f}
            className="roster-tab"
            data-testid={`roster-filter-${f}`}
            onClick={() => setFilter(f)}
          >
            {label[f]} <span className="roster-tab-count">{counts[f]}</span>
          </button>
        ))}
      </div>
      {roster.error && <div className="roster-error">{roster.error.message}</div>}
      <div className="roster-table-wrap" role="tabpanel">
        <table className="roster-table">
          <thead>
            <tr>
              <th className="col-seat">{t('roster.seat')}</th>
              <th>{t('roster.name')}</th>
              <th className="col-id">{t('roster.id')}</th>
              <th className="col-time">{t('roster.time')}</th>
            </tr>
          </thead>
          <tbody>
            {shown.map((row) => {
              const admitted = row.admittedAt !== null;
              const doubt = row.doubt?.status;
              return (
                <tr
                  key={row.ticketNo}
                  className={`${admitted ? 'row-admitted' : 'row-waiting'}${doubt === 'open' ? ' row-doubt' : ''}${row.absence ? ' row-absent' : ''}`}
                  data-testid="roster-row"
                  data-ticket={row.ticketNo}
                  data-state={admitted ? 'admitted' : 'waiting'}
                  data-doubt={doubt ?? undefined}
                  data-reverify={row.reverify ?? undefined}
                  data-absence={row.absence ?? undefined}
                >
                  <td className="col-seat">{row.seatNo}</td>
                  <td className="col-name">
                    {row.name}
                    {doubt && (
                      <span className={`doubt-badge doubt-badge-${doubt}`} data-testid="doubt-badge">
                        {doubt === 'open' ? t('doubt.badge') : doubt === 'cleared' ? t('doubt.badgeCleared') : t('doubt.badgeConfirmed')}
                      </span>
                    )}
                    {row.absence && (
                      <span className={`absence-badge absence-badge-${row.absence}`} data-testid="absence-badge">
                        {t(row.absence === 'pending' ? 'absentees.badgePending' : 'absentees.badgeConfirmed')}
                      </span>
                    )}
                    {row.reverify && (
                      <span className={`reverify-badge reverify-badge-${row.reverify}`} data-testid="reverify-badge">
                        {t(`reverify.result.${row.reverify}`)}
                      </span>
                    )}
                    {doubt === 'open' && onResolveDoubt && (
                      <button type="button" className="doubt-resolve" data-testid="doubt-resolve" onClick={() => onResolveDoubt(row.ticketNo)}>
                        {t('doubt.resolve')}
                      </button>
                    )}
                  </td>
                  <td className="col-id">{row.idMasked}</td>
                  <td className="col-time">{row.admittedAt ? formatEventTime(row.admittedAt, offsetMs) : t('roster.notYet')}</td>
                </tr>
              );
            })}
          </tbody>
        </table>
        {value && shown.length === 0 && <p className="muted roster-empty">{t('roster.empty')}</p>}
        {!value && !roster.error && <p className="muted roster-empty">{t('roster.loading')}</p>}
      </div>
    </section>
  );
});
