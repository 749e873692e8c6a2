import { createHash, randomInt } from 'node:crypto';
import { centerEnrolProofInput, type CenterEnrolRequest, type CenterEnrolResponse } from '../../shared/center/center-protocol';
import { PROTOCOL_VERSION } from '../../shared/sync/protocol';
import { deviceIdFor, sha256Hex, verifySignature, type DeviceKey } from '../core/device-key';
import type { CenterStore, SiteRow } from './store/center-store';

const CODE_ALPHABET = '23456789ABCDEFGHJKMNPQRSTUVWXYZ';
/** A code enrols sites of its organisation for this long (a season's sites enrol with one code). */
export const ENROLMENT_CODE_DAYS = 90;

export const tokenHash = (token: string): string => createHash('sha256').update(token, 'utf8').digest('hex');
const codeHash = (code: string): string => createHash('sha256').update(`examday-center-code:${code}`, 'utf8').digest('hex');

/**
 * A new enrolment code for an organisation (issue 14 item 2): 20 characters from 31, about 99 bits,
 * so it cannot be guessed within any rate limit; only its hash is kept.
 */
export async function issueEnrolmentCode(store: CenterStore, organisation: string, now: Date, issuedBy?: string): Promise<{ code: string; expiresAt: string; codeHash: string }> {
  const chars = Array.from({ length: 20 }, () => CODE_ALPHABET[randomInt(CODE_ALPHABET.length)]).join('');
  const code = chars.match(/.{5}/g)!.join('-');
  const expiresAt = new Date(now.getTime() + ENROLMENT_CODE_DAYS * 86_400_000).toISOString();
  const hash = codeHash(code);
  await store.addEnrolmentCode({ codeHash: hash, organisation: organisation.trim(), createdAt: now.toISOString(), expiresAt, hint: code.slice(-5), issuedBy: issuedBy ?? null });
  return { code, expiresAt, codeHash: hash };
}

/** sha256 of the center's signature over the proof's hash: unguessable without the center's key, stable for one request. */
function tokenFor(center: DeviceKey, proof: string): string {
  return sha256Hex(center.signHash(sha256Hex(`examday-center-token:${proof}`)));
}

export type EnrolOutcome = { ok: true; response: CenterEnrolResponse } | { ok: false; status: number; reason: string };

/**
 * Enrols a site's office: the code must be live, the key must match the device id and the proof
 * must be the office's signature over this code. A site enrolled before may enrol again only with
 * the same key; with the same code it gets the same token, with a new code a new one (rotation).
 */
export async function enrolSite(store: CenterStore, center: DeviceKey, request: CenterEnrolRequest, now: Date): Promise<EnrolOutcome> {
  if (request.protocolVersion !== PROTOCOL_VERSION) return { ok: false, status: 400, reason: `同步协议版本不一致：站点为 ${request.protocolVersion}，中心为 ${PROTOCOL_VERSION}` };
  if (deviceIdFor(request.publicKey) !== request.deviceId) return { ok: false, status: 400, reason: '登记请求中的设备编号与公钥不符' };
  const proof = centerEnrolProofInput({ code: request.code, deviceId: request.deviceId, publicKey: request.publicKey });
  if (!verifySignature(request.publicKey, sha256Hex(proof), request.proof)) return { ok: false, status: 400, reason: '登记请求的签名无效：站点没有证明它持有所报的密钥' };
  const code = await store.enrolmentCode(codeHash(request.code));
  if (!code) return { ok: false, status: 403, reason: '登记码无效：请向中心管理员索取本组织的登记码' };
  if (code.revokedAt) return { ok: false, status: 403, reason: '登记码已被中心管理员作废：请向中心管理员索取新的登记码' };
  if (code.expiresAt <= now.toISOString()) return { ok: false, status: 403, reason: `登记码已于 ${code.expiresAt.slice(0, 10)} 过期：请向中心管理员索取新的登记码` };
  const existing = await store.site(request.deviceId);
  if (existing && existing.publicKeyHex !== request.publicKey) return { ok: false, status: 409, reason: '该设备已用另一把密钥登记过，不予重新登记' };
  if (existing && existing.organisation !== code.organisation) return { ok: false, status: 409, reason: `该设备已登记在“${existing.organisation}”名下` };
  // The same enrolment request always earns the same token (a keyed function of its proof, which
  // Ed25519 makes deterministic): a lost answer retried, a duplicated or late-replayed request, or
  // another center process answering, never leaves the site holding a token that was replaced.
  const token = tokenFor(center, request.proof);
  const site: SiteRow = {
    deviceId: request.deviceId,
    publicKeyHex: request.publicKey,
    organisation: code.organisation,
    name: request.siteName,
    tokenHash: tokenHash(token),
    enrolledAt: now.toISOString(),
    lastSyncAt: existing?.lastSyncAt ?? null,
  };
  await store.putSite(site);
  return {
    ok: true,
    response: {
      kind: 'center-enrolled',
      protocolVersion: PROTOCOL_VERSION,
      centerDeviceId: center.deviceId,
      centerPublicKey: center.publicKeyHex,
      organisation: code.organisation,
      token,
    },
  };
}
