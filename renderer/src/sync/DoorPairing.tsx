import { useEffect, useRef, useState } from 'react';
import { SYSTEM_ACTOR } from '../../../shared/domain/types';
import { decodePairing } from '../../../shared/sync/pairing-code';
import { CameraScanner } from '../camera/CameraScanner';
import { useAction } from '../api/use-action';
import { Dialog } from '../components/Dialog';
import { useRefusalText, useT } from '../i18n/i18n';
import { usePairWithOffice } from './sync-api';
import { useSyncStatusQuery } from './sync-status-context';
import { normalizePairingInput, syncTime } from './sync-view';

const QR_ONLY = ['qr-code'] as const;

/**
 * On the door's start screen: 与考务办配对 while unpaired, then one line saying with whom and when it
 * last synced; `quiet` once the device has a day of its own. `onSynced` runs after each sync this door makes (the day arrives from the office).
 */
export function DoorPairingBar({ staffId, quiet, onSynced }: { staffId: string | null; quiet: boolean; onSynced: () => void }) {
  const t = useT();
  const status = useSyncStatusQuery();
  const [open, setOpen] = useState(false);
  const value = status.value;
  const lastSync = value?.lastSyncAt ?? null;
  const onSyncedRef = useRef(onSynced);
  useEffect(() => {
    onSyncedRef.current = onSynced;
  });
  useEffect(() => {
    if (lastSync !== null) onSyncedRef.current();
  }, [lastSync]);

  if (!value || value.role === 'office') return null;
  if (value.role === 'door' && !open) {
    return (
      <p className="pair-bar pair-bar-done" data-testid="door-paired">
        {t('pair.pairedWith', { name: value.office?.name ?? '', time: syncTime(value.office?.lastSyncAt ?? value.lastSyncAt) ?? '—' })}
      </p>
    );
  }
  return (
    <div className={`pair-bar${quiet ? ' pair-bar-quiet' : ''}`}>
      <span>{t('pair.barHint')}</span>
      <button type="button" className={`sync-button${quiet ? ' sync-button-small sync-button-quiet' : ''}`} data-testid="open-pairing" onClick={() => setOpen(true)}>
        {t('pair.open')}
      </button>
      {open && <DoorPairingDialog staffId={staffId} onClose={() => setOpen(false)} />}
    </div>
  );
}

function DoorPairingDialog({ staffId, onClose }: { staffId: string | null; onClose: () => void }) {
  const t = useT();
  const status = useSyncStatusQuery();
  const refusalText = useRefusalText();
  const pair = useAction(usePairWithOffice());
  const [code, setCode] = useState('');
  const [camera, setCamera] = useState(false);
  const [sent, setSent] = useState(false);
  /** The status answer on screen when the code was sent: only a later answer tells how this attempt went. */
  const [sentOver, setSentOver] = useState<object | undefined>(undefined);
  const error = pair.error ? refusalText(pair.error) : null;
  const pairing = status.value?.pairing;
  const compactLength = code.startsWith('EXAMDAY') ? null : code.replace(/-/g, '').length;

  const submit = async (text: string) => {
    pair.reset();
    const decoded = decodePairing(text);
    if (!decoded.ok) {
      pair.complain(decoded.reason);
      return;
    }
    const before = status.value;
    const result = await pair.run({ code: text, deviceName: t('pair.deviceName'), actorStaffId: staffId ?? SYSTEM_ACTOR.staffId });
    if (!result?.ok) return;
    setSent(true);
    setSentOver(before);
    status.refresh();
  };

  const fresh = status.value !== sentOver;
  const state = !sent ? null : !fresh ? 'pairing' : pairing?.state === 'paired' ? 'paired' : pairing?.state === 'failed' ? 'failed' : 'pairing';
  return (
    <Dialog title={t('pair.title')} onClose={onClose} closeLabel={state === 'paired' ? t('sync.close') : t('sync.cancel')} testId="door-pairing" wide>
      <div className="pair-body">
        <div className="pair-form">
          <p className="dialog-hint">{t('pair.hint')}</p>
          <label className="pair-code-label" htmlFor="pair-code">
            {t('pair.codeLabel')}
          </label>
          <input
            id="pair-code"
            className="pair-code"
            value={code}
            maxLength={200}
            autoComplete="off"
            spellCheck={false}
            autoFocus
            placeholder="XXXX-XXXX-XXXX-XXXX-XXXX-XXXX-XXXX-XXXX"
            data-testid="pair-code"
            disabled={state === 'pairing' || state === 'paired'}
            onChange={(e) => {
              setCode(normalizePairingInput(e.target.value));
              pair.reset();
            }}
            onKeyDown={(e) => {
              if (e.key === 'Enter' && code !== '') void submit(code);
            }}
          />
          <div className="pair-count">{compactLength === null ? t('pair.qrRead') : t('pair.count', { n: compactLength })}</div>
          <div className="pair-actions">
            <button
              type="button"
              className="sync-button"
              disabled={pair.busy || code === '' || state === 'pairing' || state === 'paired'}
              data-testid="pair-submit"
              onClick={() => void submit(code)}
            >
              {t('pair.submit')}
            </button>
            <button type="button" className="sync-button sync-button-quiet" aria-pressed={camera} data-testid="pair-camera" onClick={() => setCamera(!camera)}>
              {camera ? t('pair.cameraOff') : t('pair.cameraOn')}
            </button>
          </div>
          {error && (
            <p className="dialog-error" role="alert" data-testid="pair-error">
              {error}
            </p>
          )}
          {state === 'pairing' && (
            <p className="pair-state" role="status" data-testid="pair-state" data-state="pairing">
              {t('pair.pairing')}
            </p>
          )}
          {state === 'paired' && (
            <p className="pair-state pair-state-ok" role="status" data-testid="pair-state" data-state="paired">
              {t('pair.paired', { name: status.value?.office?.name ?? '' })}
            </p>
          )}
          {state === 'failed' && (
            <p className="dialog-error" role="alert" data-testid="pair-state" data-state="failed">
              {pairing?.message ?? t('pair.failed')}
            </p>
          )}
        </div>
        {camera && (
          <div className="pair-camera">
            <CameraScanner
              formats={QR_ONLY}
              onCode={(text) => {
                const read = normalizePairingInput(text);
                setCode(read);
                setCamera(false);
                void submit(read);
              }}
            />
          </div>
        )}
      </div>
    </Dialog>
  );
}
