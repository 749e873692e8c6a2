import { err, type ApiResult } from '../../shared/api/result';
import { startupErrorLine } from '../core/startup-refusal';
import { fromCoreSchema, replyResultSchema, type CoreInit, type ToCore } from './core-protocol';

/** What every call still waiting gets, and every later call, once the core process has ended. */
export const CORE_STOPPED_MESSAGE = '考务核心进程已停止，这次操作是否完成无法确认。请重新启动考务现场，再核对刚才的操作';
const NOT_READY_MESSAGE = '考务核心尚未就绪，请稍候再试';
const FAILED_MESSAGE = '考务核心未能打开数据目录，请按启动时的提示处理后重新启动考务现场';

export type CoreStartup = { ok: true } | { ok: false; message: string };

export interface CoreClientOptions {
  /** Posts one message to the core process. */
  send(message: ToCore): void;
  /** Answers a call the core has not answered in this many ms with an 'internal' error; none by default. */
  callTimeoutMs?: number;
}

interface Pending {
  resolve(result: ApiResult<unknown>): void;
  timer: ReturnType<typeof setTimeout> | undefined;
}

type State =
  | { name: 'idle' }
  | { name: 'starting'; dataDir: string; openKey: () => string; settle(startup: CoreStartup): void }
  | { name: 'ready' }
  /** Its start failed; the process still runs until `close`. */
  | { name: 'failed' }
  | { name: 'closing' }
  | { name: 'stopped' };

/**
 * The main process's side of the bridge to the core process: `start` opens the data folder there,
 * `call` forwards one API call ({id, method, input}) and resolves with the reply of that id. Every
 * message from the core is parsed before it is believed; a reply whose result is not an ApiResult
 * is refused to its caller with the reason. Wire `receive` to the channel's messages and `stopped`
 * to the process's exit.
 */
export class CoreClient {
  readonly #options: CoreClientOptions;
  readonly #pending = new Map<number, Pending>();
  #nextId = 1;
  #state: State = { name: 'idle' };

  constructor(options: CoreClientOptions) {
    this.#options = options;
  }

  /** true once the core answered 'ready' and until it stops or is closed. */
  get ready(): boolean {
    return this.#state.name === 'ready';
  }

  /**
   * Sends `init`; when the core holds the folder's lock it asks for the key, and `openKey` (main
   * process, OS keystore) gives its 64 hex digits. Resolves once the core is ready or has failed;
   * `message` is one line of Chinese for the startup error dialog.
   */
  start(init: CoreInit, openKey: () => string): Promise<CoreStartup> {
    if (this.#state.name !== 'idle') return Promise.resolve({ ok: false, message: '考务核心已经启动过' });
    return new Promise((resolve) => {
      this.#state = { name: 'starting', dataDir: init.dataDir, openKey, settle: resolve };
      this.#options.send({ type: 'init', init });
    });
  }

  /** Forwards one call; never rejects: every failure of the channel is an 'internal' result. */
  call(method: unknown, input: unknown): Promise<ApiResult<unknown>> {
    if (this.#state.name === 'stopped' || this.#state.name === 'closing') return Promise.resolve(err('internal', CORE_STOPPED_MESSAGE));
    if (this.#state.name === 'failed') return Promise.resolve(err('internal', FAILED_MESSAGE));
    if (this.#state.name !== 'ready') return Promise.resolve(err('internal', NOT_READY_MESSAGE));
    const id = this.#nextId++;
    return new Promise((resolve) => {
      const timeoutMs = this.#options.callTimeoutMs;
      const timer =
        timeoutMs === undefined
          ? undefined
          : setTimeout(() => this.#settle(id, err('internal', `考务核心 ${Math.round(timeoutMs / 1000)} 秒内没有回答，操作结果未知，请稍后核对`)), timeoutMs);
      this.#pending.set(id, { resolve, timer });
      try {
        this.#options.send({ type: 'call', id, method, input });
      } catch {
        // An input the channel cannot clone (the renderer's bridge only passes clonable data, but a
        // function or a symbol would end here) is refused to its caller alone.
        this.#settle(id, err('invalid-input', '请求内容无法传给考务核心'));
      }
    });
  }

  /** One message from the core process, as received (unparsed). */
  receive(message: unknown): void {
    const parsed = fromCoreSchema.safeParse(message);
    if (!parsed.success) {
      console.warn('examday: refused a message from the core that is not part of the protocol');
      return;
    }
    const data = parsed.data;
    switch (data.type) {
      case 'reply': {
        const result = replyResultSchema.safeParse(data.result);
        this.#settle(
          data.id,
          result.success ? (result.data as ApiResult<unknown>) : err('internal', `考务核心的回答格式不正确，已拒收：${result.error.issues[0]?.message ?? ''}`),
        );
        return;
      }
      case 'key-wanted':
        this.#sendKey();
        return;
      case 'ready':
        if (this.#state.name !== 'starting') return;
        this.#state.settle({ ok: true });
        this.#state = { name: 'ready' };
        return;
      case 'failed':
        if (this.#state.name !== 'starting') return;
        this.#state.settle({ ok: false, message: data.message });
        this.#state = { name: 'failed' };
        return;
    }
  }

  /** The core process has ended (exit or crash): every waiting call is answered, later ones refused. */
  stopped(): void {
    if (this.#state.name === 'starting') this.#state.settle({ ok: false, message: '考务核心进程在打开数据目录时意外退出' });
    this.#state = { name: 'stopped' };
    for (const id of [...this.#pending.keys()]) this.#settle(id, err('internal', CORE_STOPPED_MESSAGE));
  }

  /** Asks the core to close the data folder and end; the caller waits for the process's exit, then calls `stopped`. */
  close(): void {
    if (this.#state.name === 'stopped' || this.#state.name === 'closing') return;
    if (this.#state.name === 'starting') this.#state.settle({ ok: false, message: '考务现场正在退出' });
    // Calls already sent stay pending: the core answers them before it reads 'close' (one queue).
    this.#state = { name: 'closing' };
    this.#options.send({ type: 'close' });
  }

  #sendKey(): void {
    if (this.#state.name !== 'starting') return;
    const { dataDir, openKey, settle } = this.#state;
    let key: string;
    try {
      key = openKey();
    } catch (error) {
      settle({ ok: false, message: startupErrorLine(error, dataDir) });
      this.#state = { name: 'failed' };
      this.close();
      return;
    }
    this.#options.send({ type: 'key', key });
  }

  /** Unknown or already answered ids (a late reply after a timeout) are ignored: one answer per call. */
  #settle(id: number, result: ApiResult<unknown>): void {
    const pending = this.#pending.get(id);
    if (!pending) return;
    this.#pending.delete(id);
    if (pending.timer !== undefined) clearTimeout(pending.timer);
    pending.resolve(result);
  }
}
