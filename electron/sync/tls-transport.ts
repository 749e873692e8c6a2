import { request as httpsRequest, createServer, type Server } from 'node:https';
import type { IncomingMessage, ServerResponse } from 'node:http';
import type { PeerCertificate, TLSSocket } from 'node:tls';
import type { TlsIdentity } from './tls-identity';

/**
 * Site sync runs over HTTPS with both sides' self-signed certificates (mutual TLS). Each side pins the
 * other's certificate fingerprint, learned at pairing: the office knows a door by the certificate it
 * presents on every connection, so a request needs no signature, timestamp or nonce of its own (a
 * door's clock may be minutes off, and TLS already binds every byte to the pinned key).
 */
export const SYNC_PATH_PREFIX = '/sync/v1/';
/** A batch of 2,000 events is about 1.5 MB of JSON; photos are sent one by one. */
export const SYNC_MAX_BODY_BYTES = 8 * 1024 * 1024;

export interface SyncPeer {
  /** SHA-256 of the client certificate the connection presented (always present: we require one). */
  fingerprint: string;
}

export type SyncHandler = (op: string, body: unknown, peer: SyncPeer) => Promise<{ status: number; body: unknown }>;

const fingerprintOf = (cert: PeerCertificate | undefined): string | undefined =>
  cert?.fingerprint256 ? cert.fingerprint256.replace(/:/g, '').toLowerCase() : undefined;

function sendJson(res: ServerResponse, status: number, body: unknown): void {
  const text = JSON.stringify(body);
  res.writeHead(status, { 'content-type': 'application/json; charset=utf-8', 'content-length': Buffer.byteLength(text), 'cache-control': 'no-store' });
  res.end(text);
}

function readBody(req: IncomingMessage, limit: number): Promise<{ ok: true; text: string } | { ok: false; reason: string }> {
  return new Promise((resolve) => {
    const declared = Number(req.headers['content-length'] ?? 0);
    if (declared > limit) {
      resolve({ ok: false, reason: `请求过大（${declared} 字节，上限 ${limit}）` });
      return;
    }
    const chunks: Buffer[] = [];
    let size = 0;
    let done = false;
    req.on('data', (chunk: Buffer) => {
      size += chunk.length;
      if (size > limit && !done) {
        done = true;
        resolve({ ok: false, reason: `请求过大（超过 ${limit} 字节）` });
        req.resume();
        return;
      }
      if (!done) chunks.push(chunk);
    });
    req.on('end', () => {
      if (!done) resolve({ ok: true, text: Buffer.concat(chunks).toString('utf8') });
      done = true;
    });
    req.on('error', () => {
      if (!done) resolve({ ok: false, reason: '连接中断' });
      done = true;
    });
  });
}

/** The office's sync listener. `host` is the interface the 主考 chose: never every interface by default. */
export function startSyncServer(options: { identity: TlsIdentity; host: string; port: number; handle: SyncHandler }): Promise<Server> {
  const server = createServer(
    {
      key: options.identity.keyPem,
      cert: options.identity.certPem,
      // Every door presents its own self-signed certificate; the handler decides by its fingerprint.
      requestCert: true,
      rejectUnauthorized: false,
      minVersion: 'TLSv1.3',
    },
    (req, res) => {
      void (async () => {
        const url = req.url ?? '';
        if (req.method !== 'POST' || !url.startsWith(SYNC_PATH_PREFIX)) return sendJson(res, 404, { ok: false, reason: '没有这个同步接口' });
        const fingerprint = fingerprintOf((req.socket as TLSSocket).getPeerCertificate());
        if (!fingerprint) return sendJson(res, 401, { ok: false, reason: '连接没有出示设备证书' });
        const body = await readBody(req, SYNC_MAX_BODY_BYTES);
        if (!body.ok) {
          res.setHeader('connection', 'close');
          return sendJson(res, 413, { ok: false, reason: body.reason });
        }
        let json: unknown;
        try {
          json = JSON.parse(body.text);
        } catch {
          return sendJson(res, 400, { ok: false, reason: '请求内容不是有效的 JSON' });
        }
        const answer = await options.handle(url.slice(SYNC_PATH_PREFIX.length), json, { fingerprint });
        sendJson(res, answer.status, answer.body);
      })().catch(() => {
        if (!res.headersSent) sendJson(res, 500, { ok: false, reason: '同步服务内部错误' });
        else res.destroy();
      });
    },
  );
  server.keepAliveTimeout = 5_000;
  server.headersTimeout = 15_000;
  server.requestTimeout = 60_000;
  return new Promise((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port, options.host, () => {
      server.off('error', reject);
      resolve(server);
    });
  });
}

