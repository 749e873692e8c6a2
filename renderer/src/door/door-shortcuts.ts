import { useEffect, useRef } from 'react';

/**
 * The door's keys for its frequent actions (issue 15 item 12), shown on their buttons. Function keys:
 * a keyboard-wedge scanner never sends them, so a burst cannot fire one. F1, F3, F5–F7, F11 and F12
 * are left alone: help, find, reload, address bar, caret browsing, full screen and developer tools
 * are what a proctor would get in the browser mode if the page ever missed one.
 */
export const DOOR_SHORTCUTS = {
  find: 'F2',
  type: 'F4',
  camera: 'F8',
  seats: 'F9',
  record: 'F10',
} as const;
export type DoorShortcut = keyof typeof DOOR_SHORTCUTS;

/** Runs the action of a shortcut key while `enabled` (no dialog over the door). */
export function useDoorShortcuts(enabled: boolean, actions: Record<DoorShortcut, () => void>): void {
  const actionsRef = useRef(actions);
  useEffect(() => {
    actionsRef.current = actions;
  });
  useEffect(() => {
    if (!enabled) return undefined;
    const onKeyDown = (event: KeyboardEvent): void => {
      if (event.ctrlKey || event.metaKey || event.altKey || event.shiftKey || event.repeat) return;
      const entry = (Object.entries(DOOR_SHORTCUTS) as [DoorShortcut, string][]).find(([, key]) => key === event.key);
      if (!entry) return;
      event.preventDefault();
      actionsRef.current[entry[0]]();
    };
    window.addEventListener('keydown', onKeyDown);
    return () => window.removeEventListener('keydown', onKeyDown);
  }, [enabled]);
}
