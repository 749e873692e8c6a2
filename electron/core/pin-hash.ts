import { randomBytes, scryptSync, timingSafeEqual } from 'node:crypto';
import type { PinHashParams } from '../../shared/staffing/pin-events';
import type { PinCredential } from '../../shared/staffing/pin-log';

/**
 * scrypt at N=2^15, r=8, p=1 (32 MiB): about 100 ms on a door laptop, measured, so badge and PIN
 * stay well under the 300 ms sign-in budget, while guessing all 10^6 PINs from a copied log costs
 * about a day of one core. That is why the database is encrypted at rest: a six-digit PIN cannot
 * be made safe against an offline attacker by hashing alone (README "Sign in").
 */
export const PIN_HASH_PARAMS: PinHashParams = { algorithm: 'scrypt', N: 2 ** 15, r: 8, p: 1, keyLength: 32 };
const SALT_BYTES = 16;

function derive(pin: string, salt: Buffer, params: PinHashParams): Buffer {
  // Node refuses above maxmem (32 MiB by default, exactly our need): give it room for the largest cost the schema allows.
  return scryptSync(pin, salt, params.keyLength, { N: params.N, r: params.r, p: params.p, maxmem: 256 * params.N * params.r * params.p });
}

/** A fresh salt and the PIN's hash, for a 'staff.pin-set' event. */
export function hashPin(pin: string, params: PinHashParams = PIN_HASH_PARAMS): PinCredential {
  const salt = randomBytes(SALT_BYTES);
  return { salt: salt.toString('base64'), hash: derive(pin, salt, params).toString('base64'), params };
}

/** Whether `pin` is the one behind `credential`, compared in constant time, with the cost it was set at. */
export function pinMatches(pin: string, credential: PinCredential): boolean {
  const expected = Buffer.from(credential.hash, 'base64');
  const actual = derive(pin, Buffer.from(credential.salt, 'base64'), credential.params);
  return actual.length === expected.length && timingSafeEqual(actual, expected);
}
