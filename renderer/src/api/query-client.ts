import { QueryClient } from '@tanstack/react-query';

/**
 * The renderer's one query cache (TanStack Query, as vxsuite keeps its api.ts). Two screens asking
 * for the same thing share one request and one answer; the core is on this machine, so a failed
 * read is not retried at once: the next poll asks again.
 */
export const queryClient = new QueryClient({
  defaultOptions: {
    queries: { retry: false, refetchIntervalInBackground: true, staleTime: 0 },
  },
});

/** The cache key of a polled query (`usePolledQuery`); `useAction(…, { invalidates })` names the same `key`. */
export const apiQueryKey = (key: string | null) => ['api', key] as const;
