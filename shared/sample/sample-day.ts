import { z } from 'zod';
import {
  candidateSchema,
  examPlanSchema,
  roomSchema,
  staffMemberSchema,
  type Candidate,
  type ExamPlan,
  type Room,
  type StaffMember,
} from '../domain/types';

/**
 * The bundled sample exam day (resources/sample-day/sample-day.json).
 *
 * The file carries no date and no clock times: a fresh install places the day around "now" with
 * `placeSampleDay`, so a newcomer opens the app and lands in 查证入场 (which opens at S−25, 附件5).
 * Its plan therefore has `durationMinutes` instead of date/startTime/endTime, and `planLabel`
 * (the 机构简称/职业 part of 附件1's 计划名称) instead of `planName`, which is built as
 * "YYYYMMDD label" once the date is known ("年月+首次认定日期+机构简称", 附件1 填表说明二).
 */
export const samplePlanSchema = examPlanSchema.omit({ date: true, startTime: true, endTime: true, planName: true }).extend({
  /** 计划名称 without its date, e.g. "保育师". */
  planLabel: z.string().trim().min(1),
  /** Length of the exam (理论知识 is usually 90 minutes). */
  durationMinutes: z.number().int().min(1).max(360),
});
export type SamplePlan = z.infer<typeof samplePlanSchema>;

export const sampleDaySchema = z
  .object({
    plan: samplePlanSchema,
    rooms: z.array(roomSchema).min(1),
    staff: z.array(staffMemberSchema).min(1),
    candidates: z.array(candidateSchema).min(1),
  })
  .superRefine((day, ctx) => {
    const rooms = new Map<string, Room>();
    day.rooms.forEach((room, i) => {
      if (rooms.has(room.roomNo)) ctx.addIssue({ code: 'custom', path: ['rooms', i, 'roomNo'], message: `考场号重复：${room.roomNo}` });
      rooms.set(room.roomNo, room);
    });
    const staffIds = new Set<string>();
    day.staff.forEach((member, i) => {
      if (staffIds.has(member.staffId)) ctx.addIssue({ code: 'custom', path: ['staff', i, 'staffId'], message: `工作人员编号重复：${member.staffId}` });
      staffIds.add(member.staffId);
      if (member.roomNo !== undefined && !rooms.has(member.roomNo)) {
        ctx.addIssue({ code: 'custom', path: ['staff', i, 'roomNo'], message: `考场不存在：${member.roomNo}` });
      }
    });
    const tickets = new Set<string>();
    const ids = new Set<string>();
    const seats = new Set<string>();
    day.candidates.forEach((c, i) => {
      if (tickets.has(c.ticketNo)) ctx.addIssue({ code: 'custom', path: ['candidates', i, 'ticketNo'], message: `准考证号重复：${c.ticketNo}` });
      tickets.add(c.ticketNo);
      if (ids.has(c.idNumber)) ctx.addIssue({ code: 'custom', path: ['candidates', i, 'idNumber'], message: `证件号码重复：${c.idNumber}` });
      ids.add(c.idNumber);
      const room = rooms.get(c.roomNo);
      if (!room) {
        ctx.addIssue({ code: 'custom', path: ['candidates', i, 'roomNo'], message: `考场不存在：${c.roomNo}` });
      } else if (c.seatNo > room.capacity) {
        ctx.addIssue({ code: 'custom', path: ['candidates', i, 'seatNo'], message: `座位号 ${c.seatNo} 超出${room.name}容量 ${room.capacity}` });
      }
      const seatKey = `${c.roomNo}/${c.seatNo}`;
      if (seats.has(seatKey)) ctx.addIssue({ code: 'custom', path: ['candidates', i, 'seatNo'], message: `座位重复：${c.roomNo} 考场 ${c.seatNo} 号` });
      seats.add(seatKey);
      const planned = day.plan.occupations.find((o) => o.occupation === c.occupation);
      if (!planned?.levels.includes(c.level)) {
        ctx.addIssue({ code: 'custom', path: ['candidates', i, 'level'], message: `计划中没有该职业等级：${c.occupation} ${c.level}` });
      }
      if (!day.plan.acceptedIdTypes.includes(c.idType)) {
        ctx.addIssue({ code: 'custom', path: ['candidates', i, 'idType'], message: `计划不接受该证件类型：${c.idType}` });
      }
    });
  });
export type SampleDay = z.infer<typeof sampleDaySchema>;

export interface PlacedSampleDay {
  plan: ExamPlan;
  rooms: Room[];
  staff: StaffMember[];
  candidates: Candidate[];
}

