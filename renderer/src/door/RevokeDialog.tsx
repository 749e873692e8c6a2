import { useState } from 'react';
import { REVOKE_REASONS, type RevokeReason } from '../../../shared/checkin/revoke-admission';
import { apiClient } from '../api/api';
import { useAction } from '../api/use-action';
import { Dialog } from '../components/Dialog';
import { useRefusalText, useT } from '../i18n/i18n';

export interface RevokeTarget {
  ticketNo: string;
  name: string;
  seatNo: number | null;
}

interface Props {
  target: RevokeTarget;
  roomNo: string;
  /** Who is on duty at the door: they answer for the revocation. */
  staffId: string;
  onRevoked: () => void;
  onClose: () => void;
}

/**
 * 撤销入场 (issue 15 item 7): the wrong person was scanned in, or the candidate left before the exam.
 * A reason from a short list (a note for 其他); the core records one event with the actor, or refuses
 * (after 开考, another room, someone without the duty) with the reason.
 */
export function RevokeDialog({ target, roomNo, staffId, onRevoked, onClose }: Props) {
  const t = useT();
  const refusalText = useRefusalText();
  const [reason, setReason] = useState<RevokeReason | null>(null);
  const [note, setNote] = useState('');
  const revoke = useAction(apiClient().revokeAdmission);
  const error = revoke.error ? refusalText(revoke.error) : null;

  const submit = async () => {
    if (reason === null) {
      revoke.complain(t('revoke.reasonRequired'));
      return;
    }
    if (reason === 'other' && note.trim() === '') {
      revoke.complain(t('revoke.noteRequired'));
      return;
    }
    const answer = await revoke.run({ roomNo, ticketNo: target.ticketNo, reason, ...(note.trim() ? { note: note.trim() } : {}), actorStaffId: staffId });
    if (answer?.ok) onRevoked();
  };

  return (
    <Dialog title={t('revoke.title')} onClose={onClose} closeLabel={t('admit.close')} testId="revoke-dialog">
      <div className="admit-chosen" data-testid="revoke-candidate">
        <div>
          <div className="admit-chosen-name">{target.name}</div>
          <div className="admit-chosen-detail">
            {target.seatNo !== null ? `${t('admit.seat', { seat: target.seatNo })} · ` : ''}
            {target.ticketNo}
          </div>
        </div>
      </div>
      <p className="admit-late-note">{t('revoke.note')}</p>
      <fieldset className="admit-reasons">
        <legend>{t('revoke.reason')}</legend>
        {REVOKE_REASONS.map((r) => (
          <label key={r} className="admit-reason">
            <input
              type="radio"
              name="revoke-reason"
              checked={reason === r}
              data-testid={`revoke-reason-${r}`}
              onChange={() => {
                setReason(r);
                revoke.reset();
              }}
            />
            <span>{t(`revoke.reason.${r}`)}</span>
          </label>
        ))}
      </fieldset>
      <label className="admit-label" htmlFor="revoke-note">
        {t('revoke.noteLabel')}
      </label>
      <input
        id="revoke-note"
        className="admit-note"
        data-testid="revoke-note"
        maxLength={200}
        placeholder={t('revoke.notePlaceholder')}
        value={note}
        onChange={(e) => setNote(e.target.value)}
      />
      {error && (
        <div className="admit-error" role="alert" data-testid="revoke-error">
          {error}
        </div>
      )}
      <div className="admit-buttons">
        <button type="button" className="admit-submit revoke-submit" data-testid="revoke-submit" disabled={revoke.busy} onClick={() => void submit()}>
          {t('revoke.submit')}
        </button>
      </div>
    </Dialog>
  );
}
