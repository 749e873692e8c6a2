import type { ScheduleStep } from './schedule-view';

/**
 * The three moments the whole room must hear (附件5): 开考, E−15 停止交卷, E 收卷. Each fires once
 * per device and exam; opening the app shortly after the moment still fires it, because the proctor
 * who restarts a laptop at 9:46 must still be told.
 */
export const PROMPT_MOMENTS = [
  { moment: 'exam-start', stepId: 'exam-start', textZh: '考试开始，请考生开始答题', textEn: 'The exam has started. Candidates may begin.' },
  { moment: 'hand-in-closed', stepId: 'hand-in-closed', textZh: '距考试结束还有15分钟，停止交卷', textEn: '15 minutes left: no more hand-ins.' },
  { moment: 'exam-end', stepId: 'papers-collected', textZh: '考试结束，停止答题', textEn: 'The exam is over. Stop writing.' },
] as const;

export type PromptMoment = (typeof PROMPT_MOMENTS)[number]['moment'];
export type PromptDefinition = (typeof PROMPT_MOMENTS)[number];

/** How long after its moment a prompt still fires when the app was closed or the moment was missed. */
export const PROMPT_LATE_MINUTES = 5;

/** Which exam a fired prompt belongs to: the day and the exam's start, plus the rehearsal if any. */
export function promptKey(examKey: string, moment: PromptMoment): string {
  return `${examKey}|${moment}`;
}

/** The prompt to show now, if any: its moment has come, less than PROMPT_LATE_MINUTES ago, and it has not fired. */
export function duePrompt(
  steps: readonly ScheduleStep[],
  minutesNow: number,
  examKey: string,
  fired: readonly string[],
): PromptDefinition | undefined {
  let due: PromptDefinition | undefined;
  for (const definition of PROMPT_MOMENTS) {
    const step = steps.find((s) => s.id === definition.stepId);
    if (!step) continue;
    const since = minutesNow - step.minutesFromMidnight;
    if (since >= 0 && since < PROMPT_LATE_MINUTES && !fired.includes(promptKey(examKey, definition.moment))) due = definition;
  }
  return due;
}
