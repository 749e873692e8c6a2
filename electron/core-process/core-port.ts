/**
 * One end of the channel between the main process and the core, whatever carries it: Electron's
 * process.parentPort in the utility process, or a node:worker_threads port (a worker, the tests).
 */
export interface CorePort {
  postMessage(message: unknown): void;
  onMessage(listener: (message: unknown) => void): void;
  /** The other end is gone. */
  onClose(listener: () => void): void;
}

/** The shape node:worker_threads' MessagePort (and a worker's parentPort) has: the data itself is emitted. */
export interface NodeMessagePort {
  postMessage(message: unknown): void;
  on(event: 'message', listener: (message: unknown) => void): unknown;
  on(event: 'close', listener: () => void): unknown;
}

export function nodeCorePort(port: NodeMessagePort): CorePort {
  return {
    postMessage: (message) => port.postMessage(message),
    onMessage: (listener) => port.on('message', listener),
    onClose: (listener) => port.on('close', listener),
  };
}

/** Electron's ParentPort: it emits a MessageEvent whose `data` is the message, and has no close event. */
export interface ElectronParentPort {
  postMessage(message: unknown): void;
  on(event: 'message', listener: (event: { data: unknown }) => void): unknown;
}

/** The main process ending takes its utility processes with it, so there is no close to listen for. */
export function electronCorePort(port: ElectronParentPort): CorePort {
  return {
    postMessage: (message) => port.postMessage(message),
    onMessage: (listener) => port.on('message', (event) => listener(event.data)),
    onClose: () => undefined,
  };
}
