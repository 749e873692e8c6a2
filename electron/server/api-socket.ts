import { createHash } from 'node:crypto';
import type { IncomingMessage, Server } from 'node:http';
import type { Duplex } from 'node:stream';
import type { ExamDayHandlers } from '../../shared/api/contract';
import { SOCKET_MAX_MESSAGE_BYTES, SOCKET_PATH, SOCKET_PROTOCOL, SOCKET_TOKEN_PREFIX, type SocketAnswer } from '../../shared/api/socket-protocol';
import { dispatchApiCall } from '../core/dispatch';
import { isOwnHost, isOwnOrigin, sameSecret } from './guards';
import { closeFrame, CLOSE, encodeFrame, FrameReader, OPCODE, SocketProtocolError } from './ws-frames';

const HANDSHAKE_GUID = '258EAFA5-E914-47DA-95CA-C5AB0DC85B11';

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

/** Serves the API socket (shared/api/socket-protocol.ts) on the browser mode's server. */
export function attachApiSocket(server: Server, options: { handlers: ExamDayHandlers; token: string }): void {
  const open = new Set<Duplex>();
  // server.close() waits for every connection to end, and an open socket never ends by itself:
  // closing the server ends its sockets first (a call in flight fails on the page, as over HTTP).
  const closeServer = server.close.bind(server);
  server.close = ((callback?: (error?: Error) => void) => {
    for (const socket of open) socket.destroy();
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
    const accept = createHash('sha1').update(`${req.headers['sec-websocket-key']}${HANDSHAKE_GUID}`).digest('base64');
    socket.write(
      `HTTP/1.1 101 Switching Protocols\r\nUpgrade: websocket\r\nConnection: Upgrade\r\nSec-WebSocket-Accept: ${accept}\r\nSec-WebSocket-Protocol: ${SOCKET_PROTOCOL}\r\n\r\n`,
    );
    if ('setNoDelay' in socket && typeof socket.setNoDelay === 'function') socket.setNoDelay(true);
    open.add(socket);
    socket.on('close', () => open.delete(socket));

    const reader = new FrameReader(SOCKET_MAX_MESSAGE_BYTES);
    let closing = false;
    const close = (code: number): void => {
      closing = true;
      socket.end(closeFrame(code));
    };
    const onData = (chunk: Buffer): void => {
      if (closing) return;
      let events;
      try {
        events = reader.push(chunk);
      } catch (error) {
        close(error instanceof SocketProtocolError ? error.code : CLOSE.protocolError);
        return;
      }
      for (const event of events) {
        if (event.kind === 'ping') socket.write(encodeFrame(OPCODE.pong, event.payload));
        else if (event.kind === 'close') return close(CLOSE.normal);
        else if (event.kind === 'text') {
          const reply = answer(event.text, options.handlers);
          if (!reply) return close(CLOSE.policy);
          socket.write(encodeFrame(OPCODE.text, Buffer.from(JSON.stringify(reply))));
        }
      }
    };
    socket.on('data', onData);
    if (head.length > 0) onData(head);
  });
}
