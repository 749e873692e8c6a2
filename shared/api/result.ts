import { z } from 'zod';
import { refusalSchema } from './refusal';

/** Expected failures are values, not throws (vxsuite habit); `message` is for people, in Chinese. */
export const API_ERROR_CODES = ['invalid-input', 'unknown-method', 'not-found', 'refused', 'unauthorized', 'internal'] as const;
export type ApiErrorCode = (typeof API_ERROR_CODES)[number];
export interface ApiError {
  code: ApiErrorCode;
  message: string;
  /** The refusal's code and parameters, when it has one (api/refusal.ts): for screens in another language. */
  refusal?: { code: string; params: Record<string, string | number>; prefix?: string | undefined };
}
export type ApiResult<T> = { ok: true; value: T } | { ok: false; error: ApiError };

export const ok = <T>(value: T): ApiResult<T> => ({ ok: true, value });
export const err = (code: ApiErrorCode, message: string): { ok: false; error: ApiError } => ({
  ok: false,
  error: { code, message },
});

export const apiErrorSchema = z.object({ code: z.enum(API_ERROR_CODES), message: z.string(), refusal: refusalSchema.optional() });

export function apiResultSchema<T extends z.ZodType>(value: T) {
  return z.discriminatedUnion('ok', [
    z.object({ ok: z.literal(true), value }),
    z.object({ ok: z.literal(false), error: apiErrorSchema }),
  ]);
}
