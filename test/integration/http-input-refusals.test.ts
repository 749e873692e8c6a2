import { request, type Server } from 'node:http';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openCoreHost, type CoreHost } from '../../electron/core/core-host';
import { createApiServer } from '../../electron/server/http-api';
import { fixtureDay, fixtureDayEvents } from '../support/fixture-day';
import { makeTempDir } from '../support/temp-dir';

const TOKEN = 'per-run-token_0123456789';

interface Answer {
  status: number;
  body: string;
}

/** One POST as the page sends it; `body` is raw bytes so a test can send what JSON.stringify never would. */
function post(port: number, path: string, body: Buffer | string, chunked = false): Promise<Answer> {
  return new Promise((resolve, reject) => {
    const req = request({
      host: '127.0.0.1',
      port,
      path,
      method: 'POST',
      headers: {
        Host: `127.0.0.1:${port}`,
        Authorization: `Bearer ${TOKEN}`,
        'Content-Type': 'application/json',
        ...(chunked ? { 'Transfer-Encoding': 'chunked' } : { 'Content-Length': String(Buffer.byteLength(body)) }),
      },
      setHost: false,
    });
    req.on('response', (res) => {
      const chunks: Buffer[] = [];
      res.on('data', (c: Buffer) => chunks.push(c));
      res.on('end', () => resolve({ status: res.statusCode ?? 0, body: Buffer.concat(chunks).toString('utf8') }));
      res.on('error', reject);
    });
    req.on('error', reject);
    if (!chunked) {
      req.end(body);
      return;
    }
    const bytes = Buffer.from(body);
    const step = 256 * 1024;
    for (let at = 0; at < bytes.length; at += step) req.write(bytes.subarray(at, at + step));
    req.end();
  });
}

describe('the HTTP API refuses bad input with a reason, never a 500 or a reset', () => {
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

  it('refuses a lone UTF-16 surrogate in a text field with 400 and the reason', async () => {
    // JSON.stringify writes a lone surrogate as the escape \ud800, which JSON.parse turns back into one.
    const room = { roomNo: '09', name: '第九考场\ud800', location: '一号楼', capacity: 30 };
    const answer = await post(port, '/api/defineRooms', JSON.stringify({ rooms: [room] }));
    expect(answer.status).toBe(400);
    expect(answer.body).toContain('无法识别的字符');
    const search = await post(port, '/api/searchCandidates', JSON.stringify({ roomNo: '01', query: '\udc00张' }));
    expect(search.status).toBe(400);
  });

  it('refuses control characters in a one-line field', async () => {
    const room = { roomNo: '09', name: '第九\u0000考场', location: '', capacity: 30 };
    const answer = await post(port, '/api/defineRooms', JSON.stringify({ rooms: [room] }));
    expect(answer.status).toBe(400);
    expect(answer.body).toContain('控制字符');
  });

  it('refuses an over-long room name with 400 and the maximum', async () => {
    const room = { roomNo: '09', name: '长'.repeat(900), location: '', capacity: 30 };
    const answer = await post(port, '/api/defineRooms', JSON.stringify({ rooms: [room] }));
    expect(answer.status).toBe(400);
    expect(answer.body).toContain('30');
  });

  it('answers a malformed URL path with 400 and a JSON reason', async () => {
    const answer = await post(port, '/api/%E0%A4%A', '{}');
    expect(answer.status).toBe(400);
    expect(JSON.parse(answer.body)).toMatchObject({ ok: false, error: { code: 'invalid-input' } });
  });

  it('answers an over-limit body with 413 and a JSON reason instead of a reset', async () => {
    const answer = await post(port, '/api/getDay', Buffer.alloc(1024 * 1024 + 4096, 0x20));
    expect(answer.status).toBe(413);
    const body = JSON.parse(answer.body) as { ok: boolean; error: { message: string } };
    expect(body.ok).toBe(false);
    expect(body.error.message).toContain('1 MB');
  });

  it('answers 413 too when the body is far over the limit, declared or streamed in chunks', async () => {
    const big = Buffer.alloc(40 * 1024 * 1024, 0x20);
    expect((await post(port, '/api/getDay', big)).status).toBe(413);
    expect((await post(port, '/api/getDay', big, true)).status).toBe(413);
  });
});
