import { useEffect, useRef } from 'react';
import './badge-pin.css';
import type { BadgePin } from '../../../shared/staffing/proof-input';
import { identifyActor } from '../../../shared/staffing/who-acts';
import type { DayView } from '../api/api';
import { roomDisplayName } from '../format';
import { useRoleLabel, useT } from '../i18n/i18n';

export const NO_PROOF: BadgePin = { badgeCode: '', pin: '' };

/** Whether both parts are there to send; what they prove is the core's question. */
export const isProofGiven = (proof: BadgePin): boolean => proof.badgeCode.trim() !== '' && proof.pin !== '';

interface Props {
  /** What this person does, e.g. "批准人：本考场主监考（或主考、副主考）". */
  label: string;
  value: BadgePin;
  onChange: (proof: BadgePin) => void;
  day: DayView;
  testId: string;
  autoFocus?: boolean;
  /** Enter in the PIN field. */
  onSubmit?: () => void;
}

/**
 * The acting person's badge and PIN at the moment they approve or sign (issue 11 item 2). The badge
 * comes as the scanner's burst into the focused field (ending in Enter, which moves on to the PIN)
 * or typed; the name it belongs to is shown as read, so the wrong badge is seen before the PIN.
 * A new burst while the PIN field has the focus (another person steps up) goes to the badge field.
 * Who may approve, and whether the PIN is right, only the core decides.
 */
export function BadgePinFields({ label, value, onChange, day, testId, autoFocus = false, onSubmit }: Props) {
  const t = useT();
  const roleLabel = useRoleLabel();
  const badgeRef = useRef<HTMLInputElement>(null);
  const pinRef = useRef<HTMLInputElement>(null);
  /** The badge field is being given a scan that began in the PIN field: keep its first key. */
  const restarting = useRef(false);
  const cleared = value.badgeCode === '' && value.pin === '';
  useEffect(() => {
    // Cleared after a signature: the next person scans, so the badge field takes the focus back.
    if (cleared && document.activeElement === pinRef.current) badgeRef.current?.focus();
  }, [cleared]);
  const code = value.badgeCode.trim();
  const named = code === '' ? null : identifyActor(day.staff, { badgeCode: code });

  return (
    <fieldset className="proof-fields" data-testid={testId}>
      <legend>{label}</legend>
      <div className="proof-row">
        <input
          ref={badgeRef}
          className="proof-badge"
          aria-label={t('proof.badge')}
          value={value.badgeCode}
          placeholder={t('proof.badgePlaceholder')}
          autoFocus={autoFocus}
          autoComplete="off"
          spellCheck={false}
          data-testid={`${testId}-badge`}
          onChange={(e) => onChange({ ...value, badgeCode: e.target.value })}
          // A scan into a field already holding a badge replaces it.
          onFocus={(e) => {
            if (restarting.current) restarting.current = false;
            else e.target.select();
          }}
          onKeyDown={(e) => {
            if (e.key !== 'Enter') return;
            // The scanner's Enter ends the badge; it must not submit the form before the PIN.
            e.preventDefault();
            pinRef.current?.focus();
          }}
        />
        <input
          ref={pinRef}
          className="proof-pin"
          aria-label={t('proof.pin')}
          type="password"
          inputMode="numeric"
          autoComplete="off"
          maxLength={12}
          value={value.pin}
          placeholder={t('proof.pinPlaceholder')}
          data-testid={`${testId}-pin`}
          onChange={(e) => onChange({ ...value, pin: e.target.value.replace(/\D/g, '') })}
          onKeyDown={(e) => {
            if (e.key.length === 1 && !/\d/.test(e.key) && !e.ctrlKey && !e.metaKey) {
              // Not a PIN digit: a badge being scanned (KW-…). It starts the badge afresh.
              e.preventDefault();
              restarting.current = true;
              onChange({ badgeCode: e.key, pin: '' });
              badgeRef.current?.focus();
              return;
            }
            if (e.key !== 'Enter' || !onSubmit) return;
            e.preventDefault();
            onSubmit();
          }}
        />
      </div>
      {named && (
        <div className={named.ok ? 'proof-named' : 'proof-named proof-named-unknown'} data-testid={`${testId}-named`}>
          {named.ok
            ? t('proof.named', {
                name: named.staff.name,
                role: `${named.staff.roomNo === undefined ? '' : `${roomDisplayName(named.staff.roomNo, day.rooms, t)} `}${roleLabel(named.staff.role)}`,
              })
            : named.reason}
        </div>
      )}
    </fieldset>
  );
}
