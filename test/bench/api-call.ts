import type { ApiMethod, ExamDayHandlers } from '../../shared/api/contract';
import type { ApiResult } from '../../shared/api/result';
import { dispatchApiCall } from '../../electron/core/dispatch';

/**
 * What the core does with one API call that reached it over HTTP (http-api.ts) once the body is
 * read: parse the JSON, dispatchApiCall (method check, the contract's zod parse, the handler and
 * its commit), serialize the answer. `body` is the request as the renderer sent it.
 */
export function answerApiBody(handlers: ExamDayHandlers, method: ApiMethod, body: string): { result: ApiResult<unknown>; reply: string } {
  const result = dispatchApiCall(handlers, method, JSON.parse(body));
  return { result, reply: JSON.stringify(result) };
}
