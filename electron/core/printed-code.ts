import { randomBytes } from 'node:crypto';

/** Crockford-style letters and digits without I, L, O, U: nothing to misread on a printed badge or label. */
const PRINTED_ALPHABET = '0123456789ABCDEFGHJKMNPQRSTVWXYZ';

/** A code printed as a QR and sometimes typed: `prefix` and 8 random characters (KW-… badges, KD-… bags). */
export function newPrintedCode(prefix: 'KW' | 'KD'): string {
  return `${prefix}-${[...randomBytes(8)].map((b) => PRINTED_ALPHABET[b % PRINTED_ALPHABET.length]).join('')}`;
}
