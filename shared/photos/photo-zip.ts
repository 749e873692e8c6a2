import { safeUnzip, type UnzipLimits } from '../zip/safe-unzip';
import { MAX_PHOTO_BYTES, PHOTO_FILE_PATTERN } from './photo';

/**
 * A photo .zip holds images that barely compress (JPEG, PNG, WebP): an archive that inflates more than
 * tenfold is not a folder of photos. The total leaves room for 10 000 photos of 100 KB.
 */
export const PHOTO_ZIP_LIMITS: UnzipLimits = {
  maxEntries: 50_000,
  maxEntryBytes: MAX_PHOTO_BYTES,
  maxTotalBytes: 1024 * 1024 * 1024,
  maxRatio: 10,
  ratioFloorBytes: 16 * 1024 * 1024,
};

export interface PhotoZipFile {
  /** The file's name without folders and ending: a 准考证号 or an ID number. */
  key: string;
  bytes: Uint8Array;
}

export type PhotoZipResult = { ok: true; photos: PhotoZipFile[]; skipped: number } | { ok: false; reason: string };

/** "照片/123.jpg" → "123": what the core matches against the roster. */
export function photoKeyOf(path: string): string {
  return (path.split(/[\\/]/).pop() ?? path).replace(PHOTO_FILE_PATTERN, '').trim();
}

/**
 * The photos in a .zip (考生照片): images by name, with what is not an image, and images over the size
 * limit, counted as skipped without being inflated. Refused as a whole, with the reason, when the archive
 * is damaged or would inflate past PHOTO_ZIP_LIMITS.
 */
export function readPhotoZip(bytes: Uint8Array): PhotoZipResult {
  let skipped = 0;
  const unzipped = safeUnzip(bytes, PHOTO_ZIP_LIMITS, (entry) => {
    if (entry.name.startsWith('__MACOSX/')) return false;
    const wanted = PHOTO_FILE_PATTERN.test(entry.name) && entry.uncompressedSize <= MAX_PHOTO_BYTES;
    if (!wanted) skipped += 1;
    return wanted;
  });
  if (!unzipped.ok) return { ok: false, reason: `无法读取该 .zip 文件：${unzipped.reason}，没有保存任何照片` };
  const photos = [...unzipped.files].map(([name, data]) => ({ key: photoKeyOf(name), bytes: data }));
  return { ok: true, photos, skipped };
}
