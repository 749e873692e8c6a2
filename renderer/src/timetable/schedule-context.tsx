import { createContext, useContext, type ReactNode } from 'react';
import { useSchedule, type Query, type Schedule } from '../api/api';

/** One poll of the schedule for the whole screen: the strip, the timetable, the dashboard and the prompts share it. */
const ScheduleContext = createContext<Query<Schedule> | null>(null);

export function ScheduleProvider({ children }: { children: ReactNode }) {
  const schedule = useSchedule();
  return <ScheduleContext.Provider value={schedule}>{children}</ScheduleContext.Provider>;
}

export function useScheduleQuery(): Query<Schedule> {
  const value = useContext(ScheduleContext);
  if (!value) throw new Error('useScheduleQuery outside ScheduleProvider');
  return value;
}
