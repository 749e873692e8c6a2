import { memo } from 'react';
import { useForm } from 'react-hook-form';
import { examDayApiSpec } from '../../../shared/api/contract';
import { normalizeIdInput } from '../../../shared/id/id-number';
import { useT } from '../i18n/i18n';

const checkInInputSchema = examDayApiSpec.checkIn.input.shape.input;

interface FormValues {
  value: string;
}

/** For a number that will not scan: typed by the proctor and sent as method 'typed'. Memoised: the form need not re-render with each verdict. */
export const ManualEntry = memo(function ManualEntry({ onSubmit, shortcut }: { onSubmit: (value: string) => void; shortcut?: string }) {
  const t = useT();
  const { register, handleSubmit, reset, formState } = useForm<FormValues>({ defaultValues: { value: '' } });
  const error = formState.errors.value?.message;

  return (
    <form
      className="manual"
      noValidate
      onSubmit={handleSubmit(({ value }) => {
        onSubmit(normalizeIdInput(value));
        reset();
        // Hand the keyboard back to the window, where scanner bursts are caught.
        (document.activeElement as HTMLElement | null)?.blur();
      })}
    >
      <label className="manual-label" htmlFor="manual-input">
        {t('manual.label')}
        {shortcut && <kbd className="shortcut-key">{shortcut}</kbd>}
      </label>
      <div className="manual-field">
        <input
          id="manual-input"
          className="manual-input"
          data-testid="manual-input"
          placeholder={t('manual.placeholder')}
          autoComplete="off"
          autoCorrect="off"
          spellCheck={false}
          aria-invalid={error ? true : undefined}
          aria-describedby={error ? 'manual-error' : undefined}
          {...register('value', {
            validate: (raw) => {
              const normalized = normalizeIdInput(raw);
              if (normalized === '') return t('manual.required');
              const parsed = checkInInputSchema.safeParse(normalized);
              return parsed.success || (parsed.error.issues[0]?.message ?? t('manual.tooLong'));
            },
          })}
        />
        {error && (
          <div id="manual-error" className="manual-error" role="alert" data-testid="manual-error">
            {error}
          </div>
        )}
      </div>
      <button type="submit" className="manual-submit" data-testid="manual-submit">
        {t('manual.submit')}
      </button>
    </form>
  );
});
