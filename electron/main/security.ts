import type { App, Session, WebContents } from 'electron';
import { isAppUrl } from './app-url';

/**
 * The Electron shell's hardening, written against parameters and type-only imports so that every
 * rule runs in unit tests without the Electron runtime. The window shows only our own files; the
 * one thing it may ask for is the camera (scanning 准考证 barcodes), never the microphone.
 */

/** What Electron's permission request carries (PermissionRequest / MediaAccessPermissionRequest). */
export interface PermissionRequestDetails {
  mediaTypes?: ReadonlyArray<string>;
  requestingUrl?: string;
  isMainFrame?: boolean;
}

/** What Electron's permission check carries (PermissionCheckHandlerHandlerDetails). */
export interface PermissionCheckDetails {
  mediaType?: string;
  isMainFrame?: boolean;
}

/** Remote schemes the session refuses outright: the app ships every file it shows. */
export const REMOTE_URL_PATTERNS = ['http://*/*', 'https://*/*', 'ws://*/*', 'wss://*/*'];

const REMOTE_PROTOCOLS = new Set(['http:', 'https:', 'ws:', 'wss:']);

export function isRemoteUrl(url: string): boolean {
  try {
    return REMOTE_PROTOCOLS.has(new URL(url).protocol);
  } catch {
    return false;
  }
}

/** Grants a permission request only for camera-only media from our own main frame. */
export function isAllowedPermission(permission: string, details: PermissionRequestDetails): boolean {
  if (permission !== 'media') return false;
  const types = details.mediaTypes ?? [];
  return (
    types.length > 0 &&
    types.every((type) => type === 'video') &&
    details.isMainFrame !== false &&
    isAppUrl(details.requestingUrl)
  );
}

/** Permission checks (e.g. before enumerating cameras): the same rule, video only, our origin only. */
export function isAllowedPermissionCheck(permission: string, requestingOrigin: string, details: PermissionCheckDetails): boolean {
  return permission === 'media' && details.mediaType === 'video' && details.isMainFrame !== false && isAppUrl(requestingOrigin);
}

/** IPC is answered only for our page's main frame; subframes and foreign pages get nothing. */
export function isTrustedSender(frameUrl: string | null | undefined, isMainFrame: boolean): boolean {
  return isMainFrame && isAppUrl(frameUrl);
}

/** Navigation stays inside the app; a link or redirect anywhere else is cancelled. */
export function shouldBlockNavigation(url: string): boolean {
  return !isAppUrl(url);
}

/** Per web contents: no navigation away, no new windows, no <webview>. */
export function guardNavigation(contents: WebContents): void {
  contents.on('will-navigate', (event, url) => {
    if (shouldBlockNavigation(url)) event.preventDefault();
  });
  contents.on('will-redirect', (event, url) => {
    if (shouldBlockNavigation(url)) event.preventDefault();
  });
  contents.on('will-attach-webview', (event) => event.preventDefault());
  contents.setWindowOpenHandler(() => ({ action: 'deny' }));
}

/** Session-wide: camera-only permissions, no USB/HID/serial devices, no request to the network. */
export function hardenSession(session: Session): void {
  session.setPermissionRequestHandler((_contents, permission, callback, details) => {
    callback(isAllowedPermission(permission, details));
  });
  session.setPermissionCheckHandler((_contents, permission, requestingOrigin, details) =>
    isAllowedPermissionCheck(permission, requestingOrigin, details),
  );
  session.setDevicePermissionHandler(() => false);
  session.webRequest.onBeforeRequest({ urls: REMOTE_URL_PATTERNS }, (_details, callback) => {
    callback({ cancel: true });
  });
}

/** Guards every web contents the app ever creates, including ones nobody planned for. */
export function installSecurity(app: App): void {
  app.on('web-contents-created', (_event, contents) => guardNavigation(contents));
}
