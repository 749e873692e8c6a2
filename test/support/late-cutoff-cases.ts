/**
 * One table for the late cut-off (第十九条), shared by the unit test of the rule and the core test of
 * its three door paths. The fixture plan: 开考 08:30, cut-off 30 minutes, so late from 09:00:00.
 */
export interface LateCutoffCase {
  label: string;
  /** The plan's exam date (the fixture day's is 2026-11-25). */
  examDate: string;
  clock: Date;
  late: boolean;
}

const at = (day: number, hour: number, minute: number, second = 0): Date => new Date(2026, 10, day, hour, minute, second);

export const LATE_CUTOFF_CASES: readonly LateCutoffCase[] = [
  { label: 'exam day, 08:10 (查证入场)', examDate: '2026-11-25', clock: at(25, 8, 10), late: false },
  { label: 'exam day, 08:59:59 (a second before the cut-off)', examDate: '2026-11-25', clock: at(25, 8, 59, 59), late: false },
  { label: 'exam day, 09:00:00 (the cut-off itself)', examDate: '2026-11-25', clock: at(25, 9, 0, 0), late: true },
  { label: 'exam day, 09:00:01 (a second after)', examDate: '2026-11-25', clock: at(25, 9, 0, 1), late: true },
  { label: 'day set up ahead (exam tomorrow), 09:30 today', examDate: '2026-11-26', clock: at(25, 9, 30), late: false },
  { label: 'day set up ahead (exam tomorrow), 09:00:00 today', examDate: '2026-11-26', clock: at(25, 9, 0, 0), late: false },
  { label: 'the day after the exam, 09:30', examDate: '2026-11-24', clock: at(25, 9, 30), late: false },
];
