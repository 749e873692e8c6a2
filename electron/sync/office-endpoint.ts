import { enrolProofInput, enrolRequestSchema, type EnrolResponse } from '../../shared/sync/enrolment';
import { planBatch } from '../../shared/sync/plan-batches';
import { dayMismatch, parseSyncMessage, PROTOCOL_VERSION, refusal, type SyncRefusal } from '../../shared/sync/protocol';
import type { PairingOffers } from '../../shared/sync/pairing-offers';
import type { EnrolledDevice } from '../../shared/projection/store';
import type { Actor } from '../../shared/domain/types';
import type { Core } from '../core/core';
import { deviceIdFor, encryptionKeyIsAuthentic, sha256Hex, verifySignature } from '../core/device-key';
import { sharedSignaturePool } from '../core/signature-pool';
import { dayIdentityOf, heldEvents, makeReceipt, notePeerSync, pinnedKeys } from './sync-log';
import type { SyncPeer } from './tls-transport';
import type { TlsIdentity } from './tls-identity';

export interface OfficeEndpointContext {
  core: () => Core;
  identity: TlsIdentity;
  offers: PairingOffers;
  officeName: string;
  /** Who created each open offer: the enrolment event is theirs. */
  offerActor: (token: string) => Actor | undefined;
}

type Answer = { status: number; body: unknown };

const refused = (status: number, body: SyncRefusal): Answer => ({ status, body });
const SYNC_PHOTO_MAX = 50;

/** The door a connection comes from, known by the certificate it presented at enrolment. */
function enrolledDoor(core: Core, peer: SyncPeer): EnrolledDevice | undefined {
  return core.store.listEnrolledDevices().find((d) => d.kind === 'door' && d.recordedBy === core.deviceId && d.tlsFingerprint === peer.fingerprint);
}

/**
 * The office's side of site sync (DESIGN "Sync"): enrolment with a one-time code, then hello,
 * pull, push and photos from enrolled doors only. Every message is parsed with the protocol's
 * schemas before it is used; every event is checked by the foreign writer before it is stored.
 */
export async function handleSyncRequest(ctx: OfficeEndpointContext, op: string, body: unknown, peer: SyncPeer): Promise<Answer> {
  const core = ctx.core();
  if (op === 'enrol') return enrol(ctx, core, body, peer);

  const door = enrolledDoor(core, peer);
  if (!door) return refused(403, refusal('unknown-device', '本机未登记这台设备（或已被考务办停用）：请在考务办“添加设备”后重新配对'));
  if (door.revoked) return refused(403, refusal('unknown-device', `考务办已停用这台设备：${door.revoked.reason}`));

  const answer = await (async () => {
    switch (op) {
      case 'hello':
        return hello(core, body, door);
      case 'pull':
        return pull(core, body);
      case 'push':
        return push(ctx, body, door);
      case 'photos':
        return photos(core, body);
      default:
        return refused(404, refusal('malformed', `没有这个同步操作：${op.slice(0, 40)}`));
    }
  })();
  notePeerSync(core.db, door.deviceId, core.now(), answer.status === 200 ? null : describe(answer.body));
  return answer;
}

function describe(body: unknown): string {
  const message = (body as { message?: unknown }).message;
  return typeof message === 'string' ? message : '同步被拒绝';
}

function enrol(ctx: OfficeEndpointContext, core: Core, body: unknown, peer: SyncPeer): Answer {
  const parsed = enrolRequestSchema.safeParse(body);
  if (!parsed.success) return refused(400, refusal('malformed', `配对请求格式错误：${parsed.error.issues[0]?.message ?? ''}`));
  const request = parsed.data;
  if (request.protocolVersion !== PROTOCOL_VERSION) {
    return refused(400, refusal('version-mismatch', `同步协议版本不一致：对方为 ${request.protocolVersion}，本机为 ${PROTOCOL_VERSION}，请将两台设备升级到同一版本`));
  }
  if (deviceIdFor(request.publicKey) !== request.deviceId) return refused(400, refusal('malformed', '配对请求中的设备编号与公钥不符'));
  const proof = enrolProofInput({ token: request.token, deviceId: request.deviceId, doorTlsFingerprint: peer.fingerprint, officeTlsFingerprint: ctx.identity.fingerprint });
  if (!verifySignature(request.publicKey, sha256Hex(proof), request.proof)) {
    return refused(400, refusal('malformed', '配对请求的签名无效：设备没有证明它持有所报的密钥，或连接被中途替换'));
  }
  if (request.deviceId === core.deviceId) return refused(400, refusal('malformed', '不能与本机自己配对'));
  if (request.encryptionKey && !encryptionKeyIsAuthentic(request.publicKey, request.encryptionKey)) {
    return refused(400, refusal('malformed', '配对请求中的加密公钥没有该设备的有效签名'));
  }
  // Checked last: a malformed or forged request must not use up the code a real door is typing.
  const claim = ctx.offers.claim(request.token, core.now().getTime());
  if (!claim.ok) return refused(403, refusal('unknown-device', claim.reason));
  const actor = ctx.offerActor(request.token);
  if (!actor) return refused(403, refusal('unknown-device', '配对码无效：发码的人已不在岗'));
  const pinned = core.foreign.pin([{ deviceId: request.deviceId, publicKeyHex: request.publicKey }]);
  if (!pinned.ok) return refused(409, refusal('malformed', pinned.reason));
  const offer = claim.offer;
  core.commit([
    {
      type: 'device.enrolled',
      payload: {
        deviceId: request.deviceId,
        publicKey: request.publicKey,
        tlsFingerprint: peer.fingerprint,
        name: offer.deviceName,
        kind: 'door',
        ...(offer.roomNo === undefined ? {} : { roomNo: offer.roomNo }),
        ...(request.encryptionKey === undefined ? {} : { encryptionKey: request.encryptionKey }),
      },
      actor,
    },
  ]);
  notePeerSync(core.db, request.deviceId, core.now(), null);
  const own = pinnedKeys(core.db, [core.deviceId])[0];
  const response: EnrolResponse = {
    kind: 'enrolled',
    protocolVersion: PROTOCOL_VERSION,
    officeDeviceId: core.deviceId,
    officePublicKey: own?.publicKeyHex ?? '',
    officeName: ctx.officeName,
    officeTlsFingerprint: ctx.identity.fingerprint,
    deviceName: offer.deviceName,
    roomNo: offer.roomNo ?? null,
    day: dayIdentityOf(core.store) ?? null,
    officeEncryptionKey: core.key.encryption,
  };
  return { status: 200, body: response };
}

