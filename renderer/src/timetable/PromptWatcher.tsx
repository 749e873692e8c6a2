import { useEffect } from 'react';
import { minutesOfDay } from '../../../shared/timetable/gates';
import { playChime } from '../audio/tones';
import { speakChinese } from '../audio/speech';
import { useNow, useRehearsal } from '../clock/device-clock';
import { useDialogStore } from '../state/dialog-store';
import { useUiStore } from '../state/ui-store';
import { duePrompt, promptKey } from './prompts';
import { useScheduleQuery } from './schedule-context';

const pad = (n: number) => String(n).padStart(2, '0');

/** Watches the clock and raises 开考 / 停止交卷 / 考试结束 once each, with a chime and speech unless muted. */
export function PromptWatcher() {
  const schedule = useScheduleQuery();
  const { correctedMs } = useNow(500);
  const rehearsal = useRehearsal();
  const fired = useUiStore((s) => s.firedPrompts);
  const markPromptFired = useUiStore((s) => s.markPromptFired);
  const muted = useUiStore((s) => s.muted);
  const showPrompt = useDialogStore((s) => s.showPrompt);
  const steps = schedule.value?.steps;

  const date = new Date(correctedMs);
  const minutesNow = minutesOfDay(date);
  const examStart = steps?.find((s) => s.id === 'exam-start')?.at ?? '';
  // The day, the exam's start and the rehearsal: a rehearsal's prompts never use up the real day's.
  const examKey = `${date.getFullYear()}-${pad(date.getMonth() + 1)}-${pad(date.getDate())}|${examStart}|${rehearsal?.startedAt ?? 'real'}`;

  useEffect(() => {
    if (!steps) return;
    const due = duePrompt(steps, minutesNow, examKey, fired);
    if (!due) return;
    markPromptFired(promptKey(examKey, due.moment));
    showPrompt(due);
    if (!muted) {
      playChime();
      speakChinese(due.textZh);
    }
  }, [steps, minutesNow, examKey, fired, markPromptFired, showPrompt, muted]);

  return null;
}
