import { useState } from 'react';
import { CameraScanner } from '../camera/CameraScanner';
import { useT } from '../i18n/i18n';
import { useScanner } from '../scanner/use-scanner';

const QR_ONLY = ['qr-code', 'code-128'] as const;

/**
 * A badge from the scanner burst (anywhere on the screen), the camera, or typed: each hands the
 * code to `onBadge` as read. Who it names is the caller's question (shared identifyActor).
 */
export function BadgeField({ onBadge, testId = 'badge', scannerEnabled = true }: { onBadge: (code: string) => void; testId?: string; scannerEnabled?: boolean }) {
  const t = useT();
  const [typed, setTyped] = useState('');
  const [camera, setCamera] = useState(false);
  useScanner((text) => onBadge(text), { enabled: scannerEnabled && !camera });

  return (
    <div className="badge-field" data-testid={`${testId}-field`}>
      <form
        className="badge-typed"
        onSubmit={(e) => {
          e.preventDefault();
          if (typed.trim() !== '') onBadge(typed.trim());
        }}
      >
        <input
          className="badge-input"
          value={typed}
          placeholder="KW-…"
          aria-label={t('signin.badgeInput')}
          autoComplete="off"
          data-testid={`${testId}-input`}
          onChange={(e) => setTyped(e.target.value)}
        />
        <button type="submit" className="badge-submit" data-testid={`${testId}-submit`}>
          {t('signin.badgeSubmit')}
        </button>
        <button type="button" className="badge-camera" aria-pressed={camera} data-testid={`${testId}-camera`} onClick={() => setCamera(!camera)}>
          {camera ? t('signin.cameraOff') : t('signin.camera')}
        </button>
      </form>
      {camera && (
        <div className="badge-camera-view">
          <CameraScanner
            formats={QR_ONLY}
            onCode={(text) => {
              setCamera(false);
              onBadge(text);
            }}
          />
        </div>
      )}
    </div>
  );
}
