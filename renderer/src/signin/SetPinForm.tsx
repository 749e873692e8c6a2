import { useState } from 'react';
import { refusalZh } from '../../../shared/api/refusal';
import { newPinRefusalCoded } from '../../../shared/staffing/pin';
import { identifyActor } from '../../../shared/staffing/who-acts';
import type { DayView } from '../api/api';
import { useAction } from '../api/use-action';
import { Dialog } from '../components/Dialog';
import { useRefusalText, useRoleLabel, useT } from '../i18n/i18n';
import { BadgeField } from './BadgeField';
import { PinPad } from './PinPad';
import { usePinStatus, useSetPin } from './signin-api';
import './signin.css';

type Staff = DayView['staff'][number];

/**
 * 设置 PIN at the briefing (S−55, badges handed out): the person scans their badge and types the PIN
 * twice. When the list says the badge already has one, the 主考 or 副主考 confirms with their own
 * badge code and PIN; the core decides either way, and its refusal is shown as it says it.
 */
export function SetPinForm({
  day,
  hasPin,
  onSaved,
  scannerEnabled = true,
}: {
  day: DayView;
  hasPin: (staffId: string) => boolean;
  onSaved?: () => void;
  /** Off while a dialog above takes the scans (the 主考's badge for an unlock). */
  scannerEnabled?: boolean;
}) {
  const t = useT();
  const refusalText = useRefusalText();
  const roleLabel = useRoleLabel();
  const setPin = useAction(useSetPin());
  const [person, setPerson] = useState<{ badgeCode: string; staff: Staff } | null>(null);
  const [pin, setPinValue] = useState('');
  const [repeat, setRepeat] = useState('');
  const [examinerBadge, setExaminerBadge] = useState('');
  const [examinerPin, setExaminerPin] = useState('');
  const [saved, setSaved] = useState<string | null>(null);
  const outcome = setPin.error ? { ok: false, text: refusalText(setPin.error) } : saved !== null ? { ok: true, text: saved } : null;
  const busy = setPin.busy;

  const takeBadge = (code: string): void => {
    const who = identifyActor(day.staff, { badgeCode: code });
    setSaved(null);
    if (who.ok) setPin.reset();
    else {
      setPin.complain(refusalText({ message: who.reason, refusal: who.refusal }));
      return;
    }
    setPerson({ badgeCode: code.trim().toUpperCase(), staff: who.staff });
    setPinValue('');
    setRepeat('');
  };

  const reset = person !== null && hasPin(person.staff.staffId);
  const save = async (): Promise<void> => {
    if (!person) return;
    const local = newPinRefusalCoded(pin, repeat);
    if (local) {
      setPin.complain(refusalText({ message: refusalZh(local), refusal: local }));
      return;
    }
    const answer = await setPin.run({
      badgeCode: person.badgeCode,
      pin,
      pinRepeat: repeat,
      ...(reset ? { examinerBadgeCode: examinerBadge.trim(), examinerPin } : {}),
    });
    if (!answer?.ok) return;
    setSaved(t('pins.saved', { name: answer.value.name }));
    setPerson(null);
    setPinValue('');
    setRepeat('');
    setExaminerPin('');
    onSaved?.();
  };

  return (
    <div className="set-pin" data-testid="set-pin">
      <p className="signin-hint">{t('pins.setHint')}</p>
      {outcome && (
        <p className={`signin-message${outcome.ok ? ' signin-message-ok' : ''}`} role={outcome.ok ? 'status' : 'alert'} data-testid="set-pin-outcome" data-ok={outcome.ok}>
          {outcome.text}
        </p>
      )}
      {person === null ? (
        <>
          <p className="signin-prompt">{t('signin.badgePrompt')}</p>
          <BadgeField onBadge={takeBadge} testId="set-pin-badge" scannerEnabled={scannerEnabled} />
        </>
      ) : (
        <>
          <p className="signin-person" data-testid="set-pin-person">
            {t('signin.pinFor', { name: person.staff.name, role: roleLabel(person.staff.role) })}
          </p>
          <div className="set-pin-pads">
            <div>
              <p className="set-pin-label">{t('pins.pin')}</p>
              <PinPad value={pin} onChange={setPinValue} testId="set-pin-new" label={t('pins.pin')} layout="below" />
            </div>
            <div>
              <p className="set-pin-label">{t('pins.pinRepeat')}</p>
              <PinPad value={repeat} onChange={setRepeat} testId="set-pin-repeat" label={t('pins.pinRepeat')} autoFocus={false} layout="below" />
            </div>
          </div>
          {reset && (
            <fieldset className="set-pin-examiner" data-testid="set-pin-examiner">
              <legend>{t('pins.examinerTitle')}</legend>
              <label>
                {t('pins.examinerBadge')}
                <input value={examinerBadge} autoComplete="off" data-testid="set-pin-examiner-badge" onChange={(e) => setExaminerBadge(e.target.value)} />
              </label>
              <label>
                {t('pins.examinerPin')}
                <input type="password" inputMode="numeric" autoComplete="off" value={examinerPin} data-testid="set-pin-examiner-pin" onChange={(e) => setExaminerPin(e.target.value.replace(/\D/g, '').slice(0, 6))} />
              </label>
            </fieldset>
          )}
          <div className="signin-actions">
            <button type="button" className="signin-secondary" onClick={() => setPerson(null)}>
              {t('signin.otherBadge')}
            </button>
            <button type="button" className="start-button" data-testid="set-pin-save" disabled={busy} onClick={() => void save()}>
              {t('pins.save')}
            </button>
          </div>
        </>
      )}
    </div>
  );
}

/** The same form in a dialog, for the setup screen before anyone has signed in at the office. */
export function SetPinDialog({ day, onClose }: { day: DayView; onClose: () => void }) {
  const t = useT();
  const pins = usePinStatus();
  const hasPin = (staffId: string): boolean => pins.value?.staff.some((s) => s.staffId === staffId && s.hasPin) ?? false;
  return (
    <Dialog title={t('pins.setTitle')} onClose={onClose} closeLabel={t('pins.close')} testId="set-pin-dialog" wide>
      <SetPinForm day={day} hasPin={hasPin} onSaved={pins.refresh} />
    </Dialog>
  );
}
