import { useStopRehearsal } from '../api/api';
import { useAction } from '../api/use-action';
import { useDeviceClock, useRehearsal } from '../clock/device-clock';
import { useRefusalText, useT } from '../i18n/i18n';

/** On every screen while a rehearsal runs: nobody may mistake a training day for the real one. */
export function RehearsalBanner() {
  const t = useT();
  const rehearsal = useRehearsal();
  const refusalText = useRefusalText();
  const stopRehearsal = useAction(useStopRehearsal());
  const requestRefresh = useDeviceClock((s) => s.requestRefresh);
  const error = stopRehearsal.error ? refusalText(stopRehearsal.error) : null;
  if (!rehearsal) return null;
  return (
    <div className="rehearsal-banner" data-testid="rehearsal-banner" role="status">
      <span className="rehearsal-banner-text">{t('reh.banner', { speed: rehearsal.speed })}</span>
      {error && <span className="rehearsal-banner-error">{error}</span>}
      <button
        type="button"
        className="rehearsal-stop"
        data-testid="rehearsal-stop"
        disabled={stopRehearsal.busy}
        onClick={() => {
          void stopRehearsal.run(undefined).then((result) => {
            if (result?.ok) requestRefresh();
          });
        }}
      >
        {t('reh.stop')}
      </button>
    </div>
  );
}
