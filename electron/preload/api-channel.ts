/** The one IPC channel between the preload's bridge and the main process (electron/main/ipc.ts). */
export const API_CHANNEL = 'examday:api';
