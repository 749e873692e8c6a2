import { z } from 'zod';
import { ID_DOCUMENT_TYPES, LEVELS, examPlanSchema, type ExamPlan } from '../domain/types';
import { parseClockTime } from '../timetable/timetable';
import { TEXT_LIMITS, text } from '../text/text-field';
import { DEFAULT_IDLE_LOCK_MINUTES, MAX_IDLE_LOCK_MINUTES, MIN_IDLE_LOCK_MINUTES } from '../staffing/idle-lock';

/** 理论知识 exams run 30 to 240 minutes (附件5 computes every step from the start and end). */
export const MIN_EXAM_MINUTES = 30;
export const MAX_EXAM_MINUTES = 240;
/** The common national rule: no entry later than 30 minutes after 开考 (第十九条 leaves it to the organisation). */
export const DEFAULT_LATE_CUTOFF_MINUTES = 30;

const required = (message: string, max: number) => text(max).min(1, message);
const clock = z.string().max(5).regex(/^([01]\d|2[0-3]):[0-5]\d$/, '时间格式应为 HH:MM');

/**
 * The plan form (附件1 认定计划 as the site needs it) as the office fills it in; the same schema
 * checks it in the renderer and again in the core. `planId` is made from the date and name.
 */
export const planFormSchema = z
  .object({
    organisation: required('请填写评价机构名称', TEXT_LIMITS.planName),
    planName: required('请填写计划名称，如“20260315 成人按摩”', TEXT_LIMITS.planName),
    siteAddress: required('请填写考点地址', TEXT_LIMITS.address),
    date: z.string().max(10).regex(/^\d{4}-\d{2}-\d{2}$/, '日期格式应为 YYYY-MM-DD'),
    subject: required('请填写科目', TEXT_LIMITS.occupation),
    startTime: clock,
    endTime: clock,
    occupations: z
      .array(z.object({ occupation: required('请填写职业（工种）', TEXT_LIMITS.occupation), levels: z.array(z.enum(LEVELS)).min(1, '请至少选择一个等级') }))
      .min(1, '请至少填写一个职业')
      .max(20),
    acceptedIdTypes: z.array(z.enum(ID_DOCUMENT_TYPES)).min(1, '请至少选择一种有效证件'),
    lateCutoffMinutes: z.number({ error: '请填写迟到时限（分钟）' }).int('迟到时限应为整数分钟').min(0, '迟到时限不能为负').max(120, '迟到时限不能超过 120 分钟'),
    idleLockMinutes: z
      .number({ error: '请填写自动锁定时间（分钟）' })
      .int('自动锁定时间应为整数分钟')
      .min(MIN_IDLE_LOCK_MINUTES, `自动锁定时间至少 ${MIN_IDLE_LOCK_MINUTES} 分钟`)
      .max(MAX_IDLE_LOCK_MINUTES, `自动锁定时间不能超过 ${MAX_IDLE_LOCK_MINUTES} 分钟`)
      .optional(),
  })
  .strict()
  .superRefine((form, ctx) => {
    const start = parseClockTime(form.startTime);
    const end = parseClockTime(form.endTime);
    if (start === undefined || end === undefined) return;
    const minutes = end - start;
    if (minutes <= 0) ctx.addIssue({ code: 'custom', path: ['endTime'], message: '结束时间应晚于开始时间' });
    else if (minutes < MIN_EXAM_MINUTES || minutes > MAX_EXAM_MINUTES) {
      ctx.addIssue({ code: 'custom', path: ['endTime'], message: `考试时长应为 ${MIN_EXAM_MINUTES}–${MAX_EXAM_MINUTES} 分钟，现为 ${minutes} 分钟` });
    }
    const names = form.occupations.map((o) => o.occupation.trim());
    if (new Set(names).size !== names.length) ctx.addIssue({ code: 'custom', path: ['occupations'], message: '职业重复' });
  });
export type PlanForm = z.infer<typeof planFormSchema>;

/** The plan the form describes; the id is stable for one date and name, so saving again updates it. */
export function planFromForm(form: PlanForm): ExamPlan {
  const planId = `${form.date.replace(/-/g, '')}-${form.planName.trim()}`.slice(0, 80);
  return examPlanSchema.parse({ ...form, planId });
}

/** The form filled from a stored plan (to edit it), or with the defaults for a new one. */
export function formFromPlan(plan: ExamPlan | null, today: string): PlanForm {
  if (plan) {
    const { planId: _planId, ...rest } = plan;
    // A plan saved before the setting existed shows the default it runs with.
    return { ...rest, idleLockMinutes: rest.idleLockMinutes ?? DEFAULT_IDLE_LOCK_MINUTES };
  }
  return {
    organisation: '',
    planName: '',
    siteAddress: '',
    date: today,
    subject: '理论知识',
    startTime: '08:30',
    endTime: '10:00',
    occupations: [{ occupation: '', levels: ['四级'] }],
    acceptedIdTypes: ['resident-id'],
    lateCutoffMinutes: DEFAULT_LATE_CUTOFF_MINUTES,
    idleLockMinutes: DEFAULT_IDLE_LOCK_MINUTES,
  };
}
