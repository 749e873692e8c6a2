import { z } from 'zod';
import { centerEnrolProofInput, centerEnrolResponseSchema, centerPhotosWantedSchema } from '../../shared/center/center-protocol';
import { planBatch } from '../../shared/sync/plan-batches';
import { MAX_BATCH_EVENTS, parseSyncMessage, PROTOCOL_VERSION, type Heads } from '../../shared/sync/protocol';
import type { Core } from '../core/core';
import { sha256Hex } from '../core/device-key';
import { dayIdentityOf, heldEvents, keepReceipt, pinnedKeys, readSetting, writeSetting } from './sync-log';

/**
 * The office's second sync target (issue 14): the organisation's center. The office enrols once
 * with the code the center issued, then pushes every device's events it holds, in the same bounded
 * batches and with the same signed receipts as door → office, plus the keys of the devices it
 * vouches for (it enrolled every door; the center never met them).
 */
export interface CenterTarget {
  /** Base address, e.g. https://center.example.org or http://127.0.0.1:5800 */
  url: string;
  /** The bearer token the center gave at enrolment; absent while enrolling. */
  token?: string;
}

export type CenterCallResult = { ok: true; status: number; body: unknown } | { ok: false; reason: string };
/** One request to the center (a test puts a fault injector here). */
export type CenterCaller = (target: CenterTarget, op: string, body: unknown) => Promise<CenterCallResult>;

const CENTER_SETTING = 'sync.center';
const linkSchema = z.object({
  url: z.string().url(),
  token: z.string().regex(/^[0-9a-f]{64}$/),
  centerDeviceId: z.string(),
  organisation: z.string(),
});
export type CenterLink = z.infer<typeof linkSchema>;

/** Requests over fetch: HTTPS checked against the system's CAs (a center has a real certificate), or plain HTTP on a trusted path. */
export function fetchCaller(timeoutMs = 60_000): CenterCaller {
  return async (target, op, body) => {
    try {
      const res = await fetch(new URL(`center/v1/${op}`, target.url.endsWith('/') ? target.url : `${target.url}/`), {
        method: 'POST',
        headers: { 'content-type': 'application/json', ...(target.token ? { authorization: `Bearer ${target.token}` } : {}) },
        body: JSON.stringify(body),
        signal: AbortSignal.timeout(timeoutMs),
      });
      const text = await res.text();
      try {
        return { ok: true, status: res.status, body: JSON.parse(text) as unknown };
      } catch {
        return { ok: false, reason: `中心的回答不是 JSON（HTTP ${res.status}）` };
      }
    } catch (error) {
      return { ok: false, reason: `无法连接中心（${(error as { cause?: { code?: string } }).cause?.code ?? (error as Error).message}）` };
    }
  };
}

export function centerLink(core: Core): CenterLink | undefined {
  const text = readSetting(core.db, CENTER_SETTING);
  if (text === undefined) return undefined;
  const parsed = linkSchema.safeParse(JSON.parse(text));
  return parsed.success ? parsed.data : undefined;
}

const reasonOf = (result: CenterCallResult): string => {
  if (!result.ok) return result.reason;
  const message = (result.body as { message?: unknown } | null)?.message;
  return typeof message === 'string' ? message : `中心拒绝（HTTP ${result.status}）`;
};

/** Enrols this office with the center: proves its key, pins the center's key, keeps the link. */
export async function enrolWithCenter(core: Core, call: CenterCaller, url: string, code: string, siteName: string): Promise<{ ok: true; link: CenterLink } | { ok: false; reason: string }> {
  const normalised = code.trim().toUpperCase().replace(/\s+/g, '');
  const proof = core.key.signHash(sha256Hex(centerEnrolProofInput({ code: normalised, deviceId: core.deviceId, publicKey: core.key.publicKeyHex })));
  const answer = await call({ url }, 'enrol', {
    kind: 'center-enrol',
    protocolVersion: PROTOCOL_VERSION,
    code: normalised,
    deviceId: core.deviceId,
    publicKey: core.key.publicKeyHex,
    siteName,
    proof,
  });
  if (!answer.ok || answer.status !== 200) return { ok: false, reason: reasonOf(answer) };
  const parsed = centerEnrolResponseSchema.safeParse(answer.body);
  if (!parsed.success) return { ok: false, reason: '中心的登记回答格式错误' };
  const pinned = core.foreign.pin([{ deviceId: parsed.data.centerDeviceId, publicKeyHex: parsed.data.centerPublicKey }]);
  if (!pinned.ok) return { ok: false, reason: pinned.reason };
  const link: CenterLink = { url, token: parsed.data.token, centerDeviceId: parsed.data.centerDeviceId, organisation: parsed.data.organisation };
  writeSetting(core.db, CENTER_SETTING, JSON.stringify(link));
  return { ok: true, link };
}

export type CenterPushOutcome = { ok: true; pushed: number; forks: number } | { ok: false; reason: string };

/**
 * One round to the center: hello (the center's heads of this day), then what it lacks in bounded
 * batches, each answered by a receipt signed with the center's pinned key and kept. Where the
 * center's chain of a device disagrees with ours, our event there is sent so the center keeps the
 * fork as evidence. A cut connection loses nothing: the next round starts from the heads again.
 * `maxEvents` makes batches smaller than the protocol's bound (a slow link).
 */
