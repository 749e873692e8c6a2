import { useRoomRoster, type DayView } from '../api/api';
import { unlockAudio } from '../audio/tones';
import { useDoorCheck } from '../door/use-door-check';
import { looksLikeTimeCode } from '../../../shared/timetable/time-code';
import { useScanner } from '../scanner/use-scanner';
import { useDialogStore } from '../state/dialog-store';
import type { DoorChoice } from '../state/ui-store';
import { ManualEntry } from './ManualEntry';
import { RosterPanel } from './RosterPanel';
import { VerdictPanel } from './VerdictPanel';

/** 查证入场 at one room's door: scan or type, see the verdict, watch the room fill up. */
export function DoorScreen({ day, door }: { day: DayView; door: DoorChoice }) {
  const roster = useRoomRoster(door.roomNo);
  const { state, serial, submit } = useDoorCheck(door, roster.refresh);
  const clockCheckOpen = useDialogStore((s) => s.clockCheck.open);
  const openClockCheck = useDialogStore((s) => s.openClockCheck);
  const dismissPrompt = useDialogStore((s) => s.dismissPrompt);
  // While the clock check is open it takes the scanner; the office's time code is never a check-in.
  useScanner(
    (text) => {
      unlockAudio();
      if (looksLikeTimeCode(text)) {
        openClockCheck(text);
        return;
      }
      // A candidate at the door matters more than a prompt already heard: show the verdict.
      dismissPrompt();
      submit(text, 'scanner');
    },
    { enabled: !clockCheckOpen },
  );

  return (
    <main className="door">
      <div className="door-left">
        <VerdictPanel state={state} serial={serial} rooms={day.rooms} />
        <ManualEntry
          onSubmit={(value) => {
            unlockAudio();
            submit(value, 'typed');
          }}
        />
      </div>
      <div className="door-right">
        <RosterPanel roster={roster} />
      </div>
    </main>
  );
}
