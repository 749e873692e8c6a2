import { useDeferredValue, useState } from 'react';
import { minutesOfDay } from '../../../shared/timetable/gates';
import { currentStep } from '../../../shared/timetable/timetable';
import { useDashboard } from '../api/api';
import { useDeviceClock, useNow } from '../clock/device-clock';
import { useT } from '../i18n/i18n';
import { useUiStore } from '../state/ui-store';
import { useScheduleQuery } from '../timetable/schedule-context';
import { useSyncStatusQuery } from '../sync/sync-status-context';
import { RoomCard } from './RoomCard';
import { ResultsDialog } from './ResultsDialog';
import { ResultsExportButton } from './ResultsExportButton';
import { AttendanceExportButton } from './AttendanceExportButton';
import { TimeCodePanel } from './TimeCodePanel';
import { SiteTotals } from './SiteTotals';
import { ExceptionFeed } from './ExceptionFeed';
import { RoomDetailDialog } from './RoomDetailDialog';
import '../record/record.css';
import './office.css';

/** From this many rooms the cards start compact (a site of 100 rooms fits a few screens, not fifty). */
const COMPACT_FROM_ROOMS = 13;

/**
 * 考务办总览: the site's totals on top, the office's own card (time code) and the feed of exceptions
 * beside every room's card; a card or a feed entry opens that room read-only.
 */
export function OfficeDashboard() {
  const t = useT();
  const language = useUiStore((s) => s.language);
  const dashboard = useDashboard();
  const schedule = useScheduleQuery();
  const deviceId = useDeviceClock((s) => s.state?.deviceId);
  const { correctedMs, deviceMs } = useNow(1_000);
  const steps = schedule.value?.steps ?? [];
  const inForce = currentStep(steps as Parameters<typeof currentStep>[0], minutesOfDay(new Date(correctedMs))).current;
  const stepTitle = inForce ? `${inForce.at} ${language === 'zh' ? inForce.titleZh : inForce.titleEn}` : undefined;
  const rooms = dashboard.value?.rooms;
  const devices = useSyncStatusQuery().value?.devices ?? [];
  const [showResults, setShowResults] = useState(false);
  const [search, setSearch] = useState('');
  const query = useDeferredValue(search.trim().toLowerCase());
  const [onlyProblems, setOnlyProblems] = useState(false);
  const [compactChoice, setCompactChoice] = useState<boolean | null>(null);
  const [openRoom, setOpenRoom] = useState<string | null>(null);
  const compact = compactChoice ?? (rooms?.length ?? 0) >= COMPACT_FROM_ROOMS;
  const shown = (rooms ?? []).filter(
    (r) =>
      (query === '' || `${r.roomNo} ${r.name} ${r.location}`.toLowerCase().includes(query)) &&
      (!onlyProblems || r.inDoubt > 0 || r.incidents > 0 || r.balance === 'mismatch'),
  );
  const roomName = (roomNo: string): string => rooms?.find((r) => r.roomNo === roomNo)?.name ?? roomNo;
  return (
    <main className="dashboard office-dashboard" data-testid="dashboard">
      <aside className="office-side" aria-label={t('dash.office')}>
        <section className="office-card" data-testid="office-card">
          <h2 className="office-card-title">{t('dash.office')}</h2>
          {deviceId && <TimeCodePanel deviceId={deviceId} />}
        </section>
        {dashboard.value && <ExceptionFeed feed={dashboard.value.feed} roomName={roomName} onOpenRoom={setOpenRoom} />}
      </aside>
      <section className="dashboard-rooms" aria-labelledby="dashboard-title">
        <div className="dashboard-head">
          <h1 id="dashboard-title" className="dashboard-title">
            {t('dash.title')}
          </h1>
          <div className="rec-row">
            <button type="button" className="rec-action" data-testid="results-open" disabled={!rooms || rooms.length === 0} onClick={() => setShowResults(true)}>
              {t('dash.results')}
            </button>
            <ResultsExportButton />
            <AttendanceExportButton />
          </div>
        </div>
        {dashboard.value && <SiteTotals dashboard={dashboard.value} />}
        {dashboard.value && dashboard.value.unsignedAfterReturn.length > 0 && (
          <p className="dashboard-unsigned" data-testid="dashboard-unsigned">
            {t('dash.unsigned', { rooms: dashboard.value.unsignedAfterReturn.join(language === 'zh' ? '、' : ', ') })}
          </p>
        )}
        {rooms && rooms.length > 0 && (
          <div className="dashboard-filters">
            <input
              type="search"
              className="dashboard-search"
              placeholder={t('dash.search')}
              aria-label={t('dash.search')}
              data-testid="dashboard-search"
              value={search}
              onChange={(e) => setSearch(e.target.value)}
            />
            <label className="check">
              <input type="checkbox" checked={onlyProblems} onChange={(e) => setOnlyProblems(e.target.checked)} data-testid="dashboard-only-problems" />
              {t('dash.onlyProblems')}
            </label>
            <label className="check">
              <input type="checkbox" checked={compact} onChange={(e) => setCompactChoice(e.target.checked)} data-testid="dashboard-compact" />
              {t('dash.compact')}
            </label>
            <span className="muted" data-testid="dashboard-shown">
              {t('dash.shown', { shown: shown.length, total: rooms.length })}
            </span>
          </div>
        )}
        {!rooms ? (
          <p className="muted">{dashboard.error ? dashboard.error.message : t('dash.loading')}</p>
        ) : rooms.length === 0 ? (
          <p className="muted">{t('dash.empty')}</p>
        ) : shown.length === 0 ? (
          <p className="muted">{t('dash.noMatch')}</p>
        ) : (
          <div className={`room-cards${compact ? ' room-cards-compact' : ''}`}>
            {shown.map((room) => (
              <RoomCard
                key={room.roomNo}
                room={room}
                stepTitle={stepTitle}
                deviceNowMs={deviceMs}
                doors={devices.filter((d) => d.kind === 'door' && !d.revoked && d.roomNo === room.roomNo)}
                compact={compact}
                onOpen={() => setOpenRoom(room.roomNo)}
              />
            ))}
          </div>
        )}
      </section>
      {showResults && rooms && <ResultsDialog rooms={rooms.map((r) => ({ roomNo: r.roomNo, name: r.name }))} onClose={() => setShowResults(false)} />}
      {openRoom !== null && <RoomDetailDialog roomNo={openRoom} name={roomName(openRoom)} onClose={() => setOpenRoom(null)} />}
    </main>
  );
}
