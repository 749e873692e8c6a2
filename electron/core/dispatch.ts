import { examDayApiSpec, isApiMethod, type ApiMethod, type ExamDayHandlers } from '../../shared/api/contract';
import { err, type ApiResult } from '../../shared/api/result';

function describeIssue(issue: { path: PropertyKey[]; message: string } | undefined): string {
  if (!issue) return '';
  const where = issue.path.length > 0 ? `${issue.path.map(String).join('.')}：` : '';
  return `${where}${issue.message}`;
}

/**
 * The single entry for calls from outside the core (IPC, HTTP): checks the method name and
 * parses the input against the contract before any handler runs. Never throws; a bug becomes
 * an 'internal' result whose message carries no personal data.
 */
export function dispatchApiCall(handlers: ExamDayHandlers, method: unknown, input: unknown): ApiResult<unknown> {
  if (typeof method !== 'string' || !isApiMethod(method)) {
    // Over IPC the name is any clonable value; String() throws on some ({ toString: null }), so only a string is quoted.
    return err('unknown-method', typeof method === 'string' ? `未知的接口：${method.slice(0, 64)}` : `未知的接口（名称不是文字：${typeof method}）`);
  }
  const parsed = examDayApiSpec[method].input.safeParse(input ?? {});
  if (!parsed.success) return err('invalid-input', `请求内容不正确：${describeIssue(parsed.error.issues[0])}`);
  try {
    const handler = handlers[method] as (input: unknown) => ApiResult<unknown>;
    return handler(parsed.data);
  } catch (error) {
    console.error(`examday core: ${method as ApiMethod} failed:`, error instanceof Error ? error.name : 'unknown error');
    return err('internal', '考务核心内部错误，操作未完成，请重试或联系考务办');
  }
}
