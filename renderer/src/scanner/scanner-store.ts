import { create } from 'zustand';
import { createJSONStorage, persist } from 'zustand/middleware';
import { DEFAULT_MAX_INTER_KEY_MS, INTER_KEY_CHOICES_MS } from './burst-detector';

/**
 * How this device's keyboard-wedge scanner types: the largest gap between two keys of one burst.
 * UI state, kept across reloads (localStorage 'examday.scanner'), beside the camera's choice.
 */
interface ScannerSettings {
  maxInterKeyMs: number;
  setMaxInterKeyMs: (ms: number) => void;
}

const isChoice = (ms: number): boolean => (INTER_KEY_CHOICES_MS as readonly number[]).includes(ms);

export const useScannerStore = create<ScannerSettings>()(
  persist(
    (set) => ({
      maxInterKeyMs: DEFAULT_MAX_INTER_KEY_MS,
      setMaxInterKeyMs: (ms) => set({ maxInterKeyMs: isChoice(ms) ? ms : DEFAULT_MAX_INTER_KEY_MS }),
    }),
    {
      name: 'examday.scanner',
      version: 1,
      storage: createJSONStorage(() => localStorage),
      partialize: (state) => ({ maxInterKeyMs: state.maxInterKeyMs }),
      merge: (persisted, current) => {
        const ms = (persisted as { maxInterKeyMs?: unknown } | undefined)?.maxInterKeyMs;
        return { ...current, maxInterKeyMs: typeof ms === 'number' && isChoice(ms) ? ms : current.maxInterKeyMs };
      },
    },
  ),
);
