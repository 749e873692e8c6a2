import type { ReactNode } from 'react';

/**
 * A key fingerprint as two people compare it on two screens (the day package, the 同步包): large,
 * grouped, with what to do about it. `children` follow it (what the file holds, the buttons).
 */
export function FingerprintBox({
  label,
  fingerprint,
  note,
  ask = false,
  testId,
  boxTestId,
  children,
}: {
  label: string;
  fingerprint: string;
  note?: string;
  /** The note asks the person to compare before going on (emphasised), rather than just explaining. */
  ask?: boolean;
  testId: string;
  boxTestId?: string;
  children?: ReactNode;
}) {
  return (
    <div className="fingerprint-box" data-testid={boxTestId}>
      <span className="fingerprint-label">{label}</span>
      <span className="fingerprint mono" data-testid={testId}>
        {fingerprint}
      </span>
      {note && <p className={ask ? 'fingerprint-ask' : 'hint'}>{note}</p>}
      {children}
    </div>
  );
}
