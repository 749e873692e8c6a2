import { randomBytes } from 'node:crypto';
import { request, type Server } from 'node:http';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { SOCKET_PATH, SOCKET_PROTOCOL, SOCKET_TOKEN_PREFIX } from '../../shared/api/socket-protocol';
import { openCoreHost, type CoreHost } from '../../electron/core/core-host';
import { createApiServer } from '../../electron/server/http-api';
import { fixtureDay, fixtureDayEvents } from '../support/fixture-day';
import { makeTempDir } from '../support/temp-dir';
import WebSocket from 'ws';

const TOKEN = 'per-run-token_0123456789';

interface Handshake {
  status: number;
  headers: Record<string, string | string[] | undefined>;
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
    req.on('upgrade', (res, socket) => {
      socket.destroy();
      resolve({ status: res.statusCode ?? 0, headers: res.headers });
    });
    req.on('response', (res) => {
      res.resume();
      resolve({ status: res.statusCode ?? 0, headers: res.headers });
    });
    req.on('error', reject);
    req.end();
  });
}

/** A page's socket, as the browser opens it: our protocol and the token as offered subprotocols, our Origin. */
function openSocket(port: number): Promise<WebSocket> {
  const ws = new WebSocket(`ws://127.0.0.1:${port}${SOCKET_PATH}`, [SOCKET_PROTOCOL, `${SOCKET_TOKEN_PREFIX}${TOKEN}`], { origin: `http://127.0.0.1:${port}` });
  return new Promise((resolve, reject) => {
    ws.once('open', () => resolve(ws));
    ws.once('error', reject);
  });
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
    const upgraded = await handshake(port);
    expect(upgraded.status).toBe(101);
    expect(upgraded.headers['sec-websocket-protocol']).toBe(SOCKET_PROTOCOL);

    const socket = await openSocket(port);
    expect(socket.protocol).toBe(SOCKET_PROTOCOL);
    const answers: unknown[] = [];
    const waiting: ((answer: unknown) => void)[] = [];
    socket.on('message', (data) => {
      const answer: unknown = JSON.parse(String(data));
      const next = waiting.shift();
      if (next) next(answer);
      else answers.push(answer);
    });
    const call = (id: number, method: string, input: unknown) => {
      socket.send(JSON.stringify({ id, method, input }));
      return new Promise((resolve) => (answers.length > 0 ? resolve(answers.shift()) : waiting.push(resolve)));
    };

    const candidate = day.candidates[0]!;
    const checked = await call(1, 'checkIn', { roomNo: '01', input: candidate.ticketNo, method: 'scanner', actorStaffId: 'P0002' });
    expect(checked).toMatchObject({ id: 1, result: { ok: true, value: { verdict: { kind: 'admitted' } } } });
    const committed = host.real.db.prepare("SELECT COUNT(*) AS n FROM events WHERE type = 'checkin.attempted'").get() as { n: number };
    expect(committed.n).toBe(1);
    expect(await call(2, 'checkIn', { roomNo: '01', input: '' })).toMatchObject({ id: 2, result: { ok: false, error: { code: 'invalid-input' } } });
    expect(await call(3, 'dropTables', {})).toMatchObject({ id: 3, result: { ok: false, error: { code: 'unknown-method' } } });

    // Something that is not a call closes the socket (1008), as the protocol has no way to answer it.
    const closed = new Promise<number>((resolve) => socket.once('close', (code) => resolve(code)));
    socket.send('not json');
    expect(await closed).toBe(1008);
  });

  it('refuses a message over 1 MB by closing the socket (1009)', async () => {
    const socket = await openSocket(port);
    const closed = new Promise<number>((resolve) => socket.once('close', (code) => resolve(code)));
    socket.send('x'.repeat(1024 * 1024 + 1));
    expect(await closed).toBe(1009);
  });
});
