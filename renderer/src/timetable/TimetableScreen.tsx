import { useEffect, useRef, useState } from 'react';
import { confirmationById, type ConfirmationDefinition, type ConfirmationState } from '../../../shared/timetable/confirmations';
import { minutesOfDay } from '../../../shared/timetable/gates';
import type { DayView } from '../api/api';
import { useNow } from '../clock/device-clock';
import { roomDisplayName } from '../format';
import { useT } from '../i18n/i18n';
import { useUiStore } from '../state/ui-store';
import { ConfirmationControl } from './ConfirmationControl';
import { ConfirmPicker } from './ConfirmPicker';
import { useScheduleQuery } from './schedule-context';
import { confirmationsOfStep, findRecorded, formatCountdown, stateInScope, stepsForDoor, stepTiming } from './schedule-view';
import { StepRow } from './StepRow';
import { TimetableToolbar } from './TimetableToolbar';

export type TimetableScope = { kind: 'door'; roomNo: string; staffId: string } | { kind: 'office'; staffId: string };

interface Picking {
  definition: ConfirmationDefinition;
  roomNo: string | null;
}

/**
 * The day by the clock (附件5): the door sees its room's proctor steps, the office sees every step
 * with the site's confirmations and each room's. The current step is highlighted with a countdown.
 */
export function TimetableScreen({ day, scope }: { day: DayView; scope: TimetableScope }) {
  const t = useT();
  const language = useUiStore((s) => s.language);
  const schedule = useScheduleQuery();
  const { correctedMs } = useNow();
  const [picking, setPicking] = useState<Picking | null>(null);
  const currentRef = useRef<HTMLLIElement>(null);
  const value = schedule.value;
  const allSteps = value?.steps ?? [];
  const steps = scope.kind === 'door' ? stepsForDoor(allSteps) : allSteps;
  const recorded = value?.confirmations ?? [];
  const minutesNow = minutesOfDay(new Date(correctedMs));
  const currentIndex = steps.findIndex((_, i) => stepTiming(steps, i, minutesNow) === 'current');
  const currentId = currentIndex >= 0 ? steps[currentIndex]?.id : undefined;

  useEffect(() => {
    currentRef.current?.scrollIntoView({ block: 'center', behavior: 'smooth' });
  }, [currentId]);


  return (
    <main className="timetable" data-testid="timetable" data-scope={scope.kind}>
      <TimetableToolbar day={day} scope={scope} />
      {!value ? (
        <p className="muted timetable-message">{schedule.error ? schedule.error.message : t('tt.loading')}</p>
      ) : steps.length === 0 ? (
        <p className="muted timetable-message">{t('tt.empty')}</p>
      ) : (
        <ol className="step-list">
          {steps.map((step, index) => {
            const timing = stepTiming(steps, index, minutesNow);
            const definitions = confirmationsOfStep(step.id);
            const scoped = definitions.filter((d) => (scope.kind === 'door' ? d.scope === 'room' : true));
            const next = steps[index + 1];
            const states = scoped.flatMap((d) =>
              d.scope === 'room' && scope.kind === 'office'
                ? day.rooms.map((r) => stateInScope(d, step, recorded, r.roomNo, minutesNow))
                : [stateInScope(d, step, recorded, scope.kind === 'door' ? scope.roomNo : null, minutesNow)],
            );
            const countdown =
              timing === 'current' && next ? (
                <div className="step-countdown" data-testid="countdown">
                  {t('tt.countdown', { title: language === 'zh' ? next.titleZh : next.titleEn })}{' '}
                  <strong>{formatCountdown((next.minutesFromMidnight - minutesNow) * 60)}</strong>
                </div>
              ) : null;
            return (
              <StepRow key={step.id} ref={timing === 'current' ? currentRef : undefined} step={step} timing={timing} states={states} countdown={countdown}>
                {scoped.map((definition) => {
                  if (definition.scope === 'room' && scope.kind === 'office') {
                    return (
                      <RoomChips
                        key={definition.id}
                        day={day}
                        definition={definition}
                        states={day.rooms.map((r) => stateInScope(definition, step, recorded, r.roomNo, minutesNow))}
                        onPick={(roomNo) => setPicking({ definition, roomNo })}
                      />
                    );
                  }
                  const roomNo = scope.kind === 'door' ? scope.roomNo : null;
                  return (
                    <ConfirmationControl
                      key={definition.id}
                      definition={definition}
                      state={stateInScope(definition, step, recorded, roomNo, minutesNow)}
                      recorded={findRecorded(recorded, definition.id, roomNo)}
                      onConfirm={() => setPicking({ definition, roomNo })}
                    />
                  );
                })}
              </StepRow>
            );
          })}
        </ol>
      )}
      {picking && (
        <ConfirmPicker
          day={day}
          definition={picking.definition}
          roomNo={picking.roomNo}
          preferredStaffId={scope.staffId}
          onClose={() => setPicking(null)}
          onDone={() => {
            setPicking(null);
            schedule.refresh();
          }}
        />
      )}
    </main>
  );
}

/** On the office timetable, a room-scope confirmation is one chip per room; a chip opens the picker for that room. */
function RoomChips({
  day,
  definition,
  states,
  onPick,
}: {
  day: DayView;
  definition: ConfirmationDefinition;
  states: ConfirmationState[];
  onPick: (roomNo: string) => void;
}) {
  const t = useT();
  const language = useUiStore((s) => s.language);
  const known = confirmationById(definition.id);
  return (
    <div className="confirmation">
      <div className="confirmation-head">
        <span className="confirmation-title">{language === 'zh' ? known?.titleZh : known?.titleEn}</span>
      </div>
      <div className="room-chips">
        {day.rooms.map((room, i) => {
          const state: ConfirmationState = states[i] ?? 'not-yet';
          return (
            <button
              key={room.roomNo}
              type="button"
              className={`room-chip room-chip-${state}`}
              data-testid={`confirmation-state-${definition.id}-${room.roomNo}`}
              data-state={state}
              title={t(`tt.state.${state}`)}
              disabled={state === 'done' || state === 'not-yet'}
              onClick={() => onPick(room.roomNo)}
            >
              {state === 'done' ? '✓ ' : state === 'overdue' ? '⚠ ' : ''}
              {roomDisplayName(room.roomNo, day.rooms, t)}
            </button>
          );
        })}
      </div>
    </div>
  );
}
