import { useDeviceClock } from './device-clock';
import { describeOffset } from '../format';
import { useT } from '../i18n/i18n';
import { useDialogStore } from '../state/dialog-store';
import { useUiStore } from '../state/ui-store';

/** Beside the header clock: nothing when the clock was checked and is close, a hint when never checked, a warning when off by more than 60 s. */
export function ClockStatus() {
  const t = useT();
  const language = useUiStore((s) => s.language);
  const state = useDeviceClock((s) => s.state);
  const openClockCheck = useDialogStore((s) => s.openClockCheck);
  if (!state) return null;
  if (state.offsetMs === null) {
    return (
      <button type="button" className="clock-hint" title={t('header.uncheckedTitle')} data-testid="clock-unchecked" onClick={() => openClockCheck()}>
        {t('header.unchecked')}
      </button>
    );
  }
  if (!state.offsetTooLarge) return null;
  return (
    <button
      type="button"
      className="clock-warning"
      title={t('header.clockOffTitle')}
      data-testid="clock-warning"
      data-offset-ms={state.offsetMs}
      onClick={() => openClockCheck()}
    >
      ⚠ {t('header.clockOff', { offset: describeOffset(state.offsetMs, language) })}
    </button>
  );
}
