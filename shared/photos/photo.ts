import { readImageHeader } from './image-header';

/**
 * Candidate photos (考生照片) are personal data: their bytes stay in the device database and the day
 * package, never in an event or a log line. An event carries only the photo's sha256, type and size,
 * so the log still proves which photo belonged to whom.
 */
export const PHOTO_MIMES = ['image/jpeg', 'image/png', 'image/webp'] as const;
export type PhotoMime = (typeof PHOTO_MIMES)[number];

/** An ID photo is tens of kilobytes; 2 MiB leaves room for a phone picture and refuses anything else. */
export const MAX_PHOTO_BYTES = 2 * 1024 * 1024;

/** File name endings of the images a photo folder or .zip may hold. */
export const PHOTO_FILE_PATTERN = /\.(jpe?g|png|webp)$/i;

/** The image type from its header (image-header.ts: not the file name, which anyone can change); undefined when not an image we take. */
export function sniffPhotoMime(bytes: Uint8Array): PhotoMime | undefined {
  const header = readImageHeader(bytes);
  return header.ok ? header.mime : undefined;
}

/** Base64 without Buffer or atob (shared/ runs in Node and the browser alike). */
const ALPHABET = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/';

export function bytesToBase64(bytes: Uint8Array): string {
  let out = '';
  let i = 0;
  for (; i + 2 < bytes.length; i += 3) {
    const n = ((bytes[i] ?? 0) << 16) | ((bytes[i + 1] ?? 0) << 8) | (bytes[i + 2] ?? 0);
    out += ALPHABET[(n >> 18) & 63]! + ALPHABET[(n >> 12) & 63]! + ALPHABET[(n >> 6) & 63]! + ALPHABET[n & 63]!;
  }
  const rest = bytes.length - i;
  if (rest === 1) {
    const n = (bytes[i] ?? 0) << 16;
    out += `${ALPHABET[(n >> 18) & 63]!}${ALPHABET[(n >> 12) & 63]!}==`;
  } else if (rest === 2) {
    const n = ((bytes[i] ?? 0) << 16) | ((bytes[i + 1] ?? 0) << 8);
    out += `${ALPHABET[(n >> 18) & 63]!}${ALPHABET[(n >> 12) & 63]!}${ALPHABET[(n >> 6) & 63]!}=`;
  }
  return out;
}
