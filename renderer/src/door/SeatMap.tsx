import { memo } from 'react';
import { layoutForCapacity, seatMap } from '../../../shared/seating/snake-order';
import type { RoomRoster } from '../api/api';
import { useT } from '../i18n/i18n';

/** A seat's state as the room view colours it (存疑: admitted with a doubt not yet cleared). Verified and incidents come with re-verification. */
export type SeatState = 'empty' | 'waiting' | 'admitted' | 'verified' | 'doubt' | 'incident' | 'absent';

/**
 * The room seen from the back (讲台 at the top, the door at the front on the left): desks numbered in
 * 附件3's snake from the door, each coloured by its candidate's state, counts above. Large enough
 * to read from two metres. After the late cut-off, whoever is not in is a pending absentee (缺考), as
 * the core judges it on the clock of the late verdict, until the 主监考 confirms the list.
 * Memoised: it follows the roster, not the verdicts that re-render the door screen. From 开考 a tap on
 * an occupied seat opens the 主监考's record for that candidate (incident, hand-in, leave).
 */
export const SeatMap = memo(function SeatMap({ roster, onSeatTap }: { roster: RoomRoster | undefined; onSeatTap?: ((seatNo: number) => void) | undefined }) {
  const t = useT();
  if (!roster) return <p className="muted seatmap-loading">{t('roster.loading')}</p>;
  const late = roster.absentees.due;
  const confirmed = roster.absentees.confirmed !== null;
  const bySeat = new Map(roster.rows.map((r) => [r.seatNo, r]));
  const capacity = Math.max(roster.room.capacity, ...roster.rows.map((r) => r.seatNo));
  const layout = layoutForCapacity(capacity);
  const grid = seatMap(layout, capacity);
  const stateOf = (seatNo: number | null): SeatState => {
    const row = seatNo === null ? undefined : bySeat.get(seatNo);
    if (!row) return 'empty';
    // 开考核对 marks come first: a suspected impostor is an incident, an empty seat is absent.
    if (row.reverify === 'suspected-impostor') return 'incident';
    if (row.doubt?.status === 'open' || row.doubt?.status === 'confirmed') return 'doubt';
    if (row.reverify === 'seat-empty') return 'absent';
    if (row.reverify === 'verified') return 'verified';
    if (row.admittedAt !== null) return 'admitted';
    return row.absence !== null ? 'absent' : 'waiting';
  };
  const counts = { admitted: 0, waiting: 0, absent: 0, doubt: 0, verified: 0, incident: 0 };
  for (const row of roster.rows) {
    const s = stateOf(row.seatNo);
    if (s !== 'empty') counts[s] += 1;
    // A candidate in doubt is seated: counted as admitted too.
    if ((s === 'doubt' || s === 'verified' || s === 'incident') && row.admittedAt !== null) counts.admitted += 1;
  }

  return (
    <section className="seatmap" aria-labelledby="seatmap-title" data-testid="seatmap">
      <div className="seatmap-head">
        <h2 id="seatmap-title" className="roster-title">
          {t('seatmap.title')}
        </h2>
        <div className="seatmap-counts">
          <span className="seatmap-count seat-admitted" data-testid="seatmap-admitted">
            {t('seatmap.admitted', { admitted: counts.admitted, expected: roster.rows.length })}
          </span>
          {counts.verified > 0 && (
            <span className="seatmap-count seat-verified" data-testid="seatmap-verified">
              {t('seatmap.verified', { n: counts.verified })}
            </span>
          )}
          {counts.incident > 0 && (
            <span className="seatmap-count seat-incident" data-testid="seatmap-incident">
              {t('seatmap.incident', { n: counts.incident })}
            </span>
          )}
          {counts.doubt > 0 && (
            <span className="seatmap-count seat-doubt" data-testid="seatmap-doubt">
              {t('seatmap.doubt', { n: counts.doubt })}
            </span>
          )}
          {late ? (
            <span className={`seatmap-count seat-absent${confirmed ? ' seat-absent-confirmed' : ''}`} data-testid="seatmap-absent">
              {t(confirmed ? 'seatmap.absentConfirmed' : 'seatmap.absent', { n: counts.absent })}
            </span>
          ) : (
            <span className="seatmap-count seat-waiting">{t('seatmap.waiting', { n: counts.waiting })}</span>
          )}
        </div>
      </div>
      <div className="seatmap-front">
        <span className="seatmap-door">{t('seatmap.door')}</span>
        <span>{t('seatmap.front')}</span>
        <span className="seatmap-door-spacer" aria-hidden="true" />
      </div>
      <div className="seatmap-grid" style={{ gridTemplateColumns: `repeat(${layout.columns}, minmax(0, 1fr))` }}>
        {grid.flatMap((line, r) =>
          line.map((seatNo, c) => {
            const state = stateOf(seatNo);
            const row = seatNo === null ? undefined : bySeat.get(seatNo);
            const tappable = onSeatTap !== undefined && row !== undefined && seatNo !== null;
            return (
              <div
                key={`${r}-${c}`}
                className={`seat seat-${state}${tappable ? ' seat-tappable' : ''}`}
                role={tappable ? 'button' : undefined}
                tabIndex={tappable ? 0 : undefined}
                onClick={tappable ? () => onSeatTap(seatNo) : undefined}
                data-testid={seatNo === null ? undefined : `seat-${seatNo}`}
                data-state={state}
                data-absence={row?.absence ?? undefined}
                title={row ? `${seatNo} ${row.name}` : undefined}
              >
                {seatNo !== null && <span className="seat-no">{seatNo}</span>}
                {row && <span className="seat-name">{row.name}</span>}
              </div>
            );
          }),
        )}
      </div>
    </section>
  );
});
