import type { DayView } from '../api/api';
import { useT } from '../i18n/i18n';
import { AddDevicePanel } from './AddDevicePanel';
import { CenterPanel } from './CenterPanel';
import { DeviceList } from './DeviceList';
import { FindingsList } from './FindingsList';
import { ListenerPanel } from './ListenerPanel';
import { SyncFileSection } from './SyncFileSection';
import { useSyncStatusQuery } from './sync-status-context';

/**
 * 设备与同步 (issue 10), on the office: where it listens for the doors, 添加设备 with a one-time
 * code, the paired devices, the 待处理问题 the merged record shows and the upload to the center. `actorStaffId` is who works
 * the office device (the core lets only the 主考 or 副主考 change anything here).
 */
export function SyncScreen({ day, actorStaffId }: { day: DayView; actorStaffId: string }) {
  const t = useT();
  const status = useSyncStatusQuery();
  const value = status.value;
  return (
    <main className="sync-screen" data-testid="sync-screen">
      <h1 className="visually-hidden">{t('sync.title')}</h1>
      {!value ? (
        <p className="muted">{status.error ? status.error.message : t('sync.loading')}</p>
      ) : (
        <>
          <div className="sync-column">
            <ListenerPanel status={value} actorStaffId={actorStaffId} onChanged={status.refresh} />
            <AddDevicePanel status={value} day={day} actorStaffId={actorStaffId} />
            <SyncFileSection actorStaffId={actorStaffId} onImported={status.refresh} />
          </div>
          <div className="sync-column sync-column-wide">
            <DeviceList status={value} day={day} onChanged={status.refresh} />
            <FindingsList />
            <CenterPanel day={day} actorStaffId={actorStaffId} />
          </div>
        </>
      )}
    </main>
  );
}
