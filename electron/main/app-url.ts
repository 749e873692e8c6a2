import { isAbsolute, relative, resolve, sep } from 'node:path';
import { CONTENT_SECURITY_POLICY } from '../security/content-security-policy';

/** The renderer's only origin inside Electron: a privileged custom scheme, never http(s) or file. */
export const APP_SCHEME = 'app';
export const APP_HOST = 'examday';
export const APP_ORIGIN = `${APP_SCHEME}://${APP_HOST}`;
export const APP_ENTRY_URL = `${APP_ORIGIN}/index.html`;

/** The Electron window's policy: the same as the browser mode's. */
export const APP_CSP = CONTENT_SECURITY_POLICY;

function parse(url: string | null | undefined): URL | undefined {
  if (!url) return undefined;
  try {
    return new URL(url);
  } catch {
    return undefined;
  }
}

/** True for `app://examday/…` (or the bare origin); any other scheme, host, port or userinfo is foreign. */
export function isAppUrl(url: string | null | undefined): boolean {
  const parsed = parse(url);
  return (
    parsed !== undefined &&
    parsed.protocol === `${APP_SCHEME}:` &&
    parsed.host === APP_HOST &&
    parsed.username === '' &&
    parsed.password === ''
  );
}

/**
 * Maps an `app://examday/<path>` request to a file inside `rendererDir`, or null when the URL is
 * foreign, undecodable, names a dotfile, or would leave the folder (`..`, encoded separators,
 * another drive).
 */
export function resolveRendererFile(rendererDir: string, requestUrl: string): string | null {
  const parsed = parse(requestUrl);
  if (parsed === undefined || !isAppUrl(requestUrl)) return null;
  let path: string;
  try {
    path = decodeURIComponent(parsed.pathname);
  } catch {
    return null;
  }
  if (path.includes('\0')) return null;
  const segments = path.split(/[/\\]+/).filter((segment) => segment !== '');
  if (segments.some((segment) => segment.startsWith('.'))) return null;
  const root = resolve(rendererDir);
  const file = resolve(root, segments.length === 0 ? 'index.html' : segments.join(sep));
  const inside = relative(root, file);
  if (inside === '' || inside === '..' || inside.startsWith(`..${sep}`) || isAbsolute(inside)) return null;
  return file;
}
