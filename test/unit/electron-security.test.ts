import { EventEmitter } from 'node:events';
import { join } from 'node:path';
import type { App, Session, WebContents } from 'electron';
import { beforeEach, describe, expect, it, vi } from 'vitest';
import { API_METHODS, type ExamDayHandlers } from '../../shared/api/contract';
import { ok } from '../../shared/api/result';
import { dispatchApiCall } from '../../electron/core/dispatch';
import { BROWSER_MODE_CSP } from '../../electron/server/http-api';
import { APP_CSP, APP_ENTRY_URL, isAppUrl, resolveRendererFile } from '../../electron/main/app-url';
import {
  guardNavigation,
  hardenSession,
  installSecurity,
  isAllowedPermission,
  isAllowedPermissionCheck,
  isRemoteUrl,
  isTrustedSender,
  REMOTE_URL_PATTERNS,
} from '../../electron/main/security';
import { parseMainArgs } from '../../electron/main/args';
import { electronNativeBinding } from '../../electron/main/native-binding';

// The Electron runtime is not needed (nor, on this machine, present): the shell's modules that
// import it at runtime get this stand-in, and every rule is checked against plain objects.
const electron = vi.hoisted(() => ({
  exposeInMainWorld: vi.fn(),
  invoke: vi.fn((...args: unknown[]) => Promise.resolve(args)),
  handle: vi.fn(),
}));
vi.mock('electron', () => ({
  BrowserWindow: class {},
  contextBridge: { exposeInMainWorld: electron.exposeInMainWorld },
  ipcRenderer: { invoke: electron.invoke },
  ipcMain: { handle: electron.handle },
}));

const { mainWindowOptions } = await import('../../electron/main/window');
const { answerApiCall, registerApiIpc } = await import('../../electron/main/ipc');
const { API_CHANNEL } = await import('../../electron/preload/api-channel');

describe('the app:// origin', () => {
  it('is our scheme and host only', () => {
    expect(isAppUrl(APP_ENTRY_URL)).toBe(true);
    expect(isAppUrl('app://examday')).toBe(true);
    expect(isAppUrl('app://examday/assets/index.js?v=1#x')).toBe(true);
    for (const url of [
      'app://evil/index.html',
      'app://examday.evil.com/',
      'app://examday:8080/',
      'app://user@examday/',
      'https://examday/',
      'http://127.0.0.1:5780/',
      'file:///work/main/dist/renderer/index.html',
      'not a url',
      '',
      undefined,
      null,
    ]) {
      expect(isAppUrl(url), String(url)).toBe(false);
    }
  });

  it('serves files inside dist/renderer and nothing outside it', () => {
    const root = join('/srv', 'renderer');
    expect(resolveRendererFile(root, 'app://examday/')).toBe(join(root, 'index.html'));
    expect(resolveRendererFile(root, 'app://examday/index.html')).toBe(join(root, 'index.html'));
    expect(resolveRendererFile(root, 'app://examday/assets/index-abc.js')).toBe(join(root, 'assets', 'index-abc.js'));
    expect(resolveRendererFile(root, 'app://examday/assets/%E8%80%83.png')).toBe(join(root, 'assets', '考.png'));
    // URL normalisation may fold a plain `..` back inside the folder; what matters is never leaving it.
    for (const url of ['app://examday/../secret', 'app://examday/a/../../secret', 'app://examday/%2e%2e/secret', 'app://examday/%2Fetc%2Fpasswd']) {
      const file = resolveRendererFile(root, url);
      expect(file === null || file.startsWith(join(root, '/')), `${url} → ${file}`).toBe(true);
    }
    for (const url of [
      'app://examday/assets/%2E%2E%2F%2E%2E%2Fsecret',
      'app://examday/..%5C..%5Csecret',
      'app://examday/.env',
      'app://examday/assets/.git/config',
      'app://examday/assets/%00.js',
      'app://examday/%E0%A4%A',
      'app://other/index.html',
      'file:///srv/renderer/index.html',
    ]) {
      expect(resolveRendererFile(root, url), url).toBeNull();
    }
  });

  it('has the same content security policy as browser mode', () => {
    const directives = (csp: string) => csp.split(';').map((d) => d.trim()).sort();
    expect(directives(APP_CSP)).toEqual(directives(BROWSER_MODE_CSP));
    // WebAssembly for the barcode decoder, but never JavaScript eval.
    expect(APP_CSP).toContain("script-src 'self' 'wasm-unsafe-eval';");
    expect(APP_CSP).toContain("object-src 'none'");
    expect(APP_CSP).not.toMatch(/'unsafe-eval'|https?:|\*/);
  });
});

