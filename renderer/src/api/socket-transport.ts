import type { ApiTransport } from '../../../shared/api/client';
import { SOCKET_MAX_CALL_CHARS, SOCKET_PROTOCOL, SOCKET_TOKEN_PREFIX, type SocketAnswer, type SocketCall } from '../../../shared/api/socket-protocol';

/** As the HTTP transport: a local core answers in milliseconds, past this the call fails. */
const CALL_TIMEOUT_MS = 15_000;
/** After the socket closed or could not open, calls go over HTTP and the socket is tried again after this. */
const RETRY_MS = 3_000;

interface Waiting {
  resolve: (raw: unknown) => void;
  reject: (error: Error) => void;
  timer: number;
}

export interface SocketTransportOptions {
  url: string;
  token: () => string | null;
  WebSocketImpl?: typeof WebSocket;
}

/**
 * Calls over the page's API socket when it is open, over `http` otherwise (while it connects,
 * after it dropped, for calls too big for one message). Never retries a call by itself: a call
 * cut off with the socket fails, as a cut-off HTTP request does, because the core may have
 * committed it. The answer is the same ApiResult body HTTP would carry; createApiClient checks it.
 */
export function createSocketTransport(http: ApiTransport, options: SocketTransportOptions): ApiTransport {
  const Impl = options.WebSocketImpl ?? WebSocket;
  let socket: WebSocket | undefined;
  let retryAt = Number.NEGATIVE_INFINITY;
  let nextId = 1;
  const waiting = new Map<number, Waiting>();

  const connect = (): void => {
    const token = options.token();
    if (token === null || performance.now() < retryAt) return;
    retryAt = performance.now() + RETRY_MS;
    let ws: WebSocket;
    try {
      ws = new Impl(options.url, [SOCKET_PROTOCOL, `${SOCKET_TOKEN_PREFIX}${token}`]);
    } catch {
      return;
    }
    socket = ws;
    ws.onopen = () => {
      // A server that did not pick our protocol is not one we can talk to this way.
      if (ws.protocol !== SOCKET_PROTOCOL) ws.close();
    };
    ws.onmessage = (event: MessageEvent) => {
      let answer: SocketAnswer;
      try {
        answer = JSON.parse(String(event.data)) as SocketAnswer;
      } catch {
        return;
      }
      const entry = waiting.get(answer.id);
      if (!entry) return;
      waiting.delete(answer.id);
      window.clearTimeout(entry.timer);
      entry.resolve(answer.result);
    };
    ws.onclose = () => {
      if (socket === ws) socket = undefined;
      retryAt = performance.now() + RETRY_MS;
      for (const entry of waiting.values()) {
        window.clearTimeout(entry.timer);
        entry.reject(new Error('与考务核心的连接已断开'));
      }
      waiting.clear();
    };
  };

  return (method, input) => {
    const ws = socket;
    if (ws?.readyState !== Impl.OPEN || ws.protocol !== SOCKET_PROTOCOL) {
      if (!ws) connect();
      return http(method, input);
    }
    const id = nextId++;
    const message = JSON.stringify({ id, method, input: input ?? {} } satisfies SocketCall);
    if (message.length > SOCKET_MAX_CALL_CHARS) return http(method, input);
    return new Promise((resolve, reject) => {
      const timer = window.setTimeout(() => {
        waiting.delete(id);
        reject(new Error('考务核心应答超时'));
      }, CALL_TIMEOUT_MS);
      waiting.set(id, { resolve, reject, timer });
      ws.send(message);
    });
  };
}
