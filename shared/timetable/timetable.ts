import type { StaffRole } from '../domain/types';

/** Where a step is anchored: the exam's start S or its end E. */
type Anchor = 'start' | 'end';

interface StepDefinition {
  id: string;
  anchor: Anchor;
  offsetMinutes: number;
  titleZh: string;
  titleEn: string;
  descriptionZh: string;
  roles: readonly StaffRole[];
}

/**
 * 附件5《理论知识（纸笔作答）科目监考工作流程》, with its printed times for 8:30–10:00 turned into
 * offsets from S and E so any exam slot gets the same sequence. Titles are the regulation's own words.
 */
const STEP_DEFINITIONS = [
  {
    id: 'staff-arrive',
    anchor: 'start',
    offsetMinutes: -60,
    titleZh: '报到',
    titleEn: 'Staff arrive',
    descriptionZh: '考务组及相关考务人员报到',
    roles: ['chief-examiner', 'deputy-chief-examiner', 'chief-proctor', 'second-proctor', 'roving-proctor', 'exam-affairs', 'secrecy-officer', 'support', 'quality-control'],
  },
  {
    id: 'work-briefing',
    anchor: 'start',
    offsetMinutes: -55,
    titleZh: '安排工作',
    titleEn: 'Briefing',
    descriptionZh: '主考提出组考、监考注意事项，宣布各考场监考人员名单，发放胸卡，核对监考人员手表和考场钟表',
    roles: ['chief-examiner', 'deputy-chief-examiner'],
  },
  {
    id: 'papers-distributed',
    anchor: 'start',
    offsetMinutes: -50,
    titleZh: '分发试卷',
    titleEn: 'Papers handed out',
    descriptionZh: '主考与保密人员交接后将试卷从保密室送到考务办，分发给各考场主监考；主、副监考核对职业、级别、份数和密封情况后签收',
    roles: ['secrecy-officer', 'chief-examiner', 'chief-proctor', 'second-proctor'],
  },
  {
    id: 'papers-to-rooms',
    anchor: 'start',
    offsetMinutes: -40,
    titleZh: '送试卷到达考场',
    titleEn: 'Papers reach the rooms',
    descriptionZh: '主、副监考持卷（卡）直达考场',
    roles: ['chief-proctor', 'second-proctor'],
  },
  {
    id: 'checkin-open',
    anchor: 'start',
    offsetMinutes: -25,
    titleZh: '查证入场',
    titleEn: 'Door check and entry',
    descriptionZh: '副监考在入口逐一检查准考证和有效身份证件，考生在“考生信息汇总表”上签字后入场；主监考看管试卷、引导对号入座',
    roles: ['second-proctor', 'chief-proctor'],
  },
  {
    id: 'rules-announced',
    anchor: 'start',
    offsetMinutes: -10,
    titleZh: '宣布考场纪律',
    titleEn: 'Exam rules read out',
    descriptionZh: '主监考宣读“考场规则”，强调考试注意事项',
    roles: ['chief-proctor'],
  },
  {
    id: 'papers-unsealed',
    anchor: 'start',
    offsetMinutes: -5,
    titleZh: '验封、启封、发卷',
    titleEn: 'Seal shown, opened, papers handed out',
    descriptionZh: '主监考向考生展示试卷袋密封完好后启封，数量不符、错装、错印等立即报告；副监考协助发卷并指导填写个人信息',
    roles: ['chief-proctor', 'second-proctor'],
  },
  {
    id: 'exam-start',
    anchor: 'start',
    offsetMinutes: 0,
    titleZh: '宣布正式开考',
    titleEn: 'Exam starts',
    descriptionZh: '主监考宣布开考，保管备用和缺考人员试卷；副监考维护秩序，再次核对准考证和有效身份证件',
    roles: ['chief-proctor', 'second-proctor'],
  },
  {
    id: 'hand-in-open',
    anchor: 'start',
    offsetMinutes: 30,
    titleZh: '交卷、收卷、填写考场记录单、卡',
    titleEn: 'Early hand-in allowed; room record filled in',
    descriptionZh: '开考30分钟后考生可举手交卷、退场；主监考将缺考、作弊人员信息填入试卷袋背面的《考场情况记录单》',
    roles: ['chief-proctor', 'second-proctor'],
  },
  {
    id: 'hand-in-closed',
    anchor: 'end',
    offsetMinutes: -15,
    titleZh: '宣布停止交卷',
    titleEn: 'No more hand-ins',
    descriptionZh: '主监考提示距结束还有15分钟，此期间不得交卷、离开考场',
    roles: ['chief-proctor'],
  },
  {
    id: 'papers-collected',
    anchor: 'end',
    offsetMinutes: 0,
    titleZh: '收卷',
    titleEn: 'Papers collected',
    descriptionZh: '主监考宣布结束，考生停止答卷、原位等候；主、副监考清点核对后将卷、卡分别装入密封袋',
    roles: ['chief-proctor', 'second-proctor'],
  },
  {
    id: 'papers-returned',
    anchor: 'end',
    offsetMinutes: 5,
    titleZh: '送还试卷',
    titleEn: 'Papers returned',
    descriptionZh: '主、副监考将试卷送到考务办，考务人员清点验收后由监考人员封装，并在试卷袋监考记录中签字',
    roles: ['chief-proctor', 'second-proctor', 'exam-affairs'],
  },
] as const satisfies readonly StepDefinition[];

export type TimetableStepId = (typeof STEP_DEFINITIONS)[number]['id'];

