import { GENESIS_HASH } from './event';

/**
 * How an event names its device's previous event in `prevHash`.
 *
 * - `plain` (every log written before this version): the previous event's hash.
 * - `sealed` (what the writer writes now): sha256 over the previous event's hash *and signature*.
 *
 * A sealed link makes the previous signature part of what the next event hashes, and so of what the
 * next signature signs. Along a run of sealed links one valid signature, at the run's end, vouches
 * for every event and every signature before it: changing any byte of an earlier event, its hash or
 * its signature breaks a link that a plain SHA-256 check finds. An audit or a receiver then checks
 * one Ed25519 signature per device (per batch) instead of one per event, which is what lets a day's
 * log verify at tens of thousands of events a second on two cores (issue 10). A plain link vouches
 * for nothing but the hash, so the event before it has its own signature checked, as before.
 */
export type LinkKind = 'plain' | 'sealed';

/** What a sealed link hashes: a fixed label (no other hashed text in the log starts so), the hash, the signature. */
export function sealedLinkInput(hash: string, sig: string): string {
  return `examday-sealed-link-v1\n${hash}\n${sig}`;
}

/** The `prevHash` a device's next event carries after `previous` (or after none: the genesis hash). */
export function nextLink(previous: { hash: string; sig: string } | undefined, sha256Hex: (text: string) => string): string {
  return previous === undefined ? GENESIS_HASH : sha256Hex(sealedLinkInput(previous.hash, previous.sig));
}

/**
 * Which kind of link `prevHash` is to `previous` (undefined for a device's first event), or
 * undefined when it links to neither: the chain is broken there.
 */
export function linkKindOf(prevHash: string, previous: { hash: string; sig: string } | undefined, sha256Hex: (text: string) => string): LinkKind | undefined {
  if (previous === undefined) return prevHash === GENESIS_HASH ? 'plain' : undefined;
  if (prevHash === previous.hash) return 'plain';
  return prevHash === sha256Hex(sealedLinkInput(previous.hash, previous.sig)) ? 'sealed' : undefined;
}
