/**
 * The code a door laptop types (or scans as a QR code) to pair with the office laptop: where the
 * office listens and which certificate it will present, plus a one-time token that proves the door
 * was shown the office's screen. Like Syncthing's device ids, the certificate is then pinned.
 *
 * The short code packs, in 32 Crockford base32 characters (8 groups of 4):
 *   IPv4 address (4 bytes) · port (2) · the first 8 bytes of the certificate's SHA-256 (64 bits:
 *   forging a certificate with the same prefix within the code's 10 minutes is out of reach) ·
 *   token (5 bytes) · CRC-8 over the rest (catches a mistyped character).
 * The QR code carries the same and the whole fingerprint, so a scanned code pins all 256 bits.
 */

export const PAIRING_CODE_TTL_MS = 10 * 60_000;
/** Wrong tokens tried against one offer before the office voids it. */
export const PAIRING_MAX_FAILED_TRIES = 5;

export interface PairingOffer {
  host: string;
  port: number;
  /** Hex, lower case: the whole SHA-256 of the certificate (QR), or its first 16 hex digits (typed code). */
  fingerprint: string;
  /** 10 hex digits (40 bits), one use. */
  token: string;
}

export type DecodedPairing = { ok: true; offer: PairingOffer } | { ok: false; reason: string };

const ALPHABET = '0123456789ABCDEFGHJKMNPQRSTVWXYZ';
const FINGERPRINT_PREFIX_BYTES = 8;
const TOKEN_BYTES = 5;
const QR_PREFIX = 'EXAMDAY-PAIR:1:';

function crc8(bytes: Uint8Array): number {
  let crc = 0;
  for (const byte of bytes) {
    crc ^= byte;
    for (let bit = 0; bit < 8; bit += 1) crc = crc & 0x80 ? ((crc << 1) ^ 0x07) & 0xff : (crc << 1) & 0xff;
  }
  return crc;
}

const hexToBytes = (hex: string): number[] => (hex.match(/../g) ?? []).map((pair) => parseInt(pair, 16));
const bytesToHex = (bytes: Iterable<number>): string => [...bytes].map((b) => b.toString(16).padStart(2, '0')).join('');

function toBase32(bytes: Uint8Array): string {
  let out = '';
  let buffer = 0;
  let bits = 0;
  for (const byte of bytes) {
    buffer = (buffer << 8) | byte;
    bits += 8;
    while (bits >= 5) {
      out += ALPHABET[(buffer >> (bits - 5)) & 31];
      bits -= 5;
    }
    buffer &= (1 << bits) - 1;
  }
  if (bits > 0) out += ALPHABET[(buffer << (5 - bits)) & 31];
  return out;
}

/** Crockford's reading: I and L are 1, O is 0, case and separators ignored. */
function fromBase32(text: string): Uint8Array | undefined {
  const bytes: number[] = [];
  let buffer = 0;
  let bits = 0;
  for (const raw of text) {
    const ch = raw.toUpperCase().replace(/[IL]/, '1').replace('O', '0');
    const value = ALPHABET.indexOf(ch);
    if (value < 0) return undefined;
    buffer = (buffer << 5) | value;
    bits += 5;
    if (bits >= 8) {
      bytes.push((buffer >> (bits - 8)) & 0xff);
      bits -= 8;
    }
    buffer &= (1 << bits) - 1;
  }
  return Uint8Array.from(bytes);
}

const IPV4 = /^(25[0-5]|2[0-4]\d|1\d\d|[1-9]?\d)(\.(25[0-5]|2[0-4]\d|1\d\d|[1-9]?\d)){3}$/;

/** The typed form, `XXXX-XXXX-…` (8 groups). Only for an IPv4 address; the QR form takes any host. */
export function encodePairingCode(offer: PairingOffer): string {
  if (!IPV4.test(offer.host)) throw new Error(`pairing code needs an IPv4 address, not ${offer.host}`);
  const body = [
    ...offer.host.split('.').map(Number),
    offer.port >> 8,
    offer.port & 0xff,
    ...hexToBytes(offer.fingerprint.slice(0, FINGERPRINT_PREFIX_BYTES * 2)),
    ...hexToBytes(offer.token),
  ];
  const bytes = Uint8Array.from([...body, crc8(Uint8Array.from(body))]);
  return (toBase32(bytes).match(/.{1,4}/g) ?? []).join('-');
}

export function encodePairingQr(offer: PairingOffer): string {
  return `${QR_PREFIX}${offer.host}:${offer.port}:${offer.fingerprint}:${offer.token}`;
}

/** Reads what the door typed or scanned; a reason in Chinese when it cannot be a pairing code. */
export function decodePairing(text: string): DecodedPairing {
  const trimmed = text.trim();
  if (trimmed.toUpperCase().startsWith(QR_PREFIX)) {
    const match = /^([0-9a-zA-Z.:[\]-]+):(\d{1,5}):([0-9a-f]{64}):([0-9a-f]{10})$/.exec(trimmed.slice(QR_PREFIX.length));
    const port = Number(match?.[2]);
    if (!match || port < 1 || port > 65535) return { ok: false, reason: '配对二维码内容不完整，请重新扫描考务办屏幕上的二维码' };
    return { ok: true, offer: { host: match[1] ?? '', port, fingerprint: match[3] ?? '', token: match[4] ?? '' } };
  }
  const compact = trimmed.replace(/[\s-]/g, '');
  if (compact.length !== 32) return { ok: false, reason: `配对码应为 32 个字符（8 组，每组 4 个），现在是 ${compact.length} 个` };
  const bytes = fromBase32(compact);
  if (!bytes) return { ok: false, reason: '配对码含有无效字符：只用数字和字母（不含 U）' };
  const body = bytes.slice(0, 19);
  if (bytes.length < 20 || crc8(body) !== bytes[19]) return { ok: false, reason: '配对码有误（校验不符），请逐组核对后重新输入' };
  const host = [...body.slice(0, 4)].join('.');
  const port = ((body[4] ?? 0) << 8) | (body[5] ?? 0);
  if (port === 0) return { ok: false, reason: '配对码有误：端口为 0' };
  return {
    ok: true,
    offer: { host, port, fingerprint: bytesToHex(body.slice(6, 6 + FINGERPRINT_PREFIX_BYTES)), token: bytesToHex(body.slice(6 + FINGERPRINT_PREFIX_BYTES, 6 + FINGERPRINT_PREFIX_BYTES + TOKEN_BYTES)) },
  };
}

/** Whether a certificate's whole fingerprint is the one the offer names (all of it, or its prefix). */
export function fingerprintMatches(offer: Pick<PairingOffer, 'fingerprint'>, certificateFingerprint: string): boolean {
  const given = offer.fingerprint.toLowerCase();
  return given.length >= FINGERPRINT_PREFIX_BYTES * 2 && certificateFingerprint.toLowerCase().startsWith(given);
}

/** A fingerprint as people compare it on two screens: 16 groups of 4 hex digits, upper case. */
export function formatFingerprint(hex: string): string {
  return (hex.toUpperCase().match(/.{1,4}/g) ?? []).join(' ');
}
