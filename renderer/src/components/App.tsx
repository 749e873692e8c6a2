import { useDay } from '../api/api';
import { useT } from '../i18n/i18n';
import { useUiStore } from '../state/ui-store';
import { DoorScreen } from './DoorScreen';
import { Header } from './Header';
import { SetupScreen } from './SetupScreen';

export function App() {
  const t = useT();
  const day = useDay();
  const storedDoor = useUiStore((s) => s.door);
  const startDoor = useUiStore((s) => s.startDoor);

  const value = day.value;
  // A remembered door counts only while the day still has that room and that person.
  const door =
    value && storedDoor && value.rooms.some((r) => r.roomNo === storedDoor.roomNo) && value.staff.some((s) => s.staffId === storedDoor.staffId)
      ? storedDoor
      : null;

  return (
    <div className="app">
      <Header day={value} door={door} />
      {value === undefined ? (
        <main className="center-message">
          {day.error ? (
            <div className="load-error" role="alert" data-testid="load-error">
              <h1>{t('app.loadFailed')}</h1>
              <p>{day.error.message}</p>
              <button type="button" className="start-button" onClick={day.refresh}>
                {t('app.retry')}
              </button>
            </div>
          ) : (
            <p className="muted">{t('app.loading')}</p>
          )}
        </main>
      ) : door ? (
        <DoorScreen key={`${door.roomNo}/${door.staffId}`} day={value} door={door} />
      ) : (
        <SetupScreen day={value} onStart={startDoor} />
      )}
    </div>
  );
}
