/**
 * Browser mode's second way to the core: one WebSocket per page, beside `POST /api/<method>`.
 * A loopback fetch costs Chromium several milliseconds (a new URL loader, headers, body pipe,
 * three tasks on the page's main thread) where a message on an open socket costs about one, and
 * the door pays it on every scan. The socket carries the same calls, checked and dispatched the
 * same way; large uploads stay on HTTP, which has per-method body limits.
 */

/** Where the page opens the socket (same origin as the page). */
export const SOCKET_PATH = '/api-socket';
/** The subprotocol the server answers with: a page and a server that disagree fall back to HTTP. */
export const SOCKET_PROTOCOL = 'examday.api.v1';
/**
 * A browser cannot set `Authorization` on a WebSocket, so the per-run token travels as a second
 * offered subprotocol, `examday.token.<token>` (base64url is valid there). It is checked before
 * the upgrade and never echoed back.
 */
export const SOCKET_TOKEN_PREFIX = 'examday.token.';
/** The server's limit on one message (bytes), as HTTP's default body limit. */
export const SOCKET_MAX_MESSAGE_BYTES = 1024 * 1024;
/** The page sends bigger calls over HTTP: at most 3 UTF-8 bytes a character stays under the limit. */
export const SOCKET_MAX_CALL_CHARS = Math.floor(SOCKET_MAX_MESSAGE_BYTES / 4);

/** Page → core: one call. `id` pairs it with its answer; answers come back in order anyway. */
export interface SocketCall {
  id: number;
  method: string;
  input: unknown;
}

/** Core → page: the call's ApiResult, exactly what the HTTP body would have been. */
export interface SocketAnswer {
  id: number;
  result: unknown;
}
