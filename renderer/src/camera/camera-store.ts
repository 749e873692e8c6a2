import { create } from 'zustand';
import { createJSONStorage, persist } from 'zustand/middleware';

/** The camera this device scans with; kept across reloads (localStorage 'examday.camera'). */
interface CameraState {
  deviceId: string | null;
  /** Whether the door screen shows the viewfinder (many doors use a USB scanner only). */
  atDoor: boolean;
  setDeviceId: (deviceId: string | null) => void;
  setAtDoor: (atDoor: boolean) => void;
}

export const useCameraStore = create<CameraState>()(
  persist(
    (set) => ({
      deviceId: null,
      atDoor: false,
      setDeviceId: (deviceId) => set({ deviceId }),
      setAtDoor: (atDoor) => set({ atDoor }),
    }),
    {
      name: 'examday.camera',
      version: 1,
      storage: createJSONStorage(() => localStorage),
      partialize: (state) => ({ deviceId: state.deviceId, atDoor: state.atDoor }),
    },
  ),
);
