import type { Actor } from '../../shared/domain/types';
import { parseEvent } from '../../shared/events/event';
import { dayRetention, DEFAULT_RETENTION, photoPurgeRefusal, retentionSettingsSchema, type DayRetentionView, type RetentionSettings } from '../../shared/center/retention';
import { localDate } from '../../shared/timetable/gates';
import type { DeviceKey } from '../core/device-key';
import { referencedPhotos } from './center-photos';
import { appendSignedCenterEvent, signedCenterEventRow } from './day-view';
import type { CenterStore } from './store/center-store';

/**
 * Center-wide events (the retention settings) are kept in the center's chain under this key; a
 * day's key is canonical JSON (center-protocol.ts dayKeyOf), so none can equal it.
 */
export const CENTER_WIDE_DAY_KEY = 'center';

export interface RetentionInForce {
  settings: RetentionSettings;
  /** Who signed them and when; null while the defaults hold. */
  setBy: { name: string; at: string; eventId: string } | null;
}

/** The settings of the newest 'retention.set' in the center's chain, else the defaults. */
export async function retentionInForce(store: CenterStore): Promise<RetentionInForce> {
  const rows = await store.centerEvents(CENTER_WIDE_DAY_KEY);
  for (const row of [...rows].reverse()) {
    const parsed = parseEvent(JSON.parse(row.body));
    if (parsed.ok && parsed.event.type === 'retention.set') {
      return { settings: parsed.event.payload, setBy: { name: parsed.event.actor.name, at: parsed.event.at, eventId: parsed.event.id } };
    }
  }
  return { settings: DEFAULT_RETENTION, setBy: null };
}

/**
 * A 中心管理员 sets how long each class is kept (issue 14 item 6): a signed 'retention.set' event in
 * the center's chain, so who set what and when stays on record. Less than five years for 电子材料 is
 * refused with 第二十九条 (shared/center/retention.ts).
 */
export async function setRetention(
  store: CenterStore,
  key: DeviceKey,
  input: { settings: unknown; actor: Actor; now: Date },
): Promise<{ ok: true; eventId: string } | { ok: false; reason: string }> {
  const parsed = retentionSettingsSchema.safeParse(input.settings);
  if (!parsed.success) return { ok: false, reason: parsed.error.issues[0]?.message ?? '保存期限设置有误' };
  const eventId = await appendSignedCenterEvent(store, key, { dayKey: CENTER_WIDE_DAY_KEY, actor: input.actor, now: input.now }, 'retention.set', parsed.data);
  return { ok: true, eventId };
}

/** The dates one day's material is kept to, its photos held and purged, and whether a purge is due. */
export async function dayRetentionView(store: CenterStore, dayKey: string, now: Date): Promise<DayRetentionView | null> {
  const day = await store.day(dayKey);
  if (!day) return null;
  const [{ settings }, photos, named, centerRows] = await Promise.all([retentionInForce(store), store.dayPhotos(dayKey), referencedPhotos(store, dayKey), store.centerEvents(dayKey)]);
  const held = photos.filter((p) => p.purgedAt === null).length;
  const purges = centerRows.flatMap((row) => {
    const parsed = parseEvent(JSON.parse(row.body));
    return parsed.ok && parsed.event.type === 'photos.purged' ? [{ eventId: parsed.event.id, at: parsed.event.at, byName: parsed.event.actor.name, count: parsed.event.payload.photos.length }] : [];
  });
  const refusal = held === 0 ? '中心没有该考试日待清除的照片' : photoPurgeRefusal(day.date, settings, localDate(now));
  return {
    settings,
    ...dayRetention(day.date, settings),
    photos: { named: named.size, held, purged: photos.length - held },
    purgeRefusal: refusal ?? null,
    purges,
  };
}

export type PurgeOutcome = { ok: true; purged: number; eventId: string | null } | { ok: false; reason: string };

/**
 * A 中心管理员 purges the photo bytes of one exam day once the photo setting allows it (issue 14 item
 * 6): one signed 'photos.purged' event names every photo removed, so the events that sign their
 * hashes still verify and the archive keeps the hashes. No event is changed or removed. A second
 * purge finds nothing held and writes nothing (purged 0), in this process or another.
 */
export async function purgeDayPhotos(store: CenterStore, key: DeviceKey, input: { dayKey: string; actor: Actor; now: Date }): Promise<PurgeOutcome> {
  const day = await store.day(input.dayKey);
  if (!day) return { ok: false, reason: '中心没有这个考试日' };
  const { settings } = await retentionInForce(store);
  const refusal = photoPurgeRefusal(day.date, settings, localDate(input.now));
  if (refusal) return { ok: false, reason: refusal };
  const { photosUntil } = dayRetention(day.date, settings);
  const outcome = await store.purgeDayPhotos(input.dayKey, input.now.toISOString(), (head, sha256s) =>
    signedCenterEventRow(key, head, input, 'photos.purged', { photosUntil, photos: [...sha256s] }),
  );
  return outcome ? { ok: true, purged: outcome.purged.length, eventId: outcome.event.id } : { ok: true, purged: 0, eventId: null };
}
