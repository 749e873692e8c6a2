import { createHash } from 'node:crypto';
import { strToU8, zipSync, type Zippable } from 'fflate';
import { ARCHIVE_FORMAT, ARCHIVE_VERSION, MANIFEST_FILE, MANIFEST_SIGNATURE_FILE, manifestSigningInput, type ArchiveManifest } from '../../shared/center/archive-manifest';
import { sha256Hex, type DeviceKey } from '../core/device-key';
import { roomDisplayLabel } from '../core/handlers/door-labels';
import { photoArchiveEntries } from './archive-photos';
import { custodyStatus, openDay, roomSummaries } from './day-view';
import { CUSTODY_PDF_PATH, custodyPdf } from './pdf/custody-pdf';
import { roomRecordPdf, roomRecordPdfPath } from './pdf/room-record-pdf';
import { roomSheets } from './room-sheets';
import type { CenterStore } from './store/center-store';

const sha256OfBytes = (bytes: Uint8Array): string => createHash('sha256').update(bytes).digest('hex');
const jsonFile = (value: unknown): Uint8Array => strToU8(`${JSON.stringify(value, null, 1)}\n`);

/**
 * One exam day's archive (issue 14 item 6): every event of every device as stored (one JSON line
 * each, in seq order), the center's own events, every device's public key, the receipts the
 * center signed, the fork evidence, the room records and findings as read (JSON, and each room's
 * 考场情况记录单 and the 试卷流转记录 as PDF), and a manifest of every file's sha256 signed by the
 * center. verify-archive.ts checks it with nothing but the file.
 */
export async function buildDayArchive(store: CenterStore, key: DeviceKey, dayKey: string, now: Date): Promise<{ fileName: string; bytes: Uint8Array } | null> {
  const model = await openDay(store, dayKey);
  if (!model) return null;
  const [events, devices, receipts, forks, centerEvents, idViews] = await Promise.all([
    store.dayEvents(dayKey),
    store.dayDevices(dayKey),
    store.dayReceipts(dayKey),
    store.dayForks(dayKey),
    store.centerEvents(dayKey),
    store.idViews(dayKey),
  ]);
  const files: Record<string, Uint8Array> = {};
  const byDevice = new Map<string, string[]>();
  for (const e of events) byDevice.set(e.deviceId, [...(byDevice.get(e.deviceId) ?? []), e.body]);
  for (const [deviceId, bodies] of byDevice) files[`events/${deviceId}.jsonl`] = strToU8(`${bodies.join('\n')}\n`);
  files['center-events.jsonl'] = strToU8(centerEvents.map((e) => e.body).join('\n') + (centerEvents.length > 0 ? '\n' : ''));
  files['devices.json'] = jsonFile(devices.map((d) => ({ deviceId: d.deviceId, publicKey: d.publicKeyHex, vouchedBy: d.vouchedBy, firstSeenAt: d.firstSeenAt })));
  files['receipts.json'] = jsonFile(receipts.map((r) => JSON.parse(r.receipt) as unknown));
  files['forks.json'] = jsonFile(forks);
  files['rooms.json'] = jsonFile(roomSummaries(model, now));
  files['findings.json'] = jsonFile(model.findings);
  const custody = custodyStatus(model);
  files['custody.json'] = jsonFile(custody);
  files['id-views.json'] = jsonFile(idViews);
  Object.assign(files, await photoArchiveEntries(store, dayKey));
  // One at a time: each render is CPU-bound, so running them together only holds more pages in memory.
  for (const sheet of roomSheets(model, now)) files[roomRecordPdfPath(sheet.room.roomNo, new Set(Object.keys(files)))] = await roomRecordPdf(sheet, now);
  const plan = model.projection.getPlan();
  files[CUSTODY_PDF_PATH] = await custodyPdf({ plan, custody, roomLabel: (roomNo) => roomDisplayLabel(model.projection, roomNo) }, now);
  const manifest: ArchiveManifest = {
    format: ARCHIVE_FORMAT,
    version: ARCHIVE_VERSION,
    createdAt: now.toISOString(),
    day: { organisation: model.day.organisation, date: model.day.date, planId: model.day.planId },
    center: { deviceId: key.deviceId, publicKey: key.publicKeyHex },
    files: Object.entries(files)
      .map(([path, bytes]) => ({ path, sha256: sha256OfBytes(bytes), bytes: bytes.byteLength }))
      .sort((a, b) => (a.path < b.path ? -1 : 1)),
  };
  files[MANIFEST_FILE] = jsonFile(manifest);
  files[MANIFEST_SIGNATURE_FILE] = strToU8(`${key.signHash(sha256Hex(manifestSigningInput(manifest)))}\n`);
  // A PDF's streams and a photo are compressed already: stored as they are, not deflated a second time.
  const entries: Zippable = {};
  for (const [path, data] of Object.entries(files)) entries[path] = path.endsWith('.pdf') || path.startsWith('photos/') ? [data, { level: 0 }] : data;
  const bytes = zipSync(entries, { level: 6, mtime: now });
  return { fileName: `考试日档案-${model.day.date}-${model.day.planId}.zip`, bytes };
}
