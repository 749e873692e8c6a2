import { MessageChannel, type MessagePort } from 'node:worker_threads';
import { afterEach, describe, expect, it, vi } from 'vitest';
import type { ExamDayHandlers } from '../../shared/api/contract';
import { ok, type ApiResult } from '../../shared/api/result';
import { StartupRefusal } from '../../electron/core/startup-refusal';
import { CORE_STOPPED_MESSAGE, CoreClient } from '../../electron/core-process/core-client';
import { nodeCorePort } from '../../electron/core-process/core-port';
import type { CoreInit } from '../../electron/core-process/core-protocol';
import { serveCore } from '../../electron/core-process/serve-core';

/*
 * The bridge between Electron's main process and the core's utility process, over a real
 * node:worker_threads MessageChannel: structured cloning and asynchronous delivery as in Electron's
 * parentPort. port1 is the main process's end (CoreClient), port2 the core's.
 */

const INIT: CoreInit = { dataDir: '/data/examday', resourcesDir: '/app/resources', sampleDayFile: '/app/resources/sample-day/sample-day.json' };
const KEY = 'ab'.repeat(32);

const opened: MessagePort[] = [];
afterEach(() => {
  for (const port of opened.splice(0)) port.close();
});

/** A client wired as core-launcher.ts wires it: messages to `receive`, the end going away to `stopped`. */
function connect(options: { callTimeoutMs?: number } = {}): { client: CoreClient; core: MessagePort; coreMessages: unknown[] } {
  const { port1, port2 } = new MessageChannel();
  opened.push(port1, port2);
  const client = new CoreClient({ send: (message) => port1.postMessage(message), ...options });
  port1.on('message', (message: unknown) => client.receive(message));
  port1.on('close', () => client.stopped());
  const coreMessages: unknown[] = [];
  port2.on('message', (message: unknown) => coreMessages.push(message));
  return { client, core: port2, coreMessages };
}

/** The core's startup as core-process.ts runs it, without a data folder: key-wanted, then ready. */
function answerStartup(core: MessagePort): void {
  core.on('message', (message: { type?: string }) => {
    if (message.type === 'init') core.postMessage({ type: 'key-wanted' });
    if (message.type === 'key') core.postMessage({ type: 'ready' });
  });
}

async function readyClient(options: { callTimeoutMs?: number } = {}): Promise<ReturnType<typeof connect>> {
  const connected = connect(options);
  answerStartup(connected.core);
  await expect(connected.client.start(INIT, () => KEY)).resolves.toEqual({ ok: true });
  return connected;
}

const until = async (condition: () => boolean): Promise<void> => {
  await vi.waitFor(() => expect(condition()).toBe(true), { timeout: 2000, interval: 2 });
};

function fakeHandlers(): ExamDayHandlers {
  return {
    getDay: vi.fn(() => ok({ plan: null, rooms: [], staff: [], deviceId: 'abcdef0123456789', serverTime: '2026-11-25T00:00:00.000Z' })),
    getRoomRoster: vi.fn(({ roomNo }: { roomNo: string }) => ok({ roomNo })),
    verifyLog: vi.fn(() => {
      throw new Error('a bug with 110101199001011234 in it');
    }),
    getClock: vi.fn(() => ok({ unclonable: () => 1 })),
  } as unknown as ExamDayHandlers;
}

describe('starting the core process', () => {
  it('sends init, opens the key only when the core asks (it then holds the lock), and resolves on ready', async () => {
    const { client, core, coreMessages } = connect();
    answerStartup(core);
    const openKey = vi.fn(() => KEY);
    await expect(client.start(INIT, openKey)).resolves.toEqual({ ok: true });
    expect(openKey).toHaveBeenCalledTimes(1);
    expect(coreMessages).toEqual([{ type: 'init', init: INIT }, { type: 'key', key: KEY }]);
    expect(client.ready).toBe(true);
  });

  it('reports the core\'s one line when it cannot open the folder', async () => {
    const { client, core, coreMessages } = connect();
    core.on('message', () => core.postMessage({ type: 'failed', message: '数据目录 /data/examday 正被另一个程序使用' }));
    await expect(client.start(INIT, () => KEY)).resolves.toEqual({ ok: false, message: '数据目录 /data/examday 正被另一个程序使用' });
    await expect(client.call('getDay', {})).resolves.toMatchObject({ ok: false, error: { code: 'internal', message: expect.stringContaining('未能打开数据目录') } });
    // The process still runs after a failed start; it is told to close.
    client.close();
    await until(() => coreMessages.length === 2);
    expect(coreMessages[1]).toEqual({ type: 'close' });
  });

  it('reports a key the keystore cannot give back, and tells the core to close', async () => {
    const { client, core, coreMessages } = connect();
    answerStartup(core);
    const refusal = new StartupRefusal('无法用本机系统钥匙串解开数据库密钥，考务现场不会启动。');
    await expect(client.start(INIT, () => { throw refusal; })).resolves.toEqual({ ok: false, message: refusal.message });
    await until(() => coreMessages.length === 2);
    expect(coreMessages[1]).toEqual({ type: 'close' });
  });

  it('fails the start when the core process ends before it is ready', async () => {
    const { client, core } = connect();
    const started = client.start(INIT, () => KEY);
    core.close();
    await expect(started).resolves.toMatchObject({ ok: false, message: expect.stringContaining('意外退出') });
  });

  it('refuses calls before the core is ready, without sending them', async () => {
    const { client, coreMessages } = connect();
    await expect(client.call('getDay', {})).resolves.toMatchObject({ ok: false, error: { code: 'internal', message: expect.stringContaining('尚未就绪') } });
    expect(coreMessages).toEqual([]);
  });
});

