import { useCallback, useState } from 'react';
import { FingerprintBox } from '../components/FingerprintBox';
import type { ApiInput, ApiMethod, ApiOutput } from '../../../shared/api/contract';
import type { ApiResult } from '../../../shared/api/result';
import { sealedModeOf } from '../../../shared/sync/sealed-file';
import { apiClient } from '../api/api';
import { useAction } from '../api/use-action';
import { downloadTextFile } from '../components/download-file';
import { useRefusalText, useT } from '../i18n/i18n';
import { FilePickButton } from '../setup/FilePickButton';
import { PassphraseAsk, PassphraseBox } from '../setup/Passphrase';
import '../setup/setup.css';

type Scope = ApiInput<'exportSyncFile'>['scope'];
type Outcome = { ok: boolean; text: string } | null;

/** One hook per call (components never call the client themselves). */
function useCall<M extends ApiMethod>(method: M): (input: ApiInput<M>) => Promise<ApiResult<ApiOutput<M>>> {
  return useCallback((input: ApiInput<M>) => (apiClient()[method] as (i: ApiInput<M>) => Promise<ApiResult<ApiOutput<M>>>)(input), [method]);
}
const useExportSyncFile = () => useCall('exportSyncFile');
const useInspectSyncFile = () => useCall('inspectSyncFile');
const useImportSyncFile = () => useCall('importSyncFile');

const size = (bytes: number): string => (bytes >= 1024 * 1024 ? `${(bytes / 1024 / 1024).toFixed(1)} MB` : `${Math.max(1, Math.round(bytes / 1024))} KB`);

function OutcomeLine({ outcome, testId }: { outcome: Outcome; testId: string }) {
  if (!outcome) return null;
  return (
    <p className={outcome.ok ? 'outcome outcome-ok' : 'outcome outcome-error'} role={outcome.ok ? 'status' : 'alert'} data-testid={testId}>
      {outcome.text}
    </p>
  );
}

/**
 * 同步包 (issue 10 item 6): a site with no LAN carries records on a USB stick. Export writes this
 * device's record (or what the other side lacks since its last receipt) as one signed file; import
 * checks a file first, shows who sent it and, for a device not known here yet, its key fingerprint
 * to compare with that device's screen, and stores it only after the person confirms.
 */
