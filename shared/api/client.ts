import { API_METHODS, examDayApiSpec, type ApiMethod, type ExamDayApi } from './contract';
import { apiResultSchema, err, type ApiResult } from './result';

/** Carries one call across a boundary (IPC or HTTP) and returns whatever came back, unparsed. */
export type ApiTransport = (method: ApiMethod, input: unknown) => Promise<unknown>;

/**
 * Builds the ExamDayApi from a transport. Answers are parsed against the contract, so a renderer
 * never acts on a malformed payload; a transport failure becomes an error result, not a throw.
 */
export function createApiClient(transport: ApiTransport): ExamDayApi {
  const entries = API_METHODS.map((method) => {
    const resultSchema = apiResultSchema(examDayApiSpec[method].output);
    const call = async (input: unknown): Promise<ApiResult<unknown>> => {
      let raw: unknown;
      try {
        raw = await transport(method, input);
      } catch (cause) {
        return err('internal', `无法连接考务核心：${cause instanceof Error ? cause.message : String(cause)}`);
      }
      const parsed = resultSchema.safeParse(raw);
      if (!parsed.success) return err('internal', `核心返回的数据格式不正确（${method}）`);
      return parsed.data as ApiResult<unknown>;
    };
    return [method, call] as const;
  });
  return Object.fromEntries(entries) as unknown as ExamDayApi;
}
