import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import sirv from 'sirv';
import type { ExamDayHandlers } from '../../shared/api/contract';
import { err, type ApiResult } from '../../shared/api/result';
import { dispatchApiCall } from '../core/dispatch';
import { CONTENT_SECURITY_POLICY } from '../security/content-security-policy';
import { attachApiSocket } from './api-socket';
import { isOwnHost, isOwnOrigin, sameSecret } from './guards';

export const API_PREFIX = '/api/';
const MAX_BODY_BYTES = 1024 * 1024;
/**
 * The few methods that carry files get their own, explicit limits; every other call stays at 1 MB.
 * The renderer sends photos in batches well under their limit.
 */
export const METHOD_BODY_LIMITS: Readonly<Record<string, number>> = {
  attachCandidatePhotos: 24 * 1024 * 1024,
  // 20 000 candidates of ~300 bytes of JSON each.
  importRoster: 16 * 1024 * 1024,
  previewRosterReimport: 16 * 1024 * 1024,
  applyRosterReimport: 16 * 1024 * 1024,
  // The day package file as text (contract: DAY_PACKAGE_MAX_CHARS), plus the JSON around it.
  importDayPackage: 210 * 1024 * 1024,
  inspectDayPackage: 210 * 1024 * 1024,
  // A 同步包 as text (sync-api: SYNC_FILE_MAX_CHARS), plus the JSON around it.
  importSyncFile: 210 * 1024 * 1024,
  inspectSyncFile: 210 * 1024 * 1024,
};

/** The browser mode's policy: the same as Electron's app:// protocol sends. */
export const BROWSER_MODE_CSP = CONTENT_SECURITY_POLICY;

export interface ApiServerOptions {
  handlers: ExamDayHandlers;
  /** Built renderer (dist/renderer); omitted serves the API only. */
  rendererDir?: string;
  /** Per-run secret every API call must carry as `Authorization: Bearer …`. */
  token: string;
}

const STATUS_BY_CODE: Record<string, number> = {
  'invalid-input': 400,
  'unknown-method': 404,
  'not-found': 404,
  refused: 409,
  unauthorized: 401,
  internal: 500,
};

function send(res: ServerResponse, result: ApiResult<unknown>, status = result.ok ? 200 : (STATUS_BY_CODE[result.error.code] ?? 500)): void {
  const body = JSON.stringify(result);
  res.writeHead(status, {
    'Content-Type': 'application/json; charset=utf-8',
    'Cache-Control': 'no-store',
    'X-Content-Type-Options': 'nosniff',
  });
  res.end(body);
}

class BodyTooLarge extends Error {}

/**
 * The body as text, or BodyTooLarge once it passes `limit`. Past the limit the rest is read and
 * dropped rather than the socket destroyed, so the client receives the 413 and its reason instead
 * of a connection reset; the answer then closes the connection.
 */
function readBody(req: IncomingMessage, limit: number): Promise<string> {
  return new Promise((resolve, reject) => {
    let size = 0;
    let tooLarge = false;
    const chunks: Buffer[] = [];
    req.on('data', (chunk: Buffer) => {
      size += chunk.length;
      if (tooLarge) return;
      if (size > limit) {
        tooLarge = true;
        chunks.length = 0;
        reject(new BodyTooLarge());
        return;
      }
      chunks.push(chunk);
    });
    req.on('end', () => resolve(Buffer.concat(chunks).toString('utf8')));
    req.on('error', reject);
  });
}

/** The method named by the path, or undefined when the path is not valid percent-encoding. */
function methodFromPath(url: string): string | undefined {
  try {
    return decodeURIComponent(url.slice(API_PREFIX.length).split('?')[0] ?? '');
  } catch {
    return undefined;
  }
}

function megabytes(bytes: number): string {
  return `${Math.round(bytes / 1024 / 1024)} MB`;
}

async function handleApi(req: IncomingMessage, res: ServerResponse, options: ApiServerOptions, port: number): Promise<void> {
  const origin = req.headers.origin;
  if (origin !== undefined && !isOwnOrigin(origin, port)) {
    send(res, err('unauthorized', '拒绝：请求来自其他网站'));
    return;
  }
  const auth = req.headers.authorization ?? '';
  if (!auth.startsWith('Bearer ') || !sameSecret(auth.slice('Bearer '.length), options.token)) {
    send(res, err('unauthorized', '拒绝：缺少或错误的访问令牌，请使用启动时打印的网址打开'));
    return;
  }
  if (req.method !== 'POST') {
    send(res, err('invalid-input', '接口只接受 POST 请求'));
    return;
  }
  if (!(req.headers['content-type'] ?? '').startsWith('application/json')) {
    send(res, err('invalid-input', '请求内容须为 JSON'));
    return;
  }
  const method = methodFromPath(req.url ?? '');
  if (method === undefined) {
    send(res, err('invalid-input', '接口地址不是有效的网址编码'));
    return;
  }
  const limit = Object.prototype.hasOwnProperty.call(METHOD_BODY_LIMITS, method) ? (METHOD_BODY_LIMITS[method] ?? MAX_BODY_BYTES) : MAX_BODY_BYTES;
  const declared = Number(req.headers['content-length'] ?? '0');
  let text: string;
  try {
    if (declared > limit) throw new BodyTooLarge();
    text = await readBody(req, limit);
  } catch (error) {
    if (!(error instanceof BodyTooLarge)) throw error;
    res.shouldKeepAlive = false;
    send(res, err('invalid-input', `请求内容过大（上限 ${megabytes(limit)}），未处理`), 413);
    return;
  }
  let input: unknown;
  try {
    input = text === '' ? {} : JSON.parse(text);
  } catch {
    send(res, err('invalid-input', '请求内容不是有效的 JSON'));
    return;
  }
  send(res, dispatchApiCall(options.handlers, method, input));
}

/** The browser mode's server: the built renderer and ExamDayApi over HTTP and its socket, on loopback only. */
export function createApiServer(options: ApiServerOptions): Server {
  const serveStatic = options.rendererDir
    ? sirv(options.rendererDir, {
        single: true,
        dotfiles: false,
        setHeaders: (res) => {
          res.setHeader('Content-Security-Policy', BROWSER_MODE_CSP);
          res.setHeader('X-Content-Type-Options', 'nosniff');
          res.setHeader('Referrer-Policy', 'no-referrer');
        },
      })
    : undefined;
  const server = createServer((req, res) => {
    const address = server.address();
    const port = typeof address === 'object' && address ? address.port : 0;
    if (!isOwnHost(req.headers.host, port)) {
      res.writeHead(421, { 'Content-Type': 'text/plain; charset=utf-8' }).end('拒绝：主机名不是本机');
      return;
    }
    if ((req.url ?? '').startsWith(API_PREFIX)) {
      handleApi(req, res, options, port).catch(() => send(res, err('internal', '考务核心内部错误')));
      return;
    }
    if (serveStatic && (req.method === 'GET' || req.method === 'HEAD')) {
      serveStatic(req, res, () => {
        res.writeHead(404).end();
      });
      return;
    }
    res.writeHead(404).end();
  });
  attachApiSocket(server, { handlers: options.handlers, token: options.token });
  return server;
}
