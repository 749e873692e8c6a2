import { useState, type FormEvent } from 'react';
import './passphrase.css';

/**
 * The passphrase a sealed file was exported with (shared/sync/sealed-file.ts), as the exporting
 * screen shows it: large, with a copy button. It exists only here and in the person's head; nothing
 * stores it.
 */
export function PassphraseBox({
  label,
  passphrase,
  note,
  copyLabel,
  copiedLabel,
  testId,
}: {
  label: string;
  passphrase: string;
  note: string;
  copyLabel: string;
  copiedLabel: string;
  testId: string;
}) {
  const [copied, setCopied] = useState(false);
  const copy = () => {
    void navigator.clipboard?.writeText(passphrase).then(
      () => setCopied(true),
      () => setCopied(false),
    );
  };
  return (
    <div className="fingerprint-box">
      <span className="fingerprint-label">{label}</span>
      <div className="passphrase-row">
        <span className="passphrase" data-testid={testId}>
          {passphrase}
        </span>
        <button type="button" className="secondary-button" onClick={copy} data-testid={`${testId}-copy`}>
          {copied ? copiedLabel : copyLabel}
        </button>
      </div>
      <p className="fingerprint-ask">{note}</p>
    </div>
  );
}

/** Asks for the passphrase of a chosen sealed file before anything in it is shown. */
export function PassphraseAsk({
  fileName,
  label,
  openLabel,
  busy,
  onOpen,
  testId,
}: {
  fileName: string;
  label: string;
  openLabel: string;
  busy: boolean;
  onOpen: (passphrase: string) => void;
  testId: string;
}) {
  const [typed, setTyped] = useState('');
  const submit = (event: FormEvent) => {
    event.preventDefault();
    if (typed.trim() !== '') onOpen(typed);
  };
  return (
    <form className="fingerprint-box passphrase-ask" onSubmit={submit}>
      <span className="fingerprint-label">{fileName}</span>
      <label>
        {label}
        <input
          className="passphrase-input"
          value={typed}
          onChange={(e) => setTyped(e.target.value)}
          maxLength={64}
          autoComplete="off"
          spellCheck={false}
          autoFocus
          placeholder="XXXX-XXXX-XXXX-XXXX"
          data-testid={`${testId}-input`}
        />
      </label>
      <div className="form-actions">
        <button type="submit" className="primary-button" disabled={busy || typed.trim() === ''} data-testid={`${testId}-open`}>
          {openLabel}
        </button>
      </div>
    </form>
  );
}
