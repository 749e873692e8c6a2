import { createPortal } from 'react-dom';
import type { DayView } from '../api/api';
import { useRoomRecord } from '../api/api';
import { useDeviceClock } from '../clock/device-clock';
import { useT } from '../i18n/i18n';
import { RoomRecordPage } from '../print/RoomRecordPage';
import '../print/print.css';

/**
 * The door's third view: the room's 考场情况记录单 as the log has it, to read before 收卷 and print for
 * the 试卷袋 (the print portal shows only the page, never the screen).
 */
export function RoomRecordView({ day, roomNo }: { day: DayView; roomNo: string }) {
  const t = useT();
  const record = useRoomRecord(roomNo);
  const offsetMs = useDeviceClock((s) => s.state?.offsetMs ?? null);
  if (!day.plan) return null;
  if (!record.value) {
    return <p className={record.error ? 'roster-error' : 'muted'}>{record.error ? record.error.message : t('roster.loading')}</p>;
  }
  const page = <RoomRecordPage plan={day.plan} record={record.value} offsetMs={offsetMs} />;
  return (
    <section className="room-record-view" aria-label={t('record.title')}>
      <div className="room-record-actions">
        <span className="room-record-hint">{t('record.hint')}</span>
        <button type="button" className="admit-change" data-testid="room-record-print" onClick={() => window.print()}>
          {t('record.print')}
        </button>
      </div>
      <div className="room-record-sheet">{page}</div>
      {createPortal(<div className="print-portal">{page}</div>, document.body)}
    </section>
  );
}
