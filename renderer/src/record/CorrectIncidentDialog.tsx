import { useState } from 'react';
import { apiClient, type DayView, type RoomRecord } from '../api/api';
import { useAction } from '../api/use-action';
import { Dialog } from '../components/Dialog';
import { useRefusalText, useT } from '../i18n/i18n';
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
  const refusalText = useRefusalText();
  const correct = useAction(apiClient().correctIncident);
  const [saved, setSaved] = useState(false);
  const message = correct.error ? { ok: false, text: refusalText(correct.error) } : saved ? { ok: true, text: t('rec.saved') } : null;
  const submit = async () => {
    const amended = mode === 'amended' && draft.kindId ? { kindId: draft.kindId, cheating: draft.cheating, actions: draft.actions, description: draft.description.trim() } : undefined;
    const proof = { badgeCode: corrector.badgeCode.trim(), pin: corrector.pin };
    const answer = await correct.run({ roomNo, incidentEventId: incident.eventId, correction: mode, reason: reason.trim(), ...(amended ? { amended } : {}), corrector: proof });
    if (answer === undefined) return;
    setSaved(answer.ok);
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
            correct.reset();
            setSaved(false);
          }}
        />
        <button
          type="button"
          className={mode === 'withdrawn' ? 'rec-warn' : 'rec-primary'}
          disabled={correct.busy || reason.trim() === '' || !isProofGiven(corrector) || saved}
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
