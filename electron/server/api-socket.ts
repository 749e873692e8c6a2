import type { IncomingMessage, Server } from 'node:http';
import type { Duplex } from 'node:stream';
import type { ExamDayHandlers } from '../../shared/api/contract';
import { SOCKET_MAX_MESSAGE_BYTES, SOCKET_PATH, SOCKET_PROTOCOL, SOCKET_TOKEN_PREFIX, type SocketAnswer } from '../../shared/api/socket-protocol';
import { dispatchApiCall } from '../core/dispatch';
import { isOwnHost, isOwnOrigin, sameSecret } from './guards';
import { WebSocketServer } from 'ws';

function refuse(socket: Duplex, status: string, extraHeaders = ''): void {
  socket.end(`HTTP/1.1 ${status}\r\nConnection: close\r\nContent-Length: 0\r\n${extraHeaders}\r\n`);
}

/**
 * Why the upgrade is refused, or null. The same guards as `POST /api/…`: our host name and port
 * (DNS rebinding), our own page as Origin (a WebSocket is not bound by CORS, so another site's
 * page could otherwise open one), and the per-run token, offered as a subprotocol.
 */
function refusal(req: IncomingMessage, port: number, token: string): { status: string; headers?: string } | null {
  if (!isOwnHost(req.headers.host, port)) return { status: '421 Misdirected Request' };
  if ((req.url ?? '').split('?')[0] !== SOCKET_PATH) return { status: '404 Not Found' };
  if (!isOwnOrigin(req.headers.origin, port)) return { status: '403 Forbidden' };
  if (req.method !== 'GET' || (req.headers.upgrade ?? '').toLowerCase() !== 'websocket') return { status: '400 Bad Request' };
  if (req.headers['sec-websocket-version'] !== '13') return { status: '426 Upgrade Required', headers: 'Sec-WebSocket-Version: 13\r\n' };
  if (Buffer.from(req.headers['sec-websocket-key'] ?? '', 'base64').length !== 16) return { status: '400 Bad Request' };
  const offered = (req.headers['sec-websocket-protocol'] ?? '').split(',').map((p) => p.trim());
  const given = offered.find((p) => p.startsWith(SOCKET_TOKEN_PREFIX))?.slice(SOCKET_TOKEN_PREFIX.length);
  if (!offered.includes(SOCKET_PROTOCOL) || given === undefined || !sameSecret(given, token)) return { status: '401 Unauthorized' };
  return null;
}

/** One call in, its ApiResult out; null when the message is not a call at all. */
function answer(text: string, handlers: ExamDayHandlers): SocketAnswer | null {
  let call: unknown;
  try {
    call = JSON.parse(text);
  } catch {
    return null;
  }
  if (typeof call !== 'object' || call === null) return null;
  const { id, method, input } = call as { id?: unknown; method?: unknown; input?: unknown };
  if (typeof id !== 'number' || !Number.isSafeInteger(id)) return null;
  // dispatchApiCall checks the method and the input against the contract, exactly as for HTTP.
  return { id, result: dispatchApiCall(handlers, method, input ?? {}) };
}

/** Close codes (RFC 6455 §7.4.1) the socket ends with when the page sends what is not a call. */
const CLOSE_UNSUPPORTED_DATA = 1003;
const CLOSE_POLICY = 1008;

/**
 * Serves the API socket (shared/api/socket-protocol.ts) on the browser mode's server. Our guards
 * decide the upgrade; the `ws` library does the handshake and the framing (masking, fragments,
 * ping/pong, close, the message size limit) rather than a hand-written RFC 6455.
 */
export function attachApiSocket(server: Server, options: { handlers: ExamDayHandlers; token: string }): void {
  const sockets = new WebSocketServer({
    noServer: true,
    maxPayload: SOCKET_MAX_MESSAGE_BYTES,
    perMessageDeflate: false,
    // The token is checked in refusal(); only our protocol name is ever echoed back.
    handleProtocols: (offered) => (offered.has(SOCKET_PROTOCOL) ? SOCKET_PROTOCOL : false),
  });
  // server.close() waits for every connection to end, and an open socket never ends by itself:
  // closing the server ends its sockets first (a call in flight fails on the page, as over HTTP).
  const closeServer = server.close.bind(server);
  server.close = ((callback?: (error?: Error) => void) => {
    for (const socket of sockets.clients) socket.terminate();
    sockets.close();
    return closeServer(callback);
  }) as Server['close'];

  server.on('upgrade', (req: IncomingMessage, socket: Duplex, head: Buffer) => {
    socket.on('error', () => socket.destroy());
    const address = server.address();
    const port = typeof address === 'object' && address ? address.port : 0;
    const refused = refusal(req, port, options.token);
    if (refused) {
      refuse(socket, refused.status, refused.headers);
      return;
    }
    sockets.handleUpgrade(req, socket, head, (ws) => {
      ws.on('error', () => ws.terminate());
      ws.on('message', (data, isBinary) => {
        // binaryType stays 'nodebuffer': a text message, fragmented or not, arrives as one Buffer.
        if (isBinary || !Buffer.isBuffer(data)) return ws.close(CLOSE_UNSUPPORTED_DATA);
        const reply = answer(data.toString('utf8'), options.handlers);
        if (!reply) return ws.close(CLOSE_POLICY);
        ws.send(JSON.stringify(reply));
      });
    });
  });
}
