import { join, resolve } from 'node:path';
import { Worker } from 'node:worker_threads';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { openDataFolderKey } from '../../electron/core/data-folder-key';
import { DatabaseKey } from '../../electron/core/database-key';
import { CoreClient } from '../../electron/core-process/core-client';
import type { CoreInit } from '../../electron/core-process/core-protocol';
import { bundleForTest } from '../support/bundle-for-test';
import { makeTempDir } from '../support/temp-dir';

/*
 * The core process's real entry (dist/electron/core.js's source), run where Electron cannot: in a
 * node:worker_threads Worker, whose parentPort plays Electron's process.parentPort. This test is
 * the main process: it drives the worker with the same CoreClient and opens the key as main does
 * (without an OS keystore, so the key file sits beside the folder).
 */

const ROOT = resolve(__dirname, '..', '..');
let script: string;
const folder = makeTempDir('examday-core-process-');
const workers: Worker[] = [];

beforeAll(async () => {
  script = await bundleForTest('electron/core-process/core-main.ts', 'core-process');
});
afterEach(async () => {
  await Promise.all(workers.splice(0).map((worker) => worker.terminate()));
});
afterAll(() => folder.remove());

function init(dataDir: string): CoreInit {
  return {
    dataDir,
    resourcesDir: join(ROOT, 'resources'),
    sampleDayFile: join(ROOT, 'resources', 'sample-day', 'sample-day.json'),
    sampleStart: '09:00',
  };
}

function launch(): { client: CoreClient; exited: Promise<number> } {
  const worker = new Worker(script);
  workers.push(worker);
  const client = new CoreClient({ send: (message) => worker.postMessage(message) });
  worker.on('message', (message: unknown) => client.receive(message));
  const exited = new Promise<number>((resolveExit) => {
    worker.once('exit', (code) => {
      client.stopped();
      resolveExit(code);
    });
  });
  return { client, exited };
}

describe('the core process, run in a worker', () => {
  it('opens the folder with the key main gives it, answers calls, and closes on request', async () => {
    const dataDir = join(folder.dir, 'day');
    const { client, exited } = launch();
    await expect(client.start(init(dataDir), () => openDataFolderKey({ dataDir }).hex())).resolves.toEqual({ ok: true });

    const [day, clock, refused] = await Promise.all([
      client.call('getDay', {}),
      client.call('getClock', {}),
      client.call('getRoomRoster', { roomNo: '' }),
    ]);
    expect(day).toMatchObject({ ok: true, value: { deviceId: expect.stringMatching(/^[0-9a-f]{16}$/), plan: { startTime: '09:00' } } });
    expect(clock).toMatchObject({ ok: true });
    expect(refused).toMatchObject({ ok: false, error: { code: 'invalid-input' } });

    client.close();
    await expect(exited).resolves.toBe(0);
    await expect(client.call('getDay', {})).resolves.toMatchObject({ ok: false, error: { code: 'internal' } });

    // The lock was released on close: the folder opens again, the same device with the same key.
    const again = launch();
    await expect(again.client.start(init(dataDir), () => openDataFolderKey({ dataDir }).hex())).resolves.toEqual({ ok: true });
    const reopened = await again.client.call('getDay', {});
    expect(reopened).toMatchObject({ ok: true, value: { deviceId: (day as { value: { deviceId: string } }).value.deviceId } });
    again.client.close();
    await expect(again.exited).resolves.toBe(0);
  });

  it('refuses a second core on a folder the first one holds, with the lock\'s one line', async () => {
    const dataDir = join(folder.dir, 'held');
    const first = launch();
    await expect(first.client.start(init(dataDir), () => openDataFolderKey({ dataDir }).hex())).resolves.toEqual({ ok: true });
    const second = launch();
    let keyOpened = false;
    const started = await second.client.start(init(dataDir), () => {
      keyOpened = true;
      return openDataFolderKey({ dataDir }).hex();
    });
    expect(started).toMatchObject({ ok: false, message: expect.stringContaining('Electron 应用') });
    expect(keyOpened).toBe(false);
    first.client.close();
    await expect(first.exited).resolves.toBe(0);
  });

  it('reports a wrong key as a failed start and leaves the folder free', async () => {
    const dataDir = join(folder.dir, 'wrong-key');
    const first = launch();
    await expect(first.client.start(init(dataDir), () => openDataFolderKey({ dataDir }).hex())).resolves.toEqual({ ok: true });
    first.client.close();
    await first.exited;

    const wrong = launch();
    const started = await wrong.client.start(init(dataDir), () => DatabaseKey.generate().hex());
    expect(started.ok).toBe(false);
    expect(started.ok ? '' : started.message).toMatch(/[\u4e00-\u9fff]/);
    await expect(wrong.client.call('getDay', {})).resolves.toMatchObject({ ok: false, error: { code: 'internal' } });
    wrong.client.close();
    await expect(wrong.exited).resolves.toBe(0);

    const right = launch();
    await expect(right.client.start(init(dataDir), () => openDataFolderKey({ dataDir }).hex())).resolves.toEqual({ ok: true });
    right.client.close();
    await expect(right.exited).resolves.toBe(0);
  });
});
