import { useState } from 'react';
import type { DayView } from '../api/api';
import { useAction } from '../api/use-action';
import { useRefusalText, useT } from '../i18n/i18n';
import { PairingOfferDialog } from './PairingOfferDialog';
import { useCreatePairingOffer, type PairingOffer, type SyncStatus } from './sync-api';

/** 添加设备: a name and the room its door guards, then a one-time code for that door to type or scan. */
export function AddDevicePanel({ status, day, actorStaffId }: { status: SyncStatus; day: DayView; actorStaffId: string }) {
  const t = useT();
  const refusalText = useRefusalText();
  const createOffer = useAction(useCreatePairingOffer());
  const [roomNo, setRoomNo] = useState<string | null>(null);
  const [name, setName] = useState('');
  const error = createOffer.error ? refusalText(createOffer.error) : null;
  const [offer, setOffer] = useState<{ offer: PairingOffer; deviceName: string; knownDevices: string[] } | null>(null);
  const listening = status.listener !== null;

  const chooseRoom = (no: string | null) => {
    const room = day.rooms.find((r) => r.roomNo === no);
    setRoomNo(no);
    setName(room ? t('sync.doorName', { room: room.name }) : '');
  };

  const submit = async () => {
    const deviceName = name.trim();
    const result = await createOffer.run({ deviceName, ...(roomNo ? { roomNo } : {}), actorStaffId });
    if (!result?.ok) return;
    setOffer({ offer: result.value, deviceName, knownDevices: status.devices.map((d) => d.deviceId) });
  };

  return (
    <section className="sync-panel" aria-labelledby="sync-add-title" data-testid="sync-add-device">
      <h2 id="sync-add-title" className="sync-panel-title">
        {t('sync.addTitle')}
      </h2>
      {!listening && <p className="sync-hint">{t('sync.addNeedsListener')}</p>}
      <div className="sync-label">{t('sync.room')}</div>
      <div className="sync-rooms" role="group" aria-label={t('sync.room')}>
        {day.rooms.map((room) => (
          <button
            key={room.roomNo}
            type="button"
            className="choice sync-room"
            aria-pressed={roomNo === room.roomNo}
            data-testid={`sync-room-${room.roomNo}`}
            onClick={() => chooseRoom(room.roomNo)}
          >
            {room.name}
          </button>
        ))}
        <button type="button" className="choice sync-room" aria-pressed={roomNo === null && name !== ''} data-testid="sync-room-none" onClick={() => chooseRoom(null)}>
          {t('sync.noRoom')}
        </button>
      </div>
      <div className="sync-row">
        <label className="sync-field sync-field-grow">
          <span>{t('sync.deviceName')}</span>
          <input value={name} maxLength={40} placeholder={t('sync.deviceNameHint')} data-testid="sync-device-name" onChange={(e) => setName(e.target.value)} />
        </label>
        <button type="button" className="sync-button" disabled={createOffer.busy || !listening || name.trim() === ''} data-testid="sync-create-offer" onClick={() => void submit()}>
          {t('sync.createOffer')}
        </button>
      </div>
      {error && (
        <p className="sync-error" role="alert" data-testid="sync-offer-error">
          {error}
        </p>
      )}
      {offer && (
        <PairingOfferDialog
          offer={offer.offer}
          deviceName={offer.deviceName}
          paired={status.devices.find((d) => d.name === offer.deviceName && !offer.knownDevices.includes(d.deviceId)) ?? null}
          onClose={() => setOffer(null)}
        />
      )}
    </section>
  );
}
