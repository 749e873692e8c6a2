import { describe, expect, it } from 'vitest';
import { PAIRING_CODE_TTL_MS, PAIRING_MAX_FAILED_TRIES } from '../../shared/sync/pairing-code';
import { PairingOffers } from '../../shared/sync/pairing-offers';

function offers(): PairingOffers {
  let n = 0;
  return new PairingOffers(() => (n += 1).toString(16).padStart(10, '0'));
}

describe('pairing offers (one use, ten minutes)', () => {
  it('gives an open offer to the first door that claims it, and refuses it to the second', () => {
    const book = offers();
    const offer = book.create(0, '第1考场门口', '01');
    expect(book.claim(offer.token, 1000)).toEqual({ ok: true, offer });
    const again = book.claim(offer.token, 2000);
    expect(again.ok).toBe(false);
    if (!again.ok) expect(again.reason).toContain('已经用过');
  });

  it('is valid until one millisecond before ten minutes and expired at ten', () => {
    const book = offers();
    const early = book.create(0, 'a', undefined);
    expect(book.claim(early.token, PAIRING_CODE_TTL_MS - 1).ok).toBe(true);
    const late = book.create(0, 'b', undefined);
    const claim = book.claim(late.token, PAIRING_CODE_TTL_MS);
    expect(claim.ok).toBe(false);
    if (!claim.ok) expect(claim.reason).toContain('已过期');
  });

  it('voids every open offer after repeated wrong tokens', () => {
    const book = offers();
    const offer = book.create(0, 'a', undefined);
    const reasons: string[] = [];
    for (let i = 0; i < PAIRING_MAX_FAILED_TRIES; i += 1) {
      const claim = book.claim('ffffffffff', 10);
      if (!claim.ok) reasons.push(claim.reason);
    }
    expect(reasons.at(-1)).toContain('作废');
    expect(book.claim(offer.token, 20).ok).toBe(false);
  });
});
