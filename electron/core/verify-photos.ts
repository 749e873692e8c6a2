import type { VerifyProblem } from '../../shared/api/contract';
import type { Db } from './database';
import { sha256OfBytes } from './photo-store';

export interface PhotoClaim {
  sha256: string;
  mime: string;
  byteLength: number;
  ticketNo: string;
}

/**
 * Photo bytes live beside the log (migration 0005) and only their hash is signed: every stored photo
 * must hash to its key, and every photo an intact 'candidate.photo-attached' event names must be there
 * with the type and size the event says, unless a signed purge (`purged`, issue 11 item 5) removed it:
 * such a photo is counted as purged, not missing.
 */
export function checkPhotos(db: Db, claims: PhotoClaim[], purged: ReadonlySet<string> = new Set()): { problems: VerifyProblem[]; purged: number } {
  let purgedCount = 0;
  const problems: VerifyProblem[] = [];
  const stored = new Map<string, { mime: string; length: number }>();
  const altered = new Set<string>();
  for (const row of db.prepare('SELECT sha256, mime, bytes FROM candidate_photos').iterate() as IterableIterator<{ sha256: string; mime: string; bytes: unknown }>) {
    const bytes = Buffer.isBuffer(row.bytes) ? row.bytes : undefined;
    if (!bytes || sha256OfBytes(bytes) !== row.sha256) {
      problems.push({ kind: 'photo', message: `照片 ${row.sha256.slice(0, 12)}… 的内容被改动：与记录的哈希不符` });
      altered.add(row.sha256);
      continue;
    }
    stored.set(row.sha256, { mime: row.mime, length: bytes.length });
  }
  const seen = new Set<string>();
  for (const claim of claims) {
    if (seen.has(claim.sha256)) continue;
    seen.add(claim.sha256);
    const photo = stored.get(claim.sha256);
    if (photo === undefined) {
      if (purged.has(claim.sha256) && !altered.has(claim.sha256)) purgedCount += 1;
      else if (!altered.has(claim.sha256)) {
        problems.push({ kind: 'photo', message: `考生 ${claim.ticketNo} 的照片 ${claim.sha256.slice(0, 12)}… 不见了：记录中有，照片表中没有` });
      }
    } else if (photo.mime !== claim.mime || photo.length !== claim.byteLength) {
      problems.push({ kind: 'photo', message: `考生 ${claim.ticketNo} 的照片类型或大小与记录不符` });
    }
  }
  return { problems, purged: purgedCount };
}
