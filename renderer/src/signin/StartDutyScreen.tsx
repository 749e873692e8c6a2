import { useState } from 'react';
import type { DayView } from '../api/api';
import { useT } from '../i18n/i18n';
import { BadgeSignIn } from './BadgeSignIn';
import { SetPinDialog } from './SetPinForm';
import type { DoorChoice, OfficeChoice } from '../state/ui-store';
import { DoorPairingBar } from '../sync/DoorPairing';

const OFFICE = '__office__';

/**
 * Before the doors open: which room this device guards (or the exam office), then who works it,
 * proven by badge and PIN (issue 11): nobody is chosen from a list any more.
 */
export function StartDutyScreen({
  day,
  onStart,
  onStartOffice,
  onSynced,
}: {
  day: DayView;
  onStart: (door: DoorChoice) => void;
  onStartOffice: (office: OfficeChoice) => void;
  /** After this door synced with its office: the day (plan, rooms, staff) may have arrived. */
  onSynced: () => void;
}) {
  const t = useT();
  const [roomNo, setRoomNo] = useState<string | null>(null);
  const [settingPin, setSettingPin] = useState(false);
  const isOffice = roomNo === OFFICE;

  return (
    <main className="setup">
      <h1 className="visually-hidden">{t('setup.title')}</h1>
      <DoorPairingBar staffId={null} quiet={day.plan !== null} onSynced={onSynced} />
      {day.plan === null && (
        <p className="notice" role="status" data-testid="no-plan">
          {t('setup.noPlan')}
        </p>
      )}
      <div className="setup-columns">
        <section className="setup-rooms" aria-labelledby="setup-step1">
          <h2 id="setup-step1" className="step-title">
            {t('setup.step1')}
          </h2>
          {day.rooms.length === 0 ? (
            <p className="muted">{t('setup.noRooms')}</p>
          ) : (
            <div className="room-grid">
              {/* First, not after a hundred rooms: there is one office and it is chosen once. */}
              <button
                type="button"
                className="choice room-choice office-choice"
                aria-pressed={isOffice}
                data-testid="office-option"
                onClick={() => setRoomNo(OFFICE)}
              >
                <span className="choice-title">{t('setup.office')}</span>
                <span className="choice-sub">{t('setup.officeSub')}</span>
              </button>
              {day.rooms.map((room) => (
                <button
                  key={room.roomNo}
                  type="button"
                  className="choice room-choice"
                  aria-pressed={roomNo === room.roomNo}
                  data-testid={`room-option-${room.roomNo}`}
                  onClick={() => setRoomNo(room.roomNo)}
                >
                  <span className="choice-title">{room.name}</span>
                  <span className="choice-sub">{room.location}</span>
                  <span className="choice-count">{t('setup.admitted', { admitted: room.admitted, expected: room.expected })}</span>
                </button>
              ))}
            </div>
          )}
        </section>
        <section className="setup-staff" aria-labelledby="setup-step2">
          <h2 id="setup-step2" className="step-title">
            {t('setup.step2')}
          </h2>
          {roomNo === null ? (
            <p className="muted">{t('setup.pickRoomFirst')}</p>
          ) : (
            <BadgeSignIn
              key={roomNo}
              day={day}
              {...(isOffice ? {} : { roomNo })}
              onSignedIn={({ staff }) => (isOffice ? onStartOffice({ staffId: staff.staffId }) : onStart({ roomNo, staffId: staff.staffId }))}
              footer={
                isOffice && (
                  <p className="signin-footer">
                    {t('signin.noPin')}{' '}
                    <button type="button" className="signin-link" data-testid="open-set-pin" onClick={() => setSettingPin(true)}>
                      {t('signin.setPinHere')}
                    </button>
                  </p>
                )
              }
            />
          )}
        </section>
      </div>
      {settingPin && <SetPinDialog day={day} onClose={() => setSettingPin(false)} />}
    </main>
  );
}