describe('permissions', () => {
  const fromApp = { requestingUrl: APP_ENTRY_URL, isMainFrame: true };

  it('grants the camera alone to our main frame', () => {
    expect(isAllowedPermission('media', { ...fromApp, mediaTypes: ['video'] })).toBe(true);
  });

  it('refuses the microphone, camera-with-microphone and unspecified media', () => {
    expect(isAllowedPermission('media', { ...fromApp, mediaTypes: ['audio'] })).toBe(false);
    expect(isAllowedPermission('media', { ...fromApp, mediaTypes: ['video', 'audio'] })).toBe(false);
    expect(isAllowedPermission('media', { ...fromApp, mediaTypes: [] })).toBe(false);
    expect(isAllowedPermission('media', fromApp)).toBe(false);
  });

  it('refuses the camera to other origins and to subframes', () => {
    expect(isAllowedPermission('media', { requestingUrl: 'https://evil.example/', isMainFrame: true, mediaTypes: ['video'] })).toBe(false);
    expect(isAllowedPermission('media', { requestingUrl: 'file:///tmp/x.html', isMainFrame: true, mediaTypes: ['video'] })).toBe(false);
    expect(isAllowedPermission('media', { ...fromApp, isMainFrame: false, mediaTypes: ['video'] })).toBe(false);
  });

  it('refuses every other permission', () => {
    for (const permission of [
      'notifications',
      'geolocation',
      'clipboard-read',
      'display-capture',
      'midi',
      'midiSysex',
      'openExternal',
      'pointerLock',
      'fullscreen',
      'fileSystem',
      'mediaKeySystem',
      'window-management',
      'unknown',
    ]) {
      expect(isAllowedPermission(permission, { ...fromApp, mediaTypes: ['video'] }), permission).toBe(false);
      expect(isAllowedPermissionCheck(permission, 'app://examday', { mediaType: 'video', isMainFrame: true }), permission).toBe(false);
    }
  });

  it('answers permission checks the same way', () => {
    expect(isAllowedPermissionCheck('media', 'app://examday', { mediaType: 'video', isMainFrame: true })).toBe(true);
    expect(isAllowedPermissionCheck('media', 'app://examday', { mediaType: 'audio', isMainFrame: true })).toBe(false);
    expect(isAllowedPermissionCheck('media', 'app://examday', { mediaType: 'unknown', isMainFrame: true })).toBe(false);
    expect(isAllowedPermissionCheck('media', 'http://127.0.0.1:5780', { mediaType: 'video', isMainFrame: true })).toBe(false);
  });
});

