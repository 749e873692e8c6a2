import { useEffect } from 'react';
import { useClockState } from '../api/api';
import { useDeviceClock } from './device-clock';

/** Polls the core's clock and hands each answer, with its arrival time, to the device clock. */
export function ClockSync() {
  const clock = useClockState();
  const receive = useDeviceClock((s) => s.receive);
  const refreshSerial = useDeviceClock((s) => s.refreshSerial);
  const { value, refresh } = clock;
  useEffect(() => {
    if (value) receive(value, performance.now());
  }, [value, receive]);
  useEffect(() => {
    if (refreshSerial > 0) refresh();
    // refresh is a new function each render; only the serial asks for a fetch.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [refreshSerial]);
  return null;
}
