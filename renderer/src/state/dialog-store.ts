import { create } from 'zustand';
import type { PromptDefinition } from '../timetable/prompts';

/**
 * Which overlay is up. Not persisted: a reload closes dialogs. Screens read it to route scanner
 * bursts (a time code goes to the clock check, not to check-in) and to keep one thing on top.
 */
interface DialogState {
  clockCheck: { open: boolean; scanned: string | null };
  announcements: boolean;
  rehearsal: boolean;
  prompt: PromptDefinition | null;
  openClockCheck: (scanned?: string) => void;
  closeClockCheck: () => void;
  setAnnouncements: (open: boolean) => void;
  setRehearsal: (open: boolean) => void;
  showPrompt: (prompt: PromptDefinition) => void;
  dismissPrompt: () => void;
}

export const useDialogStore = create<DialogState>()((set) => ({
  clockCheck: { open: false, scanned: null },
  announcements: false,
  rehearsal: false,
  prompt: null,
  openClockCheck: (scanned) => set({ clockCheck: { open: true, scanned: scanned ?? null } }),
  closeClockCheck: () => set({ clockCheck: { open: false, scanned: null } }),
  setAnnouncements: (announcements) => set({ announcements }),
  setRehearsal: (rehearsal) => set({ rehearsal }),
  showPrompt: (prompt) => set({ prompt }),
  dismissPrompt: () => set({ prompt: null }),
}));
