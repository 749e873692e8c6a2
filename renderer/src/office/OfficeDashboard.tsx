import { useState } from 'react';
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
import { TimeCodePanel } from './TimeCodePanel';
import '../record/record.css';

/** 考务办总览: every room on one screen, and the office's time code for the rooms' clock checks. */
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
  return (
    <main className="dashboard" data-testid="dashboard">
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
          </div>
        </div>
        {dashboard.value && dashboard.value.unsignedAfterReturn.length > 0 && (
          <p className="dashboard-unsigned" data-testid="dashboard-unsigned">
            {t('dash.unsigned', { rooms: dashboard.value.unsignedAfterReturn.join(language === 'zh' ? '、' : ', ') })}
          </p>
        )}
        {!rooms ? (
          <p className="muted">{dashboard.error ? dashboard.error.message : t('dash.loading')}</p>
        ) : rooms.length === 0 ? (
          <p className="muted">{t('dash.empty')}</p>
        ) : (
          <div className="room-cards">
            {rooms.map((room) => (
              <RoomCard
                key={room.roomNo}
                room={room}
                stepTitle={stepTitle}
                deviceNowMs={deviceMs}
                doors={devices.filter((d) => d.kind === 'door' && !d.revoked && d.roomNo === room.roomNo)}
              />
            ))}
          </div>
        )}
      </section>
      {deviceId && <TimeCodePanel deviceId={deviceId} />}
      {showResults && rooms && <ResultsDialog rooms={rooms.map((r) => ({ roomNo: r.roomNo, name: r.name }))} onClose={() => setShowResults(false)} />}
    </main>
  );
}
