import { useState } from 'react';
import { ID_DOCUMENT_TYPE_LABELS } from '../../../shared/domain/labels';
import { LEVELS, type Candidate, type IdDocumentType, type Level } from '../../../shared/domain/types';
import type { RosterEntry } from '../../../shared/roster/roster-api';
import type { DayView } from '../api/api';
import { useUiStore } from '../state/ui-store';
import { useT } from '../i18n/i18n';

type Plan = NonNullable<DayView['plan']>;

/** What the form sends: a whole new candidate, or a correction's changed fields (an empty ID: unchanged). */
export type CandidateFormResult = { kind: 'add'; candidate: Candidate } | { kind: 'correct'; ticketNo: string; changes: Partial<Candidate>; note: string };

/**
 * One candidate, typed by the office: a new one (every field) or a correction of one on the list
 * (name, ID, room, seat…; the ID is typed again in full or left empty, never shown whole).
 */
export function CandidateForm({
  plan,
  rooms,
  editing,
  suggestSeat,
  busy,
  onSubmit,
  onCancel,
}: {
  plan: Plan;
  rooms: DayView['rooms'];
  editing: RosterEntry | null;
  suggestSeat: (roomNo: string) => number;
  busy: boolean;
  onSubmit: (result: CandidateFormResult) => void;
  onCancel: () => void;
}) {
  const s = useT();
  const language = useUiStore((st) => st.language);
  const firstOccupation = plan.occupations[0];
  const firstRoom = rooms[0]?.roomNo ?? '';
  const [ticketNo, setTicketNo] = useState(editing?.ticketNo ?? '');
  const [name, setName] = useState(editing?.name ?? '');
  const [gender, setGender] = useState<'男' | '女'>(editing?.gender ?? '男');
  const [idType, setIdType] = useState<IdDocumentType>(editing?.idType ?? plan.acceptedIdTypes[0] ?? 'resident-id');
  const [idNumber, setIdNumber] = useState('');
  const [occupation, setOccupation] = useState(editing?.occupation ?? firstOccupation?.occupation ?? '');
  const [level, setLevel] = useState<Level>(editing?.level ?? firstOccupation?.levels[0] ?? '四级');
  const [roomNo, setRoomNo] = useState(editing?.roomNo ?? firstRoom);
  const [seatNo, setSeatNo] = useState(String(editing?.seatNo ?? suggestSeat(firstRoom)));
  const [note, setNote] = useState('');
  const levels = plan.occupations.find((o) => o.occupation === occupation)?.levels ?? LEVELS;

  const submit = () => {
    const seat = Number(seatNo);
    if (editing) {
      const changes: Partial<Candidate> = {};
      if (name !== editing.name) changes.name = name;
      if (gender !== editing.gender) changes.gender = gender;
      if (idType !== editing.idType) changes.idType = idType;
      if (idNumber.trim() !== '') changes.idNumber = idNumber.trim();
      if (occupation !== editing.occupation) changes.occupation = occupation;
      if (level !== editing.level) changes.level = level;
      if (roomNo !== editing.roomNo) changes.roomNo = roomNo;
      if (seat !== editing.seatNo) changes.seatNo = seat;
      onSubmit({ kind: 'correct', ticketNo: editing.ticketNo, changes, note });
    } else {
      onSubmit({ kind: 'add', candidate: { ticketNo: ticketNo.trim(), name: name.trim(), gender, idType, idNumber: idNumber.trim(), occupation, level, roomNo, seatNo: seat } });
    }
  };

  return (
    <form
      className="candidate-form field-group"
      data-testid="candidate-form"
      onSubmit={(e) => {
        e.preventDefault();
        submit();
      }}
    >
      <legend>{editing ? s('rosterEdit.correctTitle', { name: editing.name, ticket: editing.ticketNo }) : s('rosterEdit.addTitle')}</legend>
      <div className="candidate-form-grid">
        <label className="field">
          <span>{s('field.ticketNo')}</span>
          <input value={ticketNo} disabled={editing !== null} onChange={(e) => setTicketNo(e.target.value)} data-testid="cf-ticket" required />
        </label>
        <label className="field">
          <span>{s('field.name')}</span>
          <input value={name} onChange={(e) => setName(e.target.value)} data-testid="cf-name" required />
        </label>
        <label className="field">
          <span>{s('field.gender')}</span>
          <select value={gender} onChange={(e) => setGender(e.target.value as '男' | '女')} data-testid="cf-gender">
            <option value="男">男</option>
            <option value="女">女</option>
          </select>
        </label>
        <label className="field">
          <span>{s('field.idType')}</span>
          <select value={idType} onChange={(e) => setIdType(e.target.value as IdDocumentType)} data-testid="cf-id-type">
            {plan.acceptedIdTypes.map((type) => (
              <option key={type} value={type}>
                {ID_DOCUMENT_TYPE_LABELS[type][language]}
              </option>
            ))}
          </select>
        </label>
        <label className="field">
          <span>{s('field.idNumber')}</span>
          <input
            value={idNumber}
            onChange={(e) => setIdNumber(e.target.value)}
            data-testid="cf-id"
            required={editing === null}
            placeholder={editing ? s('rosterEdit.idUnchanged', { last4: editing.idMasked.slice(-4) }) : ''}
            autoComplete="off"
          />
        </label>
        <label className="field">
          <span>{s('field.occupation')}</span>
          <select value={occupation} onChange={(e) => setOccupation(e.target.value)} data-testid="cf-occupation">
            {plan.occupations.map((o) => (
              <option key={o.occupation} value={o.occupation}>
                {o.occupation}
              </option>
            ))}
          </select>
        </label>
        <label className="field">
          <span>{s('field.level')}</span>
          <select value={level} onChange={(e) => setLevel(e.target.value as Level)} data-testid="cf-level">
            {levels.map((l) => (
              <option key={l} value={l}>
                {l}
              </option>
            ))}
          </select>
        </label>
        <label className="field">
          <span>{s('field.roomNo')}</span>
          <select
            value={roomNo}
            onChange={(e) => {
              setRoomNo(e.target.value);
              if (!editing) setSeatNo(String(suggestSeat(e.target.value)));
            }}
            data-testid="cf-room"
          >
            {rooms.map((r) => (
              <option key={r.roomNo} value={r.roomNo}>
                {r.name}（{r.roomNo}）
              </option>
            ))}
          </select>
        </label>
        <label className="field">
          <span>{s('field.seatNo')}</span>
          <input type="number" min={1} value={seatNo} onChange={(e) => setSeatNo(e.target.value)} data-testid="cf-seat" required />
        </label>
        {editing && (
          <label className="field candidate-form-note">
            <span>{s('rosterEdit.note')}</span>
            <input value={note} onChange={(e) => setNote(e.target.value)} data-testid="cf-note" />
          </label>
        )}
      </div>
      <div className="form-actions">
        <button type="button" className="secondary-button" onClick={onCancel} data-testid="cf-cancel">
          {s('roster.cancel')}
        </button>
        <button type="submit" className="primary-button" disabled={busy} data-testid="cf-submit">
          {editing ? s('rosterEdit.saveCorrection') : s('rosterEdit.saveAdd')}
        </button>
      </div>
    </form>
  );
}
