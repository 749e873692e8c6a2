import { useState } from 'react';
import type { ApiResult } from '../../../shared/api/result';
import { useAction } from '../api/use-action';
import { Dialog } from '../components/Dialog';
import { useRefusalText, useT } from '../i18n/i18n';

/** Asks for the reason an act needs (停用 a device, 处理 a finding), sends it, and shows the core's refusal if any. */
export function ReasonDialog({
  title,
  hint,
  confirmLabel,
  testId,
  onSubmit,
  onClose,
}: {
  title: string;
  hint: string;
  confirmLabel: string;
  testId: string;
  onSubmit: (reason: string) => Promise<ApiResult<unknown>>;
  onClose: () => void;
}) {
  const t = useT();
  const [reason, setReason] = useState('');
  const refusalText = useRefusalText();
  const send = useAction(onSubmit);
  const error = send.error ? refusalText(send.error) : null;
  const busy = send.busy;
  const submit = async () => {
    const result = await send.run(reason.trim());
    if (result?.ok) onClose();
  };
  return (
    <Dialog title={title} onClose={onClose} closeLabel={t('sync.cancel')} testId={testId}>
      <p className="dialog-hint">{hint}</p>
      <textarea className="sync-reason" rows={3} maxLength={200} value={reason} autoFocus data-testid={`${testId}-reason`} onChange={(e) => setReason(e.target.value)} />
      {error && (
        <p className="dialog-error" role="alert">
          {error}
        </p>
      )}
      <div className="dialog-actions">
        <button type="button" className="sync-button" disabled={busy || reason.trim() === ''} data-testid={`${testId}-confirm`} onClick={() => void submit()}>
          {confirmLabel}
        </button>
      </div>
    </Dialog>
  );
}
