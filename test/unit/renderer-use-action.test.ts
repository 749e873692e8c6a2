import { MutationObserver, QueryClient, QueryObserver } from '@tanstack/react-query';
import { describe, expect, it, vi } from 'vitest';
import { apiQueryKey } from '../../renderer/src/api/query-client';
import { actionMutationOptions, runAlone, type ActionRefused } from '../../renderer/src/api/use-action';
import { refuse } from '../../shared/api/refusal';
import { ok, type ApiResult } from '../../shared/api/result';

const refusal = refuse('other-room', { name: '赵伟', room: '第2考场', seat: 1 });
const later = () => {
  let answer!: (result: ApiResult<string>) => void;
  const promise = new Promise<ApiResult<string>>((resolve) => (answer = resolve));
  return { promise, answer };
};

/** A roster query that counts its reads, as a screen polling it would. */
function watchedRoster(queryClient: QueryClient) {
  let reads = 0;
  const observer = new QueryObserver(queryClient, {
    queryKey: apiQueryKey('roster:01'),
    queryFn: () => ++reads,
    staleTime: Infinity,
  });
  const stop = observer.subscribe(() => undefined);
  return { reads: () => reads, stop };
}

describe('useAction: one call on the core as a TanStack mutation (issue 15 item 15)', () => {
  it('a refused call ends in error with the core\'s refusal, code and parameters kept for the UI\'s language', async () => {
    const queryClient = new QueryClient();
    const observer = new MutationObserver(queryClient, actionMutationOptions(queryClient, async () => refusal));
    await expect(observer.mutate({})).rejects.toMatchObject({ apiError: refusal.error });
    const state = observer.getCurrentResult();
    expect(state.status).toBe('error');
    expect((state.error as ActionRefused).apiError).toEqual(refusal.error);
  });

  it('an accepted call reads the queries it names again; a refused one does not', async () => {
    const queryClient = new QueryClient();
    const roster = watchedRoster(queryClient);
    await vi.waitFor(() => expect(roster.reads()).toBe(1));
    const answers: ApiResult<string>[] = [refusal, ok('admitted')];
    const observer = new MutationObserver(queryClient, actionMutationOptions(queryClient, async () => answers.shift()!, { invalidates: ['roster:01'] }));

    await observer.mutate({}).catch(() => undefined);
    expect(roster.reads()).toBe(1);
    await expect(observer.mutate({})).resolves.toBe('admitted');
    expect(roster.reads()).toBe(2);
    roster.stop();
  });

  it('a second submit while the first is on its way sends nothing', async () => {
    const inFlight = { current: false };
    const first = later();
    let sent = 0;
    const send = () => {
      sent += 1;
      return first.promise;
    };
    const firstRun = runAlone(inFlight, send);
    await expect(runAlone(inFlight, send)).resolves.toBeUndefined();
    first.answer(ok('done'));
    await expect(firstRun).resolves.toEqual(ok('done'));
    expect(sent).toBe(1);
    // Once answered (refused or not), the next submit goes through.
    await expect(runAlone(inFlight, async () => refusal)).resolves.toEqual(refusal);
    expect(sent).toBe(1);
  });

  it('a call that throws frees the form for the next try', async () => {
    const inFlight = { current: false };
    await expect(runAlone(inFlight, () => Promise.reject(new Error('boom')))).rejects.toThrow('boom');
    expect(inFlight.current).toBe(false);
  });
});
