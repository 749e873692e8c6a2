import { useState } from 'react';
import { createPortal } from 'react-dom';
import type { DayView, RoomRecord } from '../api/api';
import { apiClient, useRoomRecord } from '../api/api';
import { useAction } from '../api/use-action';
import { useDeviceClock } from '../clock/device-clock';
import { useRefusalText, useT } from '../i18n/i18n';
import { RoomRecordPage } from '../print/RoomRecordPage';
import { CorrectIncidentDialog } from '../record/CorrectIncidentDialog';
import { IncidentList, useIncidentLabel } from '../record/IncidentList';
import { PapersDialog } from '../record/PapersDialog';
import { SignDialog } from '../record/SignDialog';
import '../print/print.css';
import '../record/record.css';

/**
 * The door's third view: the room's 考场情况记录单 as the log has it, with the 主监考's actions (counts,
 * 收卷, signatures; incidents and hand-ins from a seat tap), and the A4 print for the 试卷袋 (the
 * print portal shows only the page, never the screen).
 */
export function RoomRecordView({ day, roomNo, staffId, onDialog }: { day: DayView; roomNo: string; staffId: string; onDialog: (open: boolean) => void }) {
  const t = useT();
  const refusalText = useRefusalText();
  const record = useRoomRecord(roomNo);
  const offsetMs = useDeviceClock((s) => s.state?.offsetMs ?? null);
  const [dialog, setDialog] = useState<'papers' | 'sign' | null>(null);
  const [correcting, setCorrecting] = useState<{ incident: RoomRecord['incidents'][number]; mode: 'withdrawn' | 'amended' } | null>(null);
  const incidentLabel = useIncidentLabel();
  const collectPapers = useAction(apiClient().collectPapers);
  const [collectedText, setCollectedText] = useState<string | null>(null);
  const message = collectPapers.error ? { ok: false, text: refusalText(collectPapers.error) } : collectedText !== null ? { ok: true, text: collectedText } : null;
  if (!day.plan) return null;
  if (!record.value) {
    return <p className={record.error ? 'roster-error' : 'muted'}>{record.error ? record.error.message : t('roster.loading')}</p>;
  }
  const r = record.value;
  const open = (which: 'papers' | 'sign' | null) => {
    setDialog(which);
    onDialog(which !== null);
  };
  const correct = (which: typeof correcting) => {
    setCorrecting(which);
    onDialog(which !== null);
  };
  const collect = async () => {
    const answer = await collectPapers.run({ roomNo, actorStaffId: staffId });
    if (answer === undefined) return;
    if (answer.ok) setCollectedText(`${t('rec.collect')} ${answer.value.collected}`);
    record.refresh();
  };
  const frozen = r.signatures.frozenAt !== null;
  const page = <RoomRecordPage plan={day.plan} record={r} offsetMs={offsetMs} />;
  return (
    <section className="room-record-view" aria-label={t('record.title')}>
      <div className="room-record-actions rec-actions">
        <button type="button" className="rec-action" data-testid="record-papers" onClick={() => open('papers')}>
          {t('rec.papers')}
          <span className={`rec-pill rec-balance-${r.balance}`} data-testid="record-balance">
            {r.balance === 'balanced' ? t('rec.balanceOk') : r.balance === 'mismatch' ? t('rec.balanceBad') : '—'}
          </span>
        </button>
        <button type="button" className="rec-action" data-testid="record-collect" disabled={collectPapers.busy || r.collected !== null} onClick={() => void collect()}>
          {t('rec.collect')}
          {r.collected && <span className="rec-pill">{r.collected.count}</span>}
        </button>
        <button type="button" className={`rec-action${frozen ? ' rec-frozen' : ''}`} data-testid="record-sign" onClick={() => open('sign')}>
          {frozen ? t('rec.signed') : t('rec.sign')}
        </button>
        <button type="button" className="rec-action" data-testid="room-record-print" onClick={() => window.print()}>
          {t('record.print')}
        </button>
      </div>
      <p className="rec-hint">{frozen ? t('rec.frozenNote') : t('rec.tapSeat')}</p>
      {message && (
        <p className={message.ok ? 'rec-ok' : 'rec-error'} data-testid="record-message" role="status">
          {message.text}
        </p>
      )}
      <section className="rec-incidents-panel" aria-labelledby="rec-incidents-title">
        <h3 id="rec-incidents-title">{t('rec.incidentsTitle')}</h3>
        <IncidentList record={r} offsetMs={offsetMs} onCorrect={(incident, mode) => correct({ incident, mode })} />
      </section>
      <div className="room-record-sheet">{page}</div>
      {dialog === 'papers' && <PapersDialog roomNo={roomNo} staffId={staffId} record={r} onDone={record.refresh} onClose={() => open(null)} />}
      {dialog === 'sign' && <SignDialog roomNo={roomNo} day={day} record={r} offsetMs={offsetMs} onDone={record.refresh} onClose={() => open(null)} />}
      {correcting && (
        <CorrectIncidentDialog
          incident={correcting.incident}
          mode={correcting.mode}
          roomNo={roomNo}
          day={day}
          label={incidentLabel(correcting.incident)}
          onDone={record.refresh}
          onClose={() => correct(null)}
        />
      )}
      {createPortal(<div className="print-portal">{page}</div>, document.body)}
    </section>
  );
}
