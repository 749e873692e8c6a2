import { useState } from 'react';
import { useDay, useRoomRecord, useRoomRoster } from '../api/api';
import { useDeviceClock } from '../clock/device-clock';
import { Dialog } from '../components/Dialog';
import { RosterPanel } from '../door/RosterPanel';
import { SeatMap } from '../door/SeatMap';
import { useT } from '../i18n/i18n';
import { RoomRecordPage } from '../print/RoomRecordPage';
import '../door/door.css';
import '../print/print.css';

type Tab = 'list' | 'seats' | 'record';
const TABS: readonly Tab[] = ['list', 'seats', 'record'];

/**
 * One room seen from the office, read-only: its list, seat map and 考场情况记录单 as this device holds
 * them (the door's own screens, without their actions).
 */
export function RoomDetailDialog({ roomNo, name, onClose }: { roomNo: string; name: string; onClose: () => void }) {
  const t = useT();
  const [tab, setTab] = useState<Tab>('list');
  const roster = useRoomRoster(roomNo);
  const record = useRoomRecord(roomNo);
  const day = useDay();
  const offsetMs = useDeviceClock((s) => s.state?.offsetMs ?? null);
  const label: Record<Tab, string> = { list: t('dash.room.list'), seats: t('dash.room.seats'), record: t('dash.room.record') };
  const plan = day.value?.plan;
  return (
    <Dialog title={name} onClose={onClose} closeLabel={t('dash.room.close')} testId="room-detail" wide>
      <p className="muted room-detail-note">{t('dash.room.readOnly')}</p>
      <div className="roster-tabs room-detail-tabs" role="tablist">
        {TABS.map((k) => (
          <button key={k} type="button" role="tab" aria-selected={tab === k} className="roster-tab" data-testid={`room-detail-${k}`} onClick={() => setTab(k)}>
            {label[k]}
          </button>
        ))}
      </div>
      <div className="room-detail-body" role="tabpanel">
        {tab === 'list' && <RosterPanel roster={roster} />}
        {tab === 'seats' && <SeatMap roster={roster.value} />}
        {tab === 'record' &&
          (record.value && plan ? (
            <RoomRecordPage plan={plan} record={record.value} offsetMs={offsetMs} />
          ) : (
            <p className="muted">{record.error ? record.error.message : t('roster.loading')}</p>
          ))}
      </div>
    </Dialog>
  );
}
