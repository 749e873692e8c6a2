/**
 * The one content security policy for the renderer, sent by the browser-mode server and by
 * Electron's app:// protocol alike: nothing but our own origin, no inline or remote script,
 * camera frames only as blob/mediastream.
 */
export const CONTENT_SECURITY_POLICY = [
  "default-src 'self'",
  // WebAssembly (zxing-wasm, the barcode decoder) compiles only with this; JavaScript eval stays refused.
  "script-src 'self' 'wasm-unsafe-eval'",
  "style-src 'self' 'unsafe-inline'",
  "img-src 'self' data: blob:",
  "media-src 'self' blob: mediastream:",
  "connect-src 'self'",
  "font-src 'self'",
  "object-src 'none'",
  "base-uri 'none'",
  "form-action 'none'",
  "frame-ancestors 'none'",
].join('; ');
