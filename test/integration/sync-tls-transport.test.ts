import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Server } from 'node:https';
import { statSync } from 'node:fs';
import { join } from 'node:path';
import { loadOrCreateTlsIdentity, type TlsIdentity } from '../../electron/sync/tls-identity';
import { callSyncServer, startSyncServer, SYNC_MAX_BODY_BYTES, type SyncPeer } from '../../electron/sync/tls-transport';
import { makeTempDir } from '../support/temp-dir';

let office: TlsIdentity;
let door: TlsIdentity;
let stranger: TlsIdentity;
let server: Server;
let port: number;
const seen: { op: string; body: unknown; peer: SyncPeer }[] = [];

beforeAll(async () => {
  [office, door, stranger] = await Promise.all([
    loadOrCreateTlsIdentity(makeTempDir('tls-office').dir, 'office'),
    loadOrCreateTlsIdentity(makeTempDir('tls-door').dir, 'door'),
    loadOrCreateTlsIdentity(makeTempDir('tls-stranger').dir, 'stranger'),
  ]);
  server = await startSyncServer({
    identity: office,
    host: '127.0.0.1',
    port: 0,
    handle: async (op, body, peer) => {
      seen.push({ op, body, peer });
      return { status: 200, body: { ok: true, echo: body } };
    },
  });
  const address = server.address();
  port = typeof address === 'object' && address ? address.port : 0;
});

afterAll(() => new Promise<void>((resolve) => server.close(() => resolve())));

describe('sync over mutual TLS', () => {
  it('keeps one certificate per data folder, owner-only, and reloads it', async () => {
    const { dir } = makeTempDir('tls-reload');
    const first = await loadOrCreateTlsIdentity(dir, 'x');
    const again = await loadOrCreateTlsIdentity(dir, 'x');
    expect(again.fingerprint).toBe(first.fingerprint);
    expect(first.fingerprint).toMatch(/^[0-9a-f]{64}$/);
    expect(statSync(join(dir, 'sync-key.pem')).mode & 0o777).toBe(0o600);
  });

  it('answers a door that pinned the office certificate, and tells the office which door it is', async () => {
    const answer = await callSyncServer({ host: '127.0.0.1', port, fingerprint: office.fingerprint }, door, 'hello', { n: 1 });
    expect(answer).toMatchObject({ ok: true, status: 200, body: { ok: true, echo: { n: 1 } }, serverFingerprint: office.fingerprint });
    expect(seen.at(-1)).toEqual({ op: 'hello', body: { n: 1 }, peer: { fingerprint: door.fingerprint } });
  });

  it('accepts the 64-bit prefix a typed pairing code carries', async () => {
    const answer = await callSyncServer({ host: '127.0.0.1', port, fingerprint: office.fingerprint.slice(0, 16) }, door, 'hello', {});
    expect(answer.ok).toBe(true);
  });

  it('sends nothing to a server whose certificate is not the pinned one', async () => {
    const before = seen.length;
    const answer = await callSyncServer({ host: '127.0.0.1', port, fingerprint: stranger.fingerprint }, door, 'push', { secret: 'x' });
    expect(answer).toMatchObject({ ok: false, kind: 'wrong-certificate' });
    expect(seen.length).toBe(before);
  });

  it('refuses a pin shorter than 64 bits', async () => {
    const answer = await callSyncServer({ host: '127.0.0.1', port, fingerprint: office.fingerprint.slice(0, 8) }, door, 'hello', {});
    expect(answer).toMatchObject({ ok: false, kind: 'wrong-certificate' });
  });

  it('answers an oversized body with 413 and a reason, not a reset', async () => {
    const answer = await callSyncServer({ host: '127.0.0.1', port, fingerprint: office.fingerprint }, door, 'push', { blob: 'x'.repeat(SYNC_MAX_BODY_BYTES) });
    expect(answer).toMatchObject({ ok: true, status: 413 });
    if (answer.ok) expect(JSON.stringify(answer.body)).toContain('请求过大');
  });

  it('says the office is unreachable when nothing listens', async () => {
    const answer = await callSyncServer({ host: '127.0.0.1', port: 1, fingerprint: office.fingerprint }, door, 'hello', {}, 2000);
    expect(answer).toMatchObject({ ok: false, kind: 'unreachable' });
  });
});