describe('calls over the bridge', () => {
  it('gives each caller the reply with its own id, whatever order the core answers in', async () => {
    const { client, core, coreMessages } = await readyClient();
    const calls = ['A01', 'A02', 'A03'].map((roomNo) => client.call('getRoomRoster', { roomNo }));
    await until(() => coreMessages.filter((m) => (m as { type: string }).type === 'call').length === 3);
    const sent = coreMessages.slice(2) as { id: number; input: { roomNo: string } }[];
    for (const call of [...sent].reverse()) core.postMessage({ type: 'reply', id: call.id, result: ok(call.input.roomNo) });
    await expect(Promise.all(calls)).resolves.toEqual([ok('A01'), ok('A02'), ok('A03')]);
  });

  it('answers hundreds of concurrent calls, each with its own result', async () => {
    const { client, core } = await readyClient();
    const handlers = fakeHandlers();
    serveCore(nodeCorePort(core), handlers);
    const roomNos = Array.from({ length: 300 }, (_, i) => `R${i}`);
    const results = await Promise.all(roomNos.map((roomNo) => client.call('getRoomRoster', { roomNo })));
    expect(results).toEqual(roomNos.map((roomNo) => ok({ roomNo })));
    expect(handlers.getRoomRoster).toHaveBeenCalledTimes(300);
  });

  it('refuses a reply that is not an ApiResult, with the reason, to its own caller only', async () => {
    const { client, core, coreMessages } = await readyClient();
    const bad = client.call('getDay', {});
    const good = client.call('getDay', {});
    await until(() => coreMessages.length === 4);
    const [badCall, goodCall] = coreMessages.slice(2) as { id: number }[];
    core.postMessage({ type: 'reply', id: badCall?.id, result: { ok: 'yes', value: 1 } });
    core.postMessage({ type: 'reply', id: goodCall?.id, result: ok(1) });
    const refused = (await bad) as Extract<ApiResult<unknown>, { ok: false }>;
    expect(refused.error.code).toBe('internal');
    expect(refused.error.message).toMatch(/^考务核心的回答格式不正确，已拒收：.+/);
    await expect(good).resolves.toEqual(ok(1));
  });

  it('ignores replies for unknown ids and messages outside the protocol; the waiting call still gets its own', async () => {
    const { client, core, coreMessages } = await readyClient();
    const waiting = client.call('getDay', {});
    await until(() => coreMessages.length === 3);
    const { id } = coreMessages[2] as { id: number };
    const settled = vi.fn();
    void waiting.then(settled);
    core.postMessage({ type: 'reply', id: id + 1000, result: ok('not yours') });
    core.postMessage({ type: 'reply', result: ok('no id') });
    core.postMessage({ type: 'reply', id: -1, result: ok('bad id') });
    core.postMessage('hello');
    core.postMessage({ type: 'reply', id, result: ok('yours') });
    await expect(waiting).resolves.toEqual(ok('yours'));
    expect(settled).toHaveBeenCalledTimes(1);
  });

  it('answers every waiting call, and every later one, with the Chinese error once the core process is gone', async () => {
    const { client, core, coreMessages } = await readyClient();
    const waiting = [client.call('getDay', {}), client.call('getRoomRoster', { roomNo: 'A01' }), client.call('checkIn', {})];
    await until(() => coreMessages.length === 5);
    core.close();
    const stopped = { ok: false, error: { code: 'internal', message: CORE_STOPPED_MESSAGE } };
    await expect(Promise.all(waiting)).resolves.toEqual([stopped, stopped, stopped]);
    expect(CORE_STOPPED_MESSAGE).toMatch(/^考务核心进程已停止/);
    await expect(client.call('getDay', {})).resolves.toEqual(stopped);
    expect(client.ready).toBe(false);
  });

  it('answers a call the core never answers after the timeout, and ignores the late reply', async () => {
    // Only the client's timers are fake; the channel delivers for real (vi.waitFor steps them by ms, far below a minute).
    vi.useFakeTimers({ toFake: ['setTimeout', 'clearTimeout'] });
    try {
      const { client, core, coreMessages } = await readyClient({ callTimeoutMs: 60_000 });
      const unanswered = client.call('getDay', {});
      await until(() => coreMessages.length === 3);
      vi.advanceTimersByTime(60_000);
      await expect(unanswered).resolves.toMatchObject({ ok: false, error: { code: 'internal', message: '考务核心 60 秒内没有回答，操作结果未知，请稍后核对' } });
      const { id } = coreMessages[2] as { id: number };
      core.postMessage({ type: 'reply', id, result: ok('late') });
      const next = client.call('getDay', {});
      await until(() => coreMessages.length === 4);
      core.postMessage({ type: 'reply', id: (coreMessages[3] as { id: number }).id, result: ok('next') });
      await expect(next).resolves.toEqual(ok('next'));
    } finally {
      vi.useRealTimers();
    }
  });

  it('lets the core answer calls already sent after close, and refuses new ones', async () => {
    const { client, core, coreMessages } = await readyClient();
    const sent = client.call('getDay', {});
    await until(() => coreMessages.length === 3);
    client.close();
    await expect(client.call('getDay', {})).resolves.toMatchObject({ ok: false, error: { code: 'internal' } });
    core.postMessage({ type: 'reply', id: (coreMessages[2] as { id: number }).id, result: ok('done before close') });
    await expect(sent).resolves.toEqual(ok('done before close'));
    await until(() => coreMessages.length === 4);
    expect(coreMessages[3]).toEqual({ type: 'close' });
  });
});

