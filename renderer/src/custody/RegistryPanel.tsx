import { useRef, useState, type FormEvent } from 'react';
import { BAG_KINDS, type BagKind } from '../../../shared/custody/bags';
import type { BagEntry } from '../../../shared/custody/custody-api';
import { LEVELS, type Level } from '../../../shared/domain/types';
import type { DayView } from '../api/api';
import { useAction } from '../api/use-action';
import { useRefusalText, useT } from '../i18n/i18n';
import { useScanner } from '../scanner/use-scanner';
import { FilePickButton } from '../setup/FilePickButton';
import { useRegisterBags, type Custody } from './custody-api';
import { useBagRoomName, useCustodyLabels } from './custody-labels';
import { BAG_FILE_ACCEPT, ImportBagsPreview, readPicked, type PickedFile } from './ImportBagsPreview';
import { RegistryFindings } from './RegistryFindings';

/** The bag form's fields; a scanned bag takes the previous bag's, so a pile of alike bags is one scan each. */
interface BagFields {
  kind: BagKind;
  occupation: string;
  level: Level;
  count: string;
  roomNo: string;
  sealNo: string;
}

function firstFields(day: DayView): BagFields {
  const occupation = day.plan?.occupations[0];
  return { kind: 'paper', occupation: occupation?.occupation ?? '', level: occupation?.levels[0] ?? '四级', count: '', roomNo: day.rooms[0]?.roomNo ?? '', sealNo: '' };
}

function entryOf(fields: BagFields, code: string | undefined): BagEntry {
  return {
    ...(code ? { code } : {}),
    kind: fields.kind,
    occupation: fields.occupation.trim(),
    level: fields.level,
    count: Number(fields.count),
    ...(fields.roomNo ? { roomNo: fields.roomNo } : {}),
    sealNos: fields.sealNo.trim() ? [fields.sealNo.trim()] : [],
    source: code ? 'press-label' : 'generated',
  };
}

/**
 * 试卷袋登记 (item 1): scan a press label (or type it) with the bag's kind, 职业/等级, 份数, room and
 * 封条号 defaulting from the previous bag; have the core generate our own codes for unlabelled bags,
 * then print their labels; or import the press's list, previewed before anything is registered. The
 * 份数 are checked against the roster beside the list.
 */
