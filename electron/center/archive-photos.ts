import { createHash } from 'node:crypto';
import type { CenterStore } from './store/center-store';

const EXTENSION: Record<string, string> = { 'image/jpeg': 'jpg', 'image/png': 'png', 'image/webp': 'webp' };
const PHOTO_ENTRY = /^photos\/([0-9a-f]{64})\.(jpg|png|webp)$/;
const sha256OfBytes = (bytes: Uint8Array): string => createHash('sha256').update(bytes).digest('hex');

/**
 * The candidate photos a day's archive carries (issue 14 item 6): those the center still holds,
 * each named by its sha256, the hash the day's events sign. Purged ones are absent; the signed
 * 'photos.purged' events in center-events.jsonl name them.
 */
export async function photoArchiveEntries(store: CenterStore, dayKey: string): Promise<Record<string, Uint8Array>> {
  const entries: Record<string, Uint8Array> = {};
  for (const photo of await store.heldPhotos(dayKey)) entries[`photos/${photo.sha256}.${EXTENSION[photo.mime] ?? 'bin'}`] = photo.bytes;
  return entries;
}

/** In Chinese, each photo entry of an archive whose bytes are not the photo its name says. */
export function photoEntryProblems(files: ReadonlyMap<string, Uint8Array>): string[] {
  const problems: string[] = [];
  for (const [path, bytes] of files) {
    if (!path.startsWith('photos/')) continue;
    const match = PHOTO_ENTRY.exec(path);
    if (!match) problems.push(`照片文件名 ${path} 不是照片的 sha256`);
    else if (sha256OfBytes(bytes) !== match[1]) problems.push(`照片 ${path} 的内容与其哈希不符`);
  }
  return problems;
}
