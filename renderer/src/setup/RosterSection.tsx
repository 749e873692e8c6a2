import { useMemo, useState } from 'react';
import { maskIdNumber } from '../../../shared/id/id-number';
import { checkRosterFile } from '../../../shared/roster/check-roster';
import { ROSTER_FIELDS, type RosterField } from '../../../shared/roster/columns';
import type { Room } from '../../../shared/domain/types';
import type { DayView } from '../api/api';
import { Outcome, type SectionProps } from './ExamSetupScreen';
import { useImportRoster } from './setup-api';
import { useAction } from '../api/use-action';
import { useRefusalText, useT } from '../i18n/i18n';
import type { MessageKey } from '../i18n/zh';
import { FilePickButton } from './FilePickButton';
import { RosterManager } from './RosterManager';

/** Fields the roster may leave out: gender comes from the ID, seats are assigned, the type defaults to 居民身份证. */
const OPTIONAL_FIELDS: ReadonlySet<RosterField> = new Set(['gender', 'idType', 'seatNo']);

/** Rows drawn in the preview; a 10 000-row file is summarised above the table. */
const MAX_PREVIEW_ROWS = 300;

const roomName = (roomNo: string): string => (/^\d+$/.test(roomNo) ? `第${Number(roomNo)}考场` : roomNo);

/**
 * ③ 考生名单: the file is read and checked here, in the browser (checkRosterFile is pure), and shown
 * row by row with its problems; nothing reaches the core until the user confirms, and then the core
 * checks the candidates again and stores them as one batch.
 */
