/** The order in which events of several devices are folded (canonical-order.ts says why). */
export interface CanonicalKey {
  /** The device's running maximum of `at`, in ms since the epoch. */
  ms: number;
  deviceId: string;
  seq: number;
}

export function compareCanonicalKeys(a: CanonicalKey, b: CanonicalKey): number {
  if (a.ms !== b.ms) return a.ms - b.ms;
  if (a.deviceId !== b.deviceId) return a.deviceId < b.deviceId ? -1 : 1;
  return a.seq - b.seq;
}

/**
 * True when `event` comes before the record `held` was written from, by (at, deviceId, seq): the
 * tie-break for records one event wins (an admission, a step confirmation). `at` compared as an
 * instant, since devices may write other offsets.
 */
export function isEarlier(event: { at: string; deviceId: string; seq: number }, held: { at: string; deviceId: string; seq: number }): boolean {
  return compareCanonicalKeys({ ms: Date.parse(event.at), deviceId: event.deviceId, seq: event.seq }, { ms: Date.parse(held.at), deviceId: held.deviceId, seq: held.seq }) < 0;
}
