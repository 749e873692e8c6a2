import { fileURLToPath } from 'node:url';
import react from '@vitejs/plugin-react';
import { defineConfig } from 'vite';

const rendererDir = fileURLToPath(new URL('.', import.meta.url));

/**
 * The renderer is built to static files that need nothing from the network: no CDN, no remote
 * fonts. `base: './'` keeps every URL relative, so the same build loads from the browser-mode
 * server, Electron's app protocol or a file URL.
 */
export default defineConfig({
  root: rendererDir,
  base: './',
  plugins: [react()],
  build: {
    outDir: fileURLToPath(new URL('../dist/renderer', import.meta.url)),
    emptyOutDir: true,
    target: 'es2022',
    sourcemap: true,
    // No inlined data: URLs for scripts; assets stay files under the same origin.
    assetsInlineLimit: 0,
    rolldownOptions: {
      input: {
        main: fileURLToPath(new URL('./index.html', import.meta.url)),
        // The camera scanner alone, for its e2e test and benchmark (no API, no data).
        'camera-harness': fileURLToPath(new URL('./camera-harness.html', import.meta.url)),
        // The center's review page (npm run center serves it).
        center: fileURLToPath(new URL('./center.html', import.meta.url)),
      },
      output: {
        // The barcode library (QR codes for badges, the time code, pairing; the camera's decoder) is a
        // chunk of its own, shared, rather than half of the app's first chunk (issue 15 item 14).
        codeSplitting: { groups: [{ name: 'zxing', test: /node_modules[\\/]@zxing[\\/]/ }] },
      },
    },
  },
  server: {
    host: '127.0.0.1',
    fs: { allow: [fileURLToPath(new URL('..', import.meta.url))] },
  },
});
