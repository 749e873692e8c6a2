import { useState } from 'react';
import { zodResolver } from '@hookform/resolvers/zod';
import { useFieldArray, useForm } from 'react-hook-form';
import { ID_DOCUMENT_TYPE_LABELS } from '../../../shared/domain/labels';
import { ID_DOCUMENT_TYPES, LEVELS } from '../../../shared/domain/types';
import { formFromPlan, planFormSchema, type PlanForm } from '../../../shared/setup/plan-form';
import { useUiStore } from '../state/ui-store';
import { Outcome, type SectionProps } from './ExamSetupScreen';
import { useSavePlan } from './setup-api';
import { useT } from '../i18n/i18n';

const localToday = (): string => {
  const d = new Date();
  return `${d.getFullYear()}-${String(d.getMonth() + 1).padStart(2, '0')}-${String(d.getDate()).padStart(2, '0')}`;
};

/** ① 考试计划 (附件1): who, what, where and when; end after start, 30–240 minutes. */
export function PlanSection({ day, refresh, actorStaffId }: SectionProps) {
  const s = useT();
  const language = useUiStore((st) => st.language);
  const savePlan = useSavePlan();
  const [outcome, setOutcome] = useState<{ ok: boolean; text: string } | null>(null);
  const { register, control, handleSubmit, formState } = useForm<PlanForm>({
    // Checked by the same zod schema the core parses with.
    resolver: zodResolver(planFormSchema),
    defaultValues: formFromPlan(day.plan, localToday()),
  });
  const occupations = useFieldArray({ control, name: 'occupations' });
  const errors = formState.errors;
  const error = (message: string | undefined) =>
    message ? (
      <span className="field-error" role="alert">
        {message}
      </span>
    ) : null;

  const onSubmit = handleSubmit(async (form) => {
    const result = await savePlan({ plan: form, ...(actorStaffId ? { actorStaffId } : {}) });
    setOutcome(result.ok ? { ok: true, text: s('plan.saved') } : { ok: false, text: result.error.message });
    if (result.ok) refresh();
  });

  return (
    <form className="setup-form plan-form" onSubmit={(e) => void onSubmit(e)} noValidate data-testid="plan-form">
      <div className="form-grid">
        <label className="field span-2">
          <span>{s('plan.organisation')}</span>
          <input {...register('organisation')} data-testid="plan-organisation" />
          {error(errors.organisation?.message)}
        </label>
        <label className="field span-2">
          <span>
            {s('plan.planName')} <small className="muted">{s('plan.planNameHint')}</small>
          </span>
          <input {...register('planName')} data-testid="plan-name" />
          {error(errors.planName?.message)}
        </label>
        <label className="field span-2">
          <span>{s('plan.siteAddress')}</span>
          <input {...register('siteAddress')} data-testid="plan-address" />
          {error(errors.siteAddress?.message)}
        </label>
        <label className="field">
          <span>{s('plan.date')}</span>
          {/* Text, not type="date"/"time": those follow the browser's locale (11/30/2026, 08:30 AM); the day is written 2026-11-30 and 08:30 everywhere. */}
          <input {...register('date')} data-testid="plan-date" inputMode="numeric" maxLength={10} placeholder="2026-11-30" autoComplete="off" />
          {error(errors.date?.message)}
        </label>
        <label className="field">
          <span>{s('plan.subject')}</span>
          <input {...register('subject')} />
          {error(errors.subject?.message)}
        </label>
        <label className="field">
          <span>{s('plan.startTime')}</span>
          <input {...register('startTime')} data-testid="plan-start" inputMode="numeric" maxLength={5} placeholder="08:30" autoComplete="off" />
          {error(errors.startTime?.message)}
        </label>
        <label className="field">
          <span>{s('plan.endTime')}</span>
          <input {...register('endTime')} data-testid="plan-end" inputMode="numeric" maxLength={5} placeholder="08:30" autoComplete="off" />
          {error(errors.endTime?.message)}
        </label>
      </div>

      <fieldset className="field-group">
        <legend>{s('plan.occupations')}</legend>
        {occupations.fields.map((field, index) => (
          <div key={field.id} className="occupation-row">
            <input {...register(`occupations.${index}.occupation`)} placeholder={s('plan.occupation')} aria-label={s('plan.occupation')} data-testid={`plan-occupation-${index}`} />
            <span className="checks">
              {LEVELS.map((level) => (
                <label key={level} className="check">
                  <input type="checkbox" value={level} {...register(`occupations.${index}.levels`)} data-testid={`plan-level-${index}-${level}`} />
                  {level}
                </label>
              ))}
            </span>
            {occupations.fields.length > 1 && (
              <button type="button" className="link-button" onClick={() => occupations.remove(index)}>
                {s('plan.remove')}
              </button>
            )}
            {error(errors.occupations?.[index]?.occupation?.message ?? errors.occupations?.[index]?.levels?.message)}
          </div>
        ))}
        {error(errors.occupations?.message ?? errors.occupations?.root?.message)}
        <button type="button" className="secondary-button" onClick={() => occupations.append({ occupation: '', levels: ['四级'] })}>
          + {s('plan.addOccupation')}
        </button>
      </fieldset>

      <fieldset className="field-group">
        <legend>{s('plan.idTypes')}</legend>
        <span className="checks">
          {ID_DOCUMENT_TYPES.map((type) => (
            <label key={type} className="check">
              <input type="checkbox" value={type} {...register('acceptedIdTypes')} />
              {ID_DOCUMENT_TYPE_LABELS[type][language]}
            </label>
          ))}
        </span>
        {error(errors.acceptedIdTypes?.message)}
      </fieldset>

      <label className="field late-field">
        <span>{s('plan.lateCutoff')}</span>
        <input type="number" min={0} max={120} {...register('lateCutoffMinutes', { valueAsNumber: true })} data-testid="plan-late" />
        {error(errors.lateCutoffMinutes?.message)}
      </label>

      <label className="field late-field">
        <span>{s('plan.idleLock')}</span>
        <input type="number" min={1} max={120} {...register('idleLockMinutes', { valueAsNumber: true })} data-testid="plan-idle-lock" />
        {error(errors.idleLockMinutes?.message)}
      </label>

      <div className="form-actions">
        <button type="submit" className="primary-button" disabled={formState.isSubmitting} data-testid="plan-save">
          {formState.isSubmitting ? s('saving') : s('save')}
        </button>
        <Outcome outcome={outcome} />
      </div>
    </form>
  );
}
