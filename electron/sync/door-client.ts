import { enrolProofInput, enrolResponseSchema, type EnrolResponse } from '../../shared/sync/enrolment';
import { decodePairing, fingerprintMatches } from '../../shared/sync/pairing-code';
import { planBatch, type HeldEvents } from '../../shared/sync/plan-batches';
import { MAX_BATCH_EVENTS, MAX_PHOTOS_PER_REQUEST, parseSyncMessage, PROTOCOL_VERSION, type Heads } from '../../shared/sync/protocol';
import type { Actor } from '../../shared/domain/types';
import type { EnrolledDevice } from '../../shared/projection/store';
import { readImageHeader } from '../../shared/photos/image-header';
import type { Core } from '../core/core';
import { encryptionKeyIsAuthentic, sha256Hex } from '../core/device-key';
import { sharedSignaturePool } from '../core/signature-pool';
import { sha256OfBytes } from '../core/photo-store';
import { dayIdentityOf, heldEvents, keepReceipt, notePeerSync, type WireEvent } from './sync-log';
import { callSyncServer, type SyncCallResult, type SyncTarget } from './tls-transport';
import type { TlsIdentity } from './tls-identity';

/** How a door reaches its office: one request, answered or failed with a reason (a test injects faults here). */
export type SyncCaller = (target: SyncTarget, op: string, body: unknown) => Promise<SyncCallResult>;

export function directCaller(identity: TlsIdentity): SyncCaller {
  return (target, op, body) => callSyncServer(target, identity, op, body);
}

export type SyncOutcome = { ok: true; pushed: number; pulled: number; photos: number } | { ok: false; reason: string };

/** The office this door paired with: its own 'device.enrolled' of kind office. */
export function pairedOffice(core: Core): EnrolledDevice | undefined {
  return core.store.listEnrolledDevices().find((d) => d.kind === 'office' && d.recordedBy === core.deviceId && !d.revoked);
}

const reasonOf = (result: SyncCallResult): string => {
  if (!result.ok) return result.reason;
  const message = (result.body as { message?: unknown }).message;
  return typeof message === 'string' ? message : `考务办拒绝（HTTP ${result.status}）`;
};

/**
 * Pairs this door with the office the code names: checks the office's certificate against the
 * code's fingerprint before sending anything, proves this door's key, and records the office (its
 * key, full certificate fingerprint and address) as this door's own 'device.enrolled' event.
 */
export async function pairWithOffice(core: Core, identity: TlsIdentity, call: SyncCaller, code: string, deviceName: string, actor: Actor): Promise<SyncOutcome> {
  const decoded = decodePairing(code);
  if (!decoded.ok) return { ok: false, reason: decoded.reason };
  const { offer } = decoded;
  const target: SyncTarget = { host: offer.host, port: offer.port, fingerprint: offer.fingerprint };
  // The proof names the office certificate this door will talk to; with a typed code only its prefix
  // is known before connecting, so the first contact asks nothing but the certificate (a hello the
  // office refuses), then signs over the whole fingerprint it saw.
  const probe = await call(target, 'hello', { kind: 'hello', protocolVersion: PROTOCOL_VERSION, day: null, deviceId: core.deviceId });
  if (!probe.ok) return { ok: false, reason: probe.reason };
  if (!fingerprintMatches(offer, probe.serverFingerprint)) return { ok: false, reason: '考务办证书指纹与配对码不符：可能连错了设备，或有人冒充考务办' };
  const officeTlsFingerprint = probe.serverFingerprint;
  const proof = core.key.signHash(
    sha256Hex(enrolProofInput({ token: offer.token, deviceId: core.deviceId, doorTlsFingerprint: identity.fingerprint, officeTlsFingerprint })),
  );
  const answer = await call({ ...target, fingerprint: officeTlsFingerprint }, 'enrol', {
    kind: 'enrol',
    protocolVersion: PROTOCOL_VERSION,
    token: offer.token,
    deviceId: core.deviceId,
    publicKey: core.key.publicKeyHex,
    deviceName,
    proof,
    encryptionKey: core.key.encryption,
  });
  if (!answer.ok || answer.status !== 200) return { ok: false, reason: reasonOf(answer) };
  const parsed = enrolResponseSchema.safeParse(answer.body);
  if (!parsed.success) return { ok: false, reason: '考务办的配对回答格式错误' };
  const response: EnrolResponse = parsed.data;
  if (response.officeTlsFingerprint !== officeTlsFingerprint) return { ok: false, reason: '考务办回答中的证书指纹与连接的不符' };
  const mine = dayIdentityOf(core.store);
  if (mine && response.day && (mine.planId !== response.day.planId || mine.date !== response.day.date || mine.organisation !== response.day.organisation)) {
    return { ok: false, reason: `本机已有另一个考试日（${mine.date} ${mine.planId}）：请先“开始新的考试日”，再与考务办配对` };
  }
  // An encryption key the office's own key does not vouch for is not recorded: files then go by passphrase.
  const officeEncryptionKey =
    response.officeEncryptionKey && encryptionKeyIsAuthentic(response.officePublicKey, response.officeEncryptionKey) ? response.officeEncryptionKey : undefined;
  // Trust of the office key: it came over the TLS link whose certificate the code pinned.
  const pinned = core.foreign.pin([{ deviceId: response.officeDeviceId, publicKeyHex: response.officePublicKey }]);
  if (!pinned.ok) return { ok: false, reason: pinned.reason };
  core.commit([
    {
      type: 'device.enrolled',
      payload: {
        deviceId: response.officeDeviceId,
        publicKey: response.officePublicKey,
        tlsFingerprint: officeTlsFingerprint,
        name: response.officeName,
        kind: 'office',
        address: { host: offer.host, port: offer.port },
        ...(officeEncryptionKey === undefined ? {} : { encryptionKey: officeEncryptionKey }),
      },
      actor,
    },
  ]);
  notePeerSync(core.db, response.officeDeviceId, core.now(), null);
  return { ok: true, pushed: 0, pulled: 0, photos: 0 };
}