export interface PlaceSampleDayOptions {
  /** The machine's clock. Its LOCAL date and time are used (see `placeSampleDay`). */
  now: Date;
  /** 开考 as "HH:MM" (tests, rehearsals); otherwise about 20 minutes from now. */
  pinnedStart?: string;
}

/** How far ahead of now an unpinned start is placed: inside 查证入场 (S−25 … S−10) with margin. */
export const SAMPLE_START_LEAD_MINUTES = 20;
/** 附件5: 报到 is at S−60 and 送还试卷 at E+5; the whole day must fit in one calendar date. */
const DAY_BEFORE_START_MINUTES = 60;
const DAY_AFTER_END_MINUTES = 5;
/** The last 5-minute mark of a day (23:55): 送还试卷 may be no later. */
const LAST_SLOT_OF_DAY = 24 * 60 - 5;

const HH_MM = /^([01]\d|2[0-3]):([0-5]\d)$/;

/**
 * Gives the sample day a date and times around `now`.
 *
 * - date: `now`'s LOCAL calendar date (YYYY-MM-DD). The exam site is in Beijing, but the app runs
 *   on a machine at that site and every other clock in the app (event `at`, timetable) is the
 *   machine's local clock; using Asia/Shanghai here while the timetable used local time would put
 *   a newcomer on a machine in another zone into the wrong phase. So: the machine's local time.
 * - startTime: `pinnedStart` if given, else now + 20 minutes rounded to the nearest 5 minutes
 *   (seconds count; a tie rounds up). That lands 17.5–22.5 minutes ahead, i.e. in 查证入场.
 * - endTime: start + durationMinutes.
 *
 * Midnight: the whole 附件5 day, 报到 (S−60) to 送还试卷 (E+5), must fall on the one date, so the
 * start must lie in [01:00, 23:55 − 5 − duration] (01:00–22:20 for 90 minutes; the exam then ends
 * 23:50 and 送还试卷 is 23:55). An unpinned start
 * outside that window is CLAMPED into it (late at night the day is placed to end just before
 * midnight — already over, but valid; just after midnight it starts at 01:00), and the date stays
 * `now`'s date. A pinned start outside the window is REJECTED: an explicit time is never moved.
 */
export function placeSampleDay(day: SampleDay, options: PlaceSampleDayOptions): PlacedSampleDay {
  const { now, pinnedStart } = options;
  if (Number.isNaN(now.getTime())) throw new Error('当前时间无效');
  const duration = day.plan.durationMinutes;
  const earliest = DAY_BEFORE_START_MINUTES;
  const latest = LAST_SLOT_OF_DAY - DAY_AFTER_END_MINUTES - duration;
  if (latest < earliest) throw new Error(`考试时长 ${duration} 分钟过长，无法在一天内安排`);

  let start: number;
  if (pinnedStart !== undefined) {
    const match = HH_MM.exec(pinnedStart);
    if (!match) throw new Error(`开考时间格式应为 HH:MM（如 08:30），收到：${pinnedStart}`);
    start = Number(match[1]) * 60 + Number(match[2]);
    if (start < earliest || start > latest) {
      throw new Error(
        `开考时间 ${pinnedStart} 不可用：报到（开考前60分钟）至送还试卷（结束后5分钟）须在同一天内，开考时间应在 ${formatClock(earliest)} 至 ${formatClock(latest)} 之间`,
      );
    }
  } else {
    const nowMinutes = now.getHours() * 60 + now.getMinutes() + now.getSeconds() / 60 + now.getMilliseconds() / 60_000;
    const rounded = Math.round((nowMinutes + SAMPLE_START_LEAD_MINUTES) / 5) * 5;
    start = Math.min(Math.max(rounded, earliest), latest);
  }

  const date = formatLocalDate(now);
  const { planLabel, durationMinutes: _duration, ...rest } = day.plan;
  const plan: ExamPlan = {
    ...rest,
    planName: `${date.replaceAll('-', '')} ${planLabel}`,
    date,
    startTime: formatClock(start),
    endTime: formatClock(start + duration),
  };
  return {
    plan,
    rooms: day.rooms.map((room) => ({ ...room })),
    staff: day.staff.map((member) => ({ ...member })),
    candidates: day.candidates.map((candidate) => ({ ...candidate })),
  };
}

function formatClock(minutes: number): string {
  return `${String(Math.floor(minutes / 60)).padStart(2, '0')}:${String(minutes % 60).padStart(2, '0')}`;
}

function formatLocalDate(d: Date): string {
  return `${d.getFullYear()}-${String(d.getMonth() + 1).padStart(2, '0')}-${String(d.getDate()).padStart(2, '0')}`;
}
