import { useEffect, useState } from 'react';
import { formatClock } from '../format';

/** This device's time, to the second (附件5: every clock is checked at 安排工作). */
export function Clock({ title }: { title: string }) {
  const [now, setNow] = useState(() => new Date());
  useEffect(() => {
    const timer = window.setInterval(() => setNow(new Date()), 250);
    return () => window.clearInterval(timer);
  }, []);
  return (
    <time className="clock" title={title} dateTime={now.toISOString()} data-testid="clock">
      {formatClock(now)}
    </time>
  );
}
