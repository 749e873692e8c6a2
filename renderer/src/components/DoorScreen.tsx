import { useRoomRoster, type DayView } from '../api/api';
import { unlockAudio } from '../audio/tones';
import { useDoorCheck } from '../door/use-door-check';
import { useScanner } from '../scanner/use-scanner';
import type { DoorChoice } from '../state/ui-store';
import { ManualEntry } from './ManualEntry';
import { RosterPanel } from './RosterPanel';
import { VerdictPanel } from './VerdictPanel';

/** 查证入场 at one room's door: scan or type, see the verdict, watch the room fill up. */
export function DoorScreen({ day, door }: { day: DayView; door: DoorChoice }) {
  const roster = useRoomRoster(door.roomNo);
  const { state, serial, submit } = useDoorCheck(door, roster.refresh);
  useScanner((text) => {
    unlockAudio();
    submit(text, 'scanner');
  });

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
