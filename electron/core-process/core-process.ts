import type { CoreHost } from '../core/core-host';
import { openCoreHost } from '../core/core-host';
import { acquireDataDirLock, type DataDirLock } from '../core/data-dir-lock';
import { DatabaseKey } from '../core/database-key';
import { startupErrorLine } from '../core/startup-refusal';
import { err } from '../../shared/api/result';
import type { CorePort } from './core-port';
import { toCoreSchema, type CoreInit } from './core-protocol';
import { postReply, serveCore } from './serve-core';

/**
 * The core process's life, on one port: `init` → it takes the data folder's lock and asks for the
 * key → `key` → it opens the CoreHost and answers 'ready' (or 'failed' with one line of Chinese) →
 * it serves calls (serve-core.ts) → `close`, or the port closing, closes the host, releases the
 * lock and ends the process through `exit`. Nothing is opened before `init`, and the key arrives
 * only in a message: never on the command line or in the environment, where other processes can read it.
 */
export function runCoreProcess(port: CorePort, exit: (code: number) => void): void {
  let stage: 'waiting-init' | 'waiting-key' | 'serving' | 'failed' | 'closed' = 'waiting-init';
  let init: CoreInit | undefined;
  let lock: DataDirLock | undefined;
  let host: CoreHost | undefined;

  const fail = (error: unknown): void => {
    host?.close();
    host = undefined;
    lock?.release();
    lock = undefined;
    stage = 'failed';
    port.postMessage({ type: 'failed', message: startupErrorLine(error, init?.dataDir ?? '') });
  };

  const close = (): void => {
    if (stage === 'closed') return;
    stage = 'closed';
    try {
      host?.close();
      lock?.release();
    } finally {
      host = undefined;
      lock = undefined;
      exit(0);
    }
  };

  port.onMessage((message) => {
    const parsed = toCoreSchema.safeParse(message);
    if (!parsed.success) return; // ignored here; once serving, serveCore warns about it
    const data = parsed.data;
    switch (data.type) {
      case 'init':
        if (stage !== 'waiting-init') return;
        init = data.init;
        try {
          lock = acquireDataDirLock(init.dataDir, { program: 'electron', startedAt: new Date(), nativeBinding: init.nativeBinding });
        } catch (error) {
          fail(error);
          return;
        }
        stage = 'waiting-key';
        port.postMessage({ type: 'key-wanted' });
        return;
      case 'key': {
        if (stage !== 'waiting-key' || !init || !lock) return;
        const databaseKey = DatabaseKey.fromHex(data.key);
        if (!databaseKey) return fail(new Error('数据库密钥格式不正确'));
        try {
          host = openCoreHost({
            dataDir: init.dataDir,
            program: 'electron',
            heldLock: lock,
            databaseKey,
            sampleDayFile: init.sampleDayFile,
            resourcesDir: init.resourcesDir,
            ...(init.nativeBinding === undefined ? {} : { nativeBinding: init.nativeBinding }),
            ...(init.sampleStart === undefined ? {} : { sampleStart: init.sampleStart }),
            ...(init.clock === undefined ? {} : { clock: init.clock }),
          });
        } catch (error) {
          fail(error);
          return;
        }
        stage = 'serving';
        serveCore(port, host.handlers);
        port.postMessage({ type: 'ready' });
        return;
      }
      case 'call':
        // Once serving, serveCore answers; before that (or after a failed start) the call is refused, still once.
        if (stage !== 'serving') postReply(port, { type: 'reply', id: data.id, result: err('internal', '考务核心尚未就绪，请稍候再试') });
        return;
      case 'close':
        close();
        return;
    }
  });
  port.onClose(close);
}
