import type { ExamDayHandlers } from '../../shared/api/contract';
import { err } from '../../shared/api/result';
import { dispatchApiCall } from '../core/dispatch';
import type { CorePort } from './core-port';
import { toCoreSchema, type FromCore } from './core-protocol';

/**
 * The core's side of the bridge: each well-formed call goes through dispatchApiCall (the one place
 * inputs are parsed) and gets exactly one reply with its id. Nothing throws across the port: a
 * result the channel cannot carry becomes an 'internal' reply. Other message types are ignored
 * (the core process's lifecycle handles them); a call without a usable id cannot be answered and
 * is dropped with a warning.
 */
export function serveCore(port: CorePort, handlers: ExamDayHandlers): void {
  port.onMessage((message) => {
    const parsed = toCoreSchema.safeParse(message);
    if (!parsed.success) {
      console.warn('examday core: refused a message that is not part of the protocol');
      return;
    }
    if (parsed.data.type !== 'call') return;
    const { id, method, input } = parsed.data;
    let result;
    try {
      result = dispatchApiCall(handlers, method, input);
    } catch {
      // dispatchApiCall never throws by contract; were it to, an uncaught throw here would end the core process.
      result = err('internal', '考务核心内部错误，操作未完成，请重试或联系考务办');
    }
    postReply(port, { type: 'reply', id, result });
  });
}

/** Posts a reply, or, when the result cannot be cloned onto the channel, an 'internal' one for the same id. */
export function postReply(port: CorePort, reply: Extract<FromCore, { type: 'reply' }>): void {
  try {
    port.postMessage(reply);
  } catch {
    port.postMessage({ type: 'reply', id: reply.id, result: err('internal', '考务核心的回答无法传回窗口，操作结果未知，请刷新后核对') });
  }
}