export function SyncFileSection({ actorStaffId, onImported }: { actorStaffId: string | undefined; onImported?: () => void }) {
  const t = useT();
  const refusalText = useRefusalText();
  const exportFile = useAction(useExportSyncFile());
  const inspectFile = useAction(useInspectSyncFile());
  const importFile = useAction(useImportSyncFile());
  const busy = exportFile.busy || inspectFile.busy || importFile.busy;
  const [scope, setScope] = useState<Scope>('since-receipt');
  const [exportedText, setExportedText] = useState<string | null>(null);
  const exported: Outcome = exportFile.error ? { ok: false, text: refusalText(exportFile.error) } : exportedText !== null ? { ok: true, text: exportedText } : null;
  const [ownFingerprint, setOwnFingerprint] = useState<string | null>(null);
  /** The export's one-time passphrase: on this screen only, for whoever imports the file. */
  const [passphrase, setPassphrase] = useState<string | null>(null);
  /** A chosen sealed file, waiting for its passphrase. */
  const [chosen, setChosen] = useState<{ name: string; content: string } | null>(null);
  const [pending, setPending] = useState<{ content: string; passphrase: string | null; inspected: ApiOutput<'inspectSyncFile'> } | null>(null);
  /** What the import side last said itself (imported, cancelled); a refusal of the check or the import comes first. */
  const [importNote, setImportNote] = useState<Outcome>(null);
  const importRefusal = inspectFile.error ?? importFile.error;
  const imported: Outcome = importRefusal ? { ok: false, text: t('syncFile.refused', { message: refusalText(importRefusal) }) } : importNote;
  const setImported = (outcome: Outcome) => {
    inspectFile.reset();
    importFile.reset();
    setImportNote(outcome);
  };

  const doExport = async () => {
    setPassphrase(null);
    const result = await exportFile.run({ scope });
    if (!result?.ok) return;
    const { fileName, content, events, bytes, fingerprint } = result.value;
    downloadTextFile(fileName, content);
    setOwnFingerprint(fingerprint);
    setPassphrase(result.value.passphrase);
    const sealedFor = result.value.sealedFor;
    const text = t('syncFile.exported', { file: fileName, events, size: size(bytes) });
    setExportedText(sealedFor ? `${text} ${t('syncFile.sealedFor', { name: sealedFor.name })}` : text);
  };

  // The file is sealed: nothing in it shows before the passphrase from the exporting screen opens it.
  const doChoose = async (file: File | undefined) => {
    if (!file) return;
    setImported(null);
    setPending(null);
    const chosenFile = { name: file.name, content: await file.text() };
    // Sealed to this device's key (pairing told the sender): nothing to ask, the core opens it.
    if (sealedModeOf(chosenFile.content) === 'device-key') await doInspect(null, chosenFile);
    else setChosen(chosenFile);
  };

  const doInspect = async (typed: string | null, file = chosen) => {
    if (!file) return;
    setImported(null);
    const result = await inspectFile.run({ content: file.content, passphrase: typed });
    if (!result?.ok) return;
    setPending({ content: file.content, passphrase: typed, inspected: result.value });
    setChosen(null);
  };

  const doImport = async () => {
    if (!pending || !actorStaffId) return;
    const { content, inspected } = pending;
    const result = await importFile.run({ content, passphrase: pending.passphrase, actorStaffId, ...(inspected.needsConfirmation ? { confirmedFingerprint: inspected.fingerprint } : {}) });
    if (result === undefined) return;
    setPending(null);
    if (!result.ok) return;
    const { stored, alreadyHeld, forks } = result.value;
    const text = t('syncFile.imported', { stored, held: alreadyHeld });
    setImportNote({ ok: true, text: forks > 0 ? `${text}${t('syncFile.forks', { forks })}` : text });
    onImported?.();
  };

  const sender = pending ? (pending.inspected.fromName ?? t('syncFile.unknownSender', { id: pending.inspected.fromDeviceId.slice(0, 8) })) : '';

  return (
    <section className="setup-form package-section sync-file-section" data-testid="sync-file-section">
      <div className="package-card">
        <h2>{t('syncFile.exportTitle')}</h2>
        <p className="hint">{t('syncFile.exportHint')}</p>
        <fieldset className="sync-file-scope">
          <label>
            <input type="radio" name="sync-file-scope" checked={scope === 'since-receipt'} onChange={() => setScope('since-receipt')} data-testid="sync-file-scope-since" />{' '}
            {t('syncFile.scopeSince')}
          </label>
          <label>
            <input type="radio" name="sync-file-scope" checked={scope === 'all'} onChange={() => setScope('all')} data-testid="sync-file-scope-all" /> {t('syncFile.scopeAll')}
          </label>
        </fieldset>
        <button type="button" className="primary-button" disabled={busy} onClick={() => void doExport()} data-testid="sync-file-export">
          {t('syncFile.export')}
        </button>
        <OutcomeLine outcome={exported} testId="sync-file-exported" />
        {passphrase && (
          <PassphraseBox
            label={t('syncFile.passphrase')}
            passphrase={passphrase}
            note={t('syncFile.passphraseHint')}
            copyLabel={t('syncFile.passphraseCopy')}
            copiedLabel={t('syncFile.passphraseCopied')}
            testId="sync-file-passphrase"
          />
        )}
        {ownFingerprint && (
          <FingerprintBox
            label={t('syncFile.ownFingerprint')}
            fingerprint={ownFingerprint}
            note={t('syncFile.ownFingerprintHint')}
            testId="sync-file-own-fingerprint"
          />
        )}
      </div>
      <div className="package-card">
        <h2>{t('syncFile.importTitle')}</h2>
        <p className="hint">{t('syncFile.importHint')}</p>
        <FilePickButton
          label={busy ? t('syncFile.checking') : t('syncFile.choose')}
          accept=".json,application/json"
          testId="sync-file-pick"
          onFiles={([file]) => void doChoose(file)}
        />
        {chosen && (
          <PassphraseAsk
            key={chosen.name + String(chosen.content.length)}
            fileName={chosen.name}
            label={t('syncFile.passphraseAsk')}
            openLabel={busy ? t('syncFile.checking') : t('syncFile.open')}
            busy={busy}
            onOpen={(typed) => void doInspect(typed)}
            testId="sync-file-passphrase"
          />
        )}
        {pending && (
          <div className="fingerprint-box" data-testid="sync-file-inspected">
            <p>{t('syncFile.sender', { sender })}</p>
            <p>{t('syncFile.plan', { plan: pending.inspected.planName ?? '—' })}</p>
            <p>{t('syncFile.contains', { events: pending.inspected.events, fresh: pending.inspected.newEvents })}</p>
            {pending.inspected.needsConfirmation && (
              <>
                <span className="fingerprint-label">{t('syncFile.senderFingerprint')}</span>
                <span className="fingerprint mono" data-testid="sync-file-fingerprint">
                  {pending.inspected.fingerprint}
                </span>
                <p className="fingerprint-ask">{t('syncFile.compare')}</p>
              </>
            )}
            {!actorStaffId && <p className="outcome outcome-error">{t('syncFile.needActor')}</p>}
            <div className="form-actions">
              <button type="button" className="primary-button" disabled={busy || !actorStaffId} onClick={() => void doImport()} data-testid="sync-file-import">
                {busy ? t('syncFile.importing') : pending.inspected.needsConfirmation ? t('syncFile.confirmImport') : t('syncFile.import')}
              </button>
              <button
                type="button"
                className="secondary-button"
                disabled={busy}
                onClick={() => {
                  setPending(null);
                  setImported({ ok: false, text: t('syncFile.cancelled') });
                }}
                data-testid="sync-file-cancel"
              >
                {t('syncFile.cancel')}
              </button>
            </div>
          </div>
        )}
        <OutcomeLine outcome={imported} testId="sync-file-imported" />
      </div>
    </section>
  );
}
