import type { FindingView } from '../../shared/sync/sync-api';
import { deriveFindings } from '../../shared/sync/findings';
import type { Core } from '../core/core';
import { readWholeLog } from '../core/projection';
import { keptForks } from './sync-log';

/** What people call a device: its enrolled name, 本机 for this one, else the start of its id. */
export function deviceNames(core: Core): (deviceId: string) => string {
  const names = new Map(core.store.listEnrolledDevices().map((d) => [d.deviceId, d.name]));
  return (deviceId) => (deviceId === core.deviceId ? '本机' : (names.get(deviceId) ?? `设备 ${deviceId.slice(0, 6)}`));
}

/**
 * The findings of the whole log (shared/sync/findings.ts) as the office screen lists them, with
 * devices named and each finding's room. Derived again only when the log or the fork evidence grew:
 * the status is polled every few seconds, and reading a day's log takes longer than that should.
 */
export class FindingsCache {
  private key = '';
  private cached: FindingView[] = [];
  private cachedAtMs = 0;

  /** `maxAgeMs`: a cached list this young is good enough even if the log grew since (a status poll). */
  view(core: Core, options: { maxAgeMs?: number } = {}): FindingView[] {
    const stamp = core.db.prepare('SELECT (SELECT IFNULL(MAX(local_order), 0) FROM events) AS e, (SELECT COUNT(*) FROM sync_forks) AS f').get() as { e: number; f: number };
    const key = `${core.deviceId}:${stamp.e}:${stamp.f}`;
    if (key === this.key) return this.cached;
    const nowMs = Date.now();
    if (options.maxAgeMs !== undefined && this.key.startsWith(`${core.deviceId}:`) && nowMs - this.cachedAtMs < options.maxAgeMs) return this.cached;
    const events = readWholeLog(core.db);
    const byRef = new Map(events.map((e) => [`${e.deviceId}/${e.seq}`, e]));
    const nameOf = deviceNames(core);
    const roomOfDevice = new Map(core.store.listEnrolledDevices().map((d) => [d.deviceId, d.roomNo ?? null]));
    this.cached = deriveFindings(events, keptForks(core.db)).map((finding) => {
      const roomNo =
        finding.kind === 'admitted-twice' || finding.kind === 'admitted-after-withdrawal'
          ? ((core.store.findCandidateByTicket(finding.subject) ?? core.store.getCandidateWithdrawal(finding.subject))?.roomNo ?? null)
          : (roomOfDevice.get(finding.subject) ?? null);
      const summary = [...new Set(finding.events.map((r) => r.deviceId).concat(finding.subject))].reduce(
        (text, deviceId) => (/^[0-9a-f]{16}$/.test(deviceId) ? text.replaceAll(`设备 ${deviceId}`, nameOf(deviceId)).replaceAll(deviceId, nameOf(deviceId)) : text),
        finding.summary,
      );
      return {
        id: finding.id,
        kind: finding.kind,
        subject: finding.subject,
        summary,
        roomNo,
        events: finding.events.map((ref) => {
          const event = byRef.get(`${ref.deviceId}/${ref.seq}`);
          return { deviceId: ref.deviceId, deviceName: nameOf(ref.deviceId), seq: ref.seq, at: event?.at ?? '', type: event?.type ?? '（未收到）' };
        }),
        resolution: finding.resolution ? { reason: finding.resolution.reason, byName: finding.resolution.by.name, at: finding.resolution.at } : null,
      };
    });
    this.key = key;
    this.cachedAtMs = nowMs;
    return this.cached;
  }
}
