import type { KeyObject } from 'node:crypto';
import { err, ok, type ApiResult } from '../../shared/api/result';
import type { ApiOutput } from '../../shared/api/contract';
import type { UnsignedEvent } from '../../shared/events/event';
import type { Actor } from '../../shared/domain/types';
import { sameKeyFingerprint } from '../../shared/devices/key-fingerprint';
import { verifyBatch, type HeldHead } from '../../shared/sync/verify-batch';
import type { Core } from '../core/core';
import { keyFingerprintFor, publicKeyFromHex, sha256Hex, verifySignature } from '../core/device-key';
import { eventHash } from '../core/event-log';
import { fileRejection, type ForeignDevice } from '../core/foreign-events';
import { pairedOffice } from './door-client';
import { dayRefusal, openSyncFile, type ReadSyncFile } from './sync-file';
import { dayIdentityOf, keepReceipt, notePeerSync } from './sync-log';

/** Who sent a file, and which keys this device may pin with it. */
interface FileTrust {
  /** The exporter's key, and the keys it vouches for when it is this device's office. */
  devices: ForeignDevice[];
  /** The exporter's key is not pinned here yet: a person compares its fingerprint first. */
  needsConfirmation: boolean;
  fromName: string | null;
}

const short = (deviceId: string): string => deviceId.slice(0, 6);

/** The office whose day this device runs: the one it paired with, or the author of the plan it holds. */
function isOwnOffice(core: Core, deviceId: string): boolean {
  if (pairedOffice(core)?.deviceId === deviceId) return true;
  const planAuthors = core.db.prepare("SELECT DISTINCT device_id FROM events WHERE type = 'plan.set'").pluck().all() as string[];
  return planAuthors.includes(deviceId) && deviceId !== core.deviceId;
}

/**
 * Whose keys a file may pin, as LAN sync decides it: keys pinned here already; the exporter's when
 * the person confirms its fingerprint (a device known only by files has no certificate to enrol
 * with); and the keys the exporter carries only when it is this device's office, which enrolled
 * every door (an office never takes a door's word for another door's key).
 */
function trustOf(core: Core, read: ReadSyncFile): ApiResult<FileTrust> {
  const { file } = read;
  const from = file.from.deviceId;
  if (from === core.deviceId) return err('refused', '这是本机导出的同步包，无需导入');
  const wrongDay = dayRefusal(dayIdentityOf(core.store), file.day);
  if (wrongDay) return err('refused', wrongDay);
  const enrolled = core.store.getEnrolledDevice(core.deviceId, from);
  if (enrolled?.revoked) return err('refused', `发送设备已被停用（${enrolled.revoked.reason}）：不接收它的同步包`);
  const pinned = core.db.prepare('SELECT public_key FROM devices WHERE device_id = ?').pluck().get(from) as string | undefined;
  if (pinned !== undefined && pinned !== file.from.publicKey) {
    return err('refused', `发送设备 ${short(from)} 的公钥与本机记录的不同：可能是冒充的设备，未导入`);
  }
  const office = isOwnOffice(core, from);
  const vouched = office ? file.keys.filter((k) => k.deviceId !== from).map((k) => ({ deviceId: k.deviceId, publicKeyHex: k.publicKey })) : [];
  const named = enrolled ?? core.store.listEnrolledDevices().find((d) => d.deviceId === from);
  return ok({
    devices: [{ deviceId: from, publicKeyHex: file.from.publicKey }, ...vouched],
    needsConfirmation: pinned === undefined,
    fromName: named?.name ?? (office ? '考务办' : null),
  });
}

/**
 * The file's events checked against what this log holds, storing nothing (ForeignEventWriter does
 * the same checks again inside its transaction): how many are new, how many fork.
 */
function dryRun(core: Core, read: ReadSyncFile, trust: FileTrust): ApiResult<{ newEvents: number; forks: number }> {
  const keyOf = core.db.prepare('SELECT public_key FROM devices WHERE device_id = ?').pluck();
  const offered = new Map(trust.devices.map((d) => [d.deviceId, d.publicKeyHex]));
  const keys = new Map<string, KeyObject | undefined>();
  const keyFor = (deviceId: string): KeyObject | undefined => {
    if (!keys.has(deviceId)) {
      const hex = (keyOf.get(deviceId) as string | undefined) ?? offered.get(deviceId);
      keys.set(deviceId, hex ? publicKeyFromHex(hex) : undefined);
    }
    return keys.get(deviceId);
  };
  const head = core.db.prepare('SELECT seq, hash, sig FROM events WHERE device_id = ? ORDER BY seq DESC LIMIT 1');
  const hashAt = core.db.prepare('SELECT hash FROM events WHERE device_id = ? AND seq = ?').pluck();
  const verdict = verifyBatch(
    read.file.events,
    {
      head: (deviceId) => head.get(deviceId) as HeldHead | undefined,
      hashAt: (deviceId, seq) => hashAt.get(deviceId, seq) as string | undefined,
    },
    {
      hashEvent: (raw: UnsignedEvent) => eventHash(raw),
      sha256Hex,
      isEnrolled: (deviceId) => keyFor(deviceId) !== undefined,
      verifySig: (deviceId, hash, sig) => {
        const key = keyFor(deviceId);
        return key !== undefined && verifySignature(key, hash, sig);
      },
    },
  );
  const broken = fileRejection(verdict);
  if (broken) return err('refused', `同步包未导入：${broken.reason}`);
  if (verdict.accepted.some((a) => a.event.deviceId === core.deviceId)) return err('refused', '同步包中有本机的记录而本机没有：本机的记录不由别处补写，未导入');
  return ok({ newEvents: verdict.accepted.length, forks: verdict.forks.length });
}

