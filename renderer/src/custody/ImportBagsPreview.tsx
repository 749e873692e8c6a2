import { useMemo, useState } from 'react';
import { MAX_BAG_IMPORT_ROWS, checkBagFile, type BagImportContext, type BagImportRow } from '../../../shared/custody/bag-import';
import type { BagEntry } from '../../../shared/custody/custody-api';
import type { ApiResult } from '../../../shared/api/result';
import type { DayView } from '../api/api';
import { useAction } from '../api/use-action';
import { useRefusalText, useT } from '../i18n/i18n';
import { FilePickButton } from '../setup/FilePickButton';
import { useRegisterBags } from './custody-api';
import { useBagRoomName, useCustodyLabels } from './custody-labels';
import '../setup/setup.css';

export interface PickedFile {
  name: string;
  bytes: Uint8Array;
}

export const BAG_FILE_ACCEPT = '.xlsx,.csv,application/vnd.openxmlformats-officedocument.spreadsheetml.sheet,text/csv';

/** Rows drawn in the preview; a longer list is summarised above the table. */
const MAX_PREVIEW_ROWS = 300;

/** Reads the picked file once; the preview is recomputed from its bytes. */
export async function readPicked(file: File): Promise<PickedFile> {
  return { name: file.name, bytes: new Uint8Array(await file.arrayBuffer()) };
}

/**
 * The press's list (试卷袋清单) before it enters the registry: the file is checked here, in the
 * browser (checkBagFile is pure), against the day's rooms, the plan and the bags already registered,
 * and shown row by row with its problems. Nothing is registered until the user confirms; a file with
 * errors is refused as a whole unless the user confirms a second time that only its good rows go in.
 */
export function ImportBagsPreview({
  file,
  day,
  existingCodes,
  actorStaffId,
  onPick,
  onCancel,
  onImported,
}: {
  file: PickedFile;
  day: DayView;
  existingCodes: readonly string[];
  actorStaffId: string;
  onPick: (file: File) => void;
  onCancel: () => void;
  onImported: (registered: number) => void;
}) {
  const t = useT();
  const labels = useCustodyLabels();
  const refusalText = useRefusalText();
  const register = useRegisterBags();
  const [onlyProblems, setOnlyProblems] = useState(false);
  const [confirmingPartial, setConfirmingPartial] = useState(false);

  // The day and the bags are polled: key the context on content so the file is not re-read each poll.
  const contextJson = JSON.stringify({
    rooms: day.rooms.map(({ roomNo, name }) => ({ roomNo, name })),
    occupations: day.plan?.occupations ?? [],
    existingCodes,
  });
  const check = useMemo(() => checkBagFile(file.bytes, file.name, JSON.parse(contextJson) as BagImportContext), [file, contextJson]);

  const roomName = useBagRoomName(day.rooms);

  /** How many bags went in; refused with what the core said, and how many went in before it did. */
  const registerAll = useAction(async (entries: readonly BagEntry[]): Promise<ApiResult<number>> => {
    let registered = 0;
    // registerBags is all or none per call and takes at most MAX_BAG_IMPORT_ROWS.
    for (let start = 0; start < entries.length; start += MAX_BAG_IMPORT_ROWS) {
      const answer = await register({ bags: entries.slice(start, start + MAX_BAG_IMPORT_ROWS), actorStaffId });
      if (!answer.ok) {
        if (registered === 0) return answer;
        return { ok: false, error: { code: answer.error.code, message: t('custody.import.partlyRefused', { n: registered, message: refusalText(answer.error) }) } };
      }
      registered += answer.value.codes.length;
    }
    return { ok: true, value: registered };
  });
  const busy = registerAll.busy;
  const refusal = registerAll.error ? refusalText(registerAll.error) : null;
  const importEntries = async (entries: readonly BagEntry[]) => {
    const answer = await registerAll.run(entries);
    if (answer === undefined) return;
    if (answer.ok) onImported(answer.value);
    else setConfirmingPartial(false);
  };

  const header = (
    <div className="custody-import-head">
      <h2 className="custody-panel-title">{t('custody.import.title')}</h2>
      <span className="custody-import-file">{t('custody.import.file', { name: file.name })}</span>
      <FilePickButton label={t('custody.import.pickAgain')} accept={BAG_FILE_ACCEPT} variant="secondary" testId="bag-import-file-again" onFiles={([f]) => f && onPick(f)} />
      <button type="button" className="secondary-button" onClick={onCancel} data-testid="bag-import-cancel">
        {t('custody.import.cancel')}
      </button>
    </div>
  );

  if (!check.ok) {
    return (
      <section className="custody-panel custody-import" data-testid="bag-import-preview">
        {header}
        <p className="rec-error" role="alert" data-testid="bag-import-unreadable">
          {refusalText(check)}
        </p>
      </section>
    );
  }

  const good = check.entries.length;
  const rows = onlyProblems ? check.rows.filter((r) => r.findings.length > 0) : check.rows;
  return (
    <section className="custody-panel custody-import" data-testid="bag-import-preview">
      {header}
      <p className="custody-import-summary" data-testid="bag-import-summary">
        {t('custody.import.summary', { rows: check.rows.length, errors: check.errorCount, warnings: check.warningCount, ok: good })}
        {check.sheetName && <span className="muted">{t('custody.import.sheet', { sheet: check.sheetName, row: check.headerRow })}</span>}
      </p>
      {check.ignoredHeaders.length > 0 && <p className="muted">{t('custody.import.ignored', { headers: check.ignoredHeaders.join('、') })}</p>}
      <label className="check only-problems">
        <input type="checkbox" checked={onlyProblems} onChange={(e) => setOnlyProblems(e.target.checked)} data-testid="bag-import-only-problems" />
        {t('custody.import.onlyProblems')}
      </label>
      <div className="custody-import-scroll">
        <table className="setup-table import-table" data-testid="bag-import-rows">
          <thead>
            <tr>
              <th>{t('custody.import.row')}</th>
              <th>{t('custody.col.code')}</th>
              <th>{t('custody.col.kind')}</th>
              <th>{t('custody.import.subject')}</th>
              <th>{t('custody.col.room')}</th>
              <th>{t('custody.col.count')}</th>
              <th>{t('custody.sealNo')}</th>
              <th>{t('custody.import.problems')}</th>
            </tr>
          </thead>
          <tbody>
            {rows.slice(0, MAX_PREVIEW_ROWS).map((r) => (
              <PreviewRow key={r.row} row={r} kindLabel={r.entry ? labels.kind(r.entry.kind) : (r.values.kind ?? '')} roomLabel={roomOfRow(r, roomName, t('custody.site'))} okText={t('custody.import.ok')} warnMark={t('custody.import.warnMark')} />
            ))}
          </tbody>
        </table>
      </div>
      {rows.length > MAX_PREVIEW_ROWS && <p className="muted">{t('custody.import.more', { n: rows.length - MAX_PREVIEW_ROWS })}</p>}

      {refusal && (
        <p className="rec-error" role="alert" data-testid="bag-import-refused">
          {refusal}
        </p>
      )}
      <div className="custody-import-actions">
        {check.errorRowCount === 0 ? (
          <button type="button" className="rec-primary" disabled={busy || good === 0} onClick={() => void importEntries(check.entries)} data-testid="bag-import-confirm">
            {busy ? t('custody.import.importing') : t('custody.import.confirm', { n: good })}
          </button>
        ) : (
          <>
            <p className="rec-error custody-import-errors" data-testid="bag-import-has-errors">
              {good > 0 ? t('custody.import.hasErrors', { m: check.errorRowCount, n: good }) : t('custody.import.allErrors', { m: check.errorRowCount })}
            </p>
            {good > 0 && !confirmingPartial && (
              <button type="button" className="rec-action" disabled={busy} onClick={() => setConfirmingPartial(true)} data-testid="bag-import-only-good">
                {t('custody.import.onlyGood', { n: good })}
              </button>
            )}
          </>
        )}
      </div>
      {confirmingPartial && check.errorRowCount > 0 && (
        <div className="custody-import-second" role="alertdialog" aria-label={t('custody.import.onlyGood', { n: good })} data-testid="bag-import-second">
          <p>{t('custody.import.secondConfirm', { n: good, m: check.errorRowCount })}</p>
          <div className="rec-row">
            <button type="button" className="rec-primary" disabled={busy} onClick={() => void importEntries(check.entries)} data-testid="bag-import-confirm-partial">
              {busy ? t('custody.import.importing') : t('custody.import.confirmPartial', { n: good })}
            </button>
            <button type="button" className="rec-action" disabled={busy} onClick={() => setConfirmingPartial(false)} data-testid="bag-import-partial-back">
              {t('custody.back')}
            </button>
          </div>
        </div>
      )}
    </section>
  );
}