export interface TimetableStep {
  id: TimetableStepId;
  /** HH:MM, zero-padded. */
  at: string;
  minutesFromMidnight: number;
  /** 'S−25', 'S', 'E+5': relative to the exam's start S or end E. */
  offsetLabel: string;
  titleZh: string;
  titleEn: string;
  descriptionZh: string;
  roles: readonly StaffRole[];
}

export type TimetableErrorCode = 'bad-time' | 'end-not-after-start' | 'duration-out-of-range' | 'outside-the-day';

export type TimetableResult =
  | { ok: true; steps: TimetableStep[] }
  | { ok: false; code: TimetableErrorCode; reason: string };

/**
 * Below an hour S+30 (hand-in allowed) would meet E−15 (hand-in closed) and the table would lose its
 * order; above five hours it is no longer one paper-and-pen sitting.
 */
export const MIN_EXAM_MINUTES = 60;
export const MAX_EXAM_MINUTES = 300;

const FIRST_OFFSET = STEP_DEFINITIONS[0].offsetMinutes;
const LAST_OFFSET = STEP_DEFINITIONS[STEP_DEFINITIONS.length - 1]!.offsetMinutes;
const MINUTES_PER_DAY = 24 * 60;

/** Minutes after midnight for 'HH:MM' (an unpadded hour such as '8:30' is what 附件5 prints, so it is accepted). */
export function parseClockTime(text: string): number | undefined {
  const match = /^(\d{1,2}):([0-5]\d)$/.exec(text.trim());
  if (!match) return undefined;
  const hours = Number(match[1]);
  if (hours > 23) return undefined;
  return hours * 60 + Number(match[2]);
}

export function formatClockTime(minutesFromMidnight: number): string {
  const hours = Math.floor(minutesFromMidnight / 60);
  const minutes = minutesFromMidnight % 60;
  return `${String(hours).padStart(2, '0')}:${String(minutes).padStart(2, '0')}`;
}

function offsetLabel(anchor: Anchor, offsetMinutes: number): string {
  const letter = anchor === 'start' ? 'S' : 'E';
  if (offsetMinutes === 0) return letter;
  return `${letter}${offsetMinutes < 0 ? '−' : '+'}${Math.abs(offsetMinutes)}`;
}

/**
 * The exam day's steps per 附件5 for an exam from `startTime` to `endTime` (same day, HH:MM).
 * For 8:30–10:00 this reproduces the printed times, 7:30 报到 to 10:05 送还试卷.
 */
export function computeTimetable(startTime: string, endTime: string): TimetableResult {
  const start = parseClockTime(startTime);
  if (start === undefined) return { ok: false, code: 'bad-time', reason: `开始时间“${startTime}”格式不正确，应为 HH:MM` };
  const end = parseClockTime(endTime);
  if (end === undefined) return { ok: false, code: 'bad-time', reason: `结束时间“${endTime}”格式不正确，应为 HH:MM` };
  if (end <= start) {
    return { ok: false, code: 'end-not-after-start', reason: `结束时间 ${formatClockTime(end)} 必须晚于开始时间 ${formatClockTime(start)}` };
  }
  const duration = end - start;
  if (duration < MIN_EXAM_MINUTES || duration > MAX_EXAM_MINUTES) {
    return {
      ok: false,
      code: 'duration-out-of-range',
      reason: `考试时长 ${duration} 分钟不在 ${MIN_EXAM_MINUTES}–${MAX_EXAM_MINUTES} 分钟之间`,
    };
  }
  if (start + FIRST_OFFSET < 0) {
    return {
      ok: false,
      code: 'outside-the-day',
      reason: `开始时间 ${formatClockTime(start)} 过早：报到（开考前 ${-FIRST_OFFSET} 分钟）会早于 00:00`,
    };
  }
  if (end + LAST_OFFSET >= MINUTES_PER_DAY) {
    return {
      ok: false,
      code: 'outside-the-day',
      reason: `结束时间 ${formatClockTime(end)} 过晚：送还试卷（结束后 ${LAST_OFFSET} 分钟）会晚于 23:59`,
    };
  }
  const steps = STEP_DEFINITIONS.map((definition): TimetableStep => {
    const minutesFromMidnight = (definition.anchor === 'start' ? start : end) + definition.offsetMinutes;
    return {
      id: definition.id,
      at: formatClockTime(minutesFromMidnight),
      minutesFromMidnight,
      offsetLabel: offsetLabel(definition.anchor, definition.offsetMinutes),
      titleZh: definition.titleZh,
      titleEn: definition.titleEn,
      descriptionZh: definition.descriptionZh,
      roles: definition.roles,
    };
  });
  return { ok: true, steps };
}

export interface StepInForce {
  /** The latest step that has begun; undefined before the first one. */
  current: TimetableStep | undefined;
  /** The step after `current`; undefined once the last one has begun. */
  next: TimetableStep | undefined;
  minutesUntilNext: number | undefined;
}

/** Which step is in force at `minutesNow` (minutes after midnight); a step is in force from its own minute on. */
export function currentStep(steps: readonly TimetableStep[], minutesNow: number): StepInForce {
  let currentIndex = -1;
  steps.forEach((step, index) => {
    if (step.minutesFromMidnight <= minutesNow) currentIndex = index;
  });
  const next = steps[currentIndex + 1];
  return {
    current: currentIndex >= 0 ? steps[currentIndex] : undefined,
    next,
    minutesUntilNext: next === undefined ? undefined : next.minutesFromMidnight - minutesNow,
  };
}