describe('the core side (serveCore)', () => {
  it('never lets an input reach a handler without the contract\'s parse', async () => {
    const { client, core } = await readyClient();
    const handlers = fakeHandlers();
    serveCore(nodeCorePort(core), handlers);
    await expect(client.call('getRoomRoster', { roomNo: '' })).resolves.toMatchObject({ ok: false, error: { code: 'invalid-input', message: expect.stringContaining('请选择考场') } });
    await expect(client.call('getRoomRoster', { roomNo: 'A01', extra: 'x' })).resolves.toMatchObject({ ok: false, error: { code: 'invalid-input' } });
    await expect(client.call('dropTables', {})).resolves.toMatchObject({ ok: false, error: { code: 'unknown-method' } });
    // A method name that is not a string, not even one String() can print: refused, and the core lives on.
    await expect(client.call({ toString: null }, {})).resolves.toMatchObject({ ok: false, error: { code: 'unknown-method' } });
    await expect(client.call(Object.create(null), {})).resolves.toMatchObject({ ok: false, error: { code: 'unknown-method' } });
    expect(handlers.getRoomRoster).not.toHaveBeenCalled();
    await expect(client.call('getRoomRoster', { roomNo: 'A01' })).resolves.toEqual(ok({ roomNo: 'A01' }));
  });

  it('answers a handler that throws with an internal error that carries nothing from the error', async () => {
    const { client, core } = await readyClient();
    const handlers = fakeHandlers();
    serveCore(nodeCorePort(core), handlers);
    const error = vi.spyOn(console, 'error').mockImplementation(() => undefined);
    const result = await client.call('verifyLog', {});
    expect(result).toMatchObject({ ok: false, error: { code: 'internal' } });
    expect(JSON.stringify(result)).not.toContain('1234');
    expect(JSON.stringify(error.mock.calls)).not.toContain('1234');
    error.mockRestore();
  });

  it('turns a result the channel cannot carry into one internal reply for the same id', async () => {
    const { client, core } = await readyClient();
    serveCore(nodeCorePort(core), fakeHandlers());
    await expect(client.call('getClock', {})).resolves.toMatchObject({ ok: false, error: { code: 'internal', message: expect.stringContaining('无法传回') } });
    await expect(client.call('getDay', {})).resolves.toMatchObject({ ok: true });
  });

  it('drops a call it cannot answer (no usable id) without running anything', async () => {
    const { port1, port2 } = new MessageChannel();
    opened.push(port1, port2);
    const handlers = fakeHandlers();
    serveCore(nodeCorePort(port2), handlers);
    const replies: unknown[] = [];
    port1.on('message', (message: unknown) => replies.push(message));
    const warn = vi.spyOn(console, 'warn').mockImplementation(() => undefined);
    port1.postMessage({ type: 'call', method: 'getDay', input: {} });
    port1.postMessage({ type: 'call', id: 1.5, method: 'getDay', input: {} });
    port1.postMessage({ type: 'call', id: 7, method: 'getDay', input: {} });
    await until(() => replies.length === 1);
    expect(replies).toEqual([{ type: 'reply', id: 7, result: expect.objectContaining({ ok: true }) }]);
    expect(handlers.getDay).toHaveBeenCalledTimes(1);
    expect(warn).toHaveBeenCalledTimes(2);
    warn.mockRestore();
  });
});
