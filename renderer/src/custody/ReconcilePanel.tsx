import { useState, type FormEvent } from 'react';
import type { DayView } from '../api/api';
import { useAction } from '../api/use-action';
import { Dialog } from '../components/Dialog';
import { useRefusalText, useT } from '../i18n/i18n';
import { BadgePinFields, isProofGiven, NO_PROOF } from '../signin/BadgePinFields';
import { useCloseDay, useSignCustodyException, type Custody } from './custody-api';
import { hhmm } from './custody-labels';

/**
 * 核对与日结 (item 6): the day reconciles, or each bag's problem and whether the 主考 signed for it;
 * the 主考's exception for one bag, and 日结, each by the 主考's badge and PIN, once nothing is left unsigned.
 */
export function ReconcilePanel({ day, custody, offsetMs, onChanged }: { day: DayView; custody: Custody; offsetMs: number | null; onChanged: () => void }) {
  const t = useT();
  const refusalText = useRefusalText();
  const [excepting, setExcepting] = useState<string | null>(null);
  const [closing, setClosing] = useState(false);
  const { reconciliation, dayClosed } = custody;
  const unsigned = reconciliation.problems.filter((p) => !p.signed);
  const closable = reconciliation.reconciled || unsigned.length === 0;
  return (
    <section className="custody-panel custody-reconcile" aria-labelledby="custody-reconcile-title" data-testid="custody-reconcile">
      <h2 id="custody-reconcile-title" className="custody-panel-title">
        {t('custody.reconcileTitle')}
      </h2>
      {dayClosed ? (
        <p className="rec-ok" data-testid="day-closed">
          {t('custody.dayClosed', { name: dayClosed.byName, time: hhmm(dayClosed.at, offsetMs) })}
        </p>
      ) : reconciliation.reconciled ? (
        <p className="rec-ok" data-testid="reconciled">
          {t('custody.reconciled')}
        </p>
      ) : (
        <ul className="custody-problems" data-testid="custody-problems">
          {reconciliation.problems.map((p) => (
            <li key={`${p.bagCode}/${p.message}`} className={p.signed ? 'custody-problem-signed' : 'custody-problem'}>
              <span>
                {!p.message.includes(p.bagCode) && <span className="mono">{p.bagCode} </span>}
                {refusalText(p)}
              </span>
              {p.signed ? (
                <span className="custody-signed-pill">{t('custody.exceptionSigned')}</span>
              ) : (
                <button type="button" className="rec-action" onClick={() => setExcepting(p.bagCode)} data-testid={`exception-open-${p.bagCode}`}>
                  {t('custody.signException')}
                </button>
              )}
            </li>
          ))}
        </ul>
      )}
      {!dayClosed && (
        <div className="rec-row">
          <button type="button" className="rec-primary" disabled={!closable} onClick={() => setClosing(true)} data-testid="close-day-open">
            {t('custody.closeDay')}
          </button>
          {!closable && (
            <span className="muted" data-testid="close-day-why">
              {t('custody.closeDayBlocked', { n: unsigned.length })}
            </span>
          )}
        </div>
      )}
      {excepting && (
        <ExceptionDialog
          day={day}
          bagCode={excepting}
          problems={reconciliation.problems.filter((p) => p.bagCode === excepting).map((p) => refusalText(p))}
          onDone={onChanged}
          onClose={() => setExcepting(null)}
        />
      )}
      {closing && <CloseDayDialog day={day} onDone={onChanged} onClose={() => setClosing(false)} />}
    </section>
  );
}

