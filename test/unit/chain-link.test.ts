import { createHash } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { linkKindOf, nextLink, sealedLinkInput } from '../../shared/events/chain-link';
import { GENESIS_HASH } from '../../shared/events/event';
import { signaturesToCheck } from '../../shared/sync/verify-batch';

const sha256Hex = (text: string): string => createHash('sha256').update(text, 'utf8').digest('hex');
const hash = (n: number): string => n.toString(16).padStart(64, '0');
const sig = (n: number): string => n.toString(16).padStart(128, 'a');
const previous = { hash: hash(1), sig: sig(1) };
const sealed = sha256Hex(sealedLinkInput(previous.hash, previous.sig));

describe('chain links (sealed over hash and signature, or plain)', () => {
  it.each([
    ['a first event on the genesis hash', GENESIS_HASH, undefined, 'plain'],
    ['a first event on anything else', hash(9), undefined, undefined],
    ['the previous hash', previous.hash, previous, 'plain'],
    ['sealed over the previous hash and signature', sealed, previous, 'sealed'],
    ['sealed over another signature', sha256Hex(sealedLinkInput(previous.hash, sig(2))), previous, undefined],
    ['sealed over another hash', sha256Hex(sealedLinkInput(hash(2), previous.sig)), previous, undefined],
    ['the genesis hash after an event', GENESIS_HASH, previous, undefined],
  ] as const)('%s', (_case, prevHash, before, kind) => {
    expect(linkKindOf(prevHash, before, sha256Hex)).toBe(kind);
  });

  it('writes the genesis hash first, then sealed links', () => {
    expect(nextLink(undefined, sha256Hex)).toBe(GENESIS_HASH);
    expect(nextLink(previous, sha256Hex)).toBe(sealed);
  });

  it("asks a receiver to check each device's last signature and those before a plain link, no others", () => {
    const chain = (device: string, links: ('plain' | 'sealed')[]) => {
      const events = [{ deviceId: device, seq: 1, prevHash: GENESIS_HASH, hash: hash(100), sig: sig(100) }];
      for (const [i, link] of links.entries()) {
        const before = events[i]!;
        events.push({ deviceId: device, seq: i + 2, prevHash: link === 'plain' ? before.hash : nextLink(before, sha256Hex), hash: hash(101 + i), sig: sig(101 + i) });
      }
      return events;
    };
    const a = chain('a', ['sealed', 'sealed', 'plain', 'sealed']);
    const b = chain('b', ['plain']);
    const interleaved = [a[0], b[0], a[1], a[2], b[1], a[3], a[4]];
    expect(signaturesToCheck(interleaved, sha256Hex).map((c) => `${c.deviceId}${c.hash.slice(-2)}`)).toEqual(['b64', 'a66', 'a68', 'b65']);
  });
});
