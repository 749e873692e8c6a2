import { useQuery } from '@tanstack/react-query';
import { useEffect, useRef, useState } from 'react';
import { createPortal } from 'react-dom';
import { CANDIDATE_RESULT_LABELS } from '../../../shared/record/results';
import { useAction } from '../api/use-action';
import { useT } from '../i18n/i18n';
import { RoomRecordPage } from '../print/RoomRecordPage';
import { useUiStore } from '../state/ui-store';
import { centerApi, valueOf, type DayView, type RoomSummary } from './center-api';
import '../print/print.css';

/**
 * One room of the day at the center (issue 14 item 4): its 考场情况记录单, the very page the site
 * prints, built by the center from the events it received; then the room's candidates with their
 * 认定结果, ID numbers masked and revealed one at a time (each view logged) only to a role that may.
 */
export function RoomView({ view, room }: { view: DayView; room: RoomSummary }) {
  const t = useT();
  const record = useQuery({ queryKey: ['room-record', view.dayKey, room.roomNo], queryFn: () => valueOf(centerApi.roomRecord(view.dayKey, room.roomNo)) });
  const top = useRef<HTMLElement>(null);
  useEffect(() => top.current?.scrollIntoView({ block: 'start' }), [room.roomNo]);
  const page = record.data && <RoomRecordPage plan={record.data.plan} record={record.data.record} offsetMs={null} generatedBy="考务中心" />;
  return (
    <section className="center-room" data-testid="center-room" ref={top}>
      <div className="center-room-head">
        <h3>{t('centerPage.room.record', { room: room.name })}</h3>
        {page && (
          <button type="button" onClick={() => window.print()}>
            {t('centerPage.room.print')}
          </button>
        )}
      </div>
      {record.isPending && <p className="center-muted">{t('centerPage.room.loading')}</p>}
      {record.isError && <p className="center-error">{record.error.message}</p>}
      {page && (
        <>
          <div className="print-preview center-record-sheet">{page}</div>
          {createPortal(<div className="print-portal">{page}</div>, document.body)}
        </>
      )}
      <RoomCandidates view={view} roomNo={room.roomNo} />
    </section>
  );
}

function RoomCandidates({ view, roomNo }: { view: DayView; roomNo: string }) {
  const t = useT();
  const language = useUiStore((s) => s.language);
  const [revealed, setRevealed] = useState<Record<string, string>>({});
  const revealId = useAction((ticketNo: string) => centerApi.revealId(view.dayKey, ticketNo));
  const reveal = async (ticketNo: string) => {
    const answer = await revealId.run(ticketNo);
    if (answer?.ok) setRevealed((r) => ({ ...r, [ticketNo]: answer.value.idNumber }));
  };
  const rows = view.candidates.filter((c) => c.roomNo === roomNo);
  return (
    <>
      <h4>{t('centerPage.room.candidates')}</h4>
      {revealId.error && <p className="center-error">{revealId.error.message}</p>}
      <table className="center-table" data-testid="room-candidates">
        <thead>
          <tr>
            <th>{t('centerPage.room.seat')}</th>
            <th>{t('centerPage.room.ticket')}</th>
            <th>{t('centerPage.room.name')}</th>
            <th>{t('centerPage.room.id')}</th>
            <th>{t('centerPage.room.result')}</th>
            <th>{t('centerPage.room.incident')}</th>
          </tr>
        </thead>
        <tbody>
          {rows.map((c) => (
            <tr key={c.ticketNo}>
              <td>{c.seatNo}</td>
              <td>{c.ticketNo}</td>
              <td>{c.name}</td>
              <td>
                {revealed[c.ticketNo] ?? c.idMasked}
                {view.canSeeFullId && !revealed[c.ticketNo] && (
                  <button type="button" className="center-link" disabled={revealId.busy} onClick={() => void reveal(c.ticketNo)}>
                    {t('centerPage.room.reveal')}
                  </button>
                )}
              </td>
              <td>{CANDIDATE_RESULT_LABELS[c.result][language]}</td>
              <td>{c.incident ?? ''}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </>
  );
}
