import { useState } from 'react';
import { useAction } from '../api/use-action';
import { useRefusalText, useT } from '../i18n/i18n';
import { ExaminerProof } from './ExaminerProof';
import { usePurgePersonalData } from './privacy-api';
import './privacy.css';

/**
 * 清除本机个人信息 (issue 11 item 5), on a door laptop after the day: once the office (or the
 * center) has signed a receipt for everything this device recorded, the 主考 removes the photos and
 * full ID numbers in one action. The core refuses, with the reason, until the receipt covers it.
 */
export function PurgeSection({ onPurged }: { onPurged: () => void }) {
  const t = useT();
  const refusalText = useRefusalText();
  const purge = useAction(usePurgePersonalData());
  const busy = purge.busy;
  const [doneText, setDoneText] = useState<string | null>(null);
  const outcome = purge.error ? { ok: false, text: refusalText(purge.error) } : doneText !== null ? { ok: true, text: doneText } : null;
  return (
    <section className="package-card purge-section" data-testid="purge-section">
      <h2>{t('privacy.purgeTitle')}</h2>
      <p className="hint">{t('privacy.purgeHint')}</p>
      <ExaminerProof
        submitLabel={busy ? '…' : t('privacy.purgeSubmit')}
        busy={busy}
        testId="purge"
        onProof={(examinerBadgeCode, examinerPin) => {
          setDoneText(null);
          void purge.run({ examinerBadgeCode, examinerPin }).then((result) => {
            if (!result?.ok) return;
            setDoneText(t('privacy.purgeDone', { events: result.value.eventsRedacted, photos: result.value.photosRemoved }));
            onPurged();
          });
        }}
      />
      {outcome && (
        <p className={outcome.ok ? 'purge-done' : 'admit-error'} data-testid="purge-outcome" role="status">
          {outcome.text}
        </p>
      )}
    </section>
  );
}
