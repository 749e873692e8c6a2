import { useCallback, useEffect, useRef, useState } from 'react';
import { PROBLEM_MESSAGES } from './camera-errors';
import { useCameraStore } from './camera-store';
import type { DecodedCode } from './protocol';
import { useCameraT } from './messages';
import { useCameraDevices, useCameraStream } from './use-camera';
import { useCodeReader, type FoundCode } from './use-code-reader';
import { looksLikeIdNumber, maskIdNumber, normalizeIdInput } from '../../../shared/id/id-number';
import './camera.css';

export interface CameraScannerProps {
  /** Called once for each new code (the same code again within the repeat window is ignored). */
  onCode: (text: string, code: DecodedCode) => void;
  /** The plan's formats ('qr-code', 'code-128', …); the defaults when omitted. */
  formats?: readonly string[];
  /** Open the camera on mount (default true); the toggle starts and stops it after. */
  autoStart?: boolean;
  repeatWindowMs?: number;
}

export type CameraStatus = 'idle' | 'starting' | 'scanning' | 'error';

/** How long the outline of a found code stays on the viewfinder. */
const OUTLINE_MS = 1200;

/**
 * Camera scanning at the door: choose a camera (remembered), see the viewfinder with the found code
 * outlined, and get each code once through `onCode`. Decoding runs in a worker (decoder-worker.ts).
 */
export function CameraScanner({ onCode, formats, autoStart = true, repeatWindowMs }: CameraScannerProps) {
  const t = useCameraT();
  const deviceId = useCameraStore((s) => s.deviceId);
  const setDeviceId = useCameraStore((s) => s.setDeviceId);
  const [active, setActive] = useState(autoStart);
  const [attempt, setAttempt] = useState(0);
  const [lastCode, setLastCode] = useState<string | null>(null);
  const stream = useCameraStream(active, deviceId, attempt);
  const devices = useCameraDevices(stream.phase);
  const videoRef = useRef<HTMLVideoElement | null>(null);

  useEffect(() => {
    const video = videoRef.current;
    if (!video) return;
    const source = stream.phase === 'live' ? stream.stream : null;
    if (video.srcObject !== source) video.srcObject = source;
    if (source) video.play().catch(() => undefined);
  }, [stream]);

  const handleCode = useCallback(
    (text: string, code: DecodedCode) => {
      setLastCode(text);
      onCode(text, code);
    },
    [onCode],
  );
  const { found } = useCodeReader(videoRef, stream.phase === 'live', handleCode, {
    ...(formats ? { formats } : {}),
    ...(repeatWindowMs !== undefined ? { repeatWindowMs } : {}),
  });

  const status: CameraStatus =
    stream.phase === 'live' ? 'scanning' : stream.phase === 'error' ? 'error' : stream.phase === 'starting' ? 'starting' : 'idle';
  const message =
    stream.phase === 'error'
      ? t(PROBLEM_MESSAGES[stream.problem], { reason: stream.detail })
      : t(status === 'scanning' ? 'camera.scanning' : status === 'starting' ? 'camera.starting' : 'camera.idle');

  const toggle = (): void => {
    if (active && stream.phase !== 'error') {
      setActive(false);
    } else {
      setActive(true);
      setAttempt((n) => n + 1);
    }
  };
  const running = active && stream.phase !== 'error';

  return (
    <section className="camera-scanner" data-testid="camera-scanner" aria-label={t('camera.title')}>
      <div className="camera-controls">
        <label className="camera-choose">
          <span>{t('camera.choose')}</span>
          <select
            data-testid="camera-select"
            value={deviceId ?? ''}
            onChange={(event) => setDeviceId(event.target.value === '' ? null : event.target.value)}
          >
            <option value="">{t('camera.default')}</option>
            {devices.map((device, index) => (
              <option key={device.deviceId} value={device.deviceId}>
                {device.label || t('camera.unnamed', { n: index + 1 })}
              </option>
            ))}
          </select>
        </label>
        <button type="button" className={running ? 'camera-toggle stop' : 'camera-toggle start'} data-testid="camera-toggle" onClick={toggle}>
          {running ? t('camera.stop') : t('camera.start')}
        </button>
      </div>
      {/* data-found-at: when a code was last found in a frame (page clock, ms), for tests to see a code come back. */}
      <div className="camera-viewfinder" data-testid="camera-viewfinder" data-state={status} data-found-at={found ? Math.round(found.at) : undefined}>
        <video ref={videoRef} muted playsInline autoPlay />
        <CodeOutline found={found} />
      </div>
      <p className={`camera-status ${status}`} data-testid="camera-status" data-state={status} role={status === 'error' ? 'alert' : 'status'}>
        {message}
      </p>
      <p className="camera-last-code" data-testid="camera-last-code" data-code={lastCode ? shownCode(lastCode) : ''}>
        {lastCode ? t('camera.lastCode', { code: shownCode(lastCode) }) : '\u00a0'}
      </p>
    </section>
  );
}

/** A code may hold an ID number: on screen it is masked like everywhere else. */
function shownCode(text: string): string {
  const normalized = normalizeIdInput(text);
  return looksLikeIdNumber(normalized) ? maskIdNumber(normalized) : text;
}

/** The found code's outline over the video, in the frame's own pixels (SVG scales it as the video is scaled). */
function CodeOutline({ found }: { found: FoundCode | null }) {
  const [expired, setExpired] = useState<FoundCode | null>(null);
  useEffect(() => {
    if (!found) return undefined;
    const timer = window.setTimeout(() => setExpired(found), OUTLINE_MS);
    return () => window.clearTimeout(timer);
  }, [found]);
  if (!found || expired === found) return null;
  const { points } = found.code;
  const path = points.map((p) => `${p.x.toFixed(1)},${p.y.toFixed(1)}`).join(' ');
  const stroke = Math.max(4, found.frameWidth / 160);
  return (
    <svg
      className="camera-outline"
      data-testid="camera-outline"
      viewBox={`0 0 ${found.frameWidth} ${found.frameHeight}`}
      preserveAspectRatio="xMidYMid meet"
      aria-hidden="true"
    >
      {points.length > 2 ? (
        <polygon points={path} strokeWidth={stroke} />
      ) : (
        <polyline points={path} strokeWidth={stroke * 2} />
      )}
    </svg>
  );
}
