import type { DayView } from '../api/api';
import { roomDisplayName } from '../format';
import { useRoleLabel, useT } from '../i18n/i18n';

interface Props {
  staff: DayView['staff'][number];
  rooms: DayView['rooms'];
  testId: string;
  onClick: () => void;
  pressed?: boolean;
  disabled?: boolean;
}

/** One person to pick (who confirms a step, who checked the clock): name, role and room. */
export function StaffChoiceButton({ staff, rooms, testId, onClick, pressed, disabled }: Props) {
  const t = useT();
  const roleLabel = useRoleLabel();
  return (
    <button
      type="button"
      className="choice picker-choice"
      aria-pressed={pressed}
      disabled={disabled}
      data-testid={testId}
      onClick={onClick}
    >
      <span className="choice-title">{staff.name}</span>
      <span className="choice-sub">
        {roleLabel(staff.role)}
        {staff.roomNo !== undefined && ` · ${roomDisplayName(staff.roomNo, rooms, t)}`}
      </span>
    </button>
  );
}