export interface SyncTarget {
  host: string;
  port: number;
  /** The office certificate's whole fingerprint, or (first contact, typed code) its 16-hex prefix. */
  fingerprint: string;
}

export type SyncCallResult =
  | { ok: true; status: number; body: unknown; serverFingerprint: string }
  | { ok: false; reason: string; kind: 'unreachable' | 'wrong-certificate' | 'protocol' };

/** One request from a door to the office, the office's certificate checked against the pinned fingerprint. */
export function callSyncServer(target: SyncTarget, identity: TlsIdentity, op: string, body: unknown, timeoutMs = 15_000): Promise<SyncCallResult> {
  const text = JSON.stringify(body);
  return new Promise((resolve) => {
    let settled = false;
    const finish = (result: SyncCallResult): void => {
      if (!settled) resolve(result);
      settled = true;
    };
    const req = httpsRequest(
      {
        host: target.host,
        port: target.port,
        method: 'POST',
        path: `${SYNC_PATH_PREFIX}${op}`,
        key: identity.keyPem,
        cert: identity.certPem,
        minVersion: 'TLSv1.3',
        // The office's certificate is self-signed: the chain proves nothing, the pinned fingerprint everything.
        rejectUnauthorized: false,
        agent: false,
        timeout: timeoutMs,
        headers: { 'content-type': 'application/json', 'content-length': Buffer.byteLength(text) },
      },
      (res) => {
        const presented = fingerprintOf((res.socket as TLSSocket).getPeerCertificate());
        const chunks: Buffer[] = [];
        let size = 0;
        res.on('data', (chunk: Buffer) => {
          size += chunk.length;
          if (size > SYNC_MAX_BODY_BYTES) {
            req.destroy();
            finish({ ok: false, kind: 'protocol', reason: '考务办的回答过大' });
          } else chunks.push(chunk);
        });
        res.on('end', () => {
          try {
            finish({ ok: true, status: res.statusCode ?? 0, body: JSON.parse(Buffer.concat(chunks).toString('utf8')) as unknown, serverFingerprint: presented ?? '' });
          } catch {
            finish({ ok: false, kind: 'protocol', reason: '考务办的回答不完整或不是 JSON' });
          }
        });
        res.on('error', () => finish({ ok: false, kind: 'unreachable', reason: '连接中断' }));
        res.on('aborted', () => finish({ ok: false, kind: 'unreachable', reason: '连接中断' }));
      },
    );
    req.on('socket', (socket) => {
      (socket as TLSSocket).once('secureConnect', () => {
        const presented = fingerprintOf((socket as TLSSocket).getPeerCertificate());
        if (!presented || !presented.startsWith(target.fingerprint.toLowerCase()) || target.fingerprint.length < 16) {
          req.destroy();
          finish({ ok: false, kind: 'wrong-certificate', reason: '考务办证书指纹与配对时的不符：可能连错了设备，或有人冒充考务办' });
          return;
        }
        // Nothing of ours, not even the request line, leaves before the certificate is checked.
        req.end(text);
      });
    });
    req.on('timeout', () => {
      req.destroy();
      finish({ ok: false, kind: 'unreachable', reason: '连接考务办超时' });
    });
    req.on('error', (error: NodeJS.ErrnoException) => finish({ ok: false, kind: 'unreachable', reason: `无法连接考务办（${error.code ?? error.message}）` }));
  });
}
