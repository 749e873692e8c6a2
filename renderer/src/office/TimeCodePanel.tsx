import { BarcodeFormat, EncodeHintType, QRCodeWriter } from '@zxing/library';
import { formatTimeCode } from '../../../shared/timetable/time-code';
import { useNow } from '../clock/device-clock';
import { formatClockMs } from '../format';
import { useT } from '../i18n/i18n';

const writer = new QRCodeWriter();

/** The QR code's dark modules as one SVG path (1 unit per module, 2-module quiet zone). */
function qrPath(text: string): { size: number; d: string } | undefined {
  try {
    const hints = new Map<EncodeHintType, unknown>([[EncodeHintType.MARGIN, 2]]);
    const matrix = writer.encode(text, BarcodeFormat.QR_CODE, 0, 0, hints);
    const size = matrix.getWidth();
    let d = '';
    for (let y = 0; y < size; y++) for (let x = 0; x < size; x++) if (matrix.get(x, y)) d += `M${x} ${y}h1v1h-1z`;
    return { size, d };
  } catch {
    return undefined;
  }
}

/**
 * The office's clock as a code the room laptops scan at 核对时间 (附件5 7:35): this device's id and
 * its corrected time, redrawn continually, as a QR code and as large text for a handheld scanner
 * or for reading aloud.
 */
export function TimeCodePanel({ deviceId }: { deviceId: string }) {
  const t = useT();
  // Redrawn four times a second: a code scanned a moment after it was drawn is that moment off.
  const { correctedMs } = useNow(250);
  const code = formatTimeCode({ referenceMs: correctedMs, referenceDeviceId: deviceId });
  const qr = qrPath(code);
  return (
    <section className="time-code" data-testid="office-time-code" data-code={code} aria-label={t('dash.timeCode')}>
      <h2 className="time-code-title">{t('dash.timeCode')}</h2>
      {qr && (
        <svg className="time-code-qr" viewBox={`0 0 ${qr.size} ${qr.size}`} shapeRendering="crispEdges" role="img" aria-label={code}>
          <rect width={qr.size} height={qr.size} fill="#fff" />
          <path d={qr.d} fill="#000" />
        </svg>
      )}
      <div className="time-code-clock">{formatClockMs(correctedMs)}</div>
      <div className="time-code-text">{code}</div>
      <p className="time-code-hint">{t('dash.timeCodeHint')}</p>
    </section>
  );
}
