import { expect } from '@playwright/test';
import { spawn, type ChildProcess } from 'node:child_process';
import { resolve } from 'node:path';

const ROOT = resolve(__dirname, '..', '..', '..');

export interface RunningServer {
  /** The URL the server printed, with its per-run token. */
  url: string;
  origin: string;
  token: string;
  stop(): Promise<void>;
}

/** Starts the real browser-mode server (dist/server.js) on a free port and waits for its URL. */
export function startServer(options: { dataDir: string; sampleStart?: string; extraArgs?: string[] }): Promise<RunningServer> {
  const args = [resolve(ROOT, 'dist', 'server.js'), '--port', '0', '--data', options.dataDir];
  if (options.sampleStart) args.push('--sample-start', options.sampleStart);
  args.push(...(options.extraArgs ?? []));
  const child: ChildProcess = spawn(process.execPath, args, { cwd: ROOT, stdio: ['ignore', 'pipe', 'pipe'] });
  return new Promise((resolvePromise, reject) => {
    let output = '';
    const timer = setTimeout(() => reject(new Error(`server did not start: ${output}`)), 20_000);
    const onData = (chunk: Buffer) => {
      output += chunk.toString();
      const match = /(http:\/\/127\.0\.0\.1:\d+)\/#token=([\w-]+)/.exec(output);
      if (!match) return;
      clearTimeout(timer);
      const [url, origin = '', token = ''] = match;
      resolvePromise({
        url,
        origin,
        token,
        stop: () =>
          new Promise((done) => {
            if (child.exitCode !== null) return done();
            child.once('exit', () => done());
            child.kill('SIGTERM');
          }),
      });
    };
    child.stdout?.on('data', onData);
    child.stderr?.on('data', (chunk: Buffer) => (output += chunk.toString()));
    child.once('exit', (code) => {
      clearTimeout(timer);
      reject(new Error(`server exited (${code}): ${output}`));
    });
  });
}

/** One API call to a test's server, as the page would make it; fails the test unless it is answered ok. */
export async function callApi<T>(server: RunningServer, method: string, input: object): Promise<T> {
  const response = await fetch(`${server.origin}/api/${method}`, {
    method: 'POST',
    headers: { 'Content-Type': 'application/json', Authorization: `Bearer ${server.token}` },
    body: JSON.stringify(input),
  });
  const answer = (await response.json()) as { ok: boolean; value: T };
  expect(answer.ok, `${method} answered ${JSON.stringify(answer)}`).toBe(true);
  return answer.value;
}
