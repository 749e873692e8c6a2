import { useState } from 'react';
import { FingerprintBox } from '../components/FingerprintBox';
import { Outcome, type SectionProps } from './ExamSetupScreen';
import type { ApiOutput } from '../../../shared/api/contract';
import { sealedModeOf } from '../../../shared/sync/sealed-file';
import { useExportDayPackage, useImportDayPackage, useInspectDayPackage, useStartNewDay } from './setup-api';
import { useAction } from '../api/use-action';
import { useRefusalText, useT } from '../i18n/i18n';
import { FilePickButton } from './FilePickButton';
import { downloadTextFile } from '../components/download-file';
import { PassphraseAsk, PassphraseBox } from './Passphrase';
import { useSyncStatusQuery } from '../sync/sync-status-context';

type OutcomeLine = { ok: boolean; text: string } | null;

const size = (bytes: number): string => (bytes >= 1024 * 1024 ? `${(bytes / 1024 / 1024).toFixed(1)} MB` : `${Math.max(1, Math.round(bytes / 1024))} KB`);

/** ⑦ 考试日数据包: export (office), import (door laptop), or start an empty day (the old one archived). */
export function PackageSection({ refresh }: SectionProps) {
  const s = useT();
  const refusalText = useRefusalText();
  const exportPackage = useAction(useExportDayPackage());
  const importPackage = useAction(useImportDayPackage());
  const inspectPackage = useAction(useInspectDayPackage());
  const startNewDay = useAction(useStartNewDay());
  const busy = exportPackage.busy || inspectPackage.busy || importPackage.busy;
  const [exportedText, setExportedText] = useState<string | null>(null);
  const exported: OutcomeLine = exportPackage.error ? { ok: false, text: refusalText(exportPackage.error) } : exportedText !== null ? { ok: true, text: exportedText } : null;
  const [officeFingerprint, setOfficeFingerprint] = useState<string | null>(null);
  /** The export's one-time passphrase: on this screen only, for the person carrying the file. */
  const [passphrase, setPassphrase] = useState<string | null>(null);
  /** A chosen sealed file, waiting for its passphrase. */
  const [chosen, setChosen] = useState<{ name: string; content: string } | null>(null);
  /** A verified package waiting for the person at the door to compare fingerprints. */
  const [pending, setPending] = useState<{ content: string; passphrase: string | null; inspected: ApiOutput<'inspectDayPackage'> } | null>(null);
  /** What the import side last said itself (imported, cancelled); a refusal of the check or the import comes first. */
  const [importNote, setImportNote] = useState<OutcomeLine>(null);
  const importRefusal = inspectPackage.error ?? importPackage.error;
  const imported: OutcomeLine = importRefusal ? { ok: false, text: s('package.refused', { message: refusalText(importRefusal) }) } : importNote;
  const setImported = (outcome: OutcomeLine) => {
    inspectPackage.reset();
    importPackage.reset();
    setImportNote(outcome);
  };
  const [newDayText, setNewDayText] = useState<string | null>(null);
  const newDay: OutcomeLine = startNewDay.error ? { ok: false, text: refusalText(startNewDay.error) } : newDayText !== null ? { ok: true, text: newDayText } : null;
  // Paired doors whose key the office knows: a package for one is sealed to it (issue 11 item 4).
  const syncStatus = useSyncStatusQuery().value;
  const doors = syncStatus?.role === 'office' ? syncStatus.devices.filter((d) => d.kind === 'door' && !d.revoked) : [];
  const [forDeviceId, setForDeviceId] = useState('');

  const doExport = async () => {
    setPassphrase(null);
    const result = await exportPackage.run(forDeviceId === '' ? {} : { forDeviceId });
    if (!result?.ok) return;
    const { fileName, content, events, photos, bytes, fingerprint } = result.value;
    setOfficeFingerprint(fingerprint);
    setPassphrase(result.value.passphrase);
    downloadTextFile(fileName, content);
    const sealedFor = result.value.sealedFor;
    const text = s('package.exported', { file: fileName, events, photos, size: size(bytes) });
    setExportedText(sealedFor ? `${text} ${s('package.sealedFor', { name: sealedFor.name })}` : text);
  };

  // The file is sealed: nothing in it shows before the passphrase from the office screen opens it.
  const doChoose = async (file: File | undefined) => {
    if (!file) return;
    setImported(null);
    setPending(null);
    const chosenFile = { name: file.name, content: await file.text() };
    // Sealed to this device's key (pairing told the sender): nothing to ask, the core opens it.
    if (sealedModeOf(chosenFile.content) === 'device-key') await doInspect(null, chosenFile);
    else setChosen(chosenFile);
  };

  // Until enrolment pins the office's key, a person compares the signing key's fingerprint first.
  const doInspect = async (typed: string | null, file = chosen) => {
    if (!file) return;
    setImported(null);
    const result = await inspectPackage.run({ content: file.content, passphrase: typed });
    if (!result?.ok) return;
    setPending({ content: file.content, passphrase: typed, inspected: result.value });
    setChosen(null);
  };

  const doImport = async () => {
    if (!pending) return;
    const result = await importPackage.run({ content: pending.content, passphrase: pending.passphrase });
    if (result === undefined) return;
    setPending(null);
    if (!result.ok) return;
    const v = result.value;
    const text = s('package.imported', { plan: v.planName, events: v.eventsImported, held: v.eventsAlreadyHeld, photos: v.photos });
    setImportNote({ ok: true, text: v.archivedTo ? `${text}。${s('package.archived', { folder: v.archivedTo })}` : text });
    refresh();
  };

  const doNewDay = async () => {
    if (!window.confirm(s('package.newDayConfirm'))) return;
    const result = await startNewDay.run({ confirm: true });
    if (result === undefined) return;
    if (result.ok) setNewDayText(result.value.archivedTo ? s('package.newDayDone', { folder: result.value.archivedTo }) : s('package.newDayEmpty'));
    refresh();
  };

  return (
    <section className="setup-form package-section">
      <div className="package-card">
        <h2>{s('package.exportTitle')}</h2>
        <p className="hint">{s('package.exportHint')}</p>
        {doors.length > 0 && (
          <label className="package-recipient">
            {s('package.recipient')}
            <select value={forDeviceId} onChange={(e) => setForDeviceId(e.target.value)} data-testid="package-recipient">
              <option value="">{s('package.recipientAny')}</option>
              {doors.map((d) => (
                <option key={d.deviceId} value={d.deviceId}>
                  {s('package.recipientDoor', { name: d.name })}
                </option>
              ))}
            </select>
          </label>
        )}
        <button type="button" className="primary-button" disabled={busy} onClick={() => void doExport()} data-testid="package-export">
          {s('package.export')}
        </button>
        <Outcome outcome={exported} />
        {passphrase && (
          <PassphraseBox
            label={s('package.passphrase')}
            passphrase={passphrase}
            note={s('package.passphraseHint')}
            copyLabel={s('package.passphraseCopy')}
            copiedLabel={s('package.passphraseCopied')}
            testId="package-passphrase"
          />
        )}
        {officeFingerprint && (
          <FingerprintBox
            label={s('package.officeFingerprint')}
            fingerprint={officeFingerprint}
            note={s('package.officeFingerprintHint')}
            testId="package-office-fingerprint"
          />
        )}
      </div>
      <div className="package-card">
        <h2>{s('package.importTitle')}</h2>
        <p className="hint">{s('package.importHint')}</p>
        <FilePickButton
          label={busy ? s('package.inspecting') : s('package.import')}
          accept=".json,application/json"
          testId="package-file"
          onFiles={([file]) => void doChoose(file)}
        />
        {chosen && (
          <PassphraseAsk
            key={chosen.name + String(chosen.content.length)}
            fileName={chosen.name}
            label={s('package.passphraseAsk')}
            openLabel={busy ? s('package.inspecting') : s('package.open')}
            busy={busy}
            onOpen={(typed) => void doInspect(typed)}
            testId="package-passphrase"
          />
        )}
        {pending && (
          <div className="fingerprint-box" data-testid="package-inspected">
            <p>{s('package.contains', { plan: pending.inspected.planName, events: pending.inspected.events, photos: pending.inspected.photos })}</p>
            <span className="fingerprint-label">{s('package.packageFingerprint')}</span>
            <span className="fingerprint mono" data-testid="package-import-fingerprint">
              {pending.inspected.fingerprint}
            </span>
            <p className="fingerprint-ask">{s('package.compare')}</p>
            <div className="form-actions">
              <button type="button" className="primary-button" disabled={busy} onClick={() => void doImport()} data-testid="package-import-confirm">
                {busy ? s('package.importing') : s('package.confirmImport')}
              </button>
              <button
                type="button"
                className="secondary-button"
                disabled={busy}
                onClick={() => {
                  setPending(null);
                  setImported({ ok: false, text: s('package.cancelled') });
                }}
                data-testid="package-import-cancel"
              >
                {s('package.cancelImport')}
              </button>
            </div>
          </div>
        )}
        <Outcome outcome={imported} />
      </div>
      <div className="package-card">
        <h2>{s('package.newDayTitle')}</h2>
        <p className="hint">{s('package.newDayHint')}</p>
        <button type="button" className="danger-button" disabled={startNewDay.busy} onClick={() => void doNewDay()} data-testid="new-day">
          {s('package.newDay')}
        </button>
        <Outcome outcome={newDay} />
      </div>
    </section>
  );
}