function hello(core: Core, body: unknown, door: EnrolledDevice): Answer {
  const parsed = parseSyncMessage('hello', body);
  if (!parsed.ok) return refused(400, parsed.refusal);
  if (parsed.message.deviceId !== door.deviceId) return refused(403, refusal('unknown-device', '设备编号与配对时登记的不符'));
  const mine = dayIdentityOf(core.store);
  const mismatch = mine && parsed.message.day ? dayMismatch(mine, parsed.message.day) : undefined;
  if (mismatch) return refused(409, mismatch);
  return {
    status: 200,
    body: { kind: 'hello-ok', protocolVersion: PROTOCOL_VERSION, day: mine ?? parsed.message.day, deviceId: core.deviceId, heads: heldEvents(core.db).heads() },
  };
}

function pull(core: Core, body: unknown): Answer {
  const parsed = parseSyncMessage('pull', body);
  if (!parsed.ok) return refused(400, parsed.refusal);
  const planned = planBatch(heldEvents(core.db), parsed.message.heads, { maxEvents: parsed.message.maxEvents });
  const keys = pinnedKeys(core.db, planned.events.map((e) => e.deviceId)).map((k) => ({ deviceId: k.deviceId, publicKey: k.publicKeyHex }));
  return { status: 200, body: { kind: 'batch', protocolVersion: PROTOCOL_VERSION, events: planned.events.map((e) => e.raw), more: planned.more, keys } };
}

async function push(ctx: OfficeEndpointContext, body: unknown, door: EnrolledDevice): Promise<Answer> {
  const parsed = parseSyncMessage('push', body);
  if (!parsed.ok) return refused(400, parsed.refusal);
  // Keys: the office trusts only the ones it pinned itself (enrolment), so a push carries none.
  const batch = { devices: [], events: parsed.message.events };
  const preverified = await ctx.core().foreign.preverify(batch, sharedSignaturePool());
  // After the wait: the core as it is now (the day may have been set meanwhile).
  const core = ctx.core();
  const mine = dayIdentityOf(core.store);
  const mismatch = mine ? dayMismatch(mine, parsed.message.day) : undefined;
  if (mismatch) return refused(409, mismatch);
  const received = core.foreign.receive(batch, door.deviceId, preverified);
  if ('refused' in received) return refused(400, refusal('rejected-events', received.refused));
  const receipt = makeReceipt(core.db, core.key, core.now());
  return {
    status: 200,
    body: {
      ...receipt,
      stored: received.stored,
      alreadyHeld: received.alreadyHeld,
      forks: received.forks.length,
      rejected: received.rejected.slice(0, 20).map((r) => r.reason),
    },
  };
}

function photos(core: Core, body: unknown): Answer {
  const parsed = parseSyncMessage('photos', body);
  if (!parsed.ok) return refused(400, parsed.refusal);
  const get = core.db.prepare('SELECT bytes FROM candidate_photos WHERE sha256 = ?').pluck();
  const found = parsed.message.sha256s.slice(0, SYNC_PHOTO_MAX).flatMap((sha256) => {
    const bytes = get.get(sha256) as Buffer | undefined;
    return bytes ? [{ sha256, dataBase64: bytes.toString('base64') }] : [];
  });
  return { status: 200, body: { kind: 'photo-batch', protocolVersion: PROTOCOL_VERSION, photos: found } };
}