/** inspectSyncFile: every check an import runs, and what it would bring; stores nothing. */
export function inspectSyncFile(core: Core, input: { content: string; passphrase?: string | null | undefined }): ApiResult<ApiOutput<'inspectSyncFile'>> {
  const read = openSyncFile(input.content, { passphrase: input.passphrase, deviceKey: core.key });
  if (!read.ok) return read;
  const trust = trustOf(core, read.value);
  if (!trust.ok) return trust;
  const dry = dryRun(core, read.value, trust.value);
  if (!dry.ok) return dry;
  const { file } = read.value;
  return ok({
    fromDeviceId: file.from.deviceId,
    fromName: trust.value.fromName,
    fingerprint: keyFingerprintFor(file.from.publicKey),
    needsConfirmation: trust.value.needsConfirmation,
    planName: file.planName,
    events: file.events.length,
    newEvents: dry.value.newEvents,
  });
}

/**
 * importSyncFile: the same checks, then one transaction: the events through the foreign writer
 * (all or nothing, a fork kept as evidence), the exporter's receipt, the photos, and, when anything
 * changed, a 'sync.file-imported' event by `actor`. The same file twice stores nothing and writes nothing.
 */
export function importSyncFile(
  core: Core,
  input: { content: string; passphrase?: string | null | undefined; confirmedFingerprint?: string | undefined },
  actor: Actor,
): ApiResult<ApiOutput<'importSyncFile'>> {
  const read = openSyncFile(input.content, { passphrase: input.passphrase, deviceKey: core.key });
  if (!read.ok) return read;
  const trust = trustOf(core, read.value);
  if (!trust.ok) return trust;
  const { file, photos, receipt } = read.value;
  if (trust.value.needsConfirmation) {
    const fingerprint = keyFingerprintFor(file.from.publicKey);
    if (input.confirmedFingerprint === undefined) return err('refused', '本机还不认识发送设备：请先与对方设备屏幕上显示的指纹核对，一致后再导入');
    if (!sameKeyFingerprint(input.confirmedFingerprint, fingerprint)) return err('refused', '核对的指纹与同步包发送设备的指纹不一致：未导入');
  }
  const dry = dryRun(core, read.value, trust.value);
  if (!dry.ok) return dry;

  const db = core.db;
  const countForks = db.prepare('SELECT COUNT(*) FROM sync_forks').pluck();
  const putPhoto = db.prepare('INSERT OR IGNORE INTO candidate_photos (sha256, mime, bytes) VALUES (?, ?, ?)');
  return db.transaction((): ApiResult<ApiOutput<'importSyncFile'>> => {
    const forksBefore = countForks.get() as number;
    const stored = core.foreign.storeFile({ devices: trust.value.devices, events: file.events }, file.from.deviceId);
    if (!stored.ok) return err('refused', `同步包未导入：${stored.reason}`);
    // Authentic (readSyncFile checked it with the key now pinned): what the exporter held, kept like a LAN receipt.
    keepReceipt(db, receipt, core.now());
    const photosStored = photos.reduce((n, p) => n + putPhoto.run(p.sha256, p.mime, p.bytes).changes, 0);
    const newForks = (countForks.get() as number) - forksBefore;
    if (stored.stored > 0 || newForks > 0 || photosStored > 0 || trust.value.needsConfirmation) {
      core.commit([
        {
          type: 'sync.file-imported',
          payload: {
            fromDeviceId: file.from.deviceId,
            fingerprintConfirmed: trust.value.needsConfirmation,
            events: file.events.length,
            stored: stored.stored,
            forks: stored.forks.length,
          },
          actor,
        },
      ]);
    }
    notePeerSync(db, file.from.deviceId, core.now(), null);
    return ok({ stored: stored.stored, alreadyHeld: stored.alreadyHeld, forks: stored.forks.length });
  })();
}
