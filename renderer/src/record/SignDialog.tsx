import { useState, type FormEvent } from 'react';
import { apiClient, type RoomRecord } from '../api/api';
import { Dialog } from '../components/Dialog';
import { formatEventTime } from '../format';
import { useT } from '../i18n/i18n';

/**
 * The two signatures by badge (the scanner types the badge code into the focused field and ends with
 * Enter), and the 主考's exception with its reason while something is not in order.
 */
export function SignDialog({ roomNo, record, offsetMs, onDone, onClose }: { roomNo: string; record: RoomRecord; offsetMs: number | null; onDone: () => void; onClose: () => void }) {
  const t = useT();
  const [badge, setBadge] = useState('');
  const [exceptionBadge, setExceptionBadge] = useState('');
  const [reason, setReason] = useState('');
  const [message, setMessage] = useState<{ ok: boolean; text: string } | null>(null);
  const { chief, second, exception } = record.signatures;

  const sign = async (event: FormEvent) => {
    event.preventDefault();
    const answer = await apiClient().signRecord({ roomNo, badgeCode: badge });
    setBadge('');
    setMessage(answer.ok ? { ok: true, text: `${answer.value.name} ${t('rec.saved')}` } : { ok: false, text: answer.error.message });
    if (answer.ok) onDone();
  };
  const excuse = async (event: FormEvent) => {
    event.preventDefault();
    const answer = await apiClient().signRecordException({ roomNo, badgeCode: exceptionBadge, reason });
    setExceptionBadge('');
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
      {record.signatures.frozenAt === null && (
        <form onSubmit={(e) => void sign(e)} className="rec-row">
          <input className="rec-grow rec-badge" autoFocus value={badge} placeholder={t('rec.badge')} onChange={(e) => setBadge(e.target.value)} data-testid="sign-badge" />
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
          <div className="rec-row">
            <input className="rec-grow rec-badge" value={exceptionBadge} placeholder={t('rec.exceptionSubmit')} aria-label={t('rec.exceptionBadge')} onChange={(e) => setExceptionBadge(e.target.value)} data-testid="exception-badge" />
            <button type="submit" className="rec-warn" disabled={reason.trim() === '' || exceptionBadge.trim() === ''} data-testid="exception-submit">
              {t('rec.exceptionButton')}
            </button>
          </div>
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
