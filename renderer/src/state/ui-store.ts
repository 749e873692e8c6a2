import { create } from 'zustand';
import { createJSONStorage, persist } from 'zustand/middleware';

export type Language = 'zh' | 'en';

/** The door this device guards and who guards it; chosen once, kept across reloads. */
export interface DoorChoice {
  roomNo: string;
  staffId: string;
}

/**
 * UI state only: the language and the chosen door. Everything the core knows (rosters, verdicts)
 * comes from the API and is never cached here.
 */
interface UiState {
  language: Language;
  door: DoorChoice | null;
  setLanguage: (language: Language) => void;
  startDoor: (door: DoorChoice) => void;
  leaveDoor: () => void;
}

export const useUiStore = create<UiState>()(
  persist(
    (set) => ({
      language: 'zh',
      door: null,
      setLanguage: (language) => set({ language }),
      startDoor: (door) => set({ door }),
      leaveDoor: () => set({ door: null }),
    }),
    {
      name: 'examday.ui',
      version: 1,
      storage: createJSONStorage(() => localStorage),
      partialize: (s) => ({ language: s.language, door: s.door }),
    },
  ),
);
