import { useState } from 'react';
import { reverifyNeedsNote, reverifyWalk, type ReverifyResult } from '../../../shared/checkin/reverify';
import type { RoomRoster } from '../api/api';
import { apiClient } from '../api/api';
import { useAction } from '../api/use-action';
import { Dialog } from '../components/Dialog';
import { useRefusalText, useT } from '../i18n/i18n';
import { useCandidatePhoto } from './door-api';

const RESULTS: readonly ReverifyResult[] = ['verified', 'suspected-impostor', 'seat-empty'];

interface Props {
  roster: RoomRoster;
  roomNo: string;
  staffId: string;
  onMarked: () => void;
  onClose: () => void;
}

/**
 * Re-verification at 开考 (附件5 副监考 再次核对): seat by seat in the snake order from the door, the
 * proctor compares face, photo and documents and marks each seat. Each mark is one event with the actor.
 */
export function ReverifyDialog({ roster, roomNo, staffId, onMarked, onClose }: Props) {
  const t = useT();
  const refusalText = useRefusalText();
  // 疑似替考 asks what the proctor saw, then a second tap (issue 15 item 8): null while not asking.
  const [impostorNote, setImpostorNote] = useState<string | null>(null);
  const walk = reverifyWalk(
    roster.rows.map((r) => r.seatNo),
    roster.room.capacity,
  );
  const bySeat = new Map(roster.rows.map((r) => [r.seatNo, r]));
  const firstOpen = walk.findIndex((seatNo) => (bySeat.get(seatNo)?.reverify ?? null) === null);
  const [index, setIndex] = useState(firstOpen === -1 ? walk.length : firstOpen);
  const markReverify = useAction(apiClient().markReverify);
  const error = markReverify.error ? refusalText(markReverify.error) : null;
  const busy = markReverify.busy;
  const seatNo = walk[index];
  const row = seatNo === undefined ? undefined : bySeat.get(seatNo);
  const photo = useCandidatePhoto(row?.ticketNo ?? null);
  const marked = walk.filter((s) => (bySeat.get(s)?.reverify ?? null) !== null).length;

  const mark = async (result: ReverifyResult, note?: string) => {
    if (seatNo === undefined) return;
    if (reverifyNeedsNote(result) && note === undefined) {
      setImpostorNote('');
      markReverify.reset();
      return;
    }
    if (reverifyNeedsNote(result) && (note ?? '').trim() === '') {
      markReverify.complain(t('reverify.impostorRequired'));
      return;
    }
    const answer = await markReverify.run({ roomNo, seatNo, result, ...(note?.trim() ? { note: note.trim() } : {}), actorStaffId: staffId });
    if (!answer?.ok) return;
    setImpostorNote(null);
    onMarked();
    setIndex((i) => i + 1);
  };

  return (
    <Dialog title={t('reverify.title')} onClose={onClose} closeLabel={t('reverify.close')} testId="reverify-dialog" wide>
      <div className="reverify-progress" data-testid="reverify-progress">
        {t('reverify.progress', { done: marked, total: walk.length })}
      </div>
      {row && seatNo !== undefined ? (
        <div className="reverify-seat" data-testid="reverify-seat" data-seat={seatNo}>
          <div className="reverify-card">
            <div className="reverify-seatno">{t('reverify.seat', { seat: seatNo })}</div>
            <div className="reverify-name">{row.name}</div>
            <div className="reverify-detail">
              {row.ticketNo} · {row.idMasked}
            </div>
            <div className="reverify-state">
              {row.admittedAt === null ? t('reverify.notAdmitted') : t('reverify.admitted')}
              {row.doubt?.status === 'open' && <span className="doubt-badge doubt-badge-open">{t('doubt.badge')}</span>}
              {row.reverify && <span className={`reverify-badge reverify-badge-${row.reverify}`}>{t(`reverify.result.${row.reverify}`)}</span>}
            </div>
          </div>
          {photo && <img className="reverify-photo" src={photo} alt={t('verdict.photoAlt')} />}
        </div>
      ) : (
        <div className="reverify-done" data-testid="reverify-done">
          {t('reverify.done')}
        </div>
      )}
      {error && (
        <div className="admit-error" role="alert" data-testid="reverify-error">
          {error}
        </div>
      )}
      {row && seatNo !== undefined && impostorNote !== null && (
        <div className="reverify-impostor" data-testid="reverify-impostor">
          <h3 className="reverify-impostor-title">{t('reverify.impostorTitle', { seat: seatNo, name: row.name })}</h3>
          <p className="admit-late-note">{t('reverify.impostorNote')}</p>
          <label className="admit-label" htmlFor="reverify-impostor-note">
            {t('reverify.impostorLabel')}
          </label>
          <textarea
            id="reverify-impostor-note"
            className="admit-note reverify-impostor-note"
            data-testid="reverify-impostor-note"
            maxLength={200}
            rows={2}
            autoFocus
            value={impostorNote}
            onChange={(e) => setImpostorNote(e.target.value)}
          />
        </div>
      )}
      {row && impostorNote !== null && (
        <div className="reverify-actions">
          <button
            type="button"
            className="reverify-action reverify-action-suspected-impostor"
            data-testid="reverify-impostor-confirm"
            disabled={busy}
            onClick={() => void mark('suspected-impostor', impostorNote)}
          >
            {t('reverify.impostorConfirm')}
          </button>
          <button
            type="button"
            className="reverify-action reverify-action-cancel"
            data-testid="reverify-impostor-cancel"
            disabled={busy}
            onClick={() => {
              setImpostorNote(null);
              markReverify.reset();
            }}
          >
            {t('reverify.impostorCancel')}
          </button>
        </div>
      )}
      {row && impostorNote === null && (
        <div className="reverify-actions">
          {RESULTS.map((r) => (
            <button key={r} type="button" className={`reverify-action reverify-action-${r}`} data-testid={`reverify-${r}`} disabled={busy} onClick={() => void mark(r)}>
              {t(`reverify.result.${r}`)}
            </button>
          ))}
        </div>
      )}
      <div className="reverify-nav">
        <button type="button" className="admit-change" data-testid="reverify-prev" disabled={index === 0} onClick={() => {
            setImpostorNote(null);
            setIndex((i) => Math.max(0, i - 1));
          }}>
          {t('reverify.prev')}
        </button>
        <button
          type="button"
          className="admit-change"
          data-testid="reverify-next"
          disabled={index >= walk.length}
          onClick={() => {
            setImpostorNote(null);
            setIndex((i) => Math.min(walk.length, i + 1));
          }}
        >
          {t('reverify.next')}
        </button>
      </div>
    </Dialog>
  );
}