describe('IPC sender check', () => {
  it('trusts only our main frame', () => {
    expect(isTrustedSender('app://examday/index.html', true)).toBe(true);
    expect(isTrustedSender('app://examday/index.html#/door', true)).toBe(true);
    expect(isTrustedSender('app://examday/index.html', false)).toBe(false);
    for (const url of ['http://127.0.0.1:5780/', 'https://examday/', 'file:///work/main/dist/renderer/index.html', 'app://evil/', 'about:blank', '', undefined, null]) {
      expect(isTrustedSender(url, true), String(url)).toBe(false);
    }
  });

  const handlers = {
    getDay: vi.fn(() => ok({ plan: null, rooms: [], staff: [], deviceId: 'abcdef0123456789', serverTime: '2026-11-25T00:00:00.000Z' })),
    getRoomRoster: vi.fn(),
    checkIn: vi.fn(),
    verifyLog: vi.fn(),
  } as unknown as ExamDayHandlers;
  // The main process forwards to the core process, which dispatches (serve-core.ts); here it dispatches in place.
  const core = { call: vi.fn((method: unknown, input: unknown) => Promise.resolve(dispatchApiCall(handlers, method, input))) };
  beforeEach(() => {
    vi.mocked(handlers.getDay).mockClear();
    core.call.mockClear();
  });

  it('forwards calls from our window to the core and refuses everyone else before anything is forwarded', async () => {
    const main = { url: APP_ENTRY_URL, parent: null };
    await expect(answerApiCall(core, main, 'getDay', {})).resolves.toMatchObject({ ok: true, value: { deviceId: 'abcdef0123456789' } });
    await expect(answerApiCall(core, main, 'dropTables', {})).resolves.toMatchObject({ ok: false, error: { code: 'unknown-method' } });
    expect(handlers.getDay).toHaveBeenCalledTimes(1);
    expect(core.call).toHaveBeenCalledTimes(2);

    const destroyed = {
      get url(): string {
        throw new Error('Render frame was disposed');
      },
      parent: null,
    };
    for (const frame of [
      { url: APP_ENTRY_URL, parent: main },
      { url: 'https://evil.example/', parent: null },
      { url: 'file:///tmp/index.html', parent: null },
      destroyed,
      null,
      undefined,
    ]) {
      await expect(answerApiCall(core, frame, 'getDay', {})).resolves.toMatchObject({ ok: false, error: { code: 'unauthorized' } });
    }
    expect(core.call).toHaveBeenCalledTimes(2);
    expect(handlers.getDay).toHaveBeenCalledTimes(1);
  });

  it('registers one channel, the one the preload calls', async () => {
    registerApiIpc(core);
    expect(electron.handle).toHaveBeenCalledWith(API_CHANNEL, expect.any(Function));
    const listener = electron.handle.mock.calls[0]?.[1] as (event: unknown, method: unknown, input: unknown) => Promise<unknown>;
    await expect(listener({ senderFrame: { url: 'https://evil.example/', parent: null } }, 'getDay', {})).resolves.toMatchObject({ ok: false });
    await expect(listener({ senderFrame: { url: APP_ENTRY_URL, parent: null } }, 'getDay', {})).resolves.toMatchObject({ ok: true });
    expect(core.call).toHaveBeenCalledTimes(1);
  });
});

describe('preload bridge', () => {
  it('exposes exactly one function per API method, each invoking the one channel', async () => {
    await import('../../electron/preload/preload');
    expect(electron.exposeInMainWorld).toHaveBeenCalledTimes(1);
    const [name, bridge] = electron.exposeInMainWorld.mock.calls[0] as [string, Record<string, (input: unknown) => Promise<unknown>>];
    expect(name).toBe('examDayBridge');
    expect(Object.keys(bridge).sort()).toEqual([...API_METHODS].sort());
    const input = { roomNo: '01' };
    await bridge.getRoomRoster?.(input);
    expect(electron.invoke).toHaveBeenLastCalledWith(API_CHANNEL, 'getRoomRoster', input);
  });
});

function fakeContents() {
  const emitter = new EventEmitter();
  let openHandler: ((details: { url: string }) => { action: string }) | undefined;
  const contents = Object.assign(emitter, {
    setWindowOpenHandler: (handler: typeof openHandler) => {
      openHandler = handler;
    },
  });
  const fire = (event: string, url?: string) => {
    const e = { preventDefault: vi.fn(), url };
    emitter.emit(event, e, url);
    return e.preventDefault.mock.calls.length > 0;
  };
  return { contents: contents as unknown as WebContents, fire, open: (url: string) => openHandler?.({ url }) };
}

describe('navigation guard', () => {
  it('keeps navigation inside the app and opens no windows or webviews', () => {
    const { contents, fire, open } = fakeContents();
    guardNavigation(contents);
    expect(fire('will-navigate', 'app://examday/index.html')).toBe(false);
    expect(fire('will-navigate', 'https://evil.example/')).toBe(true);
    expect(fire('will-navigate', 'file:///etc/passwd')).toBe(true);
    expect(fire('will-navigate', 'http://127.0.0.1:5780/')).toBe(true);
    expect(fire('will-redirect', 'app://examday/index.html')).toBe(false);
    expect(fire('will-redirect', 'https://evil.example/')).toBe(true);
    expect(fire('will-attach-webview')).toBe(true);
    expect(open('https://evil.example/')).toEqual({ action: 'deny' });
    expect(open(APP_ENTRY_URL)).toEqual({ action: 'deny' });
  });

  it('is installed on every web contents the app creates', () => {
    const app = new EventEmitter();
    installSecurity(app as unknown as App);
    const { contents, fire } = fakeContents();
    app.emit('web-contents-created', {}, contents);
    expect(fire('will-navigate', 'https://evil.example/')).toBe(true);
  });
});

