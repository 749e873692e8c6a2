import { err, ok, type ApiResult } from '../../shared/api/result';
import { openSyncFile } from '../sync/sync-file';
import { dayKeyOf } from '../../shared/center/center-protocol';
import { keepPhotos } from './center-photos';
import type { CenterIngest } from './ingest';
import type { CenterStore } from './store/center-store';

export interface UploadOutcome {
  site: string;
  stored: number;
  alreadyHeld: number;
  forks: number;
  rejected: string[];
  /** Candidate photos kept that the center did not hold (center-photos.ts). */
  photos: number;
}

/**
 * A 同步包 carried on a USB stick and uploaded on the center page (issue 14 item 2): opened with its
 * passphrase and read with the site's own reader (envelope, manifest signature, receipt), then
 * stored by the same ingest as a network push. Only a file exported by an enrolled site's office
 * is taken, under that site's organisation, with the keys that office vouches for. The photos it
 * carries are kept for the day once its events are stored (only those the stored events name).
 */
export async function uploadSyncFile(store: CenterStore, ingest: CenterIngest, content: string, passphrase: string): Promise<ApiResult<UploadOutcome>> {
  const read = openSyncFile(content, { passphrase });
  if (!read.ok) return read;
  const { file } = read.value;
  const site = await store.site(file.from.deviceId);
  if (!site) return err('refused', `同步包来自未登记的设备 ${file.from.deviceId.slice(0, 6)}：请先让该考点的考务办用本组织的登记码登记到中心`);
  if (site.publicKeyHex !== file.from.publicKey) return err('refused', '同步包发送设备的公钥与登记时的不同：未导入');
  const outcome = await ingest.receive(site, { day: file.day, events: file.events, keys: file.keys });
  if (!outcome.ok) return err('refused', outcome.reason);
  const photos = await keepPhotos(store, dayKeyOf(file.day), read.value.photos, ingest.now());
  return ok({ site: site.name, stored: outcome.stored, alreadyHeld: outcome.alreadyHeld, forks: outcome.forks, rejected: outcome.rejected.slice(0, 20).map((r) => r.reason), photos });
}
