import { useState } from 'react';
import { STAFF_ROLES, type StaffMember } from '../../../shared/domain/types';
import { decodeTable } from '../../../shared/roster/decode-table';
import { checkStaffing } from '../../../shared/staffing/check-staffing';
import { readStaffTable, type StaffTableFinding } from '../../../shared/staffing/staff-table';
import { useAction } from '../api/use-action';
import { useRefusalText, useRoleLabel } from '../i18n/i18n';
import { Outcome, type SectionProps } from './ExamSetupScreen';
import { useRegisterStaff } from './setup-api';
import { useT } from '../i18n/i18n';
import { FilePickButton } from './FilePickButton';

type Draft = Omit<StaffMember, 'badgeCode'>;

const nextId = (list: readonly Draft[]): string => {
  const numbers = list.map((m) => Number(/^S(\d+)$/.exec(m.staffId)?.[1] ?? 0));
  return `S${String(Math.max(0, ...numbers) + 1).padStart(2, '0')}`;
};

/** ⑤ 工作人员: import or enter staff, see what 附件3 still asks for, save (each gets a badge code). */
export function StaffSection({ day, refresh, actorStaffId }: SectionProps) {
  const s = useT();
  const roleLabel = useRoleLabel();
  const refusalText = useRefusalText();
  const register = useAction(useRegisterStaff());
  const [list, setList] = useState<Draft[]>(() => day.staff.map(({ staffId, name, role, roomNo }) => (roomNo ? { staffId, name, role, roomNo } : { staffId, name, role })));
  const [fileFindings, setFileFindings] = useState<StaffTableFinding[]>([]);
  const [savedText, setSavedText] = useState<string | null>(null);
  const outcome = register.error ? { ok: false, text: refusalText(register.error) } : savedText !== null ? { ok: true, text: savedText } : null;
  const badges = new Map(day.staff.map((m) => [m.staffId, m.badgeCode]));
  const rooms = day.rooms.map(({ roomNo, name, location, capacity }) => ({ roomNo, name, location, capacity }));
  const shortfalls = checkStaffing(
    list,
    day.rooms.map((r) => ({ roomNo: r.roomNo, candidateCount: r.expected })),
  );

  const importFile = async (file: File | undefined) => {
    if (!file) return;
    const decoded = decodeTable(new Uint8Array(await file.arrayBuffer()), file.name);
    if (!decoded.ok) {
      setSavedText(null);
      register.complain(decoded.message);
      return;
    }
    const read = readStaffTable(decoded.rows, rooms);
    setFileFindings(read.findings);
    setList(read.staff.map(({ badgeCode: _b, ...m }) => m));
    register.reset();
    setSavedText(null);
  };
  const update = (index: number, patch: Partial<Draft>) =>
    setList((l) =>
      l.map((m, i) => {
        if (i !== index) return m;
        const next = { ...m, ...patch };
        if (next.roomNo === '') delete next.roomNo;
        return next;
      }),
    );
  const save = async () => {
    const result = await register.run({ staff: list, ...(actorStaffId ? { actorStaffId } : {}) });
    if (!result?.ok) return;
    setSavedText(s('staff.saved', { n: result.value.registered }));
    refresh();
  };

  return (
    <section className="setup-form staff-section">
      <p className="hint">{s('staff.hint')}</p>
      <div className="form-actions">
        <FilePickButton label={s('staff.import')} variant="secondary" accept=".xlsx,.csv" testId="staff-file" onFiles={([file]) => void importFile(file)} />
      </div>
      {fileFindings.length > 0 && (
        <div className="file-findings" role="alert">
          {s('staff.fileProblems')}
          <ul>
            {fileFindings.map((f, i) => (
              <li key={i}>{f.row > 0 ? `第 ${f.row} 行：${f.message}` : f.message}</li>
            ))}
          </ul>
        </div>
      )}
      <div className={shortfalls.length === 0 ? 'staffing-ok' : 'staffing-short'} data-testid="staffing-check">
        {shortfalls.length === 0 ? (
          s('staff.complete')
        ) : (
          <>
            {s('staff.shortfalls')}
            <ul>
              {shortfalls.map((f, i) => (
                <li key={i} className={f.severity === 'error' ? 'finding-error' : 'finding-warning'}>
                  {f.message}
                </li>
              ))}
            </ul>
          </>
        )}
      </div>
      <div className="table-scroll">
        <table className="setup-table" data-testid="staff-table">
          <thead>
            <tr>
              <th>{s('staff.name')}</th>
              <th>{s('staff.role')}</th>
              <th>{s('staff.room')}</th>
              <th>{s('staff.badge')}</th>
              <th />
            </tr>
          </thead>
          <tbody>
            {list.map((m, i) => (
              <tr key={`${m.staffId}-${i}`}>
                <td>
                  <input value={m.name} onChange={(e) => update(i, { name: e.target.value })} aria-label={s('staff.name')} />
                </td>
                <td>
                  <select value={m.role} onChange={(e) => update(i, { role: e.target.value as Draft['role'] })} aria-label={s('staff.role')}>
                    {STAFF_ROLES.map((role) => (
                      <option key={role} value={role}>
                        {roleLabel(role)}
                      </option>
                    ))}
                  </select>
                </td>
                <td>
                  <select value={m.roomNo ?? ''} onChange={(e) => update(i, { roomNo: e.target.value })} aria-label={s('staff.room')}>
                    <option value="">{s('staff.noRoom')}</option>
                    {day.rooms.map((r) => (
                      <option key={r.roomNo} value={r.roomNo}>
                        {r.name}
                      </option>
                    ))}
                  </select>
                </td>
                <td className="mono">{badges.get(m.staffId) ?? '—'}</td>
                <td>
                  <button type="button" className="link-button" onClick={() => setList((l) => l.filter((_, j) => j !== i))}>
                    {s('staff.remove')}
                  </button>
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
      <div className="form-actions">
        <button type="button" className="secondary-button" onClick={() => setList((l) => [...l, { staffId: nextId(l), name: '', role: 'second-proctor' }])}>
          + {s('staff.add')}
        </button>
        <button type="button" className="primary-button" disabled={register.busy || list.length === 0} onClick={() => void save()} data-testid="staff-save">
          {s('save')}
        </button>
        <Outcome outcome={outcome} />
      </div>
    </section>
  );
}
