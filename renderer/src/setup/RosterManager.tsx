import { useDeferredValue, useState } from 'react';
import type { ApiInput } from '../../../shared/api/contract';
import type { ApiResult } from '../../../shared/api/result';
import type { RosterEntry } from '../../../shared/roster/roster-api';
import type { DayView } from '../api/api';
import { CandidateForm, type CandidateFormResult } from './CandidateForm';
import { Outcome } from './ExamSetupScreen';
import { RosterReimport } from './RosterReimport';
import { useAddCandidate, useCorrectCandidate, useRosterList, useWithdrawCandidate } from './setup-api';
import { useAction } from '../api/use-action';
import { useRefusalText, useT } from '../i18n/i18n';

/** One change to the roster as sent: the three share the section's busy state and its outcome line. */
type RosterChange =
  | { add: ApiInput<'addCandidate'> }
  | { correct: ApiInput<'correctCandidate'> }
  | { withdraw: ApiInput<'withdrawCandidate'> };

type Mode = { kind: 'none' } | { kind: 'add' } | { kind: 'correct'; entry: RosterEntry } | { kind: 'withdraw'; entry: RosterEntry } | { kind: 'reimport' };

/** Rows drawn at once; the search narrows a site of thousands. */
const MAX_ROWS = 200;

/**
 * ③ after the import: the roster as it stands, searchable and by room; one candidate added,
 * corrected or withdrawn (退考) at a time, or a corrected file applied as a diff. Each change is an
 * event naming who made it; the core refuses any change to a candidate already admitted.
 */
