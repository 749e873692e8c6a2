import { existsSync, readFileSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { API_METHODS, type ApiMethod, type ApiOutput, type ApiParsedInput, type ExamDayHandlers } from '../../shared/api/contract';
import { err, ok, type ApiResult } from '../../shared/api/result';
import { SYSTEM_ACTOR, type Candidate, type ExamPlan, type Room, type StaffMember } from '../../shared/domain/types';
import { placeSampleDay, sampleDaySchema } from '../../shared/sample/sample-day';
import { computeTimetable, formatClockTime, parseClockTime } from '../../shared/timetable/timetable';
import { openCore, openDataFolderKey, type Core, type CoreHandlers, type CoreOptions, type HostMethod } from './core';
import { acquireDataDirLock } from './data-dir-lock';
import { dayHostHandlers } from './day-host';
import { SyncService, SYNC_METHODS, type SyncServiceOptions } from '../sync/sync-service';
import type { PendingEvent, RehearsalInfo } from './core-context';

export const REHEARSALS_FOLDER = 'rehearsals';

type CoreMethod = Exclude<ApiMethod, HostMethod>;
const HOST_METHODS: readonly string[] = ['startRehearsal', 'stopRehearsal', 'startNewDay', 'importDayPackage', ...SYNC_METHODS] satisfies HostMethod[];
const CORE_METHODS = API_METHODS.filter((m): m is CoreMethod => !HOST_METHODS.includes(m));

interface DayCopy {
  plan: ExamPlan;
  rooms: Room[];
  staff: StaffMember[];
  candidates: Candidate[];
}

/**
 * Owns the device's real core and, while a rehearsal (演练) runs, one rehearsal core beside it.
 * Every API call goes to the active core, so the screens need not know which one they talk to
 * (getClock says so, and they mark every screen). The rehearsal core has its own folder,
 * database and key under <data>/rehearsals/: nothing it records can enter the real log.
 */
export interface CoreHost {
  readonly handlers: ExamDayHandlers;
  readonly real: Core;
  /** Site sync of the real record (never of a rehearsal). */
  readonly sync: SyncService;
  /** The running rehearsal's core, if any. */
  readonly rehearsal: Core | undefined;
  close(): void;
}

const pad = (n: number, width = 2): string => String(n).padStart(width, '0');
const localDate = (d: Date): string => `${d.getFullYear()}-${pad(d.getMonth() + 1)}-${pad(d.getDate())}`;
const folderStamp = (d: Date): string =>
  `${d.getFullYear()}${pad(d.getMonth() + 1)}${pad(d.getDate())}-${pad(d.getHours())}${pad(d.getMinutes())}${pad(d.getSeconds())}`;

function uniqueFolder(base: string): string {
  if (!existsSync(base)) return base;
  for (let i = 2; ; i += 1) if (!existsSync(`${base}-${i}`)) return `${base}-${i}`;
}

/** The real day as it stands, or undefined when its log holds no plan yet. */
function copyOfRealDay(real: Core): DayCopy | undefined {
  const plan = real.store.getPlan();
  if (!plan) return undefined;
  const rooms = real.store.listRooms();
  return {
    plan,
    rooms,
    staff: real.store.listStaff(),
    candidates: rooms.flatMap((room) => real.store.listCandidatesInRoom(room.roomNo)),
  };
}

function seedEvents(day: DayCopy): PendingEvent[] {
  const actor = SYSTEM_ACTOR;
  return [
    { type: 'plan.set', payload: { plan: day.plan }, actor },
    ...day.rooms.map((room): PendingEvent => ({ type: 'room.defined', payload: { room }, actor })),
    ...day.staff.map((staff): PendingEvent => ({ type: 'staff.registered', payload: { staff }, actor })),
    ...day.candidates.map((candidate): PendingEvent => ({ type: 'candidate.registered', payload: { candidate }, actor })),
  ];
}

/** Opens the real core from `options` and hosts rehearsals beside it. */
export function openCoreHost(givenOptions: CoreOptions, syncOptions: Omit<SyncServiceOptions, 'core'> = {}): CoreHost {
  // Held for the host's whole life, so no other process slips in while a new day replaces the core.
  const lock =
    givenOptions.heldLock ??
    acquireDataDirLock(givenOptions.dataDir, { program: givenOptions.program ?? 'program', startedAt: new Date(), nativeBinding: givenOptions.nativeBinding });
  let options: CoreOptions;
  let real: Core;
  try {
    // One key for the folder's whole life: the real core, its rehearsals (folders inside it) and each new day.
    options = { ...givenOptions, heldLock: lock, databaseKey: openDataFolderKey(givenOptions) };
    real = openCore(options);
  } catch (error) {
    if (!givenOptions.heldLock) lock.release();
    throw error;
  }
  let rehearsal: { core: Core; info: RehearsalInfo } | undefined;
  const sync = new SyncService({ ...syncOptions, core: () => real });

  const active = (): Core => rehearsal?.core ?? real;

  /** The day the rehearsal runs: the real one moved to `startTime` (same length), else the sample day. */
  const rehearsalDay = (startTime: string, today: Date): ApiResult<DayCopy> => {
    const realDay = copyOfRealDay(real);
    if (realDay) {
      const start = parseClockTime(realDay.plan.startTime);
      const end = parseClockTime(realDay.plan.endTime);
      const newStart = parseClockTime(startTime);
      if (start === undefined || end === undefined || newStart === undefined) return err('refused', '考试计划的时间无效，无法开始演练');
      const plan = { ...realDay.plan, date: localDate(today), startTime, endTime: formatClockTime(newStart + (end - start)) };
      return ok({ ...realDay, plan });
    }
    if (options.sampleDayFile === undefined || !existsSync(options.sampleDayFile)) {
      return err('refused', '本机还没有考试计划，也找不到示例考试日，无法开始演练');
    }
    const sample = sampleDaySchema.safeParse(JSON.parse(readFileSync(options.sampleDayFile, 'utf8')));
    if (!sample.success) return err('refused', '示例考试日文件格式错误，无法开始演练');
    try {
      return ok(placeSampleDay(sample.data, { now: today, pinnedStart: startTime }));
    } catch (error) {
      return err('invalid-input', error instanceof Error ? error.message : '演练开考时间不可用');
    }
  };

  const startRehearsal = ({ startTime, fromStepId, speed }: ApiParsedInput<'startRehearsal'>): ApiResult<ApiOutput<'startRehearsal'>> => {
    const today = real.now();
    const day = rehearsalDay(startTime, today);
    if (!day.ok) return day;
    const timetable = computeTimetable(day.value.plan.startTime, day.value.plan.endTime);
    if (!timetable.ok) return err('invalid-input', timetable.reason);
    const step = timetable.steps.find((s) => s.id === fromStepId);
    if (!step) return err('not-found', `没有这个环节：${fromStepId}`);

    const midnight = new Date(today);
    midnight.setHours(0, 0, 0, 0);
    const startedAt = new Date();
    const folder = uniqueFolder(join(real.dataDir, REHEARSALS_FOLDER, folderStamp(startedAt)));
    const info: RehearsalInfo = { startTime, speed, startedAt: startedAt.toISOString(), folder };
    const core = openCore({
      dataDir: folder,
      clock: { anchorRealMs: startedAt.getTime(), anchorVirtualMs: midnight.getTime() + step.minutesFromMidnight * 60_000, speed },
      ...(options.nativeBinding === undefined ? {} : { nativeBinding: options.nativeBinding }),
      ...(options.databaseKey === undefined ? {} : { databaseKey: options.databaseKey }),
      ...(options.resourcesDir === undefined ? {} : { resourcesDir: options.resourcesDir }),
      rehearsal: info,
      ...(options.program === undefined ? {} : { program: options.program }),
    });
    try {
      core.commit(seedEvents(day.value));
    } catch (error) {
      core.close();
      rmSync(folder, { recursive: true, force: true });
      throw error;
    }
    // A second rehearsal replaces the first; the first one's folder stays, as any record does.
    rehearsal?.core.close();
    rehearsal = { core, info };
    return ok(info);
  };

  const stopRehearsal = (): ApiResult<ApiOutput<'stopRehearsal'>> => {
    if (!rehearsal) return ok({ stopped: false });
    rehearsal.core.close();
    rehearsal = undefined;
    return ok({ stopped: true });
  };

  const routed = Object.fromEntries(
    CORE_METHODS.map((method) => [method, (input: unknown) => (active().handlers[method] as (input: unknown) => unknown)(input)]),
  ) as unknown as CoreHandlers;

  const dayHost = dayHostHandlers({
    real: () => real,
    rehearsalRunning: () => rehearsal !== undefined,
    // A new day starts empty: the sample day is for a first look, not for a day being set up.
    replaceReal: (reopen) => {
      real.close();
      const archivedTo = reopen();
      real = openCore({ ...options, sampleDayFile: undefined });
      return archivedTo;
    },
  });

  return {
    handlers: { ...routed, startRehearsal, stopRehearsal, ...dayHost, ...sync.handlers },
    get real() {
      return real;
    },
    sync,
    get rehearsal() {
      return rehearsal?.core;
    },
    close: () => {
      void sync.close();
      rehearsal?.core.close();
      rehearsal = undefined;
      real.close();
      if (!givenOptions.heldLock) lock.release();
    },
  };
}
