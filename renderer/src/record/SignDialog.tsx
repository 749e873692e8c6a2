import { useState, type FormEvent } from 'react';
import type { ApiResult } from '../../../shared/api/result';
import { apiClient, type DayView, type RoomRecord } from '../api/api';
import { useAction } from '../api/use-action';
import { Dialog } from '../components/Dialog';
import { formatEventTime } from '../format';
import { useRefusalText, useT } from '../i18n/i18n';
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
  const refusalText = useRefusalText();
  // A signature and the exception share the dialog's one message line, so they are one action.
  const send = useAction((call: () => Promise<ApiResult<{ name: string }>>) => call());
  const [signedText, setSignedText] = useState<string | null>(null);
  const message = send.error ? { ok: false, text: refusalText(send.error) } : signedText !== null ? { ok: true, text: signedText } : null;
  const clearMessage = () => {
    send.reset();
    setSignedText(null);
  };
  const { chief, second, exception } = record.signatures;

  const trimmed = (p: typeof signer) => ({ badgeCode: p.badgeCode.trim(), pin: p.pin });
  const sign = async (event?: FormEvent) => {
    event?.preventDefault();
    if (!isProofGiven(signer)) {
      send.complain(t('proof.required'));
      return;
    }
    const answer = await send.run(() => apiClient().signRecord({ roomNo, signer: trimmed(signer) }));
    if (answer === undefined) return;
    // Signed: the next person signs with their own badge. Refused: the badge stays, the PIN is typed again.
    setSigner(answer.ok ? NO_PROOF : { ...signer, pin: '' });
    if (!answer.ok) return;
    setSignedText(`${answer.value.name} ${t('rec.saved')}`);
    onDone();
  };
  const excuse = async (event?: FormEvent) => {
    event?.preventDefault();
    if (!isProofGiven(examiner)) {
      send.complain(t('proof.required'));
      return;
    }
    const answer = await send.run(() => apiClient().signRecordException({ roomNo, examiner: trimmed(examiner), reason }));
    if (answer === undefined) return;
    setExaminer(answer.ok ? NO_PROOF : { ...examiner, pin: '' });
    if (!answer.ok) return;
    setSignedText(`${answer.value.name} ${t('rec.saved')}`);
    onDone();
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
              clearMessage();
            }}
          />
          <button type="submit" className="rec-primary" disabled={send.busy} data-testid="sign-submit">
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
              clearMessage();
            }}
          />
          <button type="submit" className="rec-warn" disabled={send.busy || reason.trim() === '' || !isProofGiven(examiner)} data-testid="exception-submit">
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
