import { STAFF_ROLE_LABELS } from '../../../shared/domain/labels';
import type { StaffRole } from '../../../shared/domain/types';
import type { ConfirmationDefinition, ConfirmationState } from '../../../shared/timetable/confirmations';
import { useDeviceClock } from '../clock/device-clock';
import { formatEventTime } from '../format';
import { useT } from '../i18n/i18n';
import { useUiStore } from '../state/ui-store';
import type { RecordedConfirmation } from './schedule-view';

/** One confirmation of a step in one scope: its state, who confirmed and when, or the button to confirm. */
export function ConfirmationControl({
  definition,
  state,
  recorded,
  onConfirm,
}: {
  definition: ConfirmationDefinition;
  state: ConfirmationState;
  recorded: RecordedConfirmation | undefined;
  onConfirm: () => void;
}) {
  const t = useT();
  const language = useUiStore((s) => s.language);
  const offsetMs = useDeviceClock((s) => s.state?.offsetMs ?? null);
  return (
    <div className={`confirmation confirmation-${state}`}>
      <div className="confirmation-head">
        <span className="confirmation-state" data-testid={`confirmation-state-${definition.id}`} data-state={state}>
          {state === 'done' ? '✓ ' : state === 'overdue' ? '⚠ ' : ''}
          {t(`tt.state.${state}`)}
        </span>
        <span className="confirmation-title">{language === 'zh' ? definition.titleZh : definition.titleEn}</span>
      </div>
      {recorded ? (
        <div className="confirmation-by" data-testid={`confirmed-by-${definition.id}`}>
          {t('tt.confirmedBy', {
            name: recorded.staffName,
            role: STAFF_ROLE_LABELS[recorded.role as StaffRole]?.[language] ?? recorded.role,
            time: formatEventTime(recorded.at, offsetMs),
          })}
        </div>
      ) : (
        state !== 'not-yet' && (
          <button type="button" className="confirm-button" data-testid={`confirm-${definition.id}`} onClick={onConfirm}>
            {t('tt.confirm')}
          </button>
        )
      )}
    </div>
  );
}
