import { err, ok } from '../../../shared/api/result';
import { looksLikeIdNumber, maskIdNumber, normalizeIdInput } from '../../../shared/id/id-number';
import { MAX_PHOTO_BYTES, type PhotoMime } from '../../../shared/photos/photo';
import { readImageHeader } from '../../../shared/photos/image-header';
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

const MAX_MISSING_LISTED = 500;

/** Candidate photos: stored beside the log, named in it by hash (personal data never enters an event). */
export function photoHandlers(ctx: CoreContext): Pick<CoreHandlers, 'getCandidatePhoto' | 'attachCandidatePhotos' | 'getPhotoCoverage'> {
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
      const unmatched: string[] = [];
      for (const { key, dataBase64 } of input) {
        const normalized = normalizeIdInput(key);
        const candidate = store.findCandidateByTicket(key) ?? store.findCandidateByIdNumber(normalized);
        const shown = looksLikeIdNumber(normalized) ? maskIdNumber(normalized) : key;
        if (!candidate) {
          unmatched.push(shown);
          continue;
        }
        const bytes = Buffer.from(dataBase64, 'base64');
        if (bytes.length === 0 || bytes.length > MAX_PHOTO_BYTES) return err('invalid-input', `照片 ${shown} 为空或超过 2 MB，本批照片未保存`);
        const header = readImageHeader(bytes);
        if (!header.ok) return err('invalid-input', `照片 ${shown}：${header.reason}，本批照片未保存`);
        checked.push({ ticketNo: candidate.ticketNo, sha256: sha256OfBytes(bytes), mime: header.mime, bytes });
      }
      return commitEvents(ctx, () => {
        const events: PendingEvent[] = [];
        for (const photo of checked) {
          if (store.getCandidatePhoto(photo.ticketNo)?.sha256 === photo.sha256) continue;
          photos.put(photo.sha256, photo.mime, photo.bytes);
          const payload = { ticketNo: photo.ticketNo, sha256: photo.sha256, mime: photo.mime, byteLength: photo.bytes.length };
          events.push({ type: 'candidate.photo-attached', payload, actor: actor.value });
        }
        return {
          events,
          result: (committed) => ok({ attached: committed.length, unchanged: checked.length - committed.length, unmatched }),
        };
      });
    },

    getPhotoCoverage: () => {
      const all = store.listRooms().flatMap((room) => store.listCandidatesInRoom(room.roomNo));
      const missing = all.filter((c) => !store.getCandidatePhoto(c.ticketNo));
      return ok({
        candidates: all.length,
        withPhoto: all.length - missing.length,
        missing: missing.slice(0, MAX_MISSING_LISTED).map(({ ticketNo, name, roomNo, seatNo }) => ({ ticketNo, name, roomNo, seatNo })),
      });
    },
  };
}
