import { Dialog } from '../components/Dialog';
import { useNow } from '../clock/device-clock';
import { useT } from '../i18n/i18n';
import { QrSvg } from '../print/qr-svg';
import type { PairingOffer, SyncDevice } from './sync-api';
import { formatMinutesSeconds, secondsLeft } from './sync-view';

/**
 * The one-time code for a door, large enough to read across a desk: eight groups to type, the QR
 * code to scan, and the minutes left. Closes itself into a "paired" line once the door has used it.
 */
export function PairingOfferDialog({ offer, deviceName, paired, onClose }: { offer: PairingOffer; deviceName: string; paired: SyncDevice | null; onClose: () => void }) {
  const t = useT();
  const { deviceMs } = useNow(1_000);
  const left = secondsLeft(offer.expiresAt, deviceMs);
  const groups = offer.code.split('-');
  return (
    <Dialog title={t('sync.offerTitle', { name: deviceName })} onClose={onClose} closeLabel={t('sync.close')} testId="pairing-offer" wide>
      <div className="offer">
        <div className="offer-text">
          <p className="offer-hint">{t('sync.offerHint')}</p>
          <div className="offer-code" data-testid="pairing-code" data-code={offer.code} aria-label={offer.code}>
            {groups.map((g, i) => (
              <span key={i} className="offer-group">
                {g}
              </span>
            ))}
          </div>
          {paired ? (
            <p className="offer-state offer-state-ok" role="status" data-testid="pairing-offer-paired">
              {t('sync.offerPaired', { name: paired.name })}
            </p>
          ) : left > 0 ? (
            <p className="offer-state" data-testid="pairing-countdown">
              {t('sync.offerValid')} <strong className="offer-countdown">{formatMinutesSeconds(left)}</strong>
              <span className="offer-once">{t('sync.offerOnce')}</span>
            </p>
          ) : (
            <p className="offer-state offer-state-expired" role="alert" data-testid="pairing-expired">
              {t('sync.offerExpired')}
            </p>
          )}
          <div className="sync-fingerprint">
            <span className="sync-label">{t('sync.offerFingerprint')}</span>
            <code>{offer.fingerprint}</code>
          </div>
        </div>
        <div className={`offer-qr${left > 0 && !paired ? '' : ' offer-qr-void'}`} data-testid="pairing-qr">
          <QrSvg text={offer.qr} sizeMm={62} />
        </div>
      </div>
    </Dialog>
  );
}
