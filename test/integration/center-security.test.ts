import { describe, expect, it } from 'vitest';
import { readdirSync, readFileSync } from 'node:fs';
import { request } from 'node:https';
import { join } from 'node:path';
import { issueEnrolmentCode } from '../../electron/center/enrolment';
import { EMBEDDED_FILE, SqliteCenterStore } from '../../electron/center/store/sqlite-center-store';
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

describe('the embedded store at rest', () => {
  it('is encrypted: the file holds no organisation name, and opens again with the key beside the folder', async () => {
    const temp = makeTempDir('examday-center-');
    try {
      const first = SqliteCenterStore.open(temp.dir);
      await issueEnrolmentCode(first, '北京职业技能评价中心PLAINTEXT', new Date());
      await first.identity(() => ({ privateKeyPem: 'pem', publicKeyHex: 'ab', deviceId: '0123456789abcdef' }));
      await first.close();
      const bytes = readdirSync(temp.dir)
        .filter((f) => f.startsWith(EMBEDDED_FILE))
        .map((f) => readFileSync(join(temp.dir, f)));
      expect(bytes.length).toBeGreaterThan(0);
      for (const b of bytes) expect(b.includes(Buffer.from('PLAINTEXT'))).toBe(false);
      expect(readFileSync(join(temp.dir, EMBEDDED_FILE)).subarray(0, 15).toString()).not.toBe('SQLite format 3');
      const again = SqliteCenterStore.open(temp.dir);
      const held = await again.identity(() => {
        throw new Error('the identity should have been read, not created');
      });
      expect(held.deviceId).toBe('0123456789abcdef');
      await again.close();
    } finally {
      temp.remove();
    }
  });
});
