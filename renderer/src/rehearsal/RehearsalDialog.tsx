import { useForm } from 'react-hook-form';
import { examDayApiSpec } from '../../../shared/api/contract';
import { REHEARSAL_SPEEDS, type RehearsalSpeed } from '../../../shared/clock/virtual-clock';
import { useStartRehearsal, type DayView } from '../api/api';
import { useAction } from '../api/use-action';
import { useDeviceClock } from '../clock/device-clock';
import { Dialog } from '../components/Dialog';
import { useRefusalText, useT } from '../i18n/i18n';
import { useDialogStore } from '../state/dialog-store';
import { useUiStore } from '../state/ui-store';
import { useScheduleQuery } from '../timetable/schedule-context';

const startTimeSchema = examDayApiSpec.startRehearsal.input.shape.startTime;

interface FormValues {
  startTime: string;
  fromStepId: string;
  speed: string;
}

/** 演练: a whole day from a chosen start time at a chosen speed, kept apart from the real record by the core. */
export function RehearsalDialog({ day }: { day: DayView }) {
  const t = useT();
  const language = useUiStore((s) => s.language);
  const setRehearsal = useDialogStore((s) => s.setRehearsal);
  const requestRefresh = useDeviceClock((s) => s.requestRefresh);
  const refusalText = useRefusalText();
  const startRehearsal = useAction(useStartRehearsal());
  const steps = useScheduleQuery().value?.steps ?? [];
  const error = startRehearsal.error ? refusalText(startRehearsal.error) : null;
  const sending = startRehearsal.busy;
  const { register, handleSubmit, formState } = useForm<FormValues>({
    defaultValues: { startTime: day.plan?.startTime ?? '08:30', fromStepId: steps[0]?.id ?? 'staff-arrive', speed: '10' },
  });
  const close = () => setRehearsal(false);

  return (
    <Dialog title={t('reh.title')} onClose={close} closeLabel={t('reh.cancel')} testId="rehearsal-dialog">
      <p className="dialog-hint">{t('reh.intro')}</p>
      <form
        className="rehearsal-form"
        noValidate
        onSubmit={handleSubmit(({ startTime, fromStepId, speed }) => {
          void startRehearsal.run({ startTime, fromStepId, speed: Number(speed) as RehearsalSpeed }).then((result) => {
            if (!result?.ok) return;
            close();
            requestRefresh();
          });
        })}
      >
        <label className="form-row">
          <span className="form-label">{t('reh.startTime')}</span>
          <input
            className="form-input"
            data-testid="rehearsal-start-time"
            autoComplete="off"
            aria-invalid={formState.errors.startTime ? true : undefined}
            {...register('startTime', { validate: (v) => startTimeSchema.safeParse(v.trim()).success || t('reh.badTime') })}
          />
        </label>
        {formState.errors.startTime && <div className="manual-error">{formState.errors.startTime.message}</div>}
        <label className="form-row">
          <span className="form-label">{t('reh.from')}</span>
          <select className="form-input" data-testid="rehearsal-from-step" {...register('fromStepId')}>
            {steps.map((s) => (
              <option key={s.id} value={s.id}>
                {s.offsetLabel} · {language === 'zh' ? s.titleZh : s.titleEn}
              </option>
            ))}
          </select>
        </label>
        <fieldset className="form-row speed-row">
          <legend className="form-label">{t('reh.speed')}</legend>
          {REHEARSAL_SPEEDS.map((speed) => (
            <label key={speed} className="speed-choice">
              <input type="radio" value={String(speed)} data-testid={`rehearsal-speed-${speed}`} {...register('speed')} />
              <span>×{speed}</span>
            </label>
          ))}
        </fieldset>
        {error && (
          <p className="dialog-error" role="alert" data-testid="rehearsal-error">
            {error}
          </p>
        )}
        <div className="dialog-actions">
          <button type="submit" className="start-button" data-testid="rehearsal-start" disabled={sending}>
            {t('reh.go')}
          </button>
        </div>
      </form>
    </Dialog>
  );
}