/** The room as the day names it; the cell as written when it is not one of the day's rooms. */
function roomOfRow(row: BagImportRow, roomName: (roomNo: string) => string, site: string): string {
  if (row.entry) return row.entry.roomNo === undefined ? site : roomName(row.entry.roomNo);
  return row.values.roomNo ?? '';
}

function PreviewRow({ row, kindLabel, roomLabel, okText, warnMark }: { row: BagImportRow; kindLabel: string; roomLabel: string; okText: string; warnMark: string }) {
  const bad = row.findings.some((f) => f.severity === 'error');
  const entry = row.entry;
  return (
    <tr className={bad ? 'row-error' : row.findings.length > 0 ? 'row-warning' : undefined} data-testid={`bag-import-row-${row.row}`}>
      <td className="num">{row.row}</td>
      <td className="mono nowrap">{entry?.code ?? row.values.code}</td>
      <td className="nowrap">{kindLabel}</td>
      <td className="nowrap">
        {entry?.occupation ?? row.values.occupation} {entry?.level ?? row.values.level}
      </td>
      <td className="nowrap">{roomLabel}</td>
      <td className="num">{entry?.count ?? row.values.count}</td>
      <td>{entry ? entry.sealNos.join('、') : row.values.sealNos}</td>
      <td className="problems">
        {row.findings.length === 0 ? (
          <span className="ok-text">{okText}</span>
        ) : (
          <ul className="row-findings">
            {row.findings.map((f, i) => (
              <li key={i} className={f.severity === 'error' ? 'finding-error' : 'finding-warning'}>
                {f.severity === 'warning' ? warnMark : ''}
                {f.message}
              </li>
            ))}
          </ul>
        )}
      </td>
    </tr>
  );
}