/**
 * One round with the office: hello (same day?), push what it lacks (each batch answered by a
 * signed receipt, kept), pull what this door lacks (checked and stored by the foreign writer), then
 * the photo bytes the pulled events name. A cut connection loses nothing: the next round starts
 * again from the heads each side holds.
 */
export async function syncOnce(core: Core, call: SyncCaller, office: EnrolledDevice): Promise<SyncOutcome> {
  if (!office.address) return { ok: false, reason: '配对记录中没有考务办地址' };
  const target: SyncTarget = { host: office.address.host, port: office.address.port, fingerprint: office.tlsFingerprint };
  const fail = (reason: string): SyncOutcome => {
    notePeerSync(core.db, office.deviceId, core.now(), reason);
    return { ok: false, reason };
  };

  const hello = await call(target, 'hello', { kind: 'hello', protocolVersion: PROTOCOL_VERSION, day: dayIdentityOf(core.store) ?? null, deviceId: core.deviceId });
  if (!hello.ok || hello.status !== 200) return fail(reasonOf(hello));
  const helloOk = parseSyncMessage('hello-ok', hello.body);
  if (!helloOk.ok) return fail(helloOk.refusal.message);
  let officeHeads: Heads = helloOk.message.heads;

  // Where the office's chain of a device disagrees with ours, send it our event there: a fork is
  // refused, kept as evidence and raised as a finding only where both signed events meet.
  const evidence = forkEvidence(core, heldEvents(core.db), officeHeads);
  if (evidence.length > 0) {
    const answer = await call(target, 'push', {
      kind: 'push',
      protocolVersion: PROTOCOL_VERSION,
      day: dayIdentityOf(core.store) ?? null,
      senderDeviceId: core.deviceId,
      events: evidence.map((e) => e.raw),
      more: false,
    });
    if (!answer.ok || answer.status !== 200) return fail(reasonOf(answer));
    const forks = (answer.body as { forks?: unknown }).forks;
    if (typeof forks === 'number' && forks > 0) {
      const list = evidence.map((e) => `设备 ${e.deviceId.slice(0, 6)} 第 ${e.seq} 条`).join('、');
      return fail(`记录分叉：${list}与考务办所存的不同，已报告考务办；本机这条之后的记录不会被接收，请联系主考`);
    }
  }

  let pushed = 0;
  for (let round = 0; round < 1000; round += 1) {
    const planned = planBatch(heldEvents(core.db), officeHeads, { maxEvents: MAX_BATCH_EVENTS });
    if (planned.events.length === 0) break;
    const answer = await call(target, 'push', {
      kind: 'push',
      protocolVersion: PROTOCOL_VERSION,
      day: dayIdentityOf(core.store) ?? null,
      senderDeviceId: core.deviceId,
      events: planned.events.map((e) => e.raw),
      more: planned.more,
    });
    if (!answer.ok || answer.status !== 200) return fail(reasonOf(answer));
    const receipt = parseSyncMessage('receipt', answer.body);
    if (!receipt.ok) return fail(receipt.refusal.message);
    if (receipt.message.receiverDeviceId !== office.deviceId) return fail('收据不是配对的考务办签发的');
    if (!keepReceipt(core.db, receipt.message, core.now())) return fail('考务办收据的签名无效');
    const before = countHeld(officeHeads);
    officeHeads = receipt.message.heads;
    const rejected = (answer.body as { rejected?: unknown }).rejected;
    if (countHeld(officeHeads) <= before) {
      // Nothing moved: the office refused what we hold (a fork or a broken event). Say why; retrying will not help.
      return fail(`考务办未接收本机的记录：${Array.isArray(rejected) && typeof rejected[0] === 'string' ? rejected[0] : '原因未知'}`);
    }
    pushed += planned.events.length;
    if (!planned.more) break;
  }

  let pulled = 0;
  // The office's heads (from hello, then each receipt) say whether it holds anything this door lacks:
  // when not, a round is one request.
  const held = heldEvents(core.db).heads();
  const lacking = Object.entries(officeHeads).some(([deviceId, head]) => head.seq > (held[deviceId]?.seq ?? 0));
  for (let round = 0; lacking && round < 1000; round += 1) {
    const answer = await call(target, 'pull', { kind: 'pull', protocolVersion: PROTOCOL_VERSION, heads: heldEvents(core.db).heads(), maxEvents: MAX_BATCH_EVENTS });
    if (!answer.ok || answer.status !== 200) return fail(reasonOf(answer));
    const batch = parseSyncMessage('batch', answer.body);
    if (!batch.ok) return fail(batch.refusal.message);
    if (batch.message.events.length === 0) break;
    // Keys the office vouches for (doors it enrolled): trusted because its certificate is the pinned one.
    const devices = (batch.message.keys ?? []).map((k) => ({ deviceId: k.deviceId, publicKeyHex: k.publicKey }));
    const offered = { devices, events: batch.message.events };
    const preverified = await core.foreign.preverify(offered, sharedSignaturePool());
    const received = core.foreign.receive(offered, office.deviceId, preverified);
    if ('refused' in received) return fail(`考务办发来的记录未保存：${received.refused}`);
    if (received.stored === 0) {
      const why = received.rejected[0]?.reason ?? (received.forks.length > 0 ? '记录分叉' : undefined);
      // Nothing new and nothing wrong: what was sent arrived meanwhile (another round); done for now.
      if (why === undefined) break;
      return fail(`考务办发来的记录未保存：${why}`);
    }
    pulled += received.stored;
    if (!batch.message.more) break;
  }

  const photos = await fetchMissingPhotos(core, call, target);
  if (!photos.ok) return fail(photos.reason);
  notePeerSync(core.db, office.deviceId, core.now(), null);
  return { ok: true, pushed, pulled, photos: photos.fetched };
}

