import type { ApiTransport } from '../../../shared/api/client';
import { SOCKET_PATH } from '../../../shared/api/socket-protocol';
import type { ExamDayBridge } from '../bridge';
import { createSocketTransport } from './socket-transport';

export const TOKEN_STORAGE_KEY = 'examday.token';
/** A local core answers in milliseconds; past this the door shows an error instead of waiting forever. */
const HTTP_TIMEOUT_MS = 15_000;

/**
 * Browser mode: the server prints `http://127.0.0.1:PORT/#token=…`. Takes the token out of the
 * address bar (so it is not left on screen, in history or in a screenshot) and keeps it for this
 * tab only. Call once, before the first API call.
 */
export function captureTokenFromLocation(win: Window = window): void {
  const hash = win.location.hash.replace(/^#/, '');
  if (hash === '') return;
  const params = new URLSearchParams(hash);
  const token = params.get('token');
  if (token === null) return;
  try {
    win.sessionStorage.setItem(TOKEN_STORAGE_KEY, token);
  } catch {
    memoryToken = token;
  }
  params.delete('token');
  const rest = params.toString();
  win.history.replaceState(win.history.state, '', `${win.location.pathname}${win.location.search}${rest ? `#${rest}` : ''}`);
}

/** Fallback when sessionStorage is refused (some hardened browser profiles). */
let memoryToken: string | null = null;

function readToken(): string | null {
  try {
    return window.sessionStorage.getItem(TOKEN_STORAGE_KEY) ?? memoryToken;
  } catch {
    return memoryToken;
  }
}

/**
 * Each call is `POST /api/<method>` with the input as JSON. The server answers with an ApiResult
 * body on every status (401, 400 … included), so the body is returned whatever the status and
 * createApiClient decides what it means.
 */
export function createHttpTransport(fetchImpl: typeof fetch = (...args) => fetch(...args)): ApiTransport {
  return async (method, input) => {
    const headers: Record<string, string> = { 'Content-Type': 'application/json' };
    const token = readToken();
    if (token !== null) headers.Authorization = `Bearer ${token}`;
    const response = await fetchImpl(`/api/${encodeURIComponent(method)}`, {
      method: 'POST',
      headers,
      body: JSON.stringify(input ?? {}),
      cache: 'no-store',
      credentials: 'omit',
      signal: AbortSignal.timeout(HTTP_TIMEOUT_MS),
    });
    const text = await response.text();
    try {
      return JSON.parse(text) as unknown;
    } catch {
      throw new Error(`HTTP ${response.status}`);
    }
  };
}

export function createBridgeTransport(bridge: ExamDayBridge): ApiTransport {
  return (method, input) => {
    const call = bridge[method];
    if (typeof call !== 'function') return Promise.reject(new Error(`桥接缺少方法 ${method}`));
    return call(input);
  };
}

/**
 * Electron's preload bridge when there is one; otherwise the local core's socket, with HTTP for
 * whatever the socket cannot carry (socket-transport.ts says why both).
 */
export function chooseTransport(win: Window = window): ApiTransport {
  if (win.examDayBridge) return createBridgeTransport(win.examDayBridge);
  const http = createHttpTransport();
  const { protocol, host } = win.location;
  if (typeof WebSocket !== 'function' || (protocol !== 'http:' && protocol !== 'https:')) return http;
  const url = `${protocol === 'https:' ? 'wss:' : 'ws:'}//${host}${SOCKET_PATH}`;
  return createSocketTransport(http, { url, token: readToken });
}