export function RosterSection({ day, refresh, actorStaffId }: SectionProps) {
  const s = useT();
  const refusalText = useRefusalText();
  const importRoster = useAction(useImportRoster());
  const [file, setFile] = useState<{ name: string; bytes: Uint8Array } | null>(null);
  const [overrides, setOverrides] = useState<Partial<Record<RosterField, number | null>>>({});
  const [onlyProblems, setOnlyProblems] = useState(false);
  const busy = importRoster.busy;
  const [importedText, setImportedText] = useState<string | null>(null);
  const outcome = importRoster.error ? { ok: false, text: refusalText(importRoster.error) } : importedText !== null ? { ok: true, text: importedText } : null;
  const alreadyImported = day.rooms.reduce((n, r) => n + r.expected, 0);
  // The day is polled: key the rooms on their content so the preview is not recomputed each poll.
  const roomsJson = JSON.stringify(day.rooms.map(({ roomNo, name, location, capacity }) => ({ roomNo, name, location, capacity })));
  const planJson = JSON.stringify(day.plan);
  const existingRooms = useMemo(() => JSON.parse(roomsJson) as Room[], [roomsJson]);
  const plan = useMemo(() => JSON.parse(planJson) as DayView['plan'], [planJson]);

  const check = useMemo(
    () =>
      file && plan
        ? checkRosterFile(file.bytes, file.name, {
            plan,
            rooms: existingRooms.length > 0 ? existingRooms : undefined,
            mappingOverrides: overrides,
          })
        : null,
    [file, plan, overrides, existingRooms],
  );

  if (!day.plan) return <p className="notice">{s('roster.needPlan')}</p>;
  if (alreadyImported > 0 && !file) {
    return (
      <>
        <Outcome outcome={outcome} />
        <RosterManager day={day} refresh={refresh} actorStaffId={actorStaffId} />
      </>
    );
  }

  const pick = async (picked: File | undefined) => {
    importRoster.reset();
    setImportedText(null);
    setOverrides({});
    if (!picked) return;
    setFile({ name: picked.name, bytes: new Uint8Array(await picked.arrayBuffer()) });
  };

  const confirm = async () => {
    if (!check?.ok) return;
    const rooms: Room[] =
      existingRooms.length > 0 ? [] : check.validation.rooms.map((r) => ({ roomNo: r.roomNo, name: roomName(r.roomNo), location: '', capacity: r.capacity }));
    const result = await importRoster.run({ rooms, candidates: check.validation.candidates, ...(actorStaffId ? { actorStaffId } : {}) });
    if (result?.ok) {
      setFile(null);
      refresh();
      setImportedText(s('roster.imported', { candidates: result.value.candidates, rooms: result.value.rooms }));
    }
  };

  const validation = check?.ok ? check.validation : undefined;
  const recognition = check?.ok ? check.recognition : undefined;
  const unmappedFields = recognition ? ROSTER_FIELDS.filter((f) => recognition.mapping[f] === undefined) : [];
  const fileFindings = validation?.findings.filter((f) => f.row === 0) ?? [];
  const rows = validation ? (onlyProblems ? validation.rows.filter((r) => r.findings.length > 0) : validation.rows) : [];

  return (
    <section className="setup-form roster-section">
      <FilePickButton
        label={s('roster.pick')}
        accept=".xlsx,.csv,application/vnd.openxmlformats-officedocument.spreadsheetml.sheet,text/csv"
        testId="roster-file"
        onFiles={([file]) => void pick(file)}
      />
      <p className="hint">{s('roster.pickHint')}</p>
      <Outcome outcome={outcome} />

      {file && check && !check.ok && (
        <p className="outcome outcome-error" role="alert" data-testid="roster-unreadable">
          {refusalText(check)}
        </p>
      )}

      {file && validation && recognition && (
        <div className="roster-preview" data-testid="roster-preview">
          <p className="roster-summary" data-testid="roster-summary">
            <strong>{s('roster.file', { name: file.name })}</strong>
            {' · '}
            {s('roster.summary', {
              rows: validation.rows.length,
              ok: validation.candidates.length,
              errors: validation.errorRowCount,
              warnings: validation.warningCount,
            })}
          </p>
          {validation.seatsAssigned && validation.candidates.length > 0 && <p className="hint">{s('roster.seatsAssigned')}</p>}

          {unmappedFields.length > 0 && (
            <fieldset className="field-group mapping" data-testid="roster-mapping">
              <legend>{s('roster.mapping')}</legend>
              <p className="hint">{s('roster.mappingHint')}</p>
              <div className="mapping-grid">
                {unmappedFields.map((field) => (
                  <label key={field} className="field">
                    <span>
                      {s(`field.${field}` as MessageKey)}
                      {OPTIONAL_FIELDS.has(field) && <small className="muted"> {s('roster.optional')}</small>}
                    </span>
                    <select
                      data-testid={`map-${field}`}
                      value={overrides[field] ?? ''}
                      onChange={(e) => setOverrides((o) => ({ ...o, [field]: e.target.value === '' ? null : Number(e.target.value) }))}
                    >
                      <option value="">{s('roster.noColumn')}</option>
                      {recognition.headers.map((header, index) => (
                        <option key={index} value={index}>
                          {s('roster.column', { n: index + 1, header: header || '—' })}
                        </option>
                      ))}
                    </select>
                  </label>
                ))}
              </div>
            </fieldset>
          )}

          {fileFindings.length > 0 && (
            <ul className="file-findings" role="alert">
              {fileFindings.map((f, i) => (
                <li key={i}>{refusalText(f)}</li>
              ))}
            </ul>
          )}

          {validation.rows.length > 0 && (
            <>
              <label className="check only-problems">
                <input type="checkbox" checked={onlyProblems} onChange={(e) => setOnlyProblems(e.target.checked)} data-testid="roster-only-problems" />
                {s('roster.onlyProblems')}
              </label>
              <div className="table-scroll">
                <table className="setup-table import-table" data-testid="roster-rows">
                  <thead>
                    <tr>
                      <th>{s('roster.row')}</th>
                      <th>{s('field.name')}</th>
                      <th>{s('field.ticketNo')}</th>
                      <th>{s('field.idNumber')}</th>
                      <th>{s('field.occupation')}</th>
                      <th>{s('field.roomNo')}</th>
                      <th>{s('field.seatNo')}</th>
                      <th>{s('roster.problems')}</th>
                    </tr>
                  </thead>
                  <tbody>
                    {rows.slice(0, MAX_PREVIEW_ROWS).map((r) => {
                      const bad = r.findings.some((f) => f.severity === 'error');
                      return (
                        <tr key={r.row} className={bad ? 'row-error' : r.findings.length > 0 ? 'row-warning' : undefined} data-testid={`roster-row-${r.row}`}>
                          <td className="num">{r.row}</td>
                          <td className="nowrap">{r.values.name}</td>
                          <td className="mono">{r.values.ticketNo}</td>
                          <td className="mono">{r.values.idNumber ? maskIdNumber(r.values.idNumber.replace(/\s+/g, '')) : ''}</td>
                          <td className="nowrap">
                            {r.candidate?.occupation ?? r.values.occupation} {r.candidate?.level ?? r.values.level}
                          </td>
                          <td>{r.candidate?.roomNo ?? r.values.roomNo}</td>
                          <td className="num">{r.candidate?.seatNo ?? r.values.seatNo}</td>
                          <td className="problems">
                            {r.findings.length === 0 ? (
                              <span className="ok-text">{s('roster.ok')}</span>
                            ) : (
                              <ul className="row-findings">
                                {r.findings.map((f, i) => (
                                  <li key={i} className={f.severity === 'error' ? 'finding-error' : 'finding-warning'}>
                                    {f.severity === 'warning' ? s('roster.warningMark') : ''}
                                    {refusalText(f)}
                                  </li>
                                ))}
                              </ul>
                            )}
                          </td>
                        </tr>
                      );
                    })}
                  </tbody>
                </table>
              </div>
              {rows.length > MAX_PREVIEW_ROWS && <p className="muted">{s('roster.more', { n: rows.length - MAX_PREVIEW_ROWS })}</p>}
            </>
          )}

          <div className="form-actions sticky-actions">
            {validation.errorRowCount > 0 && <p className="hint warn-text">{s('roster.confirmWithErrors', { n: validation.errorRowCount })}</p>}
            <button type="button" className="secondary-button" onClick={() => setFile(null)}>
              {s('roster.cancel')}
            </button>
            <button
              type="button"
              className="primary-button"
              disabled={busy || validation.candidates.length === 0}
              onClick={() => void confirm()}
              data-testid="roster-confirm"
            >
              {busy ? s('roster.importing') : s('roster.confirm', { n: validation.candidates.length })}
            </button>
          </div>
        </div>
      )}
    </section>
  );
}
