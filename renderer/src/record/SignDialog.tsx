import { useState, type FormEvent } from 'react';
import { apiClient, type DayView, type RoomRecord } from '../api/api';
import { Dialog } from '../components/Dialog';
import { formatEventTime } from '../format';
import { useT } from '../i18n/i18n';
import { BadgePinFields, isProofGiven, NO_PROOF } from '../signin/BadgePinFields';

/**
 * The two signatures by badge and PIN (the scanner types the badge code into the focused field and
 * ends with Enter, which moves on to the PIN), and the 主考's exception with its reason while
 * something is not in order. A refusal keeps the badge and asks for the PIN again.
 */
export function SignDialog({ roomNo, day, record, offsetMs, onDone, onClose }: { roomNo: string; day: DayView; record: RoomRecord; offsetMs: number | null; onDone: () => void; onClose: () => void }) {
  const t = useT();
  const [signer, setSigner] = useState(NO_PROOF);
  const [examiner, setExaminer] = useState(NO_PROOF);
  const [reason, setReason] = useState('');
  const [message, setMessage] = useState<{ ok: boolean; text: string } | null>(null);
  const { chief, second, exception } = record.signatures;

  const trimmed = (p: typeof signer) => ({ badgeCode: p.badgeCode.trim(), pin: p.pin });
  const sign = async (event?: FormEvent) => {
    event?.preventDefault();
    if (!isProofGiven(signer)) {
      setMessage({ ok: false, text: t('proof.required') });
      return;
    }
    const answer = await apiClient().signRecord({ roomNo, signer: trimmed(signer) });
    // Signed: the next person signs with their own badge. Refused: the badge stays, the PIN is typed again.
    setSigner(answer.ok ? NO_PROOF : { ...signer, pin: '' });
    setMessage(answer.ok ? { ok: true, text: `${answer.value.name} ${t('rec.saved')}` } : { ok: false, text: answer.error.message });
    if (answer.ok) onDone();
  };
  const excuse = async (event?: FormEvent) => {
    event?.preventDefault();
    if (!isProofGiven(examiner)) {
      setMessage({ ok: false, text: t('proof.required') });
      return;
    }
    const answer = await apiClient().signRecordException({ roomNo, examiner: trimmed(examiner), reason });
    setExaminer(answer.ok ? NO_PROOF : { ...examiner, pin: '' });
    setMessage(answer.ok ? { ok: true, text: `${answer.value.name} ${t('rec.saved')}` } : { ok: false, text: answer.error.message });
    if (answer.ok) onDone();
  };

  return (
    <Dialog title={t('rec.sign')} onClose={onClose} closeLabel={t('reverify.close')} testId="sign-dialog">
      <ul className="rec-signatures" data-testid="sign-state">
        <li data-testid="sign-state-chief">
          {t('rec.slotLine', { slot: t('rec.slot.chief'), who: chief ? `${chief.name} ✔ ${formatEventTime(chief.at, offsetMs).slice(0, 5)}` : '—' })}
        </li>
        <li data-testid="sign-state-second">
          {t('rec.slotLine', { slot: t('rec.slot.second'), who: second ? `${second.name} ✔ ${formatEventTime(second.at, offsetMs).slice(0, 5)}` : '—' })}
        </li>
        {exception && <li data-testid="sign-state-exception">{t('rec.exceptionBy', { name: exception.name, reason: exception.reason })}</li>}
      </ul>
      {record.signingProblems.length > 0 && (
        <div className="rec-error rec-problems" data-testid="sign-problems">
          {t('rec.problems')}
          <ul>
            {record.signingProblems.map((p) => (
              <li key={p}>{p}</li>
            ))}
          </ul>
        </div>
      )}
      {/* While something is not in order and no exception is signed, a signature would only be refused. */}
      {record.signatures.frozenAt === null && (record.signingProblems.length === 0 || exception) && (
        <form onSubmit={(e) => void sign(e)} className="rec-block">
          <BadgePinFields
            label={t('rec.signerProof')}
            value={signer}
            day={day}
            testId="sign"
            autoFocus
            onSubmit={() => void sign()}
            onChange={(proof) => {
              setSigner(proof);
              setMessage(null);
            }}
          />
          <button type="submit" className="rec-primary" data-testid="sign-submit">
            {t('rec.signSubmit')}
          </button>
        </form>
      )}
      {record.signingProblems.length > 0 && !exception && (
        <form onSubmit={(e) => void excuse(e)} className="rec-block rec-exception">
          <h3>{t('rec.exception')}</h3>
          <label className="rec-field">
            <span className="rec-label">{t('rec.exceptionReason')}</span>
            <input value={reason} maxLength={200} onChange={(e) => setReason(e.target.value)} data-testid="exception-reason" />
          </label>
          <BadgePinFields
            label={t('rec.exceptionProof')}
            value={examiner}
            day={day}
            testId="exception"
            onSubmit={() => void excuse()}
            onChange={(proof) => {
              setExaminer(proof);
              setMessage(null);
            }}
          />
          <button type="submit" className="rec-warn" disabled={reason.trim() === '' || !isProofGiven(examiner)} data-testid="exception-submit">
            {t('rec.exceptionButton')}
          </button>
        </form>
      )}
      {message && (
        <p className={message.ok ? 'rec-ok' : 'rec-error'} data-testid="sign-message" role="status">
          {message.text}
        </p>
      )}
    </Dialog>
  );
}
