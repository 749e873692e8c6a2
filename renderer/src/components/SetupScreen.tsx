import { useState } from 'react';
import type { StaffRole } from '../../../shared/domain/types';
import { isRoomProctor, isRoomProctorRole } from '../../../shared/staffing/roles';
import type { DayView } from '../api/api';
import { useRoleLabel, useT } from '../i18n/i18n';
import type { DoorChoice, OfficeChoice } from '../state/ui-store';

/** The 副监考 works the door (附件5 查证入场), so at a door the 副监考 is offered first. */
const doorFirst = (s: Staff): number => (s.role === 'second-proctor' ? 0 : 1);
/** Who works the exam office's device, in the order of 附件3. */
const OFFICE_ROLES: readonly StaffRole[] = ['chief-examiner', 'deputy-chief-examiner', 'exam-affairs', 'secrecy-officer', 'quality-control', 'support'];
const OFFICE = '__office__';

type Staff = DayView['staff'][number];

/** Before the doors open: which room this device guards (or the exam office), and who works it. */
export function SetupScreen({
  day,
  onStart,
  onStartOffice,
}: {
  day: DayView;
  onStart: (door: DoorChoice) => void;
  onStartOffice: (office: OfficeChoice) => void;
}) {
  const t = useT();
  const roleLabel = useRoleLabel();
  const [roomNo, setRoomNo] = useState<string | null>(null);
  const [staffId, setStaffId] = useState<string | null>(null);

  const isOffice = roomNo === OFFICE;
  const officeStaff = day.staff
    .filter((s) => OFFICE_ROLES.includes(s.role))
    .sort((a, b) => OFFICE_ROLES.indexOf(a.role) - OFFICE_ROLES.indexOf(b.role));
  const roomProctors = roomNo && !isOffice
    ? day.staff
        .filter((s) => isRoomProctor(s, roomNo))
        .sort((a, b) => doorFirst(a) - doorFirst(b))
    : [];
  const otherStaff = day.staff.filter((s) => !isRoomProctorRole(s.role));
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
              <button
                type="button"
                className="choice room-choice office-choice"
                aria-pressed={isOffice}
                data-testid="office-option"
                onClick={() => {
                  if (!isOffice) setStaffId(null);
                  setRoomNo(OFFICE);
                }}
              >
                <span className="choice-title">{t('setup.office')}</span>
                <span className="choice-sub">{t('setup.officeSub')}</span>
              </button>
            </div>
          )}
        </section>
        <section className="setup-staff" aria-labelledby="setup-step2">
          <h2 id="setup-step2" className="step-title">
            {t('setup.step2')}
          </h2>
          {roomNo === null ? (
            <p className="muted">{t('setup.pickRoomFirst')}</p>
          ) : isOffice ? (
            <div className="staff-lists">
              <h3 className="list-title">{t('setup.officeStaff')}</h3>
              {officeStaff.length === 0 ? (
                <p className="muted">{t('setup.noOfficeStaff')}</p>
              ) : (
                <div className="staff-grid">{officeStaff.map((s) => staffButton(s, 'large'))}</div>
              )}
            </div>
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
                if (roomNo === null || staffId === null) return;
                if (isOffice) onStartOffice({ staffId });
                else onStart({ roomNo, staffId });
              }}
            >
              {isOffice ? t('setup.startOffice') : t('setup.start')}
            </button>
            {!canStart && <span className="muted">{t('setup.startHint')}</span>}
          </div>
        </section>
      </div>
    </main>
  );
}
