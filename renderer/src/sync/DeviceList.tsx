import { useState } from 'react';
import type { DayView } from '../api/api';
import { roomDisplayName } from '../format';
import { useT } from '../i18n/i18n';
import { ReasonDialog } from './ReasonDialog';
import { useRevokeDevice, type SyncDevice, type SyncStatus } from './sync-api';
import { syncTime } from './sync-view';

/** The devices this office paired: name, room, key fingerprint, last sync and error, and 停用 with a reason. */
export function DeviceList({ status, day, onChanged }: { status: SyncStatus; day: DayView; onChanged: () => void }) {
  const t = useT();
  const revoke = useRevokeDevice();
  const [revoking, setRevoking] = useState<SyncDevice | null>(null);
  const devices = [...status.devices].sort((a, b) => Number(a.revoked) - Number(b.revoked) || (a.roomNo ?? '').localeCompare(b.roomNo ?? '') || a.name.localeCompare(b.name));
  return (
    <section className="sync-panel" aria-labelledby="sync-devices-title" data-testid="sync-devices">
      <h2 id="sync-devices-title" className="sync-panel-title">
        {t('sync.devicesTitle')} <span className="sync-count">{status.devices.filter((d) => !d.revoked).length}</span>
      </h2>
      {devices.length === 0 ? (
        <p className="muted">{t('sync.noDevices')}</p>
      ) : (
        <ul className="sync-list">
          {devices.map((d) => (
            <li key={d.deviceId} className={`sync-device${d.revoked ? ' sync-device-revoked' : ''}`} data-testid={`sync-device-${d.deviceId}`} data-name={d.name} data-revoked={d.revoked}>
              <div className="sync-device-main">
                <div className="sync-device-name">
                  {d.name}
                  {d.roomNo !== null && <span className="sync-device-room">{roomDisplayName(d.roomNo, day.rooms, t)}</span>}
                </div>
                <div className="sync-device-key" title={t('sync.keyFingerprint')}>
                  {t('sync.keyShort')} <code>{d.fingerprint}</code>
                </div>
                {d.lastError && !d.revoked && <div className="sync-device-error">{d.lastError}</div>}
              </div>
              <div className="sync-device-side">
                <div className="sync-device-time" data-testid="device-last-sync">
                  {d.lastSyncAt ? t('sync.lastSyncShort', { time: syncTime(d.lastSyncAt) ?? '' }) : t('sync.neverSynced')}
                </div>
                {d.revoked ? (
                  <span className="sync-badge sync-badge-revoked">{t('sync.revoked')}</span>
                ) : (
                  <button type="button" className="sync-button sync-button-small sync-button-danger" data-testid="device-revoke" onClick={() => setRevoking(d)}>
                    {t('sync.revoke')}
                  </button>
                )}
              </div>
            </li>
          ))}
        </ul>
      )}
      {revoking && (
        <ReasonDialog
          title={t('sync.revokeTitle', { name: revoking.name })}
          hint={t('sync.revokeHint')}
          confirmLabel={t('sync.revokeConfirm')}
          testId="revoke-dialog"
          onSubmit={async (reason, examiner) => {
            const result = await revoke({ deviceId: revoking.deviceId, reason, examiner });
            onChanged();
            return result;
          }}
          onClose={() => setRevoking(null)}
        />
      )}
    </section>
  );
}
