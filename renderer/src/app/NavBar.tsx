import { minutesOfDay } from '../../../shared/timetable/gates';
import { currentStep } from '../../../shared/timetable/timetable';
import { useNow } from '../clock/device-clock';
import { useT } from '../i18n/i18n';
import { useUiStore, type Tab } from '../state/ui-store';
import { useScheduleQuery } from '../timetable/schedule-context';
import { formatCountdown } from '../timetable/schedule-view';

/** The device's screens as tabs, and on the right the step in force with the time to the next. */
export function NavBar({ tabs, active }: { tabs: readonly Tab[]; active: Tab }) {
  const t = useT();
  const setTab = useUiStore((s) => s.setTab);
  const label: Record<Tab, string> = {
    door: t('tab.door'),
    timetable: t('tab.timetable'),
    dashboard: t('tab.dashboard'),
    custody: t('tab.custody'),
    sync: t('tab.sync'),
    setup: t('tab.setup'),
    pins: t('tab.pins'),
  };
  return (
    <nav className="navbar">
      <div className="tabs" role="tablist">
        {tabs.map((tab) => (
          <button
            key={tab}
            type="button"
            role="tab"
            aria-selected={tab === active}
            className="tab"
            data-testid={`tab-${tab}`}
            onClick={() => setTab(tab)}
          >
            {label[tab]}
          </button>
        ))}
      </div>
      <NowStrip />
    </nav>
  );
}

function NowStrip() {
  const t = useT();
  const language = useUiStore((s) => s.language);
  const steps = useScheduleQuery().value?.steps;
  const { correctedMs } = useNow();
  if (!steps || steps.length === 0) return <div className="now-strip muted">{t('now.noPlan')}</div>;
  const { current, next, minutesUntilNext } = currentStep(steps as Parameters<typeof currentStep>[0], minutesOfDay(new Date(correctedMs)));
  const title = (s: { titleZh: string; titleEn: string }) => (language === 'zh' ? s.titleZh : s.titleEn);
  return (
    <div className="now-strip" data-testid="now-strip" data-step={current?.id ?? 'none'}>
      <span className="now-current">{current ? t('now.current', { title: `${current.at} ${title(current)}` }) : t('now.beforeDay')}</span>
      {next && minutesUntilNext !== undefined ? (
        <span className="now-next">
          {t('now.next', { title: title(next) })} <strong className="now-countdown">{formatCountdown(minutesUntilNext * 60)}</strong>
        </span>
      ) : (
        current && <span className="now-next">{t('now.done')}</span>
      )}
    </div>
  );
}
