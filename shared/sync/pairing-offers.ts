import { PAIRING_CODE_TTL_MS, PAIRING_MAX_FAILED_TRIES } from './pairing-code';

/**
 * The office's open pairing offers (添加设备): each token is valid for ten minutes and for one door.
 * Kept in memory only: a restart of the office voids every open code, which is the safe direction.
 */
export interface OpenOffer {
  token: string;
  roomNo: string | undefined;
  deviceName: string;
  expiresAtMs: number;
}

export type OfferClaim = { ok: true; offer: OpenOffer } | { ok: false; reason: string };

export class PairingOffers {
  private readonly open = new Map<string, OpenOffer>();
  private readonly spent = new Map<string, number>();
  private failedTries = 0;

  constructor(private readonly newToken: () => string) {}

  create(nowMs: number, deviceName: string, roomNo: string | undefined): OpenOffer {
    this.prune(nowMs);
    this.failedTries = 0;
    const offer = { token: this.newToken(), roomNo, deviceName, expiresAtMs: nowMs + PAIRING_CODE_TTL_MS };
    this.open.set(offer.token, offer);
    return offer;
  }

  /**
   * Takes an offer for one door. A wrong token counts against every open offer: after a few, all
   * are voided, so a 40-bit token cannot be guessed by trying.
   */
  claim(token: string, nowMs: number): OfferClaim {
    const offer = this.open.get(token);
    if (offer && offer.expiresAtMs > nowMs) {
      this.open.delete(token);
      this.spent.set(token, nowMs);
      return { ok: true, offer };
    }
    if (offer) {
      this.open.delete(token);
      return { ok: false, reason: '配对码已过期（有效 10 分钟）：请在考务办重新点“添加设备”' };
    }
    if (this.spent.has(token)) return { ok: false, reason: '这个配对码已经用过了（每个配对码只能配对一台设备）' };
    this.failedTries += 1;
    if (this.failedTries >= PAIRING_MAX_FAILED_TRIES) {
      this.open.clear();
      this.failedTries = 0;
      return { ok: false, reason: '配对码错误次数过多，考务办已作废所有未用的配对码：请重新生成' };
    }
    return { ok: false, reason: '配对码无效：考务办没有发出这个配对码' };
  }

  cancel(token: string): void {
    this.open.delete(token);
  }

  private prune(nowMs: number): void {
    for (const [token, offer] of this.open) if (offer.expiresAtMs <= nowMs) this.open.delete(token);
  }
}