export function RosterManager({ day, refresh, actorStaffId }: { day: DayView; refresh: () => void; actorStaffId: string | undefined }) {
  const s = useT();
  const list = useRosterList();
  const roster = list.value ?? null;
  const add = useAddCandidate();
  const correct = useCorrectCandidate();
  const withdraw = useWithdrawCandidate();
  const refusalText = useRefusalText();
  const change = useAction(
    (request: RosterChange): Promise<ApiResult<unknown>> =>
      'add' in request ? add(request.add) : 'correct' in request ? correct(request.correct) : withdraw(request.withdraw),
  );
  const [search, setSearch] = useState('');
  const query = useDeferredValue(search.trim().toLowerCase());
  const [room, setRoom] = useState('');
  const [mode, setModeOnly] = useState<Mode>({ kind: 'none' });
  const [reason, setReason] = useState('退考');
  const busy = change.busy;
  const [doneText, setDoneText] = useState<string | null>(null);
  const outcome = change.error ? { ok: false, text: refusalText(change.error) } : doneText !== null ? { ok: true, text: doneText } : null;
  const actor = actorStaffId ? { actorStaffId } : {};
  // A new action starts without the last one's answer on screen.
  const setMode = (next: Mode) => {
    if (next.kind !== 'none') {
      change.reset();
      setDoneText(null);
    }
    setModeOnly(next);
  };

  const changed = () => {
    list.refresh();
    refresh();
  };

  const plan = day.plan;
  if (!plan) return null;
  const rows = (roster?.candidates ?? []).filter(
    (c) => (room === '' || c.roomNo === room) && (query === '' || `${c.ticketNo} ${c.name} ${c.idMasked.slice(-4)}`.toLowerCase().includes(query)),
  );
  const suggestSeat = (roomNo: string): number => {
    const taken = new Set((roster?.candidates ?? []).filter((c) => c.roomNo === roomNo).map((c) => c.seatNo));
    let seat = 1;
    while (taken.has(seat)) seat += 1;
    return seat;
  };

  const submitForm = async (result: CandidateFormResult) => {
    const answer = await change.run(
      result.kind === 'add'
        ? { add: { candidate: result.candidate, ...actor } }
        : { correct: { ticketNo: result.ticketNo, changes: result.changes, ...(result.note.trim() ? { note: result.note.trim() } : {}), ...actor } },
    );
    if (!answer?.ok) return;
    setDoneText(result.kind === 'add' ? s('rosterEdit.added', { name: result.candidate.name }) : s('rosterEdit.corrected'));
    setMode({ kind: 'none' });
    changed();
  };

  const submitWithdrawal = async (entry: RosterEntry) => {
    const answer = await change.run({ withdraw: { ticketNo: entry.ticketNo, reason, ...actor } });
    if (!answer?.ok) return;
    setDoneText(s('rosterEdit.withdrawn', { name: entry.name }));
    setMode({ kind: 'none' });
    changed();
  };

  return (
    <section className="setup-form roster-manager" data-testid="roster-manager">
      <p className="notice" data-testid="roster-already">
        {s('rosterEdit.summary', { n: roster?.candidates.length ?? 0, rooms: day.rooms.length, withdrawn: roster?.withdrawn.length ?? 0 })}
      </p>
      <div className="form-actions roster-manager-actions">
        <button type="button" className="primary-button" data-testid="roster-add" onClick={() => setMode({ kind: 'add' })}>
          {s('rosterEdit.add')}
        </button>
        <button type="button" className="secondary-button" data-testid="roster-reimport" onClick={() => setMode({ kind: 'reimport' })}>
          {s('rosterEdit.reimport')}
        </button>
      </div>
      <Outcome outcome={outcome} />
      {list.error && <p className="outcome outcome-error">{list.error.message}</p>}
      {(mode.kind === 'add' || mode.kind === 'correct') && (
        <CandidateForm
          key={mode.kind === 'correct' ? mode.entry.ticketNo : 'add'}
          plan={plan}
          rooms={day.rooms}
          editing={mode.kind === 'correct' ? mode.entry : null}
          suggestSeat={suggestSeat}
          busy={busy}
          onSubmit={(r) => void submitForm(r)}
          onCancel={() => setMode({ kind: 'none' })}
        />
      )}
      {mode.kind === 'withdraw' && (
        <div className="field-group withdraw-form" data-testid="withdraw-form">
          <p>{s('rosterEdit.withdrawAsk', { name: mode.entry.name, ticket: mode.entry.ticketNo })}</p>
          <label className="field">
            <span>{s('rosterEdit.reason')}</span>
            <input value={reason} onChange={(e) => setReason(e.target.value)} data-testid="withdraw-reason" />
          </label>
          <div className="form-actions">
            <button type="button" className="secondary-button" onClick={() => setMode({ kind: 'none' })}>
              {s('roster.cancel')}
            </button>
            <button type="button" className="primary-button danger-button" disabled={busy} data-testid="withdraw-confirm" onClick={() => void submitWithdrawal(mode.entry)}>
              {s('rosterEdit.withdrawConfirm')}
            </button>
          </div>
        </div>
      )}
      {mode.kind === 'reimport' && (
        <RosterReimport
          day={day}
          actorStaffId={actorStaffId}
          onDone={(text) => {
            setDoneText(text);
            setMode({ kind: 'none' });
            changed();
          }}
          onCancel={() => setMode({ kind: 'none' })}
        />
      )}

      <div className="roster-filters">
        <input
          type="search"
          className="roster-search"
          placeholder={s('rosterEdit.search')}
          aria-label={s('rosterEdit.search')}
          value={search}
          onChange={(e) => setSearch(e.target.value)}
          data-testid="roster-search"
        />
        <select value={room} onChange={(e) => setRoom(e.target.value)} aria-label={s('field.roomNo')} data-testid="roster-room-filter">
          <option value="">{s('rosterEdit.allRooms')}</option>
          {day.rooms.map((r) => (
            <option key={r.roomNo} value={r.roomNo}>
              {r.name}（{r.expected}）
            </option>
          ))}
        </select>
        <span className="muted" data-testid="roster-shown">
          {s('rosterEdit.shown', { shown: rows.length, total: roster?.candidates.length ?? 0 })}
        </span>
      </div>
      <div className="table-scroll">
        <table className="setup-table roster-list" data-testid="roster-list">
          <thead>
            <tr>
              <th>{s('field.roomNo')}</th>
              <th>{s('field.seatNo')}</th>
              <th>{s('field.name')}</th>
              <th>{s('field.ticketNo')}</th>
              <th>{s('field.idNumber')}</th>
              <th>{s('field.occupation')}</th>
              <th>{s('rosterEdit.state')}</th>
              <th />
            </tr>
          </thead>
          <tbody>
            {rows.slice(0, MAX_ROWS).map((c) => (
              <tr key={c.ticketNo} data-testid="roster-entry" data-ticket={c.ticketNo} data-admitted={c.admitted ? 'yes' : 'no'}>
                <td>{c.roomNo}</td>
                <td className="num">{c.seatNo}</td>
                <td className="nowrap">{c.name}</td>
                <td className="mono">{c.ticketNo}</td>
                <td className="mono">{c.idMasked}</td>
                <td className="nowrap">
                  {c.occupation} {c.level}
                </td>
                <td className="nowrap">
                  {c.admitted ? <span className="ok-text">{s('rosterEdit.admitted')}</span> : <span className="muted">{s('rosterEdit.notAdmitted')}</span>}
                  {!c.hasPhoto && <span className="warn-text"> · {s('rosterEdit.noPhoto')}</span>}
                </td>
                <td className="nowrap">
                  <button type="button" className="link-button" data-testid="roster-correct" onClick={() => setMode({ kind: 'correct', entry: c })}>
                    {s('rosterEdit.correct')}
                  </button>
                  <button type="button" className="link-button" data-testid="roster-withdraw" onClick={() => setMode({ kind: 'withdraw', entry: c })}>
                    {s('rosterEdit.withdraw')}
                  </button>
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
      {rows.length > MAX_ROWS && <p className="muted">{s('roster.more', { n: rows.length - MAX_ROWS })}</p>}
      {roster && roster.withdrawn.length > 0 && (
        <details className="withdrawn-list" data-testid="withdrawn-list">
          <summary>{s('rosterEdit.withdrawnTitle', { n: roster.withdrawn.length })}</summary>
          <ul className="compact-list">
            {roster.withdrawn.map((w) => (
              <li key={w.ticketNo}>
                <span className="mono">{w.ticketNo}</span> {w.name}（{w.roomNo}-{w.seatNo}）：{w.reason} · {w.byName}
              </li>
            ))}
          </ul>
        </details>
      )}
    </section>
  );
}
