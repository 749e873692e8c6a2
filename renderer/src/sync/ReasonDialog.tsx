import { useState } from 'react';
import type { ApiResult } from '../../../shared/api/result';
import type { BadgePin } from '../../../shared/staffing/proof-input';
import { useDay } from '../api/api';
import { useAction } from '../api/use-action';
import { Dialog } from '../components/Dialog';
import { useRefusalText, useT } from '../i18n/i18n';
import { BadgePinFields, isProofGiven, NO_PROOF } from '../signin/BadgePinFields';

/**
 * Asks for the reason an act needs (停用 a device, 处理 a finding) and the 主考's (or 副主考's) badge
 * and PIN at that moment, sends them, and shows the core's refusal if any (the PIN is typed again).
 */
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
  onSubmit: (reason: string, examiner: BadgePin) => Promise<ApiResult<unknown>>;
  onClose: () => void;
}) {
  const t = useT();
  const refusalText = useRefusalText();
  const day = useDay();
  const [reason, setReason] = useState('');
  const [examiner, setExaminer] = useState(NO_PROOF);
  const send = useAction((input: { reason: string; examiner: BadgePin }) => onSubmit(input.reason, input.examiner));
  const error = send.error ? refusalText(send.error) : null;
  const submit = async () => {
    const result = await send.run({ reason: reason.trim(), examiner });
    if (result?.ok) onClose();
    else if (result) setExaminer((e) => ({ ...e, pin: '' }));
  };
  return (
    <Dialog title={title} onClose={onClose} closeLabel={t('sync.cancel')} testId={testId}>
      <p className="dialog-hint">{hint}</p>
      <textarea className="sync-reason" rows={3} maxLength={200} value={reason} autoFocus data-testid={`${testId}-reason`} onChange={(e) => setReason(e.target.value)} />
      {day.value && (
        <BadgePinFields label={t('sync.examinerProof')} value={examiner} onChange={setExaminer} day={day.value} testId={`${testId}-proof`} onSubmit={() => void submit()} />
      )}
      {error && (
        <p className="dialog-error" role="alert">
          {error}
        </p>
      )}
      <div className="dialog-actions">
        <button type="button" className="sync-button" disabled={send.busy || reason.trim() === '' || !isProofGiven(examiner)} data-testid={`${testId}-confirm`} onClick={() => void submit()}>
          {confirmLabel}
        </button>
      </div>
    </Dialog>
  );
}
