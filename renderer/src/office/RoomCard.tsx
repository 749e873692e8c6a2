import { CONFIRMATIONS } from '../../../shared/timetable/confirmations';
import type { Dashboard } from '../api/api';
import { useT } from '../i18n/i18n';
import type { MessageKey } from '../i18n/zh';
import { useUiStore } from '../state/ui-store';
import type { SyncDevice } from '../sync/sync-api';
import { syncTime } from '../sync/sync-view';
import { minutesAgo } from '../timetable/schedule-view';

type DashboardRoom = Dashboard['rooms'][number];

const ROOM_CONFIRMATIONS = CONFIRMATIONS.filter((c) => c.scope === 'room');
/** Information older than this is shown as stale: the room has not been heard from for a while. */
const STALE_MINUTES = 10;

/** One room on the office screen: counts large, then absentees, incidents, confirmations and how old it all is. */
export function RoomCard({
  room,
  stepTitle,
  deviceNowMs,
  doors,
  compact,
  onOpen,
}: {
  room: DashboardRoom;
  stepTitle: string | undefined;
  deviceNowMs: number;
  /** The door devices enrolled for this room: their last sync says how fresh these counts are. */
  doors: readonly SyncDevice[];
  /** A site of 100 rooms: counts and marks only, smaller. */
  compact: boolean;
  /** Opens the room's list, seat map and record, read-only. */
  onOpen: () => void;
}) {
  const t = useT();
  const language = useUiStore((s) => s.language);
  const ago = room.lastActivityAt === null ? undefined : minutesAgo(room.lastActivityAt, deviceNowMs);
  const age = ago === undefined ? t('dash.age.never') : ago < 1 ? t('dash.age.now') : t('dash.age.minutes', { n: ago });
  const done = ROOM_CONFIRMATIONS.filter((c) => room.confirmations.includes(c.id));
  return (
    <article
      className={`room-card${compact ? ' room-card-compact' : ''}`}
      data-testid={`dashboard-room-${room.roomNo}`}
      data-admitted={room.admitted}
      data-expected={room.expected}
    >
      <header className="room-card-head">
        <div>
          <h3 className="room-card-name">
            <button type="button" className="room-card-open" data-testid="room-open" aria-label={t('dash.room.open', { name: room.name })} onClick={onOpen}>
              {room.name} ›
            </button>
          </h3>
          {!compact && <div className="room-card-location">{room.location}</div>}
        </div>
        <div className={`room-card-age${ago !== undefined && ago >= STALE_MINUTES ? ' room-card-age-stale' : ''}`} data-testid="room-age">
          {age}
        </div>
      </header>
      {stepTitle && !compact && <div className="room-card-step">{stepTitle}</div>}
      <div className="room-card-counts">
        <span className="room-card-label">{t('dash.admitted')}</span>
        <span className="room-card-admitted" data-testid="room-admitted">
          {room.admitted}
        </span>
        <span className="room-card-expected">/ {room.expected}</span>
      </div>
      <div className="room-card-facts">
        <span
          className={room.absentees ? 'fact fact-warn' : 'fact'}
          data-testid="room-absentees"
          data-absentees-confirmed={room.absenteesConfirmed ? 'yes' : 'no'}
        >
          {room.absentees === null
            ? t('dash.absenteesPending')
            : t(room.absenteesConfirmed ? 'dash.absenteesConfirmed' : 'dash.absenteesToConfirm', { n: room.absentees })}
        </span>
        <span className={room.inDoubt > 0 ? 'fact fact-doubt' : 'fact'} data-testid="room-in-doubt" data-in-doubt={room.inDoubt}>
          {t('dash.inDoubt', { n: room.inDoubt })}
        </span>
        <span className={room.incidents > 0 ? 'fact fact-stop' : 'fact'} data-testid="room-incidents" data-incidents={room.incidents}>
          {t('dash.incidents', { n: room.incidents })}
        </span>
        <span className="fact" data-testid="room-hand-ins">
          {t('dash.handIns', { n: room.handIns })}
        </span>
        <span className={room.balance === 'mismatch' ? 'fact fact-stop' : 'fact'} data-testid="room-balance" data-balance={room.balance}>
          {t(`dash.balance.${room.balance}`)}
        </span>
        <span className={room.signed === 'both' ? 'fact fact-ok' : 'fact'} data-testid="room-signed" data-signed={room.signed}>
          {t(`dash.signed.${room.signed}`)}
        </span>
      </div>
      {room.paperProblems.length > 0 && (
        <ul className="room-card-problems" data-testid="room-paper-problems">
          {room.paperProblems.map((p) => (
            <li key={p}>{p}</li>
          ))}
        </ul>
      )}
      <div className="room-card-confirmations">
        <span className="room-card-marks-count">{t('dash.confirmations', { done: done.length, total: ROOM_CONFIRMATIONS.length })}</span>
        <ul className="room-card-marks" data-testid="room-marks">
          {ROOM_CONFIRMATIONS.map((c) => {
            const isDone = room.confirmations.includes(c.id);
            return (
              <li key={c.id} className={isDone ? 'room-mark room-mark-done' : 'room-mark'} title={language === 'zh' ? c.titleZh : c.titleEn} data-mark={c.id} data-done={isDone ? 'yes' : 'no'}>
                {isDone ? '●' : '○'} {t(`dash.mark.${c.id}` as MessageKey)}
              </li>
            );
          })}
        </ul>
      </div>
      {doors.map((d) => (
        <div key={d.deviceId} className={`room-card-sync${d.lastError ? ' room-card-sync-error' : ''}`} data-testid="room-door-sync" title={d.lastError ?? undefined}>
          {d.name} · {d.lastSyncAt ? t('sync.lastSyncShort', { time: syncTime(d.lastSyncAt) ?? '' }) : t('sync.neverSynced')}
        </div>
      ))}
    </article>
  );
}
