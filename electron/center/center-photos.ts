import { createHash } from 'node:crypto';
import { eventPayloadSchemas } from '../../shared/events/event-types';
import { readImageHeader } from '../../shared/photos/image-header';
import { MAX_PHOTO_BYTES, type PhotoMime } from '../../shared/photos/photo';
import type { CenterStore } from './store/center-store';

const sha256OfBytes = (bytes: Uint8Array): string => createHash('sha256').update(bytes).digest('hex');
const photoAttached = eventPayloadSchemas['candidate.photo-attached'];

/** The photos a day's stored events name, sha256 → the image type the signed event gives. */
export async function referencedPhotos(store: CenterStore, dayKey: string): Promise<Map<string, PhotoMime>> {
  const named = new Map<string, PhotoMime>();
  for (const body of await store.dayEventsOfType(dayKey, 'candidate.photo-attached')) {
    const payload = photoAttached.safeParse((JSON.parse(body) as { payload?: unknown }).payload);
    if (payload.success) named.set(payload.data.sha256, payload.data.mime);
  }
  return named;
}

/**
 * Keeps the candidate photos a site sent for one exam day (issue 14 item 6): only bytes whose sha256
 * is what they claim, of the image type the signed event names, and only photos the day's stored
 * events name (a photo of an event the center refused is not taken). A photo purged from the day
 * stays purged. Answers how many were new.
 */
export async function keepPhotos(store: CenterStore, dayKey: string, offered: readonly { sha256: string; bytes: Uint8Array }[], now: Date): Promise<number> {
  if (offered.length === 0) return 0;
  const named = await referencedPhotos(store, dayKey);
  const rows = offered.flatMap(({ sha256, bytes }) => {
    const mime = named.get(sha256);
    if (mime === undefined || bytes.byteLength > MAX_PHOTO_BYTES || sha256OfBytes(bytes) !== sha256) return [];
    const header = readImageHeader(bytes);
    return header.ok && header.mime === mime ? [{ dayKey, sha256, mime, bytes, receivedAt: now.toISOString() }] : [];
  });
  return store.putPhotos(rows);
}

/** The photos a day's events name that the center neither holds nor purged, the first `limit` by hash. */
export async function wantedPhotos(store: CenterStore, dayKey: string, limit: number): Promise<string[]> {
  const known = new Set((await store.dayPhotos(dayKey)).map((p) => p.sha256));
  return [...(await referencedPhotos(store, dayKey)).keys()]
    .filter((sha256) => !known.has(sha256))
    .sort()
    .slice(0, limit);
}
