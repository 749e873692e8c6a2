import { useState } from 'react';
import { reverifyWalk, type ReverifyResult } from '../../../shared/checkin/reverify';
import type { RoomRoster } from '../api/api';
import { apiClient } from '../api/api';
import { Dialog } from '../components/Dialog';
import { useT } from '../i18n/i18n';
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
  const walk = reverifyWalk(
    roster.rows.map((r) => r.seatNo),
    roster.room.capacity,
  );
  const bySeat = new Map(roster.rows.map((r) => [r.seatNo, r]));
  const firstOpen = walk.findIndex((seatNo) => (bySeat.get(seatNo)?.reverify ?? null) === null);
  const [index, setIndex] = useState(firstOpen === -1 ? walk.length : firstOpen);
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const seatNo = walk[index];
  const row = seatNo === undefined ? undefined : bySeat.get(seatNo);
  const photo = useCandidatePhoto(row?.ticketNo ?? null);
  const marked = walk.filter((s) => (bySeat.get(s)?.reverify ?? null) !== null).length;

  const mark = async (result: ReverifyResult) => {
    if (seatNo === undefined) return;
    setBusy(true);
    const answer = await apiClient().markReverify({ roomNo, seatNo, result, actorStaffId: staffId });
    setBusy(false);
    if (!answer.ok) {
      setError(answer.error.message);
      return;
    }
    setError(null);
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
      {row && (
        <div className="reverify-actions">
          {RESULTS.map((r) => (
            <button key={r} type="button" className={`reverify-action reverify-action-${r}`} data-testid={`reverify-${r}`} disabled={busy} onClick={() => void mark(r)}>
              {t(`reverify.result.${r}`)}
            </button>
          ))}
        </div>
      )}
      <div className="reverify-nav">
        <button type="button" className="admit-change" data-testid="reverify-prev" disabled={index === 0} onClick={() => setIndex((i) => Math.max(0, i - 1))}>
          {t('reverify.prev')}
        </button>
        <button
          type="button"
          className="admit-change"
          data-testid="reverify-next"
          disabled={index >= walk.length}
          onClick={() => setIndex((i) => Math.min(walk.length, i + 1))}
        >
          {t('reverify.next')}
        </button>
      </div>
    </Dialog>
  );
}
