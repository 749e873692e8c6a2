import type { IncomingMessage, ServerResponse } from 'node:http';
import sirv from 'sirv';
import { z } from 'zod';
import { err, ok, type ApiResult } from '../../../shared/api/result';
import { actionRefusal, loginInputSchema, mayDo, type CenterAction, type CenterRoleName } from '../../../shared/center/center-roles';
import { maskIdNumber } from '../../../shared/id/id-number';
import { passphraseInput } from '../../../shared/sync/sealed-file';
import { SYNC_FILE_MAX_CHARS } from '../../../shared/sync/sync-api';
import type { DeviceKey } from '../../core/device-key';
import { buildDayArchive } from '../archive';
import { exportRefusal } from '../../../shared/center/center-results';
import type { CenterRoomRecord } from '../../../shared/center/center-room-record';
import { multilineText, TEXT_LIMITS } from '../../../shared/text/text-field';
import { centerActor, custodyStatus, DayCache, dayResults, exportOverrides, openFindings, resolveFinding, roomRecordOf, roomSummaries, signExportOverride } from '../day-view';
import type { CenterIngest } from '../ingest';
import { exportResultsXlsx } from '../results-export';
import type { CenterStore } from '../store/center-store';
import { uploadSyncFile } from '../sync-file-upload';
import { logIn, sessionIdHash } from '../users';
import { adminRoute } from './admin-api';
import { retentionRoute } from './retention-api';
import { clientAddress, RateLimiter, readJson, sendBytes, sendJson } from './http-basics';

export const SESSION_COOKIE = 'examday_center';
const API_BODY_BYTES = 64 * 1024;
const UPLOAD_BODY_BYTES = SYNC_FILE_MAX_CHARS + 64 * 1024;

export interface WebContext {
  store: CenterStore;
  key: DeviceKey;
  ingest: CenterIngest;
  now: () => Date;
  tls: boolean;
  trustProxy: boolean;
  /** The built page (dist/renderer); omitted serves the API only. */
  rendererDir?: string;
}

interface Session {
  idHash: string;
  username: string;
  role: CenterRoleName;
  csrf: string;
}

const STATUS: Record<string, number> = { 'invalid-input': 400, 'not-found': 404, refused: 409, unauthorized: 401, internal: 500 };
const dayKeyInput = z.object({ dayKey: z.string().min(1).max(1_000) });
/** A reason goes into a signed center event: the event's own text rule (multilineText, 500 characters). */
const reasonInput = (missing: string) => multilineText(TEXT_LIMITS.note).min(2, missing);
const resolveInput = dayKeyInput.extend({ findingId: z.string().min(1).max(1_000), reason: reasonInput('请写明处理理由') });
const overrideInput = dayKeyInput.extend({ reason: reasonInput('请写明放行理由') });
const revealInput = dayKeyInput.extend({ ticketNo: z.string().min(1).max(40) });
const roomRecordInput = dayKeyInput.extend({ roomNo: z.string().min(1).max(TEXT_LIMITS.code) });
const uploadInput = z.object({ content: z.string().min(1).max(SYNC_FILE_MAX_CHARS), passphrase: passphraseInput });

function cookieValue(req: IncomingMessage, name: string): string | undefined {
  for (const part of (req.headers.cookie ?? '').split(';')) {
    const [k, ...v] = part.trim().split('=');
    if (k === name) return v.join('=');
  }
  return undefined;
}

/** A browser's request from another site: refused before anything is read (CSRF, with SameSite=Strict and the token). */
function crossSite(req: IncomingMessage): boolean {
  const origin = req.headers.origin;
  if (origin === undefined) return req.headers['sec-fetch-site'] === 'cross-site';
  try {
    return new URL(origin).host !== req.headers.host;
  } catch {
    return true;
  }
}

