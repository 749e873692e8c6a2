import { err, ok } from '../../../shared/api/result';
import { MAX_PHOTO_BYTES, sniffPhotoMime, type PhotoMime } from '../../../shared/photos/photo';
import type { CoreHandlers } from '../core';
import { commitEvents, type CoreContext, type PendingEvent } from '../core-context';
import { PhotoStore, sha256OfBytes } from '../photo-store';
import { setupActor } from './setup-actor';

interface CheckedPhoto {
  ticketNo: string;
  sha256: string;
  mime: PhotoMime;
  bytes: Buffer;
}

/** Candidate photos: stored beside the log, named in it by hash (personal data never enters an event). */
export function photoHandlers(ctx: CoreContext): Pick<CoreHandlers, 'getCandidatePhoto' | 'attachCandidatePhotos'> {
  const { store } = ctx;
  const photos = new PhotoStore(ctx.db);
  return {
    getCandidatePhoto: ({ ticketNo }) => {
      const ref = store.getCandidatePhoto(ticketNo);
      const stored = ref ? photos.get(ref.sha256) : undefined;
      if (!ref || !stored) return err('not-found', '该考生没有照片');
      return ok({ mime: ref.mime as PhotoMime, dataBase64: stored.bytes.toString('base64') });
    },

    attachCandidatePhotos: ({ photos: input, actorStaffId }) => {
      const actor = setupActor(store, actorStaffId);
      if (!actor.ok) return actor;
      const checked: CheckedPhoto[] = [];
      for (const { ticketNo, dataBase64 } of input) {
        if (!store.findCandidateByTicket(ticketNo)) return err('not-found', `准考证号 ${ticketNo} 不在考生名单中，照片未保存`);
        const bytes = Buffer.from(dataBase64, 'base64');
        if (bytes.length === 0 || bytes.length > MAX_PHOTO_BYTES) return err('invalid-input', `准考证号 ${ticketNo} 的照片为空或超过 2 MB，照片未保存`);
        const mime = sniffPhotoMime(bytes);
        if (!mime) return err('invalid-input', `准考证号 ${ticketNo} 的照片不是 JPEG、PNG 或 WebP 图片，照片未保存`);
        checked.push({ ticketNo, sha256: sha256OfBytes(bytes), mime, bytes });
      }
      return commitEvents(ctx, () => {
        const events: PendingEvent[] = [];
        for (const photo of checked) {
          if (store.getCandidatePhoto(photo.ticketNo)?.sha256 === photo.sha256) continue;
          photos.put(photo.sha256, photo.mime, photo.bytes);
          const payload = { ticketNo: photo.ticketNo, sha256: photo.sha256, mime: photo.mime, byteLength: photo.bytes.length };
          events.push({ type: 'candidate.photo-attached', payload, actor: actor.value });
        }
        return { events, result: (committed) => ok({ attached: committed.length, unchanged: checked.length - committed.length }) };
      });
    },
  };
}
