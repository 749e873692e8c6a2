import { useEffect, type ReactNode } from 'react';

/**
 * A modal panel over the screen: big title, one close button, Escape closes. Used for the clock
 * check, the confirmation picker, the exam rules and the rehearsal settings.
 */
export function Dialog({
  title,
  onClose,
  closeLabel,
  testId,
  wide = false,
  children,
}: {
  title: string;
  onClose: () => void;
  closeLabel: string;
  testId: string;
  wide?: boolean;
  children: ReactNode;
}) {
  useEffect(() => {
    const onKey = (event: KeyboardEvent) => {
      if (event.key === 'Escape') onClose();
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, [onClose]);
  return (
    <div className="dialog-backdrop" role="presentation">
      <section className={`dialog${wide ? ' dialog-wide' : ''}`} role="dialog" aria-modal="true" aria-label={title} data-testid={testId}>
        <div className="dialog-head">
          <h2 className="dialog-title">{title}</h2>
          <button type="button" className="dialog-close" data-testid={`${testId}-close`} onClick={onClose}>
            {closeLabel}
          </button>
        </div>
        <div className="dialog-body">{children}</div>
      </section>
    </div>
  );
}