function ExceptionDialog({ day, bagCode, problems, onDone, onClose }: { day: DayView; bagCode: string; problems: string[]; onDone: () => void; onClose: () => void }) {
  const t = useT();
  const refusalText = useRefusalText();
  const sign = useAction(useSignCustodyException());
  const [reason, setReason] = useState('');
  const [examiner, setExaminer] = useState(NO_PROOF);
  const [doneText, setDoneText] = useState<string | null>(null);
  const message = sign.error ? { ok: false, text: refusalText(sign.error) } : doneText !== null ? { ok: true, text: doneText } : null;
  const submit = async (event?: FormEvent) => {
    event?.preventDefault();
    const answer = await sign.run({ bagCode, examiner: { badgeCode: examiner.badgeCode.trim(), pin: examiner.pin }, reason: reason.trim() });
    if (answer === undefined) return;
    // Refused: the badge stays and the PIN is typed again.
    setExaminer(answer.ok ? NO_PROOF : { ...examiner, pin: '' });
    if (!answer.ok) return;
    setDoneText(t('custody.exceptionDone', { name: answer.value.name }));
    onDone();
  };
  return (
    <Dialog title={t('custody.exceptionTitle', { code: bagCode })} onClose={onClose} closeLabel={t('reverify.close')} testId="custody-exception">
      <ul className="rec-error rec-problems">
        {problems.map((p) => (
          <li key={p}>{p}</li>
        ))}
      </ul>
      <form onSubmit={(e) => void submit(e)} className="rec-block">
        <label className="rec-field rec-field-stack">
          <span className="rec-label">{t('rec.exceptionReason')}</span>
          <input autoFocus value={reason} maxLength={200} onChange={(e) => setReason(e.target.value)} data-testid="custody-exception-reason" />
        </label>
        <BadgePinFields
          label={t('custody.examinerProof')}
          value={examiner}
          day={day}
          testId="custody-exception-examiner"
          onSubmit={() => void submit()}
          onChange={(proof) => {
            setExaminer(proof);
            sign.reset();
            setDoneText(null);
          }}
        />
        <button type="submit" className="rec-warn" disabled={sign.busy || reason.trim() === '' || !isProofGiven(examiner)} data-testid="custody-exception-submit">
          {t('custody.signException')}
        </button>
      </form>
      {message && (
        <p className={message.ok ? 'rec-ok' : 'rec-error'} role="status" data-testid="custody-exception-message">
          {message.text}
        </p>
      )}
    </Dialog>
  );
}

function CloseDayDialog({ day, onDone, onClose }: { day: DayView; onDone: () => void; onClose: () => void }) {
  const t = useT();
  const refusalText = useRefusalText();
  const close = useAction(useCloseDay());
  const [note, setNote] = useState('');
  const [examiner, setExaminer] = useState(NO_PROOF);
  const [doneText, setDoneText] = useState<string | null>(null);
  const message = close.error ? { ok: false, text: refusalText(close.error) } : doneText !== null ? { ok: true, text: doneText } : null;
  const submit = async (event?: FormEvent) => {
    event?.preventDefault();
    const answer = await close.run({ examiner: { badgeCode: examiner.badgeCode.trim(), pin: examiner.pin }, ...(note.trim() ? { note: note.trim() } : {}) });
    if (answer === undefined) return;
    setExaminer(answer.ok ? NO_PROOF : { ...examiner, pin: '' });
    if (!answer.ok) return;
    setDoneText(t('custody.closeDone', { name: answer.value.name }));
    onDone();
  };
  return (
    <Dialog title={t('custody.closeDay')} onClose={onClose} closeLabel={t('reverify.close')} testId="close-day">
      <form onSubmit={(e) => void submit(e)} className="rec-block">
        <label className="rec-field rec-field-stack">
          <span className="rec-label">{t('custody.closeNote')}</span>
          <input value={note} maxLength={200} onChange={(e) => setNote(e.target.value)} data-testid="close-day-note" />
        </label>
        <BadgePinFields
          label={t('custody.examinerProof')}
          value={examiner}
          day={day}
          testId="close-day-examiner"
          autoFocus
          onSubmit={() => void submit()}
          onChange={(proof) => {
            setExaminer(proof);
            close.reset();
            setDoneText(null);
          }}
        />
        <button type="submit" className="rec-primary" disabled={close.busy || !isProofGiven(examiner)} data-testid="close-day-submit">
          {t('custody.closeDay')}
        </button>
      </form>
      {message && (
        <p className={message.ok ? 'rec-ok' : 'rec-error'} role="status" data-testid="close-day-message">
          {message.text}
        </p>
      )}
    </Dialog>
  );
}
