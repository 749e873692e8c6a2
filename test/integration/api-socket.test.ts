import { randomBytes, createHash } from 'node:crypto';
import { request, type Server } from 'node:http';
import type { Socket } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { SOCKET_PATH, SOCKET_PROTOCOL, SOCKET_TOKEN_PREFIX } from '../../shared/api/socket-protocol';
import { openCoreHost, type CoreHost } from '../../electron/core/core-host';
import { createApiServer } from '../../electron/server/http-api';
import { OPCODE } from '../../electron/server/ws-frames';
import { fixtureDay, fixtureDayEvents } from '../support/fixture-day';
import { makeTempDir } from '../support/temp-dir';
import { clientFrame } from '../support/ws-client-frames';

const TOKEN = 'per-run-token_0123456789';

interface Handshake {
  status: number;
  headers: Record<string, string | string[] | undefined>;
  socket?: Socket;
  key: string;
}

/** Opens the socket as a browser would, with headers that each case may change. */
function handshake(port: number, change: Record<string, string | undefined> = {}, path = SOCKET_PATH): Promise<Handshake> {
  const key = randomBytes(16).toString('base64');
  const headers: Record<string, string> = {
    Host: `127.0.0.1:${port}`,
    Origin: `http://127.0.0.1:${port}`,
    Connection: 'Upgrade',
    Upgrade: 'websocket',
    'Sec-WebSocket-Version': '13',
    'Sec-WebSocket-Key': key,
    'Sec-WebSocket-Protocol': `${SOCKET_PROTOCOL}, ${SOCKET_TOKEN_PREFIX}${TOKEN}`,
  };
  for (const [name, value] of Object.entries(change)) {
    if (value === undefined) delete headers[name];
    else headers[name] = value;
  }
  return new Promise((resolve, reject) => {
    const req = request({ host: '127.0.0.1', port, path, headers, setHost: false });
    req.on('upgrade', (res, socket) => resolve({ status: res.statusCode ?? 0, headers: res.headers, socket, key }));
    req.on('response', (res) => {
      res.resume();
      resolve({ status: res.statusCode ?? 0, headers: res.headers, key });
    });
    req.on('error', reject);
    req.end();
  });
}

/** Reads the server's (unmasked) frames off a socket. */
function frames(socket: Socket): () => Promise<{ opcode: number; payload: Buffer }> {
  let buffer = Buffer.alloc(0);
  const waiting: ((frame: { opcode: number; payload: Buffer }) => void)[] = [];
  const ready: { opcode: number; payload: Buffer }[] = [];
  socket.on('data', (chunk: Buffer) => {
    buffer = Buffer.concat([buffer, chunk]);
    for (;;) {
      if (buffer.length < 2) return;
      let length = buffer[1]! & 0x7f;
      let offset = 2;
      if (length === 126) {
        length = buffer.readUInt16BE(2);
        offset = 4;
      }
      if (buffer.length < offset + length) return;
      const frame = { opcode: buffer[0]! & 0x0f, payload: buffer.subarray(offset, offset + length) };
      buffer = buffer.subarray(offset + length);
      const next = waiting.shift();
      if (next) next(frame);
      else ready.push(frame);
    }
  });
  return () => new Promise((resolve) => (ready.length > 0 ? resolve(ready.shift()!) : waiting.push(resolve)));
}

describe('the browser mode API socket', () => {
  const temp = makeTempDir();
  const day = fixtureDay(30);
  let host: CoreHost;
  let server: Server;
  let port = 0;

  beforeAll(async () => {
    host = openCoreHost({ dataDir: temp.dir, now: () => new Date(2026, 10, 25, 8, 10) });
    host.real.commit(fixtureDayEvents(day));
    server = createApiServer({ handlers: host.handlers, token: TOKEN });
    await new Promise<void>((done) => server.listen(0, '127.0.0.1', done));
    const address = server.address();
    port = typeof address === 'object' && address ? address.port : 0;
  });
  afterAll(async () => {
    await new Promise((done) => server.close(done));
    host.close();
    temp.remove();
  });

  it('is refused without the token, from another site or host name, and on any other path', async () => {
    expect((await handshake(port, { 'Sec-WebSocket-Protocol': SOCKET_PROTOCOL })).status).toBe(401);
    expect((await handshake(port, { 'Sec-WebSocket-Protocol': `${SOCKET_PROTOCOL}, ${SOCKET_TOKEN_PREFIX}wrong` })).status).toBe(401);
    expect((await handshake(port, { 'Sec-WebSocket-Protocol': `${SOCKET_TOKEN_PREFIX}${TOKEN}` })).status).toBe(401);
    expect((await handshake(port, { Origin: 'http://evil.example' })).status).toBe(403);
    expect((await handshake(port, { Origin: undefined })).status).toBe(403);
    expect((await handshake(port, { Host: `evil.example:${port}` })).status).toBe(421);
    expect((await handshake(port, {}, '/api/getDay')).status).toBe(404);
    expect((await handshake(port, { 'Sec-WebSocket-Version': '8' })).status).toBe(426);
  });

  it('answers calls with the same ApiResult as HTTP, after the core committed them', async () => {
    const open = await handshake(port);
    expect(open.status).toBe(101);
    expect(open.headers['sec-websocket-protocol']).toBe(SOCKET_PROTOCOL);
    const accept = createHash('sha1').update(`${open.key}258EAFA5-E914-47DA-95CA-C5AB0DC85B11`).digest('base64');
    expect(open.headers['sec-websocket-accept']).toBe(accept);
    const socket = open.socket!;
    const next = frames(socket);
    const call = async (id: number, method: string, input: unknown) => {
      socket.write(clientFrame(OPCODE.text, Buffer.from(JSON.stringify({ id, method, input }))));
      const frame = await next();
      expect(frame.opcode).toBe(OPCODE.text);
      return JSON.parse(frame.payload.toString('utf8')) as { id: number; result: { ok: boolean; value?: unknown; error?: { code: string } } };
    };

    const candidate = day.candidates[0]!;
    const checked = await call(1, 'checkIn', { roomNo: '01', input: candidate.ticketNo, method: 'scanner', actorStaffId: 'P0002' });
    expect(checked).toMatchObject({ id: 1, result: { ok: true, value: { verdict: { kind: 'admitted' } } } });
    const committed = host.real.db.prepare("SELECT COUNT(*) AS n FROM events WHERE type = 'checkin.attempted'").get() as { n: number };
    expect(committed.n).toBe(1);
    expect(await call(2, 'checkIn', { roomNo: '01', input: '' })).toMatchObject({ id: 2, result: { ok: false, error: { code: 'invalid-input' } } });
    expect(await call(3, 'dropTables', {})).toMatchObject({ id: 3, result: { ok: false, error: { code: 'unknown-method' } } });

    socket.write(clientFrame(OPCODE.ping, Buffer.from('are you there')));
    expect(await next()).toEqual({ opcode: OPCODE.pong, payload: Buffer.from('are you there') });

    // Something that is not a call closes the socket (1008), as the protocol has no way to answer it.
    socket.write(clientFrame(OPCODE.text, Buffer.from('not json')));
    const closed = await next();
    expect(closed.opcode).toBe(OPCODE.close);
    expect(closed.payload.readUInt16BE(0)).toBe(1008);
    socket.destroy();
  });
});
