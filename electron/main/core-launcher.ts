import { utilityProcess } from 'electron';
import { CoreClient, type CoreStartup } from '../core-process/core-client';
import type { CoreInit } from '../core-process/core-protocol';

export interface LaunchedCore {
  readonly client: CoreClient;
  /** Resolves when the data folder is open in the core process, or with the line to show when it is not. */
  readonly started: Promise<CoreStartup>;
  /** Asks the core to close the folder; kills it if it has not ended within `graceMs`. */
  close(graceMs: number): Promise<void>;
}

export interface LaunchOptions {
  /** dist/electron/core.js */
  script: string;
  init: CoreInit;
  /** Opens the folder's key in this process (OS keystore), once the core holds the folder's lock. */
  openKey: () => string;
  /** The core ended while the app still needed it (a crash, the OS killing it). */
  onUnexpectedExit: (code: number) => void;
}

/**
 * Forks the core as Electron's utility process: a long import or a large day package then keeps
 * that process busy, never the window's main process, which only relays calls (ipc.ts). The
 * channel is the child's own port (child.postMessage ↔ process.parentPort).
 */
export function launchCore(options: LaunchOptions): LaunchedCore {
  const child = utilityProcess.fork(options.script, [], { serviceName: 'ExamDay 考务核心', stdio: 'inherit' });
  const client = new CoreClient({ send: (message) => child.postMessage(message) });
  let closing = false;
  const exited = new Promise<void>((resolve) => {
    child.once('exit', (code) => {
      // Before 'ready' the start itself fails (main's startup error dialog), so only a running core is reported here.
      const wasServing = client.ready;
      client.stopped();
      if (wasServing && !closing) options.onUnexpectedExit(code);
      resolve();
    });
  });
  child.on('message', (message: unknown) => client.receive(message));
  const started = client.start(options.init, options.openKey);
  return {
    client,
    started,
    close: async (graceMs) => {
      closing = true;
      client.close();
      let timer: ReturnType<typeof setTimeout> | undefined;
      const late = new Promise<'late'>((resolve) => {
        timer = setTimeout(() => resolve('late'), graceMs);
      });
      if ((await Promise.race([exited, late])) === 'late') child.kill();
      clearTimeout(timer);
    },
  };
}
