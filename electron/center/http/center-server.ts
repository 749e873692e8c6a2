import { createServer as createHttpServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import { createServer as createHttpsServer } from 'node:https';
import { SYNC_MAX_BODY_BYTES } from '../../sync/tls-transport';
import { clientAddress, RateLimiter, readJson, securityHeaders, sendJson } from './http-basics';
import { handleSiteRequest, SITE_PATH_PREFIX, type SiteEndpointContext } from './site-endpoint';

/** The web page's requests (login, review, export): answered by web-api.ts when it is mounted. */
export type WebHandler = (req: IncomingMessage, res: ServerResponse, headers: Record<string, string>) => Promise<boolean>;

export interface CenterServerOptions {
  site: SiteEndpointContext;
  web?: WebHandler;
  /** PEM key and certificate: the center speaks HTTPS itself. Omitted: plain HTTP, for loopback or behind a TLS-ending proxy. */
  tls?: { keyPem: string; certPem: string };
  /** Take the client's address from X-Forwarded-For (only behind a proxy that sets it). */
  trustProxy?: boolean;
  limits?: { enrolPerMinute?: number; pushPerMinute?: number };
}

/**
 * The center's one listener: the site exchange under /center/v1/ and the reviewers' page and API
 * beside it. Each request is bounded (body size, time), rate limited by who sends it, and answered
 * with the security headers; a failure inside is a 500 with a reason, never a stack trace.
 */
export function createCenterServer(options: CenterServerOptions): Server {
  const tls = options.tls !== undefined;
  const headers = securityHeaders(tls);
  const clock = (): number => options.site.now().getTime();
  const enrolLimit = new RateLimiter(5, options.limits?.enrolPerMinute ?? 10, clock);
  // A site pushes a day's backlog in bounded batches, one after the other: generous, but not unbounded.
  const pushLimit = new RateLimiter(240, options.limits?.pushPerMinute ?? 1_200, clock);

  const handle = async (req: IncomingMessage, res: ServerResponse): Promise<void> => {
    const url = req.url ?? '/';
    if (url.startsWith(SITE_PATH_PREFIX)) {
      if (req.method !== 'POST') return sendJson(res, 405, { ok: false, reason: '同步接口只接受 POST 请求' }, headers);
      const op = url.slice(SITE_PATH_PREFIX.length).split('?')[0] ?? '';
      const limiter = op === 'enrol' ? enrolLimit : pushLimit;
      const who = op === 'enrol' ? clientAddress(req, options.trustProxy ?? false) : (req.headers.authorization ?? clientAddress(req, options.trustProxy ?? false));
      if (!limiter.take(who)) {
        res.setHeader('Retry-After', '30');
        return sendJson(res, 429, { kind: 'refused', protocolVersion: 1, reason: 'too-large', message: '请求过于频繁，请稍后再试' }, headers);
      }
      const body = await readJson(req, SYNC_MAX_BODY_BYTES);
      if (!body.ok) {
        if (body.status === 413) res.shouldKeepAlive = false;
        return sendJson(res, body.status, { kind: 'refused', protocolVersion: 1, reason: body.status === 413 ? 'too-large' : 'malformed', message: body.reason }, headers);
      }
      const answer = await handleSiteRequest(options.site, op, body.json, req.headers.authorization);
      return sendJson(res, answer.status, answer.body, headers);
    }
    if (options.web && (await options.web(req, res, headers))) return;
    res.writeHead(404, { ...headers, 'Content-Type': 'text/plain; charset=utf-8' }).end('没有这个页面');
  };

  const listener = (req: IncomingMessage, res: ServerResponse): void => {
    handle(req, res).catch(() => {
      if (!res.headersSent) sendJson(res, 500, { ok: false, reason: '中心服务内部错误' }, headers);
      else res.destroy();
    });
  };
  const server = options.tls ? createHttpsServer({ key: options.tls.keyPem, cert: options.tls.certPem, minVersion: 'TLSv1.2' }, listener) : createHttpServer(listener);
  server.keepAliveTimeout = 5_000;
  server.headersTimeout = 15_000;
  server.requestTimeout = 120_000;
  return server;
}

export function listen(server: Server, port: number, host: string): Promise<number> {
  return new Promise((resolve, reject) => {
    server.once('error', reject);
    server.listen(port, host, () => {
      server.off('error', reject);
      const address = server.address();
      resolve(typeof address === 'object' && address ? address.port : port);
    });
  });
}
