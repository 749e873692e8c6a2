import { X509Certificate, createPrivateKey } from 'node:crypto';
import { closeSync, existsSync, fsyncSync, openSync, readFileSync, renameSync, writeSync } from 'node:fs';
import { dirname, join } from 'node:path';
import selfsigned from 'selfsigned';

/**
 * This device's TLS certificate for site sync: self-signed (a site has no CA and no network to reach
 * one), ECDSA P-256. Peers pin it by its SHA-256 fingerprint at pairing, as Syncthing pins device
 * ids, so the certificate's names and dates carry no trust; the fingerprint does.
 */
export interface TlsIdentity {
  certPem: string;
  keyPem: string;
  /** SHA-256 of the certificate's DER, 64 lower-case hex digits. */
  fingerprint: string;
}

const CERT_FILE = 'sync-cert.pem';
const KEY_FILE = 'sync-key.pem';

export function certificateFingerprint(certPem: string): string {
  return new X509Certificate(certPem).fingerprint256.replace(/:/g, '').toLowerCase();
}

function writeDurably(file: string, text: string): void {
  const temp = `${file}.tmp-${process.pid}`;
  const fd = openSync(temp, 'w', 0o600);
  try {
    writeSync(fd, text);
    fsyncSync(fd);
  } finally {
    closeSync(fd);
  }
  renameSync(temp, file);
  const dir = openSync(dirname(file), 'r');
  try {
    fsyncSync(dir);
  } catch {
    // Some platforms (Windows) cannot fsync a directory; the rename is still atomic there.
  } finally {
    closeSync(dir);
  }
}

function readIdentity(dataDir: string): TlsIdentity | undefined {
  const certFile = join(dataDir, CERT_FILE);
  const keyFile = join(dataDir, KEY_FILE);
  if (!existsSync(certFile) || !existsSync(keyFile)) return undefined;
  try {
    const certPem = readFileSync(certFile, 'utf8');
    const keyPem = readFileSync(keyFile, 'utf8');
    const cert = new X509Certificate(certPem);
    if (!cert.checkPrivateKey(createPrivateKey(keyPem))) return undefined;
    return { certPem, keyPem, fingerprint: certificateFingerprint(certPem) };
  } catch {
    return undefined;
  }
}

/**
 * Loads the certificate from the data folder, or makes one. A damaged pair is replaced: unlike the
 * signing key it proves no past event, and peers that pinned the old one are told to pair again.
 */
export async function loadOrCreateTlsIdentity(dataDir: string, commonName: string, now: Date = new Date()): Promise<TlsIdentity> {
  const held = readIdentity(dataDir);
  if (held) return held;
  // Validity dates are not checked by peers (the pin is), so they are wide rather than exact.
  const made = await selfsigned.generate([{ name: 'commonName', value: commonName }], {
    keyType: 'ec',
    curve: 'P-256',
    algorithm: 'sha256',
    notBeforeDate: new Date(now.getTime() - 366 * 86_400_000),
    notAfterDate: new Date(now.getTime() + 20 * 366 * 86_400_000),
  });
  writeDurably(join(dataDir, KEY_FILE), made.private);
  writeDurably(join(dataDir, CERT_FILE), made.cert);
  return { certPem: made.cert, keyPem: made.private, fingerprint: certificateFingerprint(made.cert) };
}
