import { useState, type FormEvent } from 'react';
import { useT } from '../i18n/i18n';

/**
 * The 主考's badge and PIN for one action (as unlockBadge asks them). The PIN leaves this form only
 * in the call; the form forgets both once sent.
 */
export function ExaminerProof({ submitLabel, busy, onProof, testId }: { submitLabel: string; busy: boolean; onProof: (badgeCode: string, pin: string) => void; testId: string }) {
  const t = useT();
  const [badgeCode, setBadgeCode] = useState('');
  const [pin, setPin] = useState('');
  const submit = (event: FormEvent) => {
    event.preventDefault();
    if (badgeCode.trim() === '' || pin === '') return;
    onProof(badgeCode.trim(), pin);
    setPin('');
  };
  return (
    <form className="examiner-proof" onSubmit={submit} data-testid={testId}>
      <label>
        {t('privacy.examinerBadge')}
        <input value={badgeCode} onChange={(e) => setBadgeCode(e.target.value)} autoComplete="off" spellCheck={false} maxLength={64} placeholder="KW-…" data-testid={`${testId}-badge`} />
      </label>
      <label>
        {t('privacy.examinerPin')}
        <input type="password" inputMode="numeric" value={pin} onChange={(e) => setPin(e.target.value)} autoComplete="off" maxLength={12} data-testid={`${testId}-pin`} />
      </label>
      <button type="submit" className="primary-button" disabled={busy || badgeCode.trim() === '' || pin === ''} data-testid={`${testId}-submit`}>
        {submitLabel}
      </button>
    </form>
  );
}
