import { useCallback, useEffect, useRef, useState } from 'react';
import { useForm } from 'react-hook-form';
import { looksLikeTimeCode } from '../../../shared/timetable/time-code';
import { useRecordClockCheck, type DayView } from '../api/api';
import { Dialog } from '../components/Dialog';
import { describeOffset } from '../format';
import { useRoleLabel, useT } from '../i18n/i18n';
import { useScanner } from '../scanner/use-scanner';
import { useDialogStore } from '../state/dialog-store';
import { useUiStore } from '../state/ui-store';
import { parseSpokenTime } from './clock-math';
import { useDeviceClock } from './device-clock';

const pad = (n: number) => String(n).padStart(2, '0');

interface FormValues {
  time: string;
}

type Outcome = { kind: 'done'; offsetMs: number; tooLarge: boolean } | { kind: 'error'; message: string } | { kind: 'sending' };

/**
 * 附件5 7:35 核对时间: scan the office's time code (the scanner's burst lands here while the
 * dialog is open) or type the office clock as read aloud; the core records the offset and every
 * time on screen is corrected by it from then on.
 */
export function ClockCheckDialog({ day, staffId }: { day: DayView; staffId: string }) {
  const t = useT();
  const roleLabel = useRoleLabel();
  const language = useUiStore((s) => s.language);
  const scanned = useDialogStore((s) => s.clockCheck.scanned);
  const close = useDialogStore((s) => s.closeClockCheck);
  const requestRefresh = useDeviceClock((s) => s.requestRefresh);
  const recordClockCheck = useRecordClockCheck();
  // Whoever is on duty here checks the clock: they proved themselves by badge and PIN at sign-in.
  const who = day.staff.find((s) => s.staffId === staffId) ?? null;
  const [outcome, setOutcome] = useState<Outcome | null>(null);
  const { register, handleSubmit, formState } = useForm<FormValues>({ defaultValues: { time: '' } });

  const submit = useCallback(
    (reference: string) => {
      if (who === null) {
        setOutcome({ kind: 'error', message: t('cc.pickWho') });
        return;
      }
      setOutcome({ kind: 'sending' });
      void recordClockCheck({ reference, actorStaffId: who.staffId }).then((result) => {
        if (result.ok) {
          setOutcome({ kind: 'done', offsetMs: result.value.offsetMs, tooLarge: result.value.offsetTooLarge });
          requestRefresh();
        } else {
          setOutcome({ kind: 'error', message: result.error.message });
        }
      });
    },
    [who, recordClockCheck, requestRefresh, t],
  );

  // A code scanned on another screen opened this dialog: record it at once.
  const takenScan = useRef<string | null>(null);
  useEffect(() => {
    if (scanned !== null && takenScan.current !== scanned) {
      takenScan.current = scanned;
      submit(scanned);
    }
  }, [scanned, submit]);

  useScanner((text) => {
    if (looksLikeTimeCode(text)) submit(text);
    else setOutcome({ kind: 'error', message: t('cc.notTimeCode') });
  });

  return (
    <Dialog title={t('cc.title')} onClose={close} closeLabel={t('cc.close')} testId="clock-check">
      <p className="dialog-hint">{t('cc.hint')}</p>
      <p className="cc-who" data-testid="cc-who">
        {t('cc.who')}：{who ? `${who.name}（${roleLabel(who.role)}）` : t('cc.pickWho')}
      </p>
      <form
        className="cc-form"
        noValidate
        onSubmit={handleSubmit(({ time }) => {
          const seconds = parseSpokenTime(time);
          if (seconds === undefined) return;
          submit(`${pad(Math.floor(seconds / 3600))}:${pad(Math.floor(seconds / 60) % 60)}:${pad(seconds % 60)}`);
          (document.activeElement as HTMLElement | null)?.blur();
        })}
      >
        <label className="manual-label" htmlFor="cc-time">
          {t('cc.typed')}
        </label>
        <div className="manual-field">
          <input
            id="cc-time"
            className="manual-input"
            data-testid="cc-time-input"
            placeholder={t('cc.placeholder')}
            autoComplete="off"
            inputMode="numeric"
            aria-invalid={formState.errors.time ? true : undefined}
            {...register('time', { validate: (v) => parseSpokenTime(v) !== undefined || t('cc.bad') })}
          />
          {formState.errors.time && (
            <div className="manual-error" role="alert">
              {formState.errors.time.message}
            </div>
          )}
        </div>
        <button type="submit" className="manual-submit" data-testid="cc-submit" disabled={outcome?.kind === 'sending'}>
          {t('cc.submit')}
        </button>
      </form>
      {outcome?.kind === 'sending' && <p className="muted">{t('cc.sending')}</p>}
      {outcome?.kind === 'error' && (
        <p className="dialog-error" role="alert" data-testid="cc-error">
          {outcome.message}
        </p>
      )}
      {outcome?.kind === 'done' && (
        <div
          className={`cc-result ${outcome.tooLarge ? 'cc-result-warn' : 'cc-result-ok'}`}
          data-testid="cc-result"
          data-offset-ms={outcome.offsetMs}
          data-too-large={outcome.tooLarge}
        >
          <div className="cc-result-main">
            {outcome.tooLarge
              ? `⚠ ${t('cc.resultWarn', { offset: describeOffset(outcome.offsetMs, language) })}`
              : `✓ ${t('cc.resultOk', { offset: describeOffset(outcome.offsetMs, language) })}`}
          </div>
          {outcome.tooLarge && <div>{t('cc.resultWarnHint')}</div>}
        </div>
      )}
    </Dialog>
  );
}
