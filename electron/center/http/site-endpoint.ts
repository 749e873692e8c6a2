import { centerEnrolRequestSchema, centerPhotoPushSchema, centerPushSchema, dayKeyOf, organisationRefusal } from '../../../shared/center/center-protocol';
import { MAX_PHOTOS_PER_REQUEST } from '../../../shared/sync/protocol';
import { parseSyncMessage, PROTOCOL_VERSION, refusal, type SyncRefusal } from '../../../shared/sync/protocol';
import type { DeviceKey } from '../../core/device-key';
import { keepPhotos, wantedPhotos } from '../center-photos';
import { enrolSite, tokenHash } from '../enrolment';
import type { CenterIngest } from '../ingest';
import type { CenterStore, SiteRow } from '../store/center-store';

export const SITE_PATH_PREFIX = '/center/v1/';

export interface SiteEndpointContext {
  store: CenterStore;
  key: DeviceKey;
  ingest: CenterIngest;
  now: () => Date;
}

type Answer = { status: number; body: unknown };
const refused = (status: number, body: SyncRefusal): Answer => ({ status, body });

const firstIssue = (error: { issues: { path: PropertyKey[]; message: string }[] }): string => {
  const issue = error.issues[0];
  return issue ? `${issue.path.length > 0 ? `（${issue.path.map(String).join('.')}）` : ''}${issue.message}` : '';
};

/**
 * A site's push or photos message: of this protocol version, well formed, and sent by the device the
 * token was issued to; else the refusal to answer.
 */
function siteMessage<T extends { senderDeviceId: string }>(
  schema: { safeParse(body: unknown): { success: true; data: T } | { success: false; error: { issues: { path: PropertyKey[]; message: string }[] } } },
  body: unknown,
  site: SiteRow,
): { ok: true; data: T } | { ok: false; answer: Answer } {
  const version = (body as { protocolVersion?: unknown } | null)?.protocolVersion;
  if (version !== PROTOCOL_VERSION) return { ok: false, answer: refused(400, refusal('version-mismatch', `同步协议版本不一致：站点为 ${String(version)}，中心为 ${PROTOCOL_VERSION}`)) };
  const parsed = schema.safeParse(body);
  if (!parsed.success) return { ok: false, answer: refused(400, refusal('malformed', `同步消息内容错误${firstIssue(parsed.error)}`)) };
  if (parsed.data.senderDeviceId !== site.deviceId) return { ok: false, answer: refused(403, refusal('unknown-device', '发送设备与登记的站点不符')) };
  return { ok: true, data: parsed.data };
}

/** The site a request's bearer token names, if any. */
export async function siteOfRequest(store: CenterStore, authorization: string | undefined): Promise<SiteRow | undefined> {
  if (!authorization?.startsWith('Bearer ')) return undefined;
  const token = authorization.slice('Bearer '.length).trim();
  if (!/^[0-9a-f]{64}$/.test(token)) return undefined;
  // Looked up by its sha256: the table never holds a usable token, and the lookup leaks no timing of it.
  return store.siteByToken(tokenHash(token));
}

/**
 * The center's side of the site exchange (issue 14 item 2): enrol with the organisation's code,
 * then hello and push from enrolled sites only, every message parsed with the protocol's schemas.
 */
export async function handleSiteRequest(ctx: SiteEndpointContext, op: string, body: unknown, authorization: string | undefined): Promise<Answer> {
  if (op === 'enrol') {
    const parsed = centerEnrolRequestSchema.safeParse(body);
    if (!parsed.success) return refused(400, refusal('malformed', `登记请求格式错误${firstIssue(parsed.error)}`));
    const enrolled = await enrolSite(ctx.store, ctx.key, parsed.data, ctx.now());
    return enrolled.ok ? { status: 200, body: enrolled.response } : refused(enrolled.status, refusal('unknown-device', enrolled.reason));
  }
  const site = await siteOfRequest(ctx.store, authorization);
  if (!site) return refused(401, refusal('unknown-device', '中心不认识这个站点（或登记已失效）：请用本组织的登记码重新登记'));
  switch (op) {
    case 'hello': {
      const parsed = parseSyncMessage('hello', body);
      if (!parsed.ok) return refused(400, parsed.refusal);
      if (parsed.message.deviceId !== site.deviceId) return refused(403, refusal('unknown-device', '设备编号与登记时的不符'));
      const day = parsed.message.day;
      if (day) {
        const wrong = organisationRefusal(site.organisation, day);
        if (wrong) return refused(403, refusal('wrong-day', wrong));
      }
      const heads = day ? await ctx.store.dayHeads(dayKeyOf(day)) : {};
      return { status: 200, body: { kind: 'hello-ok', protocolVersion: PROTOCOL_VERSION, day, deviceId: ctx.key.deviceId, heads } };
    }
    case 'push': {
      const parsed = siteMessage(centerPushSchema, body, site);
      if (!parsed.ok) return parsed.answer;
      const outcome = await ctx.ingest.receive(site, { day: parsed.data.day, events: parsed.data.events, keys: parsed.data.keys });
      if (!outcome.ok) return refused(409, refusal('rejected-events', outcome.reason));
      await ctx.store.noteSiteSync(site.deviceId, ctx.now().toISOString());
      return {
        status: 200,
        body: { ...outcome.receipt, stored: outcome.stored, alreadyHeld: outcome.alreadyHeld, forks: outcome.forks, rejected: outcome.rejected.slice(0, 20).map((r) => r.reason) },
      };
    }
    case 'photos': {
      const parsed = siteMessage(centerPhotoPushSchema, body, site);
      if (!parsed.ok) return parsed.answer;
      const wrong = organisationRefusal(site.organisation, parsed.data.day);
      if (wrong) return refused(403, refusal('wrong-day', wrong));
      const dayKey = dayKeyOf(parsed.data.day);
      if (!(await ctx.store.day(dayKey))) return refused(409, refusal('wrong-day', '中心还没有这个考试日的记录：请先上报记录，再上报照片'));
      // Checked against the hashes and types the day's stored events sign (center-photos.ts).
      const kept = await keepPhotos(ctx.store, dayKey, parsed.data.photos.map((p) => ({ sha256: p.sha256, bytes: Buffer.from(p.dataBase64, 'base64') })), ctx.now());
      return { status: 200, body: { kind: 'photos', protocolVersion: PROTOCOL_VERSION, sha256s: await wantedPhotos(ctx.store, dayKey, MAX_PHOTOS_PER_REQUEST), kept } };
    }
    default:
      return refused(404, refusal('malformed', `没有这个同步操作：${op.slice(0, 40)}`));
  }
}
