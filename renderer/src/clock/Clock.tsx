import { useNow } from './device-clock';
import { formatClockMs } from '../format';

/** The office's time, to the second (附件5: every clock is checked at 安排工作): device time corrected by the last check. */
export function Clock({ title }: { title: string }) {
  const { correctedMs } = useNow();
  return (
    <time className="clock" title={title} dateTime={new Date(correctedMs).toISOString()} data-testid="clock">
      {formatClockMs(correctedMs)}
    </time>
  );
}
