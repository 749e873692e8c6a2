import { describe, expect, it } from 'vitest';
import { request } from 'node:https';
import { openCenterApp } from '../../electron/center/center-app';
import { listen } from '../../electron/center/http/center-server';
import { loadOrCreateTlsIdentity } from '../../electron/sync/tls-identity';
import { makeTempDir } from '../support/temp-dir';

/** One HTTPS GET to the center, trusting exactly its own certificate. */
function getOverTls(port: number, path: string, ca: string): Promise<{ status: number; headers: Record<string, string | string[] | undefined> }> {
  return new Promise((resolve, reject) => {
    const req = request({ host: '127.0.0.1', port, path, ca, checkServerIdentity: () => undefined }, (res) => {
      res.resume();
      res.on('end', () => resolve({ status: res.statusCode ?? 0, headers: res.headers }));
    });
    req.on('error', reject);
    req.end();
  });
}

describe('the center on a network', () => {
  it('speaks HTTPS with HSTS when given a certificate', async () => {
    const temp = makeTempDir('examday-center-');
    const identity = await loadOrCreateTlsIdentity(temp.dir, 'center.test');
    const app = await openCenterApp({ dataDir: temp.dir, tls: { keyPem: identity.keyPem, certPem: identity.certPem } });
    try {
      const port = await listen(app.server, 0, '127.0.0.1');
      const answer = await getOverTls(port, '/api/me', identity.certPem);
      expect(answer.status).toBe(401);
      expect(answer.headers['strict-transport-security']).toBe('max-age=31536000');
      expect(answer.headers['x-content-type-options']).toBe('nosniff');
      await expect(fetch(`http://127.0.0.1:${port}/api/me`)).rejects.toThrow();
    } finally {
      await app.close();
      temp.remove();
    }
  });

  it('rate-limits login attempts from one address and enrolment attempts', async () => {
    const temp = makeTempDir('examday-center-');
    // A clock that stands still: the buckets refill by the center's clock, not by how slowly scrypt runs here.
    const app = await openCenterApp({ dataDir: temp.dir, now: () => new Date(2026, 10, 30, 9, 0) });
    try {
      const port = await listen(app.server, 0, '127.0.0.1');
      const login = () =>
        fetch(`http://127.0.0.1:${port}/api/login`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ username: `u${Math.random()}`, password: 'x' }) });
      const statuses: number[] = [];
      for (let i = 0; i < 12; i += 1) statuses.push((await login()).status);
      // Ten in a burst, each refused as a wrong password; then the address waits.
      expect(statuses.slice(0, 10).every((s) => s === 401)).toBe(true);
      expect(statuses.slice(10)).toEqual([429, 429]);
      const enrol = () => fetch(`http://127.0.0.1:${port}/center/v1/enrol`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: '{}' });
      const enrols: number[] = [];
      for (let i = 0; i < 7; i += 1) enrols.push((await enrol()).status);
      expect(enrols.slice(0, 5).every((s) => s === 400)).toBe(true);
      expect(enrols.slice(5)).toEqual([429, 429]);
    } finally {
      await app.close();
      temp.remove();
    }
  });
});
