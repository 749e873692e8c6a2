import { useMutation, useQueryClient, type QueryClient, type UseMutationOptions } from '@tanstack/react-query';
import { useCallback, useRef, useState } from 'react';
import type { ApiError, ApiResult } from '../../../shared/api/result';
import { apiQueryKey } from './query-client';

/** A refused or failed call, carried through the mutation as its error (TanStack wants a throw). */
export class ActionRefused extends Error {
  constructor(readonly apiError: ApiError) {
    super(apiError.message);
  }
}

/** What a call that threw (a bug, not the core's answer) shows: in Chinese, like the core's own. */
export function thrownAsApiError(cause: unknown): ApiError {
  if (cause instanceof ActionRefused) return cause.apiError;
  return { code: 'internal', message: `操作失败：${cause instanceof Error ? cause.message : String(cause)}` };
}

export interface ActionOptions {
  /** The polled queries (their `usePolledQuery` keys) an accepted call changes: they are read again at once. */
  invalidates?: readonly string[];
}

/** The mutation behind `useAction`, apart from React so that it can be run against a bare QueryClient. */
export function actionMutationOptions<I, T>(
  queryClient: QueryClient,
  call: (input: I) => Promise<ApiResult<T>>,
  { invalidates = [] }: ActionOptions = {},
): UseMutationOptions<T, ActionRefused, I> {
  return {
    mutationFn: async (input) => {
      const result = await call(input);
      if (!result.ok) throw new ActionRefused(result.error);
      return result.value;
    },
    onSuccess: () => Promise.all(invalidates.map((key) => queryClient.invalidateQueries({ queryKey: apiQueryKey(key) }))),
  };
}

/**
 * Runs `start` unless the last one on `flag` is still on its way: a second tap or Enter before the
 * core has answered the first does nothing (answers `undefined`), so one approval is never sent twice.
 * A ref, not the `busy` state, because two taps can come before React renders the disabled button.
 */
export async function runAlone<T>(flag: { current: boolean }, start: () => Promise<T>): Promise<T | undefined> {
  if (flag.current) return undefined;
  flag.current = true;
  try {
    return await start();
  } finally {
    flag.current = false;
  }
}

export interface Action<I, T> {
  /** Sends one call and answers its result; `undefined` if the last call is still on its way (nothing sent). */
  run: (input: I) => Promise<ApiResult<T> | undefined>;
  /** A call is on its way: buttons that would send another are disabled. */
  busy: boolean;
  /** What to show under the form: the form's own complaint, else the last call's refusal or failure. */
  error: ApiError | undefined;
  /** The form found something missing before sending (a reason, a PIN): shown as `error` until the next run or reset. */
  complain: (message: string) => void;
  /** The person changed something: the old message goes. */
  reset: () => void;
}

/**
 * One action on the core (a dialog's approval, a section's import) with its busy and error state, on
 * one TanStack mutation: the dialogs hold their fields, this holds the call. Show `error` with
 * `useRefusalText()` so refusals read in the UI's language.
 */
export function useAction<I, T>(call: (input: I) => Promise<ApiResult<T>>, options: ActionOptions = {}): Action<I, T> {
  const queryClient = useQueryClient();
  const mutation = useMutation(actionMutationOptions(queryClient, call, options));
  const [complaint, setComplaint] = useState<string | null>(null);
  const inFlight = useRef(false);
  const { mutateAsync, reset: resetMutation } = mutation;

  const run = useCallback(
    (input: I) =>
      runAlone(inFlight, async (): Promise<ApiResult<T>> => {
        setComplaint(null);
        try {
          return { ok: true, value: await mutateAsync(input) };
        } catch (cause) {
          return { ok: false, error: thrownAsApiError(cause) };
        }
      }),
    [mutateAsync],
  );
  const complain = useCallback(
    (message: string) => {
      resetMutation();
      setComplaint(message);
    },
    [resetMutation],
  );
  const reset = useCallback(() => {
    resetMutation();
    setComplaint(null);
  }, [resetMutation]);

  const error: ApiError | undefined =
    complaint !== null ? { code: 'invalid-input', message: complaint } : mutation.error ? thrownAsApiError(mutation.error) : undefined;
  return { run, busy: mutation.isPending, error, complain, reset };
}
