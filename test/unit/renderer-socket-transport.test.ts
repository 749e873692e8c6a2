import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type { ApiTransport } from '../../shared/api/client';
import { SOCKET_MAX_CALL_CHARS, SOCKET_PROTOCOL, SOCKET_TOKEN_PREFIX } from '../../shared/api/socket-protocol';
import { createSocketTransport } from '../../renderer/src/api/socket-transport';

/** Just enough of a browser WebSocket: the test opens, answers and closes it by hand. */
class FakeSocket {
  static readonly OPEN = 1;
  static made: FakeSocket[] = [];
  readyState = 0;
  protocol = '';
  sent: string[] = [];
  onopen: (() => void) | null = null;
  onmessage: ((event: { data: string }) => void) | null = null;
  onclose: (() => void) | null = null;
  constructor(
    readonly url: string,
    readonly protocols: string[],
  ) {
    FakeSocket.made.push(this);
  }
  send(text: string): void {
    this.sent.push(text);
  }
  close(): void {
    this.readyState = 3;
    this.onclose?.();
  }
  open(protocol = SOCKET_PROTOCOL): void {
    this.readyState = 1;
    this.protocol = protocol;
    this.onopen?.();
  }
  answer(result: unknown): void {
    const { id } = JSON.parse(this.sent.at(-1)!) as { id: number };
    this.onmessage?.({ data: JSON.stringify({ id, result }) });
  }
}

describe('the page API socket transport', () => {
  let http: ReturnType<typeof vi.fn<ApiTransport>>;
  let token: string | null;
  const make = () =>
    createSocketTransport(http, { url: 'ws://127.0.0.1:5780/api-socket', token: () => token, WebSocketImpl: FakeSocket as unknown as typeof WebSocket });

  beforeEach(() => {
    vi.useFakeTimers();
    vi.stubGlobal('window', globalThis);
    FakeSocket.made = [];
    token = 'tok-en_1';
    http = vi.fn<ApiTransport>(() => Promise.resolve({ ok: true, value: 'http' }));
  });
  afterEach(() => {
    vi.useRealTimers();
    vi.unstubAllGlobals();
  });

  it('uses HTTP until the socket is open, then the socket, pairing answers by id', async () => {
    const transport = make();
    await expect(transport('getDay', {})).resolves.toEqual({ ok: true, value: 'http' });
    expect(FakeSocket.made).toHaveLength(1);
    const ws = FakeSocket.made[0]!;
    expect(ws.protocols).toEqual([SOCKET_PROTOCOL, `${SOCKET_TOKEN_PREFIX}tok-en_1`]);
    await expect(transport('getDay', {})).resolves.toEqual({ ok: true, value: 'http' });
    expect(FakeSocket.made).toHaveLength(1);

    ws.open();
    const answer = transport('checkIn', { roomNo: '01', input: 'X' });
    expect(JSON.parse(ws.sent[0]!)).toEqual({ id: 1, method: 'checkIn', input: { roomNo: '01', input: 'X' } });
    ws.answer({ ok: true, value: 'socket' });
    await expect(answer).resolves.toEqual({ ok: true, value: 'socket' });
    expect(http).toHaveBeenCalledTimes(2);

    // Too big for one message: HTTP, which has per-method limits.
    await transport('importRoster', { rows: 'x'.repeat(SOCKET_MAX_CALL_CHARS) });
    expect(http).toHaveBeenCalledTimes(3);
  });

  it('fails a call cut off with the socket, never resends it, and reconnects later', async () => {
    const transport = make();
    void transport('getDay', {});
    FakeSocket.made[0]!.open();
    const cut = transport('checkIn', { roomNo: '01', input: 'X' });
    FakeSocket.made[0]!.close();
    await expect(cut).rejects.toThrow('连接已断开');
    expect(http).toHaveBeenCalledTimes(1);

    await transport('getDay', {});
    expect(http).toHaveBeenCalledTimes(2);
    expect(FakeSocket.made).toHaveLength(1);
    vi.advanceTimersByTime(3_000);
    await transport('getDay', {});
    expect(FakeSocket.made).toHaveLength(2);
  });

  it('times out like HTTP, and stays on HTTP with no token or a server that does not speak the protocol', async () => {
    const transport = make();
    void transport('getDay', {});
    FakeSocket.made[0]!.open();
    const late = transport('checkIn', { roomNo: '01', input: 'X' });
    vi.advanceTimersByTime(15_000);
    await expect(late).rejects.toThrow('超时');

    const other = make();
    FakeSocket.made = [];
    void other('getDay', {});
    FakeSocket.made[0]!.open('something-else');
    await other('getDay', {});
    expect(FakeSocket.made[0]!.readyState).toBe(3);

    token = null;
    FakeSocket.made = [];
    await make()('getDay', {});
    expect(FakeSocket.made).toHaveLength(0);
  });
});
