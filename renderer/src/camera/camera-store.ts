import { create } from 'zustand';
import { createJSONStorage, persist } from 'zustand/middleware';

/** The camera this device scans with; kept across reloads (localStorage 'examday.camera'). */
interface CameraState {
  deviceId: string | null;
  setDeviceId: (deviceId: string | null) => void;
}

export const useCameraStore = create<CameraState>()(
  persist(
    (set) => ({
      deviceId: null,
      setDeviceId: (deviceId) => set({ deviceId }),
    }),
    {
      name: 'examday.camera',
      version: 1,
      storage: createJSONStorage(() => localStorage),
      partialize: (state) => ({ deviceId: state.deviceId }),
    },
  ),
);
