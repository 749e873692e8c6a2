import { useState } from 'react';
import { useAction } from '../api/use-action';
import { useRefusalText, useT } from '../i18n/i18n';
import { ExaminerProof } from './ExaminerProof';
import { useRevealIdNumber } from './privacy-api';
import './privacy.css';

/**
 * 查找考生: lists show the last four digits only; the 主考 may have one candidate's full number shown
 * with badge and PIN, and the core records that it was shown ('id-number.revealed') before answering.
 */
export function RevealIdNumber({ ticketNo }: { ticketNo: string }) {
  const t = useT();
  const refusalText = useRefusalText();
  const reveal = useAction(useRevealIdNumber());
  const [open, setOpen] = useState(false);
  const busy = reveal.busy;
  const [shown, setShown] = useState<string | null>(null);
  const error = reveal.error ? refusalText(reveal.error) : null;
  if (shown) {
    return (
      <div className="reveal-id" data-testid="reveal-id-shown">
        <span className="reveal-id-number">{shown}</span>
        <span className="reveal-id-note">{t('privacy.revealRecorded')}</span>
        <button type="button" className="link-button" onClick={() => setShown(null)}>
          {t('privacy.revealHide')}
        </button>
      </div>
    );
  }
  if (!open) {
    return (
      <button type="button" className="link-button reveal-id-open" onClick={() => setOpen(true)} data-testid="reveal-id-open">
        {t('privacy.revealOpen')}
      </button>
    );
  }
  return (
    <div className="reveal-id">
      <p className="reveal-id-note">{t('privacy.revealHint')}</p>
      <ExaminerProof
        submitLabel={busy ? '…' : t('privacy.revealSubmit')}
        busy={busy}
        testId="reveal-id"
        onProof={(examinerBadgeCode, examinerPin) => {
          void reveal.run({ ticketNo, examinerBadgeCode, examinerPin }).then((result) => {
            if (result?.ok) setShown(result.value.idNumber);
          });
        }}
      />
      {error && <div className="admit-error" data-testid="reveal-id-error">{error}</div>}
    </div>
  );
}
