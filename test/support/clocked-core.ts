import { openCore, type Core } from '../../electron/core/core';
import type { ApiResult } from '../../shared/api/result';
import { fixtureDayEvents, type FixtureDay } from './fixture-day';
import { makeTempDir } from './temp-dir';

/** A core on the fixture day (2026-11-25) whose clock the test sets by hand, hour and minute. */
export interface ClockedCore {
  core: Core;
  setClock(hour: number, minute: number): void;
  close(): void;
}

export function openClockedCore(day: FixtureDay, hour: number, minute: number): ClockedCore {
  const temp = makeTempDir();
  let clockMs = 0;
  const setClock = (h: number, m: number): void => {
    clockMs = new Date(2026, 10, 25, h, m).getTime();
  };
  setClock(hour, minute);
  const core = openCore({ dataDir: temp.dir, now: () => new Date(clockMs) });
  core.commit(fixtureDayEvents(day));
  return {
    core,
    setClock,
    close: () => {
      core.close();
      temp.remove();
    },
  };
}

/** The value of an answer the test expects to succeed; its Chinese message otherwise. */
export function valueOf<T>(answer: ApiResult<T>): T {
  if (!answer.ok) throw new Error(answer.error.message);
  return answer.value;
}
