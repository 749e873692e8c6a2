import { useEffect, useState } from 'react';
import { createPortal } from 'react-dom';
import type { DayView, RoomRoster } from '../api/api';
import { useRoomRosterCall } from '../setup/setup-api';
import { useT } from '../i18n/i18n';
import type { MessageKey } from '../i18n/zh';
import { PrintDocument, type PrintKind } from './print-views';
import './print.css';

const KINDS: PrintKind[] = ['signIn', 'doorSign', 'seatLabels', 'blackboard', 'arrangement', 'badges'];
const PER_ROOM: ReadonlySet<PrintKind> = new Set(['signIn', 'doorSign', 'seatLabels', 'blackboard']);
const ALL = '__all__';

/**
 * ⑥ 打印: the 附件3 materials as A4 pages. The same pages are drawn twice: as a preview here, and in a
 * portal that only print media shows, so 打印 (window.print: Electron's print dialog, or Chromium's,
 * where "save as PDF" is one choice) prints exactly the pages and nothing of the screen.
 */
export function PrintSection({ day }: { day: DayView }) {
  const s = useT();
  const loadRoster = useRoomRosterCall();
  const [kind, setKind] = useState<PrintKind>('signIn');
  const [room, setRoom] = useState<string>(day.rooms[0]?.roomNo ?? ALL);
  const [rosters, setRosters] = useState<RoomRoster[] | null>(null);
  const roomKey = day.rooms.map((r) => `${r.roomNo}:${r.expected}`).join(',');

  useEffect(() => {
    let live = true;
    void Promise.all(day.rooms.map((r) => loadRoster({ roomNo: r.roomNo }))).then((results) => {
      if (live) setRosters(results.flatMap((r) => (r.ok ? [r.value] : [])));
    });
    return () => {
      live = false;
    };
    // Reload when the rooms or their counts change, not on every poll.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [roomKey, loadRoster]);

  if (!day.plan || day.rooms.length === 0) return <p className="notice">{s('print.needDay')}</p>;
  const chosen = rosters?.filter((r) => !PER_ROOM.has(kind) || room === ALL || r.room.roomNo === room) ?? null;
  const doc = chosen && <PrintDocument kind={kind} plan={day.plan} day={day} rosters={chosen} />;

  return (
    <section className="setup-form print-section">
      <div className="form-actions print-controls">
        <label className="field inline">
          <span>{s('print.kind')}</span>
          <select value={kind} onChange={(e) => setKind(e.target.value as PrintKind)} data-testid="print-kind">
            {KINDS.map((k) => (
              <option key={k} value={k}>
                {s(`print.${k}` as MessageKey)}
              </option>
            ))}
          </select>
        </label>
        {PER_ROOM.has(kind) && (
          <label className="field inline">
            <span>{s('print.room')}</span>
            <select value={room} onChange={(e) => setRoom(e.target.value)} data-testid="print-room">
              {day.rooms.map((r) => (
                <option key={r.roomNo} value={r.roomNo}>
                  {r.name}
                </option>
              ))}
              <option value={ALL}>{s('print.allRooms')}</option>
            </select>
          </label>
        )}
        <button type="button" className="primary-button" disabled={!doc} onClick={() => window.print()} data-testid="print-button">
          {s('print.button')}
        </button>
      </div>
      {!doc ? (
        <p className="muted">{s('print.loading')}</p>
      ) : (
        <div className="print-preview" data-testid="print-preview" data-kind={kind}>
          {doc}
        </div>
      )}
      {doc && createPortal(<div className="print-portal">{doc}</div>, document.body)}
    </section>
  );
}
