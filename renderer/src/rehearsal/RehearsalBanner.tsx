import { useState } from 'react';
import { useStopRehearsal } from '../api/api';
import { useDeviceClock, useRehearsal } from '../clock/device-clock';
import { useT } from '../i18n/i18n';

/** On every screen while a rehearsal runs: nobody may mistake a training day for the real one. */
export function RehearsalBanner() {
  const t = useT();
  const rehearsal = useRehearsal();
  const stopRehearsal = useStopRehearsal();
  const requestRefresh = useDeviceClock((s) => s.requestRefresh);
  const [error, setError] = useState<string | null>(null);
  if (!rehearsal) return null;
  return (
    <div className="rehearsal-banner" data-testid="rehearsal-banner" role="status">
      <span className="rehearsal-banner-text">{t('reh.banner', { speed: rehearsal.speed })}</span>
      {error && <span className="rehearsal-banner-error">{error}</span>}
      <button
        type="button"
        className="rehearsal-stop"
        data-testid="rehearsal-stop"
        onClick={() => {
          void stopRehearsal().then((result) => {
            if (result.ok) requestRefresh();
            else setError(result.error.message);
          });
        }}
      >
        {t('reh.stop')}
      </button>
    </div>
  );
}