describe('session hardening', () => {
  it('wires the permission rules, refuses devices and cancels every remote request', () => {
    const session = {
      setPermissionRequestHandler: vi.fn(),
      setPermissionCheckHandler: vi.fn(),
      setDevicePermissionHandler: vi.fn(),
      webRequest: { onBeforeRequest: vi.fn() },
    };
    hardenSession(session as unknown as Session);

    const request = session.setPermissionRequestHandler.mock.calls[0]?.[0] as (...args: unknown[]) => void;
    const answers: boolean[] = [];
    request({}, 'media', (granted: boolean) => answers.push(granted), { requestingUrl: APP_ENTRY_URL, isMainFrame: true, mediaTypes: ['video'] });
    request({}, 'media', (granted: boolean) => answers.push(granted), { requestingUrl: APP_ENTRY_URL, isMainFrame: true, mediaTypes: ['audio'] });
    request({}, 'notifications', (granted: boolean) => answers.push(granted), { requestingUrl: APP_ENTRY_URL, isMainFrame: true });
    expect(answers).toEqual([true, false, false]);

    const check = session.setPermissionCheckHandler.mock.calls[0]?.[0] as (...args: unknown[]) => boolean;
    expect(check({}, 'media', 'app://examday', { mediaType: 'video', isMainFrame: true })).toBe(true);
    expect(check({}, 'geolocation', 'app://examday', { isMainFrame: true })).toBe(false);

    const device = session.setDevicePermissionHandler.mock.calls[0]?.[0] as () => boolean;
    expect(device()).toBe(false);

    const [filter, onRequest] = session.webRequest.onBeforeRequest.mock.calls[0] as [{ urls: string[] }, (d: unknown, cb: (r: unknown) => void) => void];
    expect(filter.urls).toEqual(REMOTE_URL_PATTERNS);
    const cancelled: unknown[] = [];
    onRequest({ url: 'https://cdn.example/x.js' }, (response) => cancelled.push(response));
    expect(cancelled).toEqual([{ cancel: true }]);
  });

  it('counts http, https, ws and wss as remote, and our own scheme as not', () => {
    for (const url of ['http://127.0.0.1/', 'https://example.com/', 'ws://example.com/', 'wss://example.com/']) expect(isRemoteUrl(url), url).toBe(true);
    for (const url of [APP_ENTRY_URL, 'blob:app://examday/1', 'data:image/png;base64,', 'devtools://devtools/']) expect(isRemoteUrl(url), url).toBe(false);
  });
});

describe('main window', () => {
  it('isolates the renderer: context isolation, sandbox, no Node, web security on', () => {
    const options = mainWindowOptions('/app/dist/electron/preload.js');
    expect(options.webPreferences).toMatchObject({
      contextIsolation: true,
      sandbox: true,
      nodeIntegration: false,
      nodeIntegrationInWorker: false,
      nodeIntegrationInSubFrames: false,
      webSecurity: true,
      allowRunningInsecureContent: false,
      webviewTag: false,
      preload: '/app/dist/electron/preload.js',
    });
    expect(options).toMatchObject({ width: 1366, height: 768, title: '考务现场', show: false });
    expect(options.minWidth).toBeGreaterThanOrEqual(1024);
  });
});

describe('main process arguments and native binding', () => {
  it('takes --data and --sample-start and ignores switches Electron or Playwright add', () => {
    expect(parseMainArgs(['.', '--data', '/tmp/d', '--sample-start', '08:30', '--remote-debugging-port=0', '--inspect=0'])).toEqual({
      dataDir: '/tmp/d',
      sampleStart: '08:30',
      ignoredClockSwitches: [],
    });
    expect(parseMainArgs([])).toEqual({ dataDir: undefined, sampleStart: undefined, ignoredClockSwitches: [] });
    expect(() => parseMainArgs(['--sample-start', '8.30'])).toThrow(/HH:MM/);
  });

  it('loads the .native/ Electron build from a checkout and the rebuilt one when packaged', () => {
    const sqlitePackage = { name: 'better-sqlite3-multiple-ciphers', version: '12.11.1' };
    const ctx = { projectRoot: '/p', electronVersion: '39.8.9', platform: 'linux', arch: 'x64', sqlitePackage };
    const folder = 'better-sqlite3-multiple-ciphers-12.11.1-electron-39.8.9-linux-x64';
    expect(electronNativeBinding({ ...ctx, isPackaged: false })).toBe(join('/p', '.native', folder, 'better_sqlite3.node'));
    expect(electronNativeBinding({ ...ctx, isPackaged: true })).toBeUndefined();
  });
});
