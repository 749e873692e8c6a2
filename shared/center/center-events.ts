import { z } from 'zod';
import { retentionSettingsSchema } from './retention';

const hex64 = z.string().max(64).regex(/^[0-9a-f]{64}$/);

/**
 * Events only the center writes, in its own signed chain (issue 14 item 6). Neither changes or
 * removes an event: a setting is the newest 'retention.set', and a purge names every photo whose
 * bytes it removed, so the events that sign those hashes still verify and the archive keeps them.
 */
export const centerEventSchemas = {
  /** A 中心管理员 (`actor`) sets how long each class of material is kept (shared/center/retention.ts). */
  'retention.set': retentionSettingsSchema,
  /**
   * A 中心管理员 (`actor`) removed the bytes of these photos of one exam day, once the photo setting
   * allowed it (`photosUntil`, the date they were kept to).
   */
  'photos.purged': z.object({
    photosUntil: z.string().max(10).regex(/^\d{4}-\d{2}-\d{2}$/),
    photos: z.array(hex64).min(1).max(100_000),
  }),
} as const;

export const CENTER_EVENT_TYPES = Object.keys(centerEventSchemas) as (keyof typeof centerEventSchemas)[];
