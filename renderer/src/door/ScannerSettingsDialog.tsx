import { useState } from 'react';
import { maskIdNumber } from '../../../shared/id/id-number';
import { Dialog } from '../components/Dialog';
import { useT } from '../i18n/i18n';
import { INTER_KEY_CHOICES_MS } from '../scanner/burst-detector';
import { useScannerStore } from '../scanner/scanner-store';
import { useScanner } from '../scanner/use-scanner';

/**
 * 扫码枪设置: how far apart a scanner's keys may come. While it is open a scan is only shown here
 * (never checked in), so the proctor can try the setting with a 准考证 in hand.
 */
export function ScannerSettingsDialog({ onClose }: { onClose: () => void }) {
  const t = useT();
  const maxInterKeyMs = useScannerStore((s) => s.maxInterKeyMs);
  const setMaxInterKeyMs = useScannerStore((s) => s.setMaxInterKeyMs);
  const [lastTest, setLastTest] = useState<string | null>(null);
  // An ID number is shown masked here as everywhere.
  useScanner((text) => setLastTest(text.length >= 15 ? maskIdNumber(text) : text), { maxInterKeyMs });

  return (
    <Dialog title={t('scanner.title')} onClose={onClose} closeLabel={t('scanner.close')} testId="scanner-settings">
      <p className="scanner-settings-hint">{t('scanner.hint')}</p>
      <fieldset className="scanner-choices">
        <legend>{t('scanner.interKey')}</legend>
        {INTER_KEY_CHOICES_MS.map((ms) => (
          <label key={ms} className="scanner-choice">
            <input
              type="radio"
              name="inter-key"
              value={ms}
              checked={maxInterKeyMs === ms}
              data-testid={`scanner-interkey-${ms}`}
              onChange={() => setMaxInterKeyMs(ms)}
            />
            <span>{t('scanner.ms', { ms })}</span>
            {ms === 80 && <span className="scanner-default">{t('scanner.default')}</span>}
          </label>
        ))}
      </fieldset>
      <p className="scanner-settings-hint">{t('scanner.suffixes')}</p>
      <div className="scanner-test" data-testid="scanner-test">
        {lastTest === null ? t('scanner.testPrompt') : t('scanner.testResult', { text: lastTest })}
      </div>
    </Dialog>
  );
}
