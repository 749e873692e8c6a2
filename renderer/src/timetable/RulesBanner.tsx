import { minutesOfDay } from '../../../shared/timetable/gates';
import { currentStep } from '../../../shared/timetable/timetable';
import { useNow } from '../clock/device-clock';
import { useT } from '../i18n/i18n';
import { useDialogStore } from '../state/dialog-store';
import { useScheduleQuery } from './schedule-context';

/** During 宣布考场纪律 (S−10) the room's screens point the chief proctor to the text to read out. */
export function RulesBanner() {
  const t = useT();
  const steps = useScheduleQuery().value?.steps ?? [];
  const { correctedMs } = useNow(1_000);
  const setAnnouncements = useDialogStore((s) => s.setAnnouncements);
  const inForce = currentStep(steps as Parameters<typeof currentStep>[0], minutesOfDay(new Date(correctedMs))).current;
  if (inForce?.id !== 'rules-announced') return null;
  return (
    <div className="rules-banner" data-testid="rules-banner">
      <span>{t('tt.rulesNow')}</span>
      <button type="button" className="rules-banner-button" data-testid="rules-banner-open" onClick={() => setAnnouncements(true)}>
        {t('tt.openRules')}
      </button>
    </div>
  );
}
