import { useState } from 'react';
import type { Candidate, Room } from '../../../shared/domain/types';
import { checkRosterFile } from '../../../shared/roster/check-roster';
import type { ReimportPreview } from '../../../shared/roster/roster-api';
import type { DayView } from '../api/api';
import { FilePickButton } from './FilePickButton';
import { useApplyRosterReimport, usePreviewRosterReimport } from './setup-api';
import { useAction } from '../api/use-action';
import { useRefusalText, useT } from '../i18n/i18n';

/**
 * A corrected roster file against the roster now: read and checked here like the first import, then
 * the core says what it would add, change and remove (and what it keeps because the candidate is
 * admitted); one confirmation applies it all in one batch.
 */
export function RosterReimport({ day, actorStaffId, onDone, onCancel }: { day: DayView; actorStaffId: string | undefined; onDone: (text: string) => void; onCancel: () => void }) {
  const s = useT();
  const refusalText = useRefusalText();
  // The file's own problems are shown as the preview's: both are about the file chosen.
  const preview = useAction(usePreviewRosterReimport());
  const apply = useAction(useApplyRosterReimport());
  const [candidates, setCandidates] = useState<Candidate[] | null>(null);
  const [diff, setDiff] = useState<ReimportPreview | null>(null);
  const shownError = preview.error ?? apply.error;
  const problem = shownError ? refusalText(shownError) : null;
  const busy = preview.busy || apply.busy;

  const pick = async (file: File | undefined) => {
    setDiff(null);
    preview.reset();
    apply.reset();
    if (!file || !day.plan) return;
    const rooms: Room[] = day.rooms.map(({ roomNo, name, location, capacity }) => ({ roomNo, name, location, capacity }));
    const check = checkRosterFile(new Uint8Array(await file.arrayBuffer()), file.name, { plan: day.plan, rooms });
    if (!check.ok) {
      preview.complain(refusalText(check));
      return;
    }
    // A row with an error would look removed: the file is fixed first, never half applied.
    if (check.validation.errorRowCount > 0) {
      const first = check.validation.findings.find((f) => f.severity === 'error');
      preview.complain(s('reimport.fileErrors', { n: check.validation.errorRowCount, first: !first ? '' : first.row > 0 ? s('roster.findingInRow', { row: first.row, problem: refusalText(first) }) : refusalText(first) }));
      return;
    }
    const answer = await preview.run({ candidates: check.validation.candidates });
    if (!answer?.ok) return;
    setCandidates(check.validation.candidates);
    setDiff(answer.value);
  };

  const confirm = async () => {
    if (!candidates) return;
    const answer = await apply.run({ candidates, ...(actorStaffId ? { actorStaffId } : {}) });
    if (!answer?.ok) return;
    onDone(s('reimport.applied', { added: answer.value.added, changed: answer.value.changed, removed: answer.value.removed, refused: answer.value.refused }));
  };

  const changes = diff ? diff.added.length + diff.changed.length + diff.removed.length : 0;
  return (
    <div className="field-group reimport" data-testid="reimport">
      <p className="hint">{s('reimport.hint')}</p>
      <div className="form-actions">
        <FilePickButton
          label={s('reimport.pick')}
          accept=".xlsx,.csv,application/vnd.openxmlformats-officedocument.spreadsheetml.sheet,text/csv"
          testId="reimport-file"
          onFiles={([file]) => void pick(file)}
        />
        <button type="button" className="secondary-button" onClick={onCancel}>
          {s('roster.cancel')}
        </button>
      </div>
      {problem && (
        <p className="outcome outcome-error" role="alert" data-testid="reimport-problem">
          {problem}
        </p>
      )}
      {diff && (
        <div className="reimport-diff" data-testid="reimport-diff">
          <p className="roster-summary" data-testid="reimport-summary">
            {s('reimport.summary', { added: diff.added.length, changed: diff.changed.length, removed: diff.removed.length, refused: diff.refused.length, unchanged: diff.unchanged })}
          </p>
          {diff.problems.length > 0 && (
            <ul className="file-findings" role="alert" data-testid="reimport-problems">
              {diff.problems.map((p) => (
                <li key={p}>{p}</li>
              ))}
            </ul>
          )}
          <table className="setup-table" data-testid="reimport-rows">
            <tbody>
              {diff.added.map((r) => (
                <DiffRow key={`a${r.ticketNo}`} kind="added" label={s('reimport.added')} ticketNo={r.ticketNo} name={r.name} detail={`${r.roomNo}-${r.seatNo}`} />
              ))}
              {diff.changed.map((r) => (
                <DiffRow key={`c${r.ticketNo}`} kind="changed" label={s('reimport.changed')} ticketNo={r.ticketNo} name={r.name} detail={r.changes.map((c) => `${c.label}：${c.before} → ${c.after}`).join('；')} />
              ))}
              {diff.removed.map((r) => (
                <DiffRow key={`r${r.ticketNo}`} kind="removed" label={s('reimport.removed')} ticketNo={r.ticketNo} name={r.name} detail={`${r.roomNo}-${r.seatNo}`} />
              ))}
              {diff.refused.map((r) => (
                <DiffRow key={`x${r.ticketNo}`} kind="refused" label={s('reimport.refused')} ticketNo={r.ticketNo} name={r.name} detail={r.reason} />
              ))}
            </tbody>
          </table>
          <div className="form-actions">
            <button type="button" className="primary-button" disabled={busy || changes === 0 || diff.problems.length > 0} data-testid="reimport-confirm" onClick={() => void confirm()}>
              {s('reimport.confirm', { n: changes })}
            </button>
          </div>
        </div>
      )}
    </div>
  );
}

/** One row of the re-import's diff: what happens to this candidate, and why or where. */
function DiffRow({ kind, label, ticketNo, name, detail }: { kind: 'added' | 'changed' | 'removed' | 'refused'; label: string; ticketNo: string; name: string; detail: string }) {
  return (
    <tr className={`diff-${kind}`} data-testid={`diff-${kind}`}>
      <td>{label}</td>
      <td className="mono">{ticketNo}</td>
      <td>{name}</td>
      <td>{detail}</td>
    </tr>
  );
}
