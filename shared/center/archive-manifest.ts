import { z } from 'zod';
import { canonicalJson } from '../events/canonical-json';
import { dayIdentitySchema } from '../sync/protocol';

/**
 * The manifest of a day's archive (issue 14 item 6; 第二十九条 可追溯、可倒查): every file with its
 * sha256 and size, signed by the center's key, so that `examday verify-archive` can check the file
 * offline, years later, with nothing but the file.
 */
export const ARCHIVE_FORMAT = 'examday-center-archive';
export const ARCHIVE_VERSION = 1;
export const MANIFEST_FILE = 'manifest.json';
export const MANIFEST_SIGNATURE_FILE = 'manifest.sig';

export const archiveManifestSchema = z.object({
  format: z.literal(ARCHIVE_FORMAT),
  version: z.number().int().min(1),
  createdAt: z.string().datetime({ offset: true }),
  day: dayIdentitySchema,
  center: z.object({ deviceId: z.string().regex(/^[0-9a-f]{16}$/), publicKey: z.string().regex(/^[0-9a-f]{20,200}$/) }),
  files: z.array(z.object({ path: z.string().min(1).max(300), sha256: z.string().regex(/^[0-9a-f]{64}$/), bytes: z.number().int().min(0) })).max(100_000),
});
export type ArchiveManifest = z.infer<typeof archiveManifestSchema>;

/** The exact text whose sha256 the center signs. */
export function manifestSigningInput(manifest: ArchiveManifest): string {
  return canonicalJson(manifest);
}