export function RegistryPanel({
  day,
  custody,
  actorStaffId,
  onChanged,
  onPrintLabels,
}: {
  day: DayView;
  custody: Custody;
  actorStaffId: string;
  onChanged: () => void;
  onPrintLabels: (codes: string[] | null) => void;
}) {
  const t = useT();
  const refusalText = useRefusalText();
  const roomName = useBagRoomName(day.rooms);
  const labels = useCustodyLabels();
  const register = useAction(useRegisterBags());
  const [fields, setFields] = useState<BagFields>(() => firstFields(day));
  const [code, setCode] = useState('');
  const [howMany, setHowMany] = useState('1');
  const [doneText, setDoneText] = useState<string | null>(null);
  const message = register.error ? { ok: false, text: refusalText(register.error) } : doneText !== null ? { ok: true, text: doneText } : null;
  const [generated, setGenerated] = useState<string[]>([]);
  const [recent, setRecent] = useState<string[]>([]);
  const [importFile, setImportFile] = useState<PickedFile | null>(null);
  const codeRef = useRef<HTMLInputElement>(null);
  const countOk = /^\d+$/.test(fields.count.trim());
  const occupationOk = fields.occupation.trim() !== '';

  // A scan with nothing focused lands in the code field, ready for 登记 (not while a list is previewed).
  useScanner(
    (text) => {
      setCode(text.trim());
      codeRef.current?.focus();
    },
    { enabled: importFile === null },
  );
  const pickList = async (file: File) => {
    register.reset();
    setDoneText(null);
    setImportFile(await readPicked(file));
  };

  if (importFile) {
    return (
      <ImportBagsPreview
        file={importFile}
        day={day}
        existingCodes={custody.bags.map((b) => b.code)}
        actorStaffId={actorStaffId}
        onPick={(file) => void pickList(file)}
        onCancel={() => setImportFile(null)}
        onImported={(n) => {
          setImportFile(null);
          setDoneText(t('custody.import.done', { n }));
          onChanged();
        }}
      />
    );
  }

  const set = <K extends keyof BagFields>(key: K, value: BagFields[K]) => setFields((f) => ({ ...f, [key]: value }));
  const levels = day.plan?.occupations.find((o) => o.occupation === fields.occupation)?.levels ?? LEVELS;

  const submitScanned = async (event: FormEvent) => {
    event.preventDefault();
    if (code.trim() === '' || !countOk || !occupationOk) return;
    const answer = await register.run({ bags: [entryOf(fields, code.trim())], actorStaffId });
    if (!answer?.ok) return;
    setDoneText(t('custody.registered', { codes: answer.value.codes.join('、') }));
    setRecent((r) => [...answer.value.codes, ...r].slice(0, 8));
    setCode('');
    set('sealNo', '');
    codeRef.current?.focus();
    onChanged();
  };
  const submitGenerated = async (event: FormEvent) => {
    event.preventDefault();
    const n = Number(howMany);
    if (!Number.isInteger(n) || n < 1 || !countOk || !occupationOk) return;
    const answer = await register.run({ bags: Array.from({ length: n }, () => entryOf({ ...fields, sealNo: '' }, undefined)), actorStaffId });
    if (!answer?.ok) return;
    setGenerated(answer.value.codes);
    setDoneText(t('custody.generated', { n: answer.value.codes.length }));
    onChanged();
  };

  return (
    <div className="custody-registry" data-testid="custody-registry">
      <section className="custody-panel">
        <h2 className="custody-panel-title">
          {t('custody.registerTitle')}
          <span className="custody-title-button">
            <FilePickButton label={t('custody.import.pick')} accept={BAG_FILE_ACCEPT} variant="secondary" testId="bag-import-file" onFiles={([file]) => file && void pickList(file)} />
          </span>
        </h2>
        <div className="custody-form-grid">
          <label className="rec-field rec-field-stack">
            <span className="rec-label">{t('custody.col.kind')}</span>
            <select value={fields.kind} onChange={(e) => set('kind', e.target.value as BagKind)} data-testid="reg-kind">
              {BAG_KINDS.map((k) => (
                <option key={k} value={k}>
                  {labels.kind(k)}
                </option>
              ))}
            </select>
          </label>
          <label className="rec-field rec-field-stack">
            <span className="rec-label">{t('custody.occupation')}</span>
            <input list="custody-occupations" value={fields.occupation} onChange={(e) => set('occupation', e.target.value)} data-testid="reg-occupation" />
            <datalist id="custody-occupations">
              {day.plan?.occupations.map((o) => <option key={o.occupation} value={o.occupation} />)}
            </datalist>
          </label>
          <label className="rec-field rec-field-stack">
            <span className="rec-label">{t('custody.level')}</span>
            <select value={fields.level} onChange={(e) => set('level', e.target.value as Level)} data-testid="reg-level">
              {levels.map((l) => (
                <option key={l} value={l}>
                  {l}
                </option>
              ))}
            </select>
          </label>
          <label className="rec-field rec-field-stack">
            <span className="rec-label">{t('custody.col.count')}</span>
            <input inputMode="numeric" value={fields.count} onChange={(e) => set('count', e.target.value)} data-testid="reg-count" />
          </label>
          <label className="rec-field rec-field-stack">
            <span className="rec-label">{t('custody.col.room')}</span>
            <select value={fields.roomNo} onChange={(e) => set('roomNo', e.target.value)} data-testid="reg-room">
              {day.rooms.map((r) => (
                <option key={r.roomNo} value={r.roomNo}>
                  {r.name}
                </option>
              ))}
              <option value="">{t('custody.site')}</option>
            </select>
          </label>
          <label className="rec-field rec-field-stack">
            <span className="rec-label">{t('custody.sealNo')}</span>
            <input value={fields.sealNo} onChange={(e) => set('sealNo', e.target.value)} data-testid="reg-seal" />
          </label>
        </div>
        <form className="rec-row custody-scan-row" onSubmit={(e) => void submitScanned(e)}>
          <input
            ref={codeRef}
            className="rec-grow mono"
            value={code}
            placeholder={t('custody.scanBagCode')}
            aria-label={t('custody.scanBagCode')}
            onChange={(e) => setCode(e.target.value)}
            data-testid="reg-code"
          />
          <button type="submit" className="rec-primary" disabled={register.busy || code.trim() === '' || !countOk || !occupationOk} data-testid="reg-submit">
            {t('custody.register')}
          </button>
        </form>
        <form className="rec-row custody-scan-row" onSubmit={(e) => void submitGenerated(e)}>
          <span className="rec-label">{t('custody.generateLabel')}</span>
          <input className="custody-count" inputMode="numeric" value={howMany} onChange={(e) => setHowMany(e.target.value)} aria-label={t('custody.howMany')} data-testid="gen-how-many" />
          <button type="submit" className="rec-action" disabled={register.busy || !countOk || !occupationOk || !/^[1-9]\d*$/.test(howMany)} data-testid="gen-submit">
            {t('custody.generate')}
          </button>
          {generated.length > 0 && (
            <button type="button" className="rec-action" onClick={() => onPrintLabels(generated)} data-testid="gen-print">
              {t('custody.printLabelsNew', { n: generated.length })}
            </button>
          )}
        </form>
        {!countOk && <p className="muted">{t('custody.needCount')}</p>}
        {message && (
          <p className={message.ok ? 'rec-ok' : 'rec-error'} role="status" data-testid="reg-message">
            {message.text}
          </p>
        )}
        {recent.length > 0 && <p className="muted mono">{t('custody.recent', { codes: recent.join('  ') })}</p>}
      </section>
      <div className="custody-registry-side">
      <RegistryFindings day={day} custody={custody} />
      <section className="custody-panel custody-registry-list">
        <h2 className="custody-panel-title">
          {t('custody.registryList')}
          <span className="sync-count">{custody.bags.length}</span>
          <button type="button" className="rec-action custody-title-button" disabled={custody.bags.length === 0} onClick={() => onPrintLabels(null)} data-testid="labels-all">
            {t('custody.printLabelsAll')}
          </button>
        </h2>
        <div className="custody-scroll">
          <table className="custody-table" data-testid="registry-table">
            <thead>
              <tr>
                <th>{t('custody.col.code')}</th>
                <th>{t('custody.col.kind')}</th>
                <th>{t('custody.occupation')}</th>
                <th>{t('custody.col.count')}</th>
                <th>{t('custody.col.room')}</th>
                <th>{t('custody.sealNo')}</th>
              </tr>
            </thead>
            <tbody>
              {custody.bags.map((b) => (
                <tr key={b.code}>
                  <td className="mono custody-code">{b.code}</td>
                  <td>{labels.kind(b.kind)}</td>
                  <td>
                    {b.occupation} {b.level}
                  </td>
                  <td>{b.count}</td>
                  <td>{roomName(b.roomNo)}</td>
                  <td>{b.sealNos.join('、') || '—'}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      </section>
      </div>
    </div>
  );
}
