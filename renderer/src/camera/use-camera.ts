import { useEffect, useState } from 'react';
import { cameraProblem, type CameraProblem } from './camera-errors';

export interface CameraDevice {
  deviceId: string;
  label: string;
}

/** The video inputs the browser lists; re-read when one is plugged in or out, or when `refreshKey` changes (labels appear once permission is given). */
export function useCameraDevices(refreshKey: unknown): CameraDevice[] {
  const [devices, setDevices] = useState<CameraDevice[]>([]);
  useEffect(() => {
    const media = navigator.mediaDevices;
    if (!media?.enumerateDevices) return undefined;
    let cancelled = false;
    const read = (): void => {
      media
        .enumerateDevices()
        .then((all) => {
          if (cancelled) return;
          setDevices(
            all
              .filter((device) => device.kind === 'videoinput' && device.deviceId !== '')
              .map((device) => ({ deviceId: device.deviceId, label: device.label })),
          );
        })
        .catch(() => undefined);
    };
    read();
    media.addEventListener('devicechange', read);
    return () => {
      cancelled = true;
      media.removeEventListener('devicechange', read);
    };
  }, [refreshKey]);
  return devices;
}

export type StreamState =
  | { phase: 'idle' }
  | { phase: 'starting' }
  | { phase: 'live'; stream: MediaStream; deviceId: string | null }
  | { phase: 'error'; problem: CameraProblem; detail: string };

/** 1280×720 is what the decoder is measured on: sharp enough for a 准考证 at arm's length, cheap to decode. */
export const VIDEO_CONSTRAINTS: MediaTrackConstraints = {
  width: { ideal: 1280 },
  height: { ideal: 720 },
  frameRate: { ideal: 30 },
};

/**
 * Opens the chosen camera while `active` (or the default one when none is chosen or the chosen
 * one is gone), and stops it when inactive or unmounted. A new `attempt` opens it afresh (each
 * start and each retry after an error bumps it).
 */
export function useCameraStream(active: boolean, deviceId: string | null, attempt: number): StreamState {
  const key = `${deviceId ?? ''}|${attempt}`;
  const [result, setResult] = useState<{ key: string; state: StreamState } | null>(null);
  useEffect(() => {
    if (!active) return undefined;
    let cancelled = false;
    let stream: MediaStream | null = null;
    const open = async (): Promise<MediaStream> => {
      if (!navigator.mediaDevices?.getUserMedia) throw new TypeError('getUserMedia unavailable');
      const video = { ...VIDEO_CONSTRAINTS };
      if (deviceId) {
        try {
          return await navigator.mediaDevices.getUserMedia({ audio: false, video: { ...video, deviceId: { exact: deviceId } } });
        } catch (error) {
          // The remembered camera is gone (unplugged, another machine): fall back to the default one.
          if (cameraProblem(error) !== 'no-camera') throw error;
        }
      }
      return navigator.mediaDevices.getUserMedia({ audio: false, video });
    };
    open().then(
      (opened) => {
        if (cancelled) {
          opened.getTracks().forEach((track) => track.stop());
          return;
        }
        stream = opened;
        const settings = opened.getVideoTracks()[0]?.getSettings();
        setResult({ key, state: { phase: 'live', stream: opened, deviceId: settings?.deviceId ?? null } });
      },
      (error: unknown) => {
        if (cancelled) return;
        const detail = error instanceof Error ? `${error.name}: ${error.message}` : String(error);
        setResult({ key, state: { phase: 'error', problem: cameraProblem(error), detail } });
      },
    );
    return () => {
      cancelled = true;
      stream?.getTracks().forEach((track) => track.stop());
    };
  }, [active, deviceId, key]);
  if (!active) return { phase: 'idle' };
  if (result?.key !== key) return { phase: 'starting' };
  return result.state;
}
