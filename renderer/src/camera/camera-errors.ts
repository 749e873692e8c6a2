import type { CameraMessageKey } from './messages';

export type CameraProblem = 'no-camera' | 'denied' | 'busy' | 'unsupported' | 'failed';

/** What went wrong opening a camera, from getUserMedia's DOMException name. */
export function cameraProblem(error: unknown): CameraProblem {
  const name = error instanceof Error || (typeof error === 'object' && error !== null && 'name' in error)
    ? String((error as { name: unknown }).name)
    : '';
  switch (name) {
    case 'NotFoundError':
    case 'DevicesNotFoundError':
    case 'OverconstrainedError':
      return 'no-camera';
    case 'NotAllowedError':
    case 'PermissionDeniedError':
    case 'SecurityError':
      return 'denied';
    case 'NotReadableError':
    case 'TrackStartError':
    case 'AbortError':
      return 'busy';
    case 'TypeError':
      return 'unsupported';
    default:
      return 'failed';
  }
}

export const PROBLEM_MESSAGES: Readonly<Record<CameraProblem, CameraMessageKey>> = {
  'no-camera': 'camera.error.noCamera',
  denied: 'camera.error.denied',
  busy: 'camera.error.busy',
  unsupported: 'camera.error.unsupported',
  failed: 'camera.error.failed',
};
