import { useRoomRoster, type DayView } from '../api/api';
import { useDeviceClock } from '../clock/device-clock';
import { describeOffset, formatEventTime, roomDisplayName } from '../format';
import { useT } from '../i18n/i18n';
import { useDialogStore } from '../state/dialog-store';
import { useUiStore } from '../state/ui-store';
import type { TimetableScope } from './TimetableScreen';

/** Above the steps: whose timetable this is, the room's state, and the 核对时间 and 考场规则 buttons. */
export function TimetableToolbar({ day, scope }: { day: DayView; scope: TimetableScope }) {
  const t = useT();
  const language = useUiStore((s) => s.language);
  const clock = useDeviceClock((s) => s.state);
  const openClockCheck = useDialogStore((s) => s.openClockCheck);
  const setAnnouncements = useDialogStore((s) => s.setAnnouncements);
  const clockText =
    clock?.offsetMs === null || clock?.offsetMs === undefined
      ? t('cc.never')
      : t('cc.last', { time: clock.checkedAt ? formatEventTime(clock.checkedAt, clock.offsetMs) : '—', offset: describeOffset(clock.offsetMs, language) });
  return (
    <div className="timetable-toolbar">
      <div className="timetable-heading">
        <h1 className="timetable-title">
          {scope.kind === 'door' ? t('tt.doorTitle', { room: roomDisplayName(scope.roomNo, day.rooms, t) }) : t('tt.officeTitle')}
        </h1>
        {scope.kind === 'door' && <DoorRoomState roomNo={scope.roomNo} day={day} />}
      </div>
      <div className="timetable-actions">
        <button
          type="button"
          className={`tool-button${clock?.offsetTooLarge ? ' tool-button-warn' : ''}`}
          data-testid="open-clock-check"
          onClick={() => openClockCheck()}
        >
          <span className="tool-button-title">{t('tt.checkClock')}</span>
          <span className="tool-button-sub">{clockText}</span>
        </button>
        <button type="button" className="tool-button" data-testid="open-announcements" onClick={() => setAnnouncements(true)}>
          <span className="tool-button-title">{t('tt.rules')}</span>
        </button>
      </div>
    </div>
  );
}

function DoorRoomState({ roomNo, day }: { roomNo: string; day: DayView }) {
  const t = useT();
  const roster = useRoomRoster(roomNo, 5_000);
  const room = roster.value?.room ?? day.rooms.find((r) => r.roomNo === roomNo);
  if (!room) return null;
  return (
    <div className="timetable-room-state" data-testid="timetable-room-state">
      {t('tt.roomState', { room: room.name, admitted: room.admitted, expected: room.expected })}
    </div>
  );
}
