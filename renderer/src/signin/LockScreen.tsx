import type { DayView } from '../api/api';
import { roomDisplayName } from '../format';
import { useRoleLabel, useT } from '../i18n/i18n';
import type { DoorChoice, ScreenLock } from '../state/ui-store';
import { BadgeSignIn } from './BadgeSignIn';
import type { SignedIn } from './signin-api';

/**
 * The door's screen while locked (quiet too long, or 锁屏/换人): who was on duty, and the way back —
 * badge and PIN, by the same person (resume) or the next one (a new sign-in at this door).
 */
export function LockScreen({
  day,
  door,
  lock,
  quietMinutes,
  onSignedIn,
}: {
  day: DayView;
  door: DoorChoice;
  lock: ScreenLock;
  quietMinutes: number;
  onSignedIn: (signedIn: SignedIn) => void;
}) {
  const t = useT();
  const roleLabel = useRoleLabel();
  const staff = day.staff.find((s) => s.staffId === door.staffId);
  return (
    <main className="lock-screen" data-testid="lock-screen" data-reason={lock.reason}>
      <section className="lock-panel">
        <h1 className="lock-title">{t('lock.title')}</h1>
        <p className="lock-room">{roomDisplayName(door.roomNo, day.rooms, t)}</p>
        {staff && (
          <p className="lock-who" data-testid="lock-who">
            {t('lock.onDuty', { name: staff.name, role: roleLabel(staff.role) })}
          </p>
        )}
        <p className="lock-reason">{lock.reason === 'idle' ? t('lock.idle', { minutes: quietMinutes }) : t('lock.manual')}</p>
        <p className="lock-resume">{t('lock.resume')}</p>
      </section>
      <section className="lock-signin">
        <BadgeSignIn day={day} roomNo={door.roomNo} onSignedIn={onSignedIn} />
      </section>
    </main>
  );
}
