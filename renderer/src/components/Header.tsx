import type { DayView } from '../api/api';
import { useRoleLabel, useT } from '../i18n/i18n';
import { useUiStore, type DoorChoice } from '../state/ui-store';
import { Clock } from './Clock';

export function Header({ day, door }: { day: DayView | undefined; door: DoorChoice | null }) {
  const t = useT();
  const roleLabel = useRoleLabel();
  const language = useUiStore((s) => s.language);
  const setLanguage = useUiStore((s) => s.setLanguage);
  const leaveDoor = useUiStore((s) => s.leaveDoor);
  const plan = day?.plan ?? null;
  const room = door ? day?.rooms.find((r) => r.roomNo === door.roomNo) : undefined;
  const staff = door ? day?.staff.find((s) => s.staffId === door.staffId) : undefined;

  return (
    <header className="header">
      <div className="header-brand">
        <span className="app-name">{t('appName')}</span>
      </div>
      <div className="header-plan" data-testid="header-plan">
        {plan ? (
          <>
            <div className="header-line-strong">
              {plan.planName} · {plan.subject}
            </div>
            <div className="header-line">
              {plan.date} {plan.startTime}–{plan.endTime}
            </div>
          </>
        ) : (
          day && <div className="header-line">{t('header.noPlan')}</div>
        )}
      </div>
      {door && room && staff && (
        <div className="header-door" data-testid="header-door">
          <div className="header-line-strong">
            {room.name}
            {room.location && <span className="header-muted"> · {room.location}</span>}
          </div>
          <div className="header-line">
            {t('header.onDuty')}：{staff.name}（{roleLabel(staff.role)}）
          </div>
        </div>
      )}
      <div className="header-tools">
        <Clock title={t('header.clockTitle')} />
        <button
          type="button"
          className="header-button"
          lang={language === 'zh' ? 'en' : 'zh-CN'}
          title={t('header.languageTitle')}
          data-testid="language-toggle"
          onClick={() => setLanguage(language === 'zh' ? 'en' : 'zh')}
        >
          {t('header.language')}
        </button>
        {door && (
          <button type="button" className="header-button" data-testid="change-door" onClick={leaveDoor}>
            {t('header.changeDoor')}
          </button>
        )}
      </div>
    </header>
  );
}
