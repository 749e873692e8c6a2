import { useState } from 'react';
import { apiClient, type DayView, type RoomRecord } from '../api/api';
import { Dialog } from '../components/Dialog';
import { useT } from '../i18n/i18n';
import { BadgePinFields, isProofGiven, NO_PROOF } from '../signin/BadgePinFields';
import { IncidentFields, type IncidentDraft } from './IncidentFields';

type Incident = RoomRecord['incidents'][number];

/**
 * Withdraws or amends a recorded incident, always with a reason and the corrector's badge and PIN:
 * a new event, the first one stays and the record shows both (issue 12: nothing is erased).
 */
export function CorrectIncidentDialog({
  incident,
  mode,
  roomNo,
  day,
  label,
  onDone,
  onClose,
}: {
  incident: Incident;
  mode: 'withdrawn' | 'amended';
  roomNo: string;
  day: DayView;
  label: string;
  onDone: () => void;
  onClose: () => void;
}) {
  const t = useT();
  const [draft, setDraft] = useState<IncidentDraft>({ kindId: incident.kindId, cheating: incident.cheating, actions: [...incident.actions], description: incident.description });
  const [reason, setReason] = useState('');
  const [corrector, setCorrector] = useState(NO_PROOF);
  const [message, setMessage] = useState<{ ok: boolean; text: string } | null>(null);
  const submit = async () => {
    const amended = mode === 'amended' && draft.kindId ? { kindId: draft.kindId, cheating: draft.cheating, actions: draft.actions, description: draft.description.trim() } : undefined;
    const proof = { badgeCode: corrector.badgeCode.trim(), pin: corrector.pin };
    const answer = await apiClient().correctIncident({ roomNo, incidentEventId: incident.eventId, correction: mode, reason: reason.trim(), ...(amended ? { amended } : {}), corrector: proof });
    setMessage(answer.ok ? { ok: true, text: t('rec.saved') } : { ok: false, text: answer.error.message });
    if (answer.ok) onDone();
    else setCorrector((c) => ({ ...c, pin: '' }));
  };
  const who = incident.name ? `${incident.seatNo ?? ''} ${incident.name}` : t('rec.papersSubject');
  return (
    <Dialog
      title={t(mode === 'withdrawn' ? 'rec.withdrawTitle' : 'rec.amendTitle', { who, kind: label })}
      onClose={onClose}
      closeLabel={t('reverify.close')}
      testId="correct-incident"
      wide={mode === 'amended'}
    >
      <div className="rec-block">
        {mode === 'amended' && incident.subject === 'candidate' && <IncidentFields draft={draft} onChange={setDraft} />}
        {mode === 'withdrawn' && <p className="rec-hint">{t('rec.withdrawHint')}</p>}
        <label className="rec-field">
          <span className="rec-label">{t('rec.correctionReason')}</span>
          <input value={reason} maxLength={200} autoFocus onChange={(e) => setReason(e.target.value)} data-testid="correction-reason" />
        </label>
        <BadgePinFields
          label={t('rec.correctorProof')}
          value={corrector}
          day={day}
          testId="corrector"
          onChange={(proof) => {
            setCorrector(proof);
            setMessage(null);
          }}
        />
        <button
          type="button"
          className={mode === 'withdrawn' ? 'rec-warn' : 'rec-primary'}
          disabled={reason.trim() === '' || !isProofGiven(corrector) || message?.ok === true}
          onClick={() => void submit()}
          data-testid="correction-submit"
        >
          {t(mode === 'withdrawn' ? 'rec.withdraw' : 'rec.amend')}
        </button>
        {message && (
          <p className={message.ok ? 'rec-ok' : 'rec-error'} data-testid="correction-message" role="status">
            {message.text}
          </p>
        )}
      </div>
    </Dialog>
  );
}
