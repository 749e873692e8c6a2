import type { SyncCaller } from '../../electron/sync/door-client';
import type { SyncCallResult, SyncTarget } from '../../electron/sync/tls-transport';

export interface FaultCallerStats {
  calls: number;
  droppedRequests: number;
  droppedResponses: number;
  duplicated: number;
  delayed: number;
  replayedLate: number;
}

const lost = (what: string): SyncCallResult => ({ ok: false, kind: 'unreachable', reason: `（测试故障）${what}` });

/**
 * The request-level faults a bad LAN causes above TCP, between a door and its office: a share of
 * messages is dropped before the office sees it, answered but the answer lost (the office stored
 * the push), sent twice, held back, or kept and sent again later, after newer ones (reordered, even
 * into a later round). TLS hides all of this from the TCP fault proxy, so it sits in the door
 * (SyncServiceOptions.wrapCaller wraps each round's caller with `wrap`).
 */
export function faultInjector(options: { share: number; maxDelayMs: number; random: () => number }): { wrap: (call: SyncCaller) => SyncCaller; stats: FaultCallerStats } {
  const stats: FaultCallerStats = { calls: 0, droppedRequests: 0, droppedResponses: 0, duplicated: 0, delayed: 0, replayedLate: 0 };
  let stale: { call: SyncCaller; target: SyncTarget; op: string; body: unknown } | undefined;
  const wrap =
    (call: SyncCaller): SyncCaller =>
    async (target, op, body) => {
      stats.calls += 1;
      // An older message arriving after this one: sent now, its answer lost to the door.
      if (stale && options.random() < options.share) {
        const late = stale;
        stale = undefined;
        stats.replayedLate += 1;
        void late.call(late.target, late.op, late.body);
      }
      if (options.random() >= options.share) return call(target, op, body);
      const fault = Math.floor(options.random() * 5);
      switch (fault) {
        case 0:
          stats.droppedRequests += 1;
          return lost('请求丢失');
        case 1:
          stats.droppedResponses += 1;
          await call(target, op, body);
          return lost('回答丢失');
        case 2: {
          stats.duplicated += 1;
          const [first] = await Promise.all([call(target, op, body), call(target, op, body)]);
          return first;
        }
        case 3:
          stats.delayed += 1;
          await new Promise((resolve) => setTimeout(resolve, Math.floor(options.random() * options.maxDelayMs)));
          return call(target, op, body);
        default:
          stale = { call, target, op, body };
          return call(target, op, body);
      }
    };
  return { wrap, stats };
}
