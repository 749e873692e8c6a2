import { ipcMain } from 'electron';
import type { ExamDayHandlers } from '../../shared/api/contract';
import { err, type ApiResult } from '../../shared/api/result';
import { dispatchApiCall } from '../core/dispatch';
import { API_CHANNEL } from '../preload/api-channel';
import { isTrustedSender } from './security';

/** The part of Electron's WebFrameMain the sender check reads. */
export interface SenderFrame {
  readonly url: string;
  readonly parent: unknown;
}

/** Answers one bridge call: refuses anything but our window's main frame, then the core decides. */
export function answerApiCall(handlers: ExamDayHandlers, frame: SenderFrame | null | undefined, method: unknown, input: unknown): ApiResult<unknown> {
  let trusted = false;
  try {
    trusted = frame !== null && frame !== undefined && isTrustedSender(frame.url, frame.parent === null);
  } catch {
    // A frame destroyed mid-call throws on access; it is not a sender we answer.
  }
  if (!trusted) return err('unauthorized', '拒绝：请求不是来自考务现场窗口');
  return dispatchApiCall(handlers, method, input);
}

/** One channel for the whole ExamDayApi; the method name travels as the first argument. */
export function registerApiIpc(handlers: ExamDayHandlers): void {
  ipcMain.handle(API_CHANNEL, (event, method: unknown, input: unknown) => answerApiCall(handlers, event.senderFrame, method, input));
}