/**
 * Our events where the office's heads disagree with our log: at a seq both hold with different
 * hashes (planBatch's divergences), and at our own head when the office holds more of this very
 * device than we do (a restored or copied folder: the office may hold other events at our seqs).
 */
function forkEvidence(core: Core, held: HeldEvents<WireEvent>, officeHeads: Heads): WireEvent[] {
  const seqs = new Map<string, number>();
  for (const d of planBatch(held, officeHeads, { maxEvents: 1 }).divergences) seqs.set(d.deviceId, d.seq);
  const own = held.heads()[core.deviceId];
  const officeOwn = officeHeads[core.deviceId];
  if (own && officeOwn && officeOwn.seq > own.seq) seqs.set(core.deviceId, own.seq);
  return [...seqs].flatMap(([deviceId, seq]) => [...held.eventsFrom(deviceId, seq, 1)].filter((e) => e.seq === seq));
}

const countHeld = (heads: Heads): number => Object.values(heads).reduce((n, h) => n + h.seq, 0);

/** Photo bytes the log names but this door lacks, asked for a few at a time and checked against their hashes. */
async function fetchMissingPhotos(core: Core, call: SyncCaller, target: SyncTarget): Promise<{ ok: true; fetched: number } | { ok: false; reason: string }> {
  const missing = core.db
    .prepare('SELECT DISTINCT p.sha256 AS sha256, p.mime AS mime FROM proj_candidate_photos p LEFT JOIN candidate_photos c ON c.sha256 = p.sha256 WHERE c.sha256 IS NULL')
    .all() as { sha256: string; mime: string }[];
  const put = core.db.prepare('INSERT OR IGNORE INTO candidate_photos (sha256, mime, bytes) VALUES (?, ?, ?)');
  const mimeOf = new Map(missing.map((m) => [m.sha256, m.mime]));
  let fetched = 0;
  for (let i = 0; i < missing.length; i += MAX_PHOTOS_PER_REQUEST) {
    const sha256s = missing.slice(i, i + MAX_PHOTOS_PER_REQUEST).map((m) => m.sha256);
    const answer = await call(target, 'photos', { kind: 'photos', protocolVersion: PROTOCOL_VERSION, sha256s });
    if (!answer.ok || answer.status !== 200) return { ok: false, reason: reasonOf(answer) };
    const batch = parseSyncMessage('photo-batch', answer.body);
    if (!batch.ok) return { ok: false, reason: batch.refusal.message };
    for (const photo of batch.message.photos) {
      const bytes = Buffer.from(photo.dataBase64, 'base64');
      const mime = mimeOf.get(photo.sha256);
      // Only bytes that hash to what a signed event names, and that are the image type it names.
      if (!mime || sha256OfBytes(bytes) !== photo.sha256) continue;
      const header = readImageHeader(bytes);
      if (!header.ok || header.mime !== mime) continue;
      put.run(photo.sha256, mime, bytes);
      fetched += 1;
    }
  }
  return { ok: true, fetched };
}