/**
 * The reviewers' web API under /api/ and the page beside it (issue 14 items 3–7). A session is an
 * HttpOnly, SameSite=Strict cookie whose sha256 the store keeps; every state-changing request
 * carries the session's CSRF token in X-CSRF-Token and must come from this origin; every input is
 * parsed with zod; every action is checked against the role (shared/center/center-roles.ts).
 */
export function centerWebHandler(ctx: WebContext) {
  const loginLimit = new RateLimiter(10, 20, () => ctx.now().getTime());
  const cache = new DayCache();
  const openDay = (store: CenterStore, dayKey: string) => cache.open(store, dayKey);
  const serveStatic = ctx.rendererDir ? sirv(ctx.rendererDir, { dotfiles: false, etag: true }) : undefined;

  const sessionOf = async (req: IncomingMessage): Promise<Session | undefined> => {
    const id = cookieValue(req, SESSION_COOKIE);
    if (!id || !/^[A-Za-z0-9_-]{20,100}$/.test(id)) return undefined;
    const row = await ctx.store.session(sessionIdHash(id), ctx.now().toISOString());
    return row ? { idHash: row.idHash, username: row.username, role: row.role as CenterRoleName, csrf: row.csrf } : undefined;
  };

  return async (req: IncomingMessage, res: ServerResponse, headers: Record<string, string>): Promise<boolean> => {
    const url = new URL(req.url ?? '/', 'http://center.invalid');
    const answer = (result: ApiResult<unknown>, extra: Record<string, string> = {}): void =>
      sendJson(res, result.ok ? 200 : (STATUS[result.error.code] ?? 500), result, { ...headers, ...extra });
    const done = (result: ApiResult<unknown>, extra: Record<string, string> = {}): true => {
      answer(result, extra);
      return true;
    };
    if (!url.pathname.startsWith('/api/')) {
      if (!serveStatic || (req.method !== 'GET' && req.method !== 'HEAD')) return false;
      for (const [k, v] of Object.entries(headers)) res.setHeader(k, v);
      if (url.pathname === '/' || url.pathname === '/index.html') req.url = '/center.html';
      await new Promise<void>((resolve) => serveStatic(req, res, () => resolve()));
      return res.headersSent;
    }
    if (crossSite(req)) {
      answer(err('unauthorized', '拒绝：请求来自其他网站'));
      return true;
    }
    const route = `${req.method} ${url.pathname}`;
    if (route === 'POST /api/login') {
      if (!loginLimit.take(clientAddress(req, ctx.trustProxy))) {
        sendJson(res, 429, err('refused', '登录尝试过于频繁，请稍后再试'), { ...headers, 'Retry-After': '60' });
        return true;
      }
      const body = await readJson(req, API_BODY_BYTES);
      if (!body.ok) return done(err('invalid-input', body.reason));
      const input = loginInputSchema.safeParse(body.json);
      if (!input.success) return done(err('invalid-input', '请输入用户名和密码'));
      const outcome = await logIn(ctx.store, input.data.username, input.data.password, ctx.now());
      if (!outcome.ok) return done(err(outcome.throttled ? 'refused' : 'unauthorized', outcome.reason));
      const cookie = `${SESSION_COOKIE}=${outcome.sessionId}; Path=/; HttpOnly; SameSite=Strict; Max-Age=${Math.floor((Date.parse(outcome.expiresAt) - ctx.now().getTime()) / 1000)}${ctx.tls ? '; Secure' : ''}`;
      answer(ok({ username: input.data.username, role: outcome.role, csrf: outcome.csrf }), { 'Set-Cookie': cookie });
      return true;
    }
    const session = await sessionOf(req);
    if (!session) return done(err('unauthorized', '请先登录（会话已过期或不存在）'));
    if (req.method !== 'GET' && req.headers['x-csrf-token'] !== session.csrf) return done(err('unauthorized', '拒绝：缺少或错误的表单令牌，请刷新页面后重试'));
    const refusal = (action: CenterAction): boolean => {
      const reason = actionRefusal(session.role, action);
      if (reason) answer(err('refused', reason));
      return reason !== undefined;
    };
    const readInput = async <T>(schema: z.ZodType<T>, limit = API_BODY_BYTES): Promise<T | undefined> => {
      const body = await readJson(req, limit);
      if (!body.ok) {
        answer(err('invalid-input', body.reason));
        return undefined;
      }
      const parsed = schema.safeParse(body.json);
      if (!parsed.success) {
        answer(err('invalid-input', parsed.error.issues[0]?.message ?? '输入有误'));
        return undefined;
      }
      return parsed.data;
    };
    const queryDay = (): string | undefined => {
      const parsed = dayKeyInput.safeParse({ dayKey: url.searchParams.get('day') ?? '' });
      if (!parsed.success) answer(err('invalid-input', '缺少考试日'));
      return parsed.success ? parsed.data.dayKey : undefined;
    };

    const admin = await adminRoute({ route, session, store: ctx.store, now: ctx.now(), readInput });
    if (admin === 'answered') return true;
    if (admin !== undefined) return done(admin);
    const retention = await retentionRoute({ route, url, session, store: ctx.store, key: ctx.key, now: ctx.now(), readInput });
    if (retention === 'answered') return true;
    if (retention !== undefined) return done(retention);

    switch (route) {
      case 'GET /api/me':
        return done(ok({ username: session.username, role: session.role, csrf: session.csrf }));
      case 'POST /api/logout':
        await ctx.store.endSession(session.idHash);
        return done(ok(null), { 'Set-Cookie': `${SESSION_COOKIE}=; Path=/; HttpOnly; SameSite=Strict; Max-Age=0` });
      case 'GET /api/days': {
        if (refusal('review')) return true;
        const days = await ctx.store.days();
        const now = ctx.now();
        const summaries = [];
        for (const day of days) {
          const model = await openDay(ctx.store, day.dayKey);
          if (!model) continue;
          const rooms = roomSummaries(model, now);
          summaries.push({
            dayKey: day.dayKey,
            organisation: day.organisation,
            date: day.date,
            planId: day.planId,
            planName: model.projection.getPlan()?.planName ?? day.planId,
            devices: model.devices,
            lastReceivedAt: model.lastReceivedAt,
            rooms: rooms.length,
            unsignedRooms: rooms.filter((r) => !r.signed).length,
            openFindings: openFindings(model).length,
            custodyProblems: custodyStatus(model).reconciliation.problems.filter((p) => !p.signed).length,
          });
        }
        return done(ok(summaries));
      }
      case 'GET /api/day': {
        if (refusal('review')) return true;
        const dayKey = queryDay();
        if (dayKey === undefined) return true;
        const model = await openDay(ctx.store, dayKey);
        if (!model) return done(err('not-found', '中心没有这个考试日'));
        const now = ctx.now();
        const results = dayResults(model, now);
        const overrides = exportOverrides(model);
        return done(
            ok({
              dayKey,
              day: model.day,
              planName: model.projection.getPlan()?.planName ?? model.day.planId,
              devices: model.devices,
              lastReceivedAt: model.lastReceivedAt,
              rooms: roomSummaries(model, now),
              findings: model.findings,
              custody: custodyStatus(model),
              candidates: results,
              overrides,
              /** Why results may not be exported now (open findings no override names); null when they may. */
              exportBlocked:
                exportRefusal(
                  openFindings(model).map((f) => f.id),
                  overrides,
                ) ?? null,
              canResolve: mayDo(session.role, 'resolve-finding'),
              canOverride: mayDo(session.role, 'override-export'),
              canSeeFullId: mayDo(session.role, 'see-full-id'),
              canExport: mayDo(session.role, 'export-results'),
              canArchive: mayDo(session.role, 'export-archive'),
            }),
        );
      }
      case 'GET /api/room-record': {
        if (refusal('review')) return true;
        const input = roomRecordInput.safeParse({ dayKey: url.searchParams.get('day') ?? '', roomNo: url.searchParams.get('room') ?? '' });
        if (!input.success) return done(err('invalid-input', '缺少考试日或考场'));
        const model = await openDay(ctx.store, input.data.dayKey);
        if (!model) return done(err('not-found', '中心没有这个考试日'));
        const plan = model.projection.getPlan();
        const record = plan && roomRecordOf(model, input.data.roomNo, ctx.now());
        if (!plan || !record) return done(err('not-found', `该考试日没有考场 ${input.data.roomNo}`));
        const { organisation, planName, date, startTime, endTime, subject } = plan;
        return done(ok({ plan: { organisation, planName, date, startTime, endTime, subject }, record } satisfies CenterRoomRecord));
      }
      case 'POST /api/reveal-id': {
        if (refusal('see-full-id')) return true;
        const input = await readInput(revealInput);
        if (!input) return true;
        const model = await openDay(ctx.store, input.dayKey);
        const candidate = model?.projection.findCandidateByTicket(input.ticketNo);
        if (!candidate) return done(err('not-found', '没有这个考生'));
        // Every view of a full ID number is itself recorded (issue 14 item 3).
        await ctx.store.noteIdView({ username: session.username, dayKey: input.dayKey, ticketNo: input.ticketNo, at: ctx.now().toISOString() });
        return done(ok({ ticketNo: candidate.ticketNo, idNumber: candidate.idNumber, masked: maskIdNumber(candidate.idNumber) }));
      }
      case 'POST /api/resolve-finding': {
        if (refusal('resolve-finding')) return true;
        const input = await readInput(resolveInput);
        if (!input) return true;
        const resolved = await resolveFinding(ctx.store, ctx.key, { ...input, actor: centerActor(session.username, session.role), now: ctx.now() });
        return done(resolved.ok ? ok(resolved) : err('refused', resolved.reason));
      }
      case 'POST /api/override-export': {
        if (refusal('override-export')) return true;
        const input = await readInput(overrideInput);
        if (!input) return true;
        const signed = await signExportOverride(ctx.store, ctx.key, { ...input, actor: centerActor(session.username, session.role), now: ctx.now() });
        return done(signed.ok ? ok(signed) : err('refused', signed.reason));
      }
      case 'GET /api/results.xlsx': {
        if (refusal('export-results')) return true;
        const dayKey = queryDay();
        if (dayKey === undefined) return true;
        const full = url.searchParams.get('full') === '1';
        if (full && refusal('see-full-id')) return true;
        const model = await openDay(ctx.store, dayKey);
        if (!model) return done(err('not-found', '中心没有这个考试日'));
        const xlsx = await exportResultsXlsx(model, ctx.now(), full);
        if (!xlsx.ok) return done(err('refused', xlsx.reason));
        if (full) await ctx.store.noteIdView({ username: session.username, dayKey, ticketNo: '*（结果导出）', at: ctx.now().toISOString() });
        sendBytes(res, 200, xlsx.bytes, 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet', {
          ...headers,
          'Content-Disposition': `attachment; filename*=UTF-8''${encodeURIComponent(xlsx.fileName)}`,
        });
        return true;
      }
      case 'GET /api/archive.zip': {
        if (refusal('export-archive')) return true;
        const dayKey = queryDay();
        if (dayKey === undefined) return true;
        const archive = await buildDayArchive(ctx.store, ctx.key, dayKey, ctx.now());
        if (!archive) return done(err('not-found', '中心没有这个考试日'));
        sendBytes(res, 200, archive.bytes, 'application/zip', { ...headers, 'Content-Disposition': `attachment; filename*=UTF-8''${encodeURIComponent(archive.fileName)}` });
        return true;
      }
      case 'POST /api/upload-sync-file': {
        if (refusal('upload-sync-file')) return true;
        const input = await readInput(uploadInput, UPLOAD_BODY_BYTES);
        if (!input) return true;
        return done(await uploadSyncFile(ctx.store, ctx.ingest, input.content, input.passphrase));
      }
      default:
        return done(err('not-found', '没有这个接口'));
    }
  };
}
