import { describe, expect, it } from 'vitest';
import { decodePairing, encodePairingCode, encodePairingQr, fingerprintMatches, formatFingerprint } from '../../shared/sync/pairing-code';

const FINGERPRINT = 'a1b2c3d4e5f60718293a4b5c6d7e8f90a1b2c3d4e5f60718293a4b5c6d7e8f90';
const offer = { host: '192.168.10.20', port: 8443, fingerprint: FINGERPRINT, token: '0f1e2d3c4b' };

describe('pairing code', () => {
  it('round-trips the typed code with the fingerprint prefix', () => {
    const code = encodePairingCode(offer);
    expect(code).toMatch(/^([0-9A-HJKMNP-TV-Z]{4}-){7}[0-9A-HJKMNP-TV-Z]{4}$/);
    const decoded = decodePairing(code);
    expect(decoded).toEqual({ ok: true, offer: { ...offer, fingerprint: FINGERPRINT.slice(0, 16) } });
  });

  it('reads a code typed in lower case, without dashes, with O for 0 and l for 1', () => {
    const code = encodePairingCode(offer).replace(/-/g, '').toLowerCase().replace(/0/g, 'o').replace(/1/g, 'l');
    expect(decodePairing(` ${code} `).ok).toBe(true);
  });

  it.each([
    ['one character changed', (c: string) => (c[0] === '7' ? `8${c.slice(1)}` : `7${c.slice(1)}`), '校验不符'],
    ['a group missing', (c: string) => c.slice(5), '32 个字符'],
    ['a U in it', (c: string) => `U${c.slice(1)}`, '无效字符'],
  ])('refuses a code with %s', (_what, spoil, reason) => {
    const decoded = decodePairing(spoil(encodePairingCode(offer)));
    expect(decoded.ok).toBe(false);
    if (!decoded.ok) expect(decoded.reason).toContain(reason);
  });

  it('refuses to encode a host name (the typed code holds IPv4 only)', () => {
    expect(() => encodePairingCode({ ...offer, host: 'office.local' })).toThrow();
  });

  it('round-trips the QR form with the whole fingerprint, any host', () => {
    const qr = encodePairingQr({ ...offer, host: 'office.local' });
    expect(decodePairing(qr)).toEqual({ ok: true, offer: { ...offer, host: 'office.local' } });
    expect(decodePairing(qr.slice(0, -2)).ok).toBe(false);
  });

  it('matches a certificate by the whole fingerprint or its 64-bit prefix, never less', () => {
    expect(fingerprintMatches({ fingerprint: FINGERPRINT }, FINGERPRINT)).toBe(true);
    expect(fingerprintMatches({ fingerprint: FINGERPRINT.slice(0, 16) }, FINGERPRINT)).toBe(true);
    expect(fingerprintMatches({ fingerprint: FINGERPRINT.slice(0, 8) }, FINGERPRINT)).toBe(false);
    expect(fingerprintMatches({ fingerprint: FINGERPRINT.slice(0, 16) }, `f${FINGERPRINT.slice(1)}`)).toBe(false);
  });

  it('formats a fingerprint for comparing by eye', () => {
    expect(formatFingerprint(FINGERPRINT.slice(0, 16))).toBe('A1B2 C3D4 E5F6 0718');
  });
});