export async function pushToCenter(core: Core, call: CenterCaller, options: { maxEvents?: number } = {}): Promise<CenterPushOutcome> {
  const link = centerLink(core);
  if (!link) return { ok: false, reason: '本机尚未登记到中心' };
  const day = dayIdentityOf(core.store);
  if (!day) return { ok: false, reason: '本机还没有考试计划，没有可上报的考试日' };
  const target: CenterTarget = { url: link.url, token: link.token };
  const hello = await call(target, 'hello', { kind: 'hello', protocolVersion: PROTOCOL_VERSION, day, deviceId: core.deviceId });
  if (!hello.ok || hello.status !== 200) return { ok: false, reason: reasonOf(hello) };
  const helloOk = parseSyncMessage('hello-ok', hello.body);
  if (!helloOk.ok) return { ok: false, reason: helloOk.refusal.message };
  let centerHeads: Heads = helloOk.message.heads;
  const held = heldEvents(core.db);
  let pushed = 0;
  let forks = 0;
  const send = async (events: { deviceId: string; raw: Record<string, unknown> }[], more: boolean): Promise<{ ok: true; forks: number; firstRejection: string | undefined } | { ok: false; reason: string }> => {
    const keys = pinnedKeys(core.db, events.map((e) => e.deviceId)).map((k) => ({ deviceId: k.deviceId, publicKey: k.publicKeyHex }));
    const answer = await call(target, 'push', { kind: 'push', protocolVersion: PROTOCOL_VERSION, day, senderDeviceId: core.deviceId, events: events.map((e) => e.raw), more, keys });
    if (!answer.ok || answer.status !== 200) return { ok: false, reason: reasonOf(answer) };
    const receipt = parseSyncMessage('receipt', answer.body);
    if (!receipt.ok) return { ok: false, reason: receipt.refusal.message };
    if (receipt.message.receiverDeviceId !== link.centerDeviceId) return { ok: false, reason: '收据不是登记的中心签发的' };
    if (!keepReceipt(core.db, receipt.message, core.now())) return { ok: false, reason: '中心收据的签名无效' };
    centerHeads = receipt.message.heads;
    const { forks: forkCount, rejected } = answer.body as { forks?: unknown; rejected?: unknown };
    const firstRejection = Array.isArray(rejected) && typeof rejected[0] === 'string' ? rejected[0] : undefined;
    return { ok: true, forks: typeof forkCount === 'number' ? forkCount : 0, firstRejection };
  };

  const divergent = planBatch(held, centerHeads, { maxEvents: 1 }).divergences;
  if (divergent.length > 0) {
    const evidence = divergent.flatMap((d) => [...held.eventsFrom(d.deviceId, d.seq, 1)]);
    const sent = await send(evidence, false);
    if (!sent.ok) return sent;
    forks += sent.forks;
  }
  for (let round = 0; round < 10_000; round += 1) {
    const planned = planBatch(held, centerHeads, { maxEvents: Math.min(options.maxEvents ?? MAX_BATCH_EVENTS, MAX_BATCH_EVENTS) });
    if (planned.events.length === 0) break;
    const before = Object.values(centerHeads).reduce((n, h) => n + h.seq, 0);
    const sent = await send(planned.events, planned.more);
    if (!sent.ok) return sent;
    forks += sent.forks;
    if (Object.values(centerHeads).reduce((n, h) => n + h.seq, 0) <= before) {
      // Nothing moved: the center refused what we hold (a fork or a broken event); retrying will not help.
      return { ok: false, reason: `中心未接收本机的记录：${sent.firstRejection ?? '原因未知'}` };
    }
    pushed += planned.events.length;
    if (!planned.more) break;
  }
  return { ok: true, pushed, forks };
}

/** Base64 of one photo request to the center, kept well under the center's 8 MiB body limit. */
const MAX_PHOTO_PUSH_CHARS = 6 * 1024 * 1024;

export type CenterPhotoOutcome = { ok: true; sent: number } | { ok: false; reason: string };

/**
 * After the events, the candidate photos they name (issue 14 item 6), with the LAN's photo messages
 * (center-protocol.ts): an empty photo-batch asks what the center lacks of this day, then each
 * batch of what it asked for answers with what it lacks still. The center checks every photo
 * against the hash and type its stored events sign. A photo this office does not hold, or one the
 * center did not take when sent, is not sent again in this round.
 */
export async function pushPhotosToCenter(core: Core, call: CenterCaller): Promise<CenterPhotoOutcome> {
  const link = centerLink(core);
  if (!link) return { ok: false, reason: '本机尚未登记到中心' };
  const day = dayIdentityOf(core.store);
  if (!day) return { ok: false, reason: '本机还没有考试计划，没有可上报的考试日' };
  const target: CenterTarget = { url: link.url, token: link.token };
  const bytesOf = core.db.prepare('SELECT bytes FROM candidate_photos WHERE sha256 = ?').pluck();
  const offered = new Set<string>();
  let batch: { sha256: string; dataBase64: string }[] = [];
  let sent = 0;
  for (;;) {
    const answer = await call(target, 'photos', { kind: 'photo-batch', protocolVersion: PROTOCOL_VERSION, day, senderDeviceId: core.deviceId, photos: batch });
    if (!answer.ok || answer.status !== 200) return { ok: false, reason: reasonOf(answer) };
    const wanted = centerPhotosWantedSchema.safeParse(answer.body);
    if (!wanted.success) return { ok: false, reason: '中心对照片的回答格式错误' };
    sent += batch.length;
    batch = [];
    let chars = 0;
    for (const sha256 of wanted.data.sha256s) {
      if (offered.has(sha256)) continue;
      const bytes = bytesOf.get(sha256) as Buffer | undefined;
      if (!bytes) {
        offered.add(sha256);
        continue;
      }
      const dataBase64 = bytes.toString('base64');
      if (batch.length > 0 && chars + dataBase64.length > MAX_PHOTO_PUSH_CHARS) break;
      offered.add(sha256);
      batch.push({ sha256, dataBase64 });
      chars += dataBase64.length;
    }
    if (batch.length === 0) return { ok: true, sent };
  }
}
