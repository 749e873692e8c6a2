import { useState } from 'react';
import type { Room } from '../../../shared/domain/types';
import { layoutForCapacity, seatMap } from '../../../shared/seating/snake-order';
import { useRoomRoster } from '../api/api';
import { Outcome, type SectionProps } from './ExamSetupScreen';
import { useDefineRooms } from './setup-api';
import { useAction } from '../api/use-action';
import { useRefusalText, useT } from '../i18n/i18n';

const nextRoomNo = (rooms: readonly Room[]): string => {
  const numbers = rooms.map((r) => Number(r.roomNo)).filter(Number.isFinite);
  return String((numbers.length ? Math.max(...numbers) : 0) + 1).padStart(2, '0');
};

/** ② 考场: number, name/location and capacity (附件3: 30), and the snake-order seat map of one room. */
export function RoomsSection({ day, refresh, actorStaffId }: SectionProps) {
  const s = useT();
  const refusalText = useRefusalText();
  const defineRooms = useAction(useDefineRooms());
  const [rooms, setRooms] = useState<Room[]>(() => day.rooms.map(({ roomNo, name, location, capacity }) => ({ roomNo, name, location, capacity })));
  const [savedText, setSavedText] = useState<string | null>(null);
  const outcome = defineRooms.error ? { ok: false, text: refusalText(defineRooms.error) } : savedText !== null ? { ok: true, text: savedText } : null;
  const [mapRoom, setMapRoom] = useState<string | null>(day.rooms[0]?.roomNo ?? null);
  const expected = new Map(day.rooms.map((r) => [r.roomNo, r.expected]));

  const update = (index: number, patch: Partial<Room>) => setRooms((list) => list.map((r, i) => (i === index ? { ...r, ...patch } : r)));
  const save = async () => {
    const result = await defineRooms.run({ rooms, ...(actorStaffId ? { actorStaffId } : {}) });
    if (!result?.ok) return;
    setSavedText(s('rooms.saved', { n: result.value.rooms }));
    refresh();
  };

  return (
    <section className="setup-form rooms-section">
      <p className="hint">{s('rooms.hint')}</p>
      {rooms.length === 0 ? (
        <p className="muted">{s('rooms.none')}</p>
      ) : (
        <table className="setup-table" data-testid="rooms-table">
          <thead>
            <tr>
              <th>{s('rooms.roomNo')}</th>
              <th>{s('rooms.name')}</th>
              <th>{s('rooms.location')}</th>
              <th>{s('rooms.capacity')}</th>
              <th>{s('rooms.expected')}</th>
              <th />
            </tr>
          </thead>
          <tbody>
            {rooms.map((room, i) => (
              <tr key={i}>
                <td>
                  <input className="narrow" value={room.roomNo} onChange={(e) => update(i, { roomNo: e.target.value })} aria-label={s('rooms.roomNo')} />
                </td>
                <td>
                  <input value={room.name} onChange={(e) => update(i, { name: e.target.value })} aria-label={s('rooms.name')} />
                </td>
                <td>
                  <input value={room.location} onChange={(e) => update(i, { location: e.target.value })} aria-label={s('rooms.location')} />
                </td>
                <td>
                  <input
                    className="narrow"
                    type="number"
                    min={1}
                    max={200}
                    value={room.capacity}
                    onChange={(e) => update(i, { capacity: Number(e.target.value) })}
                    aria-label={s('rooms.capacity')}
                  />
                </td>
                <td className="num">{expected.get(room.roomNo) ?? 0}</td>
                <td>
                  <button type="button" className="link-button" onClick={() => setMapRoom(room.roomNo)}>
                    {s('rooms.seatMap').split('（')[0]}
                  </button>
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
      <div className="form-actions">
        <button
          type="button"
          className="secondary-button"
          onClick={() => setRooms((list) => [...list, { roomNo: nextRoomNo(list), name: `第${Number(nextRoomNo(list))}考场`, location: '', capacity: 30 }])}
        >
          + {s('rooms.add')}
        </button>
        <button type="button" className="primary-button" disabled={defineRooms.busy || rooms.length === 0} onClick={() => void save()} data-testid="rooms-save">
          {s('save')}
        </button>
        <Outcome outcome={outcome} />
      </div>
      {mapRoom && day.rooms.some((r) => r.roomNo === mapRoom) && <SeatMap roomNo={mapRoom} capacity={day.rooms.find((r) => r.roomNo === mapRoom)?.capacity ?? 30} />}
    </section>
  );
}

/** 附件3 三(四): seats numbered from the desk by the door, snaking column by column. */
export function SeatMap({ roomNo, capacity }: { roomNo: string; capacity: number }) {
  const s = useT();
  const roster = useRoomRoster(roomNo, 0);
  const names = new Map((roster.value?.rows ?? []).map((r) => [r.seatNo, r.name]));
  const layout = layoutForCapacity(capacity);
  const map = seatMap(layout, capacity);
  return (
    <figure className="seat-map" data-testid="seat-map">
      <figcaption>
        {roster.value?.room.name ?? roomNo} · {s('rooms.seatMap')}
      </figcaption>
      <div className="seat-map-front">
        <span className="seat-map-door">{s('rooms.door')}</span>
        <span>{s('rooms.front')}</span>
      </div>
      <div className="seat-grid" style={{ gridTemplateColumns: `repeat(${layout.columns}, 1fr)` }}>
        {map.flatMap((line, r) =>
          line.map((seat, c) => (
            <div key={`${r}-${c}`} className={seat === null ? 'seat seat-empty' : 'seat'}>
              {seat !== null && (
                <>
                  <strong>{seat}</strong>
                  <span>{names.get(seat) ?? ''}</span>
                </>
              )}
            </div>
          )),
        )}
      </div>
    </figure>
  );
}
