import { forwardRef, type ReactNode } from 'react';
import type { ConfirmationState } from '../../../shared/timetable/confirmations';
import { useRoleLabel, useT } from '../i18n/i18n';
import { useUiStore } from '../state/ui-store';
import type { ScheduleStep, StepTiming } from './schedule-view';

/** One 附件5 step: its time large, what happens and who does it, and its confirmations on the right. */
export const StepRow = forwardRef<
  HTMLLIElement,
  { step: ScheduleStep; timing: StepTiming; states: ConfirmationState[]; countdown: ReactNode; children: ReactNode }
>(function StepRow({ step, timing, states, countdown, children }, ref) {
  const t = useT();
  const roleLabel = useRoleLabel();
  const language = useUiStore((s) => s.language);
  const overdue = states.includes('overdue');
  const done = timing === 'past' && !overdue && states.every((s) => s === 'done');
  const mark = overdue ? '⚠' : done ? '✓' : '';
  return (
    <li
      ref={ref}
      className={`step step-${timing}${overdue ? ' step-overdue' : ''}${done ? ' step-done' : ''}`}
      data-testid={`step-${step.id}`}
      data-state={timing}
      aria-current={timing === 'current' ? 'step' : undefined}
    >
      <div className="step-time">
        <span className="step-at">{step.at}</span>
        <span className="step-offset">{step.offsetLabel}</span>
        {mark && <span className="step-mark">{mark}</span>}
      </div>
      <div className="step-main">
        <div className="step-title">{language === 'zh' ? step.titleZh : step.titleEn}</div>
        {countdown}
        <div className="step-description" lang="zh-CN">
          {step.descriptionZh}
        </div>
        <div className="step-roles">
          {t('tt.roles')}
          {step.roles.map((r) => roleLabel(r)).join(language === 'zh' ? '、' : ', ')}
        </div>
      </div>
      <div className="step-confirmations">{children}</div>
    </li>
  );
});
