import { useEffect, useRef, type ReactNode } from 'react';
import { PIN_LENGTH } from '../../../shared/staffing/pin';
import { useT } from '../i18n/i18n';

const KEYS = ['1', '2', '3', '4', '5', '6', '7', '8', '9'] as const;

/**
 * Six masked digits, typed on the keyboard or touched on large keys. The field is a real password
 * input, so the scanner's burst detector leaves the typing alone and nothing echoes the digits.
 * `onComplete` fires once the sixth digit is in.
 */
export function PinPad({
  value,
  onChange,
  onComplete,
  disabled = false,
  testId = 'pin',
  label,
  autoFocus = true,
  layout = 'beside',
  children,
}: {
  value: string;
  onChange: (pin: string) => void;
  onComplete?: (pin: string) => void;
  disabled?: boolean;
  testId?: string;
  label?: string;
  /** Off where another field comes first (the examiner's badge, the second of two pads). */
  autoFocus?: boolean;
  /** Keys beside the dots (one pad on a 768 px screen) or below them (two pads side by side). */
  layout?: 'beside' | 'below';
  /** Shown under the dots, beside the keys (the message, the buttons), so the pad fits a 768 px screen. */
  children?: ReactNode;
}) {
  const t = useT();
  const input = useRef<HTMLInputElement>(null);
  useEffect(() => {
    if (!disabled && autoFocus) input.current?.focus();
  }, [disabled, autoFocus]);

  const set = (next: string): void => {
    const digits = next.replace(/\D/g, '').slice(0, PIN_LENGTH);
    onChange(digits);
    if (digits.length === PIN_LENGTH && onComplete) onComplete(digits);
  };

  return (
    <div className={`pin-pad pin-pad-${layout}`} data-testid={`${testId}-pad`}>
      <div className="pin-side">
        <label className="pin-field">
          <span className="visually-hidden">{label ?? t('signin.pinLabel')}</span>
          <input
            ref={input}
            type="password"
            inputMode="numeric"
            autoComplete="off"
            maxLength={PIN_LENGTH}
            className="pin-input"
            value={value}
            disabled={disabled}
            aria-label={label ?? t('signin.pinLabel')}
            data-testid={`${testId}-input`}
            onChange={(e) => set(e.target.value)}
          />
          <span className="pin-dots" aria-hidden="true">
            {Array.from({ length: PIN_LENGTH }, (_, i) => (
              <span key={i} className={`pin-dot${i < value.length ? ' pin-dot-filled' : ''}`} />
            ))}
          </span>
        </label>
        {children}
      </div>
      <div className="pin-keys">
        {KEYS.map((k) => (
          <button key={k} type="button" className="pin-key" disabled={disabled} data-testid={`${testId}-key-${k}`} onClick={() => set(value + k)}>
            {k}
          </button>
        ))}
        <button type="button" className="pin-key pin-key-text" disabled={disabled} data-testid={`${testId}-clear`} onClick={() => set('')}>
          {t('signin.clear')}
        </button>
        <button type="button" className="pin-key" disabled={disabled} data-testid={`${testId}-key-0`} onClick={() => set(`${value}0`)}>
          0
        </button>
        <button type="button" className="pin-key pin-key-text" disabled={disabled} data-testid={`${testId}-backspace`} onClick={() => set(value.slice(0, -1))}>
          {t('signin.backspace')}
        </button>
      </div>
    </div>
  );
}
