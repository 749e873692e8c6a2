import { stat } from 'node:fs/promises';
import { pathToFileURL } from 'node:url';
import { net, protocol } from 'electron';
import { APP_CSP, APP_SCHEME, resolveRendererFile } from './app-url';

/**
 * `app://examday/` is a standard, secure origin (so getUserMedia and fetch work as on https)
 * that serves only dist/renderer. Must run before the app is ready.
 */
export function registerAppScheme(): void {
  protocol.registerSchemesAsPrivileged([
    { scheme: APP_SCHEME, privileges: { standard: true, secure: true, supportFetchAPI: true, codeCache: true } },
  ]);
}

function notFound(): Response {
  return new Response('Not found', { status: 404, headers: { 'Content-Type': 'text/plain; charset=utf-8' } });
}

/** Serves the built renderer; anything outside it, or not a plain file, is a 404. */
export function handleAppProtocol(rendererDir: string): void {
  protocol.handle(APP_SCHEME, async (request) => {
    if (request.method !== 'GET' && request.method !== 'HEAD') return new Response(null, { status: 405 });
    const file = resolveRendererFile(rendererDir, request.url);
    if (file === null) return notFound();
    try {
      // A directory would come back from file: as a generated listing.
      if (!(await stat(file)).isFile()) return notFound();
      const upstream = await net.fetch(pathToFileURL(file).toString());
      if (!upstream.ok) return notFound();
      const headers = new Headers(upstream.headers);
      headers.set('Content-Security-Policy', APP_CSP);
      headers.set('X-Content-Type-Options', 'nosniff');
      headers.set('Referrer-Policy', 'no-referrer');
      headers.set('Cache-Control', 'no-cache');
      return new Response(request.method === 'HEAD' ? null : upstream.body, { status: 200, headers });
    } catch {
      return notFound();
    }
  });
}
