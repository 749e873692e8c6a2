import { useState } from 'react';
import { LEAVE_REASON_LABELS, LEAVE_REASONS, type LeaveReason } from '../../../shared/record/hand-ins';
import type { ApiResult } from '../../../shared/api/result';
import { useAction } from '../api/use-action';
import { apiClient, type DayView, type RoomRecord, type RoomRoster } from '../api/api';
import { Dialog } from '../components/Dialog';
import { useRefusalText, useT } from '../i18n/i18n';
import { useUiStore } from '../state/ui-store';
import { useNow } from '../clock/device-clock';
import { formatClockMs } from '../format';
import { BadgePinFields, isProofGiven, NO_PROOF } from '../signin/BadgePinFields';
import { EMPTY_INCIDENT, IncidentFields, type IncidentDraft } from './IncidentFields';

type Row = RoomRoster['rows'][number];

interface Props {
  row: Row;
  roomNo: string;
  staffId: string;
  day: DayView;
  record: RoomRecord | undefined;
  onDone: () => void;
  onClose: () => void;
}

/**
 * A tapped seat in the exam: 违纪/舞弊 (kind, 舞弊 or not, what was done, witness), 交卷退场, or a leave
 * with a 流动监考. One action per candidate; the core decides and refuses in Chinese.
 */
export function SeatRecordDialog({ row, roomNo, staffId, day, record, onDone, onClose }: Props) {
  const t = useT();
  const language = useUiStore((s) => s.language);
  const { correctedMs } = useNow(60_000);
  const [draft, setDraft] = useState<IncidentDraft>(EMPTY_INCIDENT);
  // The clock's minute when the dialog opened; sent only when changed, else the core's own now stands.
  const [openedAt] = useState(() => formatClockMs(correctedMs).slice(0, 5));
  const [occurredAt, setOccurredAt] = useState(openedAt);
  const [witness, setWitness] = useState(NO_PROOF);
  const [companion, setCompanion] = useState(NO_PROOF);
  const [amendmentReason, setAmendmentReason] = useState('');
  const refusalText = useRefusalText();
  // One action per candidate at a time: the dialog's buttons share it, so none is sent twice.
  const send = useAction((call: () => Promise<ApiResult<unknown>>) => call());
  const [savedText, setSavedText] = useState<string | null>(null);
  const message = send.error ? { ok: false, text: refusalText(send.error) } : savedText !== null ? { ok: true, text: savedText } : null;
  const frozen = (record?.signatures.frozenAt ?? null) !== null;
  const openLeave = record?.leaves.find((l) => l.ticketNo === row.ticketNo && l.returnedAt === null);
  const amendment = frozen && amendmentReason.trim() ? { amendmentReason: amendmentReason.trim() } : {};

  const run = async (call: () => Promise<ApiResult<unknown>>, saved = t('rec.saved')) => {
    const answer = await send.run(call);
    if (answer === undefined) return;
    if (!answer.ok) {
      // A PIN is typed again after a refusal; the badges and the rest stay.
      setWitness((w) => ({ ...w, pin: '' }));
      setCompanion((c) => ({ ...c, pin: '' }));
      return;
    }
    setSavedText(saved);
    onDone();
  };

  return (
    <Dialog title={t('rec.seatTitle', { seat: row.seatNo, name: row.name })} onClose={onClose} closeLabel={t('reverify.close')} testId="seat-record" wide>
      <div className="rec-columns">
        <section className="rec-block">
          <h3>{t('rec.incident')}</h3>
          <IncidentFields draft={draft} onChange={setDraft} />
          <div className="rec-pair">
            <label className="rec-field">
              <span className="rec-label">{t('rec.time')}</span>
              <input className="rec-time" value={occurredAt} maxLength={5} inputMode="numeric" onChange={(e) => setOccurredAt(e.target.value)} data-testid="incident-time" />
            </label>
          </div>
          <BadgePinFields label={t('rec.witnessProof')} value={witness} onChange={setWitness} day={day} testId="incident-witness" />
          <button
            type="button"
            className="rec-primary"
            disabled={send.busy || draft.kindId === null || (witness.badgeCode.trim() !== '' && !isProofGiven(witness))}
            data-testid="incident-submit"
            onClick={() => {
              const kindId = draft.kindId;
              if (kindId === null) return;
              void run(() =>
                apiClient().recordIncident({
                  roomNo,
                  subject: { kind: 'candidate', ticketNo: row.ticketNo },
                  kindId,
                  cheating: draft.cheating,
                  actions: draft.actions,
                  description: draft.description.trim(),
                  ...(isProofGiven(witness) ? { witness } : {}),
                  ...(occurredAt.trim() !== openedAt ? { occurredAt: occurredAt.trim() } : {}),
                  actorStaffId: staffId,
                  ...amendment,
                }),
              );
            }}
          >
            {t('rec.save')}
          </button>
        </section>
        <section className="rec-block">
          <button type="button" className="rec-big" disabled={send.busy} data-testid="hand-in-submit" onClick={() => void run(() => apiClient().recordHandIn({ roomNo, ticketNo: row.ticketNo, actorStaffId: staffId, ...amendment }), t('rec.handedIn', { name: row.name }))}>
            {t('rec.handIn')}
          </button>
          {openLeave ? (
            <button type="button" className="rec-big" disabled={send.busy} data-testid="leave-return" onClick={() => void run(() => apiClient().recordReturn({ roomNo, ticketNo: row.ticketNo, actorStaffId: staffId, ...amendment }))}>
              {t('rec.return')}
            </button>
          ) : (
            <div className="rec-leave">
              <h3>{t('rec.leave')}</h3>
              <BadgePinFields label={t('rec.companionProof')} value={companion} onChange={setCompanion} day={day} testId="leave-companion" />
              <div className="rec-row">
                {LEAVE_REASONS.filter((r): r is Exclude<LeaveReason, 'other'> => r !== 'other').map((r) => (
                  <button
                    key={r}
                    type="button"
                    className="rec-kind"
                    disabled={send.busy || !isProofGiven(companion)}
                    data-testid={`leave-${r}`}
                    onClick={() => void run(() => apiClient().recordLeave({ roomNo, ticketNo: row.ticketNo, reason: r, companion, actorStaffId: staffId, ...amendment }))}
                  >
                    {LEAVE_REASON_LABELS[r][language]}
                  </button>
                ))}
              </div>
            </div>
          )}
          {frozen && (
            <label className="rec-field rec-field-stack">
              <span className="rec-label">{t('rec.amendReason')}</span>
              <input value={amendmentReason} maxLength={200} onChange={(e) => setAmendmentReason(e.target.value)} data-testid="amendment-reason" />
            </label>
          )}
          {message && (
            <p className={message.ok ? 'rec-ok' : 'rec-error'} data-testid="seat-record-message" role="status">
              {message.text}
            </p>
          )}
        </section>
      </div>
    </Dialog>
  );
}
