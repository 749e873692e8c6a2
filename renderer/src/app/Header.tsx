import { LanguageToggle } from './LanguageToggle';
import type { DayView } from '../api/api';
import { useRoleLabel, useT } from '../i18n/i18n';
import { useDialogStore } from '../state/dialog-store';
import { useUiStore, type DoorChoice, type OfficeChoice } from '../state/ui-store';
import { Clock } from '../clock/Clock';
import { ClockStatus } from '../clock/ClockStatus';
import { HeaderSyncStatus } from '../sync/HeaderSyncStatus';

export function Header({ day, door, office }: { day: DayView | undefined; door: DoorChoice | null; office: OfficeChoice | null }) {
  const t = useT();
  const roleLabel = useRoleLabel();
  const leaveDoor = useUiStore((s) => s.leaveDoor);
  const lockScreen = useUiStore((s) => s.lockScreen);
  const locked = useUiStore((s) => s.lock !== null);
  const muted = useUiStore((s) => s.muted);
  const setMuted = useUiStore((s) => s.setMuted);
  const openRehearsal = useDialogStore((s) => s.setRehearsal);
  const plan = day?.plan ?? null;
  const room = door ? day?.rooms.find((r) => r.roomNo === door.roomNo) : undefined;
  const staffId = door?.staffId ?? office?.staffId;
  const staff = staffId ? day?.staff.find((s) => s.staffId === staffId) : undefined;

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
      {staff && (door ? room : office) && (
        <div className="header-door" data-testid="header-door">
          <div className="header-line-strong">
            {room ? room.name : t('header.office')}
            {room?.location && <span className="header-muted"> · {room.location}</span>}
          </div>
          <div className="header-line">
            {t('header.onDuty')}：{staff.name}（{roleLabel(staff.role)}）
          </div>
        </div>
      )}
      <div className="header-tools">
        <HeaderSyncStatus />
        <div className="header-clock">
          <Clock title={t('header.clockTitle')} />
          <ClockStatus />
        </div>
        {/* Two small buttons stacked: the plan and the door keep their names at 1366 px. */}
        <div className="header-stack">
          <button
            type="button"
            className="header-button header-button-small"
            title={t('header.muteTitle')}
            aria-pressed={muted}
            data-testid="mute-toggle"
            data-muted={muted}
            onClick={() => setMuted(!muted)}
          >
            {muted ? t('header.muted') : t('header.mute')}
          </button>
          {staff && (
            <button type="button" className="header-button header-button-small" data-testid="open-rehearsal" onClick={() => openRehearsal(true)}>
              {t('header.rehearsal')}
            </button>
          )}
        </div>
        <LanguageToggle className="header-button" />
        {staff && door && !locked ? (
          // At a door, the two ways off duty stacked: lock for the next person, or leave the room.
          <div className="header-stack">
            <button type="button" className="header-button header-button-small" data-testid="lock-screen-button" onClick={() => lockScreen('manual')}>
              {t('header.lock')}
            </button>
            <button type="button" className="header-button header-button-small" data-testid="change-door" onClick={leaveDoor}>
              {t('header.changeDoor')}
            </button>
          </div>
        ) : (
          staff && (
            <button type="button" className="header-button" data-testid="change-door" onClick={leaveDoor}>
              {t('header.changeDoor')}
            </button>
          )
        )}
      </div>
    </header>
  );
}
