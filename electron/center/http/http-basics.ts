import type { IncomingMessage, ServerResponse } from 'node:http';

/**
 * The headers every center answer carries: no sniffing, no framing, no referrer, no caching of
 * anything personal, a strict policy for pages; HSTS only when this process itself speaks TLS
 * (behind a reverse proxy the proxy sends it).
 */
export const CENTER_CSP = [
  "default-src 'self'",
  "script-src 'self'",
  "style-src 'self' 'unsafe-inline'",
  "img-src 'self' data:",
  "connect-src 'self'",
  "object-src 'none'",
  "base-uri 'none'",
  "form-action 'self'",
  "frame-ancestors 'none'",
].join('; ');

export function securityHeaders(tls: boolean): Record<string, string> {
  return {
    'Content-Security-Policy': CENTER_CSP,
    'X-Content-Type-Options': 'nosniff',
    'X-Frame-Options': 'DENY',
    'Referrer-Policy': 'no-referrer',
    'Cross-Origin-Opener-Policy': 'same-origin',
    'Cross-Origin-Resource-Policy': 'same-origin',
    'Permissions-Policy': 'camera=(), microphone=(), geolocation=()',
    ...(tls ? { 'Strict-Transport-Security': 'max-age=31536000' } : {}),
  };
}

export function sendJson(res: ServerResponse, status: number, body: unknown, headers: Record<string, string> = {}): void {
  const text = JSON.stringify(body);
  res.writeHead(status, { ...headers, 'Content-Type': 'application/json; charset=utf-8', 'Content-Length': String(Buffer.byteLength(text)), 'Cache-Control': 'no-store' });
  res.end(text);
}

export function sendBytes(res: ServerResponse, status: number, bytes: Uint8Array, contentType: string, headers: Record<string, string> = {}): void {
  res.writeHead(status, { ...headers, 'Content-Type': contentType, 'Content-Length': String(bytes.byteLength), 'Cache-Control': 'no-store' });
  res.end(bytes);
}

export type BodyRead = { ok: true; text: string } | { ok: false; status: 413 | 400; reason: string };

/**
 * The request body as text, up to `limit` bytes. Past the limit the rest is drained (so the client
 * reads the 413 and its reason, not a reset) and the connection closed after the answer.
 */
export function readBody(req: IncomingMessage, limit: number): Promise<BodyRead> {
  return new Promise((resolve) => {
    const declared = Number(req.headers['content-length'] ?? 0);
    const tooLarge: BodyRead = { ok: false, status: 413, reason: `请求内容过大（上限 ${Math.round(limit / 1024 / 1024)} MB），未处理` };
    if (declared > limit) {
      req.resume();
      resolve(tooLarge);
      return;
    }
    const chunks: Buffer[] = [];
    let size = 0;
    let settled = false;
    req.on('data', (chunk: Buffer) => {
      size += chunk.length;
      if (settled) return;
      if (size > limit) {
        settled = true;
        chunks.length = 0;
        resolve(tooLarge);
        return;
      }
      chunks.push(chunk);
    });
    req.on('end', () => {
      if (!settled) resolve({ ok: true, text: Buffer.concat(chunks).toString('utf8') });
      settled = true;
    });
    req.on('error', () => {
      if (!settled) resolve({ ok: false, status: 400, reason: '连接中断' });
      settled = true;
    });
  });
}

export async function readJson(req: IncomingMessage, limit: number): Promise<{ ok: true; json: unknown } | { ok: false; status: number; reason: string }> {
  if (!(req.headers['content-type'] ?? '').startsWith('application/json')) return { ok: false, status: 415, reason: '请求内容须为 JSON' };
  const body = await readBody(req, limit);
  if (!body.ok) return body;
  try {
    return { ok: true, json: JSON.parse(body.text) as unknown };
  } catch {
    return { ok: false, status: 400, reason: '请求内容不是有效的 JSON' };
  }
}

/**
 * A token bucket per key (a client address, a site): `burst` at once, then `perMinute`. Kept in
 * this process: behind a load balancer each process limits what reaches it, and logins are also
 * throttled in the database (login-throttle.ts), which all processes share.
 */
export class RateLimiter {
  private readonly buckets = new Map<string, { tokens: number; at: number }>();

  constructor(
    private readonly burst: number,
    private readonly perMinute: number,
    private readonly now: () => number = Date.now,
  ) {}

  /** Takes one token for `key`; false when there is none left. */
  take(key: string): boolean {
    const now = this.now();
    const bucket = this.buckets.get(key) ?? { tokens: this.burst, at: now };
    bucket.tokens = Math.min(this.burst, bucket.tokens + ((now - bucket.at) / 60_000) * this.perMinute);
    bucket.at = now;
    if (this.buckets.size > 50_000) this.buckets.clear();
    if (bucket.tokens < 1) {
      this.buckets.set(key, bucket);
      return false;
    }
    bucket.tokens -= 1;
    this.buckets.set(key, bucket);
    return true;
  }
}

/** The client's address: the socket's, or the proxy's X-Forwarded-For when the operator said the proxy is trusted. */
export function clientAddress(req: IncomingMessage, trustProxy: boolean): string {
  if (trustProxy) {
    const forwarded = req.headers['x-forwarded-for'];
    const first = (Array.isArray(forwarded) ? forwarded[0] : forwarded)?.split(',')[0]?.trim();
    if (first) return first;
  }
  return req.socket.remoteAddress ?? 'unknown';
}
