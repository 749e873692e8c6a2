import { useState } from 'react';
import type { ApiResult } from '../../../shared/api/result';
import { useAction } from '../api/use-action';
import { useRefusalText, useT } from '../i18n/i18n';
import { useStartSyncListener, useStopSyncListener, type SyncStatus } from './sync-api';

const LOOPBACK = '127.0.0.1';
const DEFAULT_PORT = 5790;

/** Where the office listens for its doors: one address the 主考 chooses (never every interface), started and stopped here. */
export function ListenerPanel({ status, actorStaffId, onChanged }: { status: SyncStatus; actorStaffId: string; onChanged: () => void }) {
  const t = useT();
  const refusalText = useRefusalText();
  const start = useStartSyncListener();
  const stop = useStopSyncListener();
  // Starting and stopping share one busy state and one message: the panel shows one button at a time.
  const toggle = useAction(
    (request: { start: Parameters<typeof start>[0] } | { stop: Parameters<typeof stop>[0] }): Promise<ApiResult<unknown>> =>
      'start' in request ? start(request.start) : stop(request.stop),
  );
  const listener = status.listener;
  const [host, setHost] = useState<string | null>(listener?.host ?? null);
  const [port, setPort] = useState(String(listener?.port ?? DEFAULT_PORT));
  const error = toggle.error ? refusalText(toggle.error) : null;
  const busy = toggle.busy;
  const addresses = [...status.lanAddresses.map((a) => ({ address: a.address, label: a.interfaceName })), { address: LOOPBACK, label: t('sync.loopback') }];

  const run = async (request: Parameters<typeof toggle.run>[0]) => {
    if ((await toggle.run(request)) !== undefined) onChanged();
  };
  const portNumber = Number(port);
  const portValid = Number.isInteger(portNumber) && portNumber >= 1024 && portNumber <= 65535;

  return (
    <section className="sync-panel" aria-labelledby="sync-listener-title" data-testid="sync-listener">
      <h2 id="sync-listener-title" className="sync-panel-title">
        {t('sync.listenerTitle')}
      </h2>
      {listener ? (
        <p className="sync-state sync-state-ok" data-testid="sync-listening">
          {t('sync.listening', { host: listener.host, port: listener.port })}
        </p>
      ) : (
        <p className="sync-state" data-testid="sync-not-listening">
          {t('sync.notListening')}
        </p>
      )}
      {!listener && status.lastError && (
        <p className="sync-error" role="alert">
          {status.lastError}
        </p>
      )}
      <div className="sync-addresses" role="group" aria-label={t('sync.chooseAddress')}>
        {addresses.map((a) => (
          <button
            key={a.address}
            type="button"
            className="choice sync-address"
            aria-pressed={host === a.address}
            disabled={listener !== null}
            data-testid={`sync-address-${a.address}`}
            onClick={() => setHost(a.address)}
          >
            <span className="sync-address-ip">{a.address}</span>
            <span className="choice-sub">{a.label}</span>
          </button>
        ))}
        <label className="sync-field sync-field-port">
          <span>{t('sync.port')}</span>
          <input
            value={port}
            inputMode="numeric"
            disabled={listener !== null}
            data-testid="sync-port"
            onChange={(e) => setPort(e.target.value.replace(/\D/g, '').slice(0, 5))}
          />
        </label>
        {listener ? (
          <button type="button" className="sync-button sync-button-quiet" disabled={busy} data-testid="sync-stop" onClick={() => void run({ stop: { actorStaffId } })}>
            {t('sync.stop')}
          </button>
        ) : (
          <button
            type="button"
            className="sync-button"
            disabled={busy || host === null || !portValid}
            data-testid="sync-start"
            onClick={() => host && void run({ start: { host, port: portNumber, actorStaffId } })}
          >
            {t('sync.start')}
          </button>
        )}
      </div>
      {!portValid && <p className="sync-error">{t('sync.badPort')}</p>}
      {error && (
        <p className="sync-error" role="alert" data-testid="sync-listener-error">
          {error}
        </p>
      )}
      <div className="sync-fingerprint">
        <span className="sync-label">{t('sync.certificate')}</span>
        <code data-testid="sync-certificate">{status.certificateFingerprint || '…'}</code>
      </div>
    </section>
  );
}
