/**
 * A device key's fingerprint as people read it aloud and compare it across two screens: the first 128
 * bits of the key's sha256 in 8 groups of 4 hex digits, upper case ("3F2A 9C01 …"). The device id
 * is the first 4 groups, so the two never disagree. Until enrolment pins the office's key, a person
 * at the door compares this with the office screen before loading a day package.
 */
export function formatKeyFingerprint(sha256Hex: string): string {
  const digits = sha256Hex.replace(/[^0-9a-f]/gi, '').slice(0, 32).toUpperCase();
  if (digits.length !== 32) throw new Error('a key fingerprint needs a sha256 of at least 128 bits');
  return digits.match(/.{4}/g)!.join(' ');
}

/** Whether two fingerprints are the same, however they were spaced or cased. */
export function sameKeyFingerprint(a: string, b: string): boolean {
  const norm = (v: string) => v.replace(/\s+/g, '').toUpperCase();
  return norm(a) === norm(b);
}
