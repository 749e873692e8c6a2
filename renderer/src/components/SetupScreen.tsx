import { useState } from 'react';
import type { StaffRole } from '../../../shared/domain/types';
import type { DayView } from '../api/api';
import { useRoleLabel, useT } from '../i18n/i18n';
import type { DoorChoice } from '../state/ui-store';

const ROOM_PROCTOR_ROLES: readonly StaffRole[] = ['second-proctor', 'chief-proctor'];

type Staff = DayView['staff'][number];

/** Before the doors open: which room this device guards, and who is on duty at it. */
export function SetupScreen({ day, onStart }: { day: DayView; onStart: (door: DoorChoice) => void }) {
  const t = useT();
  const roleLabel = useRoleLabel();
  const [roomNo, setRoomNo] = useState<string | null>(null);
  const [staffId, setStaffId] = useState<string | null>(null);

  const roomProctors = roomNo
    ? day.staff
        .filter((s) => s.roomNo === roomNo && ROOM_PROCTOR_ROLES.includes(s.role))
        .sort((a, b) => ROOM_PROCTOR_ROLES.indexOf(a.role) - ROOM_PROCTOR_ROLES.indexOf(b.role))
    : [];
  const otherStaff = day.staff.filter((s) => !ROOM_PROCTOR_ROLES.includes(s.role));
  const canStart = roomNo !== null && staffId !== null && day.staff.some((s) => s.staffId === staffId);

  const staffButton = (s: Staff, size: 'large' | 'small') => (
    <button
      key={s.staffId}
      type="button"
      className={`choice staff-choice staff-choice-${size}`}
      aria-pressed={staffId === s.staffId}
      data-testid={`staff-option-${s.staffId}`}
      onClick={() => setStaffId(s.staffId)}
    >
      <span className="choice-title">{s.name}</span>
      <span className="choice-sub">{roleLabel(s.role)}</span>
    </button>
  );

  return (
    <main className="setup">
      <h1 className="visually-hidden">{t('setup.title')}</h1>
      {day.plan === null && (
        <p className="notice" role="status" data-testid="no-plan">
          {t('setup.noPlan')}
        </p>
      )}
      <div className="setup-columns">
        <section className="setup-rooms" aria-labelledby="setup-step1">
          <h2 id="setup-step1" className="step-title">
            {t('setup.step1')}
          </h2>
          {day.rooms.length === 0 ? (
            <p className="muted">{t('setup.noRooms')}</p>
          ) : (
            <div className="room-grid">
              {day.rooms.map((room) => (
                <button
                  key={room.roomNo}
                  type="button"
                  className="choice room-choice"
                  aria-pressed={roomNo === room.roomNo}
                  data-testid={`room-option-${room.roomNo}`}
                  onClick={() => {
                    if (room.roomNo !== roomNo) setStaffId(null);
                    setRoomNo(room.roomNo);
                  }}
                >
                  <span className="choice-title">{room.name}</span>
                  <span className="choice-sub">{room.location}</span>
                  <span className="choice-count">{t('setup.admitted', { admitted: room.admitted, expected: room.expected })}</span>
                </button>
              ))}
            </div>
          )}
        </section>
        <section className="setup-staff" aria-labelledby="setup-step2">
          <h2 id="setup-step2" className="step-title">
            {t('setup.step2')}
          </h2>
          {roomNo === null ? (
            <p className="muted">{t('setup.pickRoomFirst')}</p>
          ) : (
            <div className="staff-lists">
              <h3 className="list-title">{t('setup.roomProctors')}</h3>
              {roomProctors.length === 0 ? (
                <p className="muted">{t('setup.noRoomProctors')}</p>
              ) : (
                <div className="staff-grid">{roomProctors.map((s) => staffButton(s, 'large'))}</div>
              )}
              {otherStaff.length > 0 && (
                <>
                  <h3 className="list-title">{t('setup.otherStaff')}</h3>
                  <div className="staff-grid staff-grid-small">{otherStaff.map((s) => staffButton(s, 'small'))}</div>
                </>
              )}
            </div>
          )}
          <div className="setup-start">
            <button
              type="button"
              className="start-button"
              data-testid="start-door"
              disabled={!canStart}
              onClick={() => {
                if (roomNo !== null && staffId !== null) onStart({ roomNo, staffId });
              }}
            >
              {t('setup.start')}
            </button>
            {!canStart && <span className="muted">{t('setup.startHint')}</span>}
          </div>
        </section>
      </div>
    </main>
  );
}
