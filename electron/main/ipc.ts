import { ipcMain } from 'electron';
import { err, type ApiResult } from '../../shared/api/result';
import { API_CHANNEL } from '../preload/api-channel';
import { isTrustedSender } from './security';

/** The part of Electron's WebFrameMain the sender check reads. */
export interface SenderFrame {
  readonly url: string;
  readonly parent: unknown;
}

/** Where a trusted call goes: the core process's client (core-client.ts), which never rejects. */
export interface ApiForwarder {
  call(method: unknown, input: unknown): Promise<ApiResult<unknown>>;
}

/**
 * Answers one bridge call: refuses anything but our window's main frame, before anything is
 * forwarded; then the core process parses and decides (its dispatchApiCall).
 */
export function answerApiCall(core: ApiForwarder, frame: SenderFrame | null | undefined, method: unknown, input: unknown): Promise<ApiResult<unknown>> {
  let trusted = false;
  try {
    trusted = frame !== null && frame !== undefined && isTrustedSender(frame.url, frame.parent === null);
  } catch {
    // A frame destroyed mid-call throws on access; it is not a sender we answer.
  }
  if (!trusted) return Promise.resolve(err('unauthorized', '拒绝：请求不是来自考务现场窗口'));
  return core.call(method, input);
}

/** One channel for the whole ExamDayApi; the method name travels as the first argument. */
export function registerApiIpc(core: ApiForwarder): void {
  ipcMain.handle(API_CHANNEL, (event, method: unknown, input: unknown) => answerApiCall(core, event.senderFrame, method, input));
}
