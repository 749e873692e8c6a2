import { useState } from 'react';
import { PIN_LENGTH, refusalEndsAttempt } from '../../../shared/staffing/pin';
import { identifyActor } from '../../../shared/staffing/who-acts';
import type { DayView } from '../api/api';
import { useAction } from '../api/use-action';
import { useRefusalText, useRoleLabel, useT } from '../i18n/i18n';
import { BadgeField } from './BadgeField';
import { PinPad } from './PinPad';
import { useSignIn, type SignedIn } from './signin-api';
import './signin.css';

type Staff = DayView['staff'][number];

/**
 * Signing in: the badge (scanner, camera or typed), then the PIN on a pad. The core checks the PIN
 * and writes the outcome; a refusal (wrong PIN with the tries left, locked, no PIN yet) is shown
 * as it says it. Used at setup, on the locked screen and nowhere else.
 */
export function BadgeSignIn({
  day,
  roomNo,
  onSignedIn,
  footer,
}: {
  day: DayView;
  /** The door's room, recorded with the sign-in; none at the office. */
  roomNo?: string;
  onSignedIn: (signedIn: SignedIn) => void;
  footer?: React.ReactNode;
}) {
  const t = useT();
  const refusalText = useRefusalText();
  const roleLabel = useRoleLabel();
  const signIn = useAction(useSignIn());
  const [person, setPerson] = useState<{ badgeCode: string; staff: Staff } | null>(null);
  const [pin, setPin] = useState('');
  const busy = signIn.busy;
  const message = signIn.error ? refusalText(signIn.error) : null;

  const takeBadge = (code: string): void => {
    const who = identifyActor(day.staff, { badgeCode: code });
    if (!who.ok) {
      signIn.complain(refusalText({ message: who.reason, refusal: who.refusal }));
      return;
    }
    signIn.reset();
    setPin('');
    setPerson({ badgeCode: code.trim().toUpperCase(), staff: who.staff });
  };

  const submit = async (typed: string): Promise<void> => {
    if (!person || busy || typed.length !== PIN_LENGTH) return;
    const answer = await signIn.run({ badgeCode: person.badgeCode, pin: typed, ...(roomNo === undefined ? {} : { roomNo }) });
    if (answer === undefined) return;
    setPin('');
    if (answer.ok) {
      onSignedIn(answer.value);
      return;
    }
    // A locked badge or one without a PIN cannot go on here: the pad gives way to the next badge.
    if (refusalEndsAttempt(answer.error.message)) setPerson(null);
  };

  return (
    <div className="signin" data-testid="signin" data-step={person ? 'pin' : 'badge'}>
      {person === null ? (
        <>
          <p className="signin-prompt">{t('signin.badgePrompt')}</p>
          <p className="signin-hint">{t('signin.badgeHint')}</p>
          <BadgeField onBadge={takeBadge} />
        </>
      ) : (
        <>
          <p className="signin-person" data-testid="signin-person" data-staff={person.staff.staffId}>
            {t('signin.pinFor', { name: person.staff.name, role: roleLabel(person.staff.role) })}
          </p>
          <p className="signin-prompt">{t('signin.pinPrompt')}</p>
          <PinPad value={pin} onChange={setPin} onComplete={(p) => void submit(p)} disabled={busy}>
            {message && (
              <p className="signin-message" role="alert" data-testid="signin-message">
                {message}
              </p>
            )}
            <div className="signin-actions">
              <button type="button" className="signin-secondary" data-testid="signin-other-badge" onClick={() => { setPerson(null); signIn.reset(); setPin(''); }}>
                {t('signin.otherBadge')}
              </button>
              <button type="button" className="start-button" data-testid="signin-submit" disabled={busy || pin.length !== PIN_LENGTH} onClick={() => void submit(pin)}>
                {busy ? t('signin.checking') : t('signin.submit')}
              </button>
            </div>
          </PinPad>
        </>
      )}
      {person === null && message && (
        <p className="signin-message" role="alert" data-testid="signin-message">
          {message}
        </p>
      )}
      {footer}
    </div>
  );
}
