import { create } from 'zustand';
import { createJSONStorage, persist } from 'zustand/middleware';

export type Language = 'zh' | 'en';

/** The door this device guards and who guards it; chosen once, kept across reloads. */
export interface DoorChoice {
  roomNo: string;
  staffId: string;
}

/** A device in the exam office (考务办), and who works it. */
export interface OfficeChoice {
  staffId: string;
}

export type Tab = 'door' | 'timetable' | 'dashboard' | 'custody' | 'sync' | 'setup' | 'pins';

/** A door's screen locked until a badge and PIN are given again: quiet too long, or 锁屏/换人. */
export interface ScreenLock {
  reason: 'idle' | 'manual';
}

/** Prompts already fired on this device; a few exams' worth is plenty. */
const MAX_FIRED_PROMPTS = 60;

/**
 * UI state only: the language, the chosen door or office, the tab, muting and which prompts have
 * fired. Everything the core knows (rosters, verdicts, the timetable) comes from the API.
 */
interface UiState {
  language: Language;
  door: DoorChoice | null;
  office: OfficeChoice | null;
  tab: Tab;
  muted: boolean;
  firedPrompts: string[];
  /** Kept across reloads: reloading the page must not open a locked door. */
  lock: ScreenLock | null;
  setLanguage: (language: Language) => void;
  startDoor: (door: DoorChoice) => void;
  startOffice: (office: OfficeChoice) => void;
  leaveDoor: () => void;
  lockScreen: (reason: ScreenLock['reason']) => void;
  /** The same person gave badge and PIN again. Another person starts afresh with startDoor. */
  unlockScreen: () => void;
  setTab: (tab: Tab) => void;
  setMuted: (muted: boolean) => void;
  markPromptFired: (key: string) => void;
}

export const useUiStore = create<UiState>()(
  persist(
    (set) => ({
      language: 'zh',
      door: null,
      office: null,
      tab: 'door',
      muted: false,
      firedPrompts: [],
      lock: null,
      setLanguage: (language) => set({ language }),
      startDoor: (door) => set({ door, office: null, tab: 'door', lock: null }),
      startOffice: (office) => set({ office, door: null, tab: 'dashboard', lock: null }),
      leaveDoor: () => set({ door: null, office: null, lock: null }),
      lockScreen: (reason) => set({ lock: { reason } }),
      unlockScreen: () => set({ lock: null }),
      setTab: (tab) => set({ tab }),
      setMuted: (muted) => set({ muted }),
      markPromptFired: (key) =>
        set((s) => (s.firedPrompts.includes(key) ? s : { firedPrompts: [...s.firedPrompts, key].slice(-MAX_FIRED_PROMPTS) })),
    }),
    {
      name: 'examday.ui',
      version: 1,
      storage: createJSONStorage(() => localStorage),
      partialize: (s) => ({ language: s.language, door: s.door, office: s.office, tab: s.tab, muted: s.muted, firedPrompts: s.firedPrompts, lock: s.lock }),
    },
  ),
);
