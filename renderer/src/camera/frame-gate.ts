/** About ten frames a second: enough to catch a card held up, little enough to leave the CPU idle. */
export const DEFAULT_FRAME_INTERVAL_MS = 100;
/** A frame the worker has not answered by then is given up, so one lost reply cannot stop scanning. */
export const DEFAULT_STALE_AFTER_MS = 3000;

export interface FrameGateOptions {
  intervalMs?: number;
  staleAfterMs?: number;
}

/**
 * Decides which camera frames go to the decoder: one at a time, never queued. While the worker is
 * busy every new frame is dropped, and frames closer together than the interval are dropped too.
 */
export class FrameGate {
  private readonly intervalMs: number;
  private readonly staleAfterMs: number;
  private inFlightSince: number | null = null;
  private lastSentAt = Number.NEGATIVE_INFINITY;
  private nextTicket = 1;
  private inFlightTicket = 0;
  dropped = 0;

  constructor(options: FrameGateOptions = {}) {
    this.intervalMs = options.intervalMs ?? DEFAULT_FRAME_INTERVAL_MS;
    this.staleAfterMs = options.staleAfterMs ?? DEFAULT_STALE_AFTER_MS;
  }

  /** Whether a frame at `now` would be taken: lets the caller skip grabbing one at all. */
  wouldAccept(now: number): boolean {
    return !this.isBusy(now) && now - this.lastSentAt >= this.intervalMs;
  }

  /** A ticket for the frame at `now` when it may be sent, or null when it must be dropped. */
  tryAcquire(now: number): number | null {
    if (this.isBusy(now)) {
      this.dropped += 1;
      return null;
    }
    if (now - this.lastSentAt < this.intervalMs) return null;
    this.inFlightSince = now;
    this.lastSentAt = now;
    this.inFlightTicket = this.nextTicket++;
    return this.inFlightTicket;
  }

  /** The worker answered frame `ticket`; an answer to a frame given up as stale changes nothing. */
  release(ticket: number): void {
    if (ticket !== this.inFlightTicket) return;
    this.inFlightSince = null;
  }

  private isBusy(now: number): boolean {
    return this.inFlightSince !== null && now - this.inFlightSince < this.staleAfterMs;
  }
}
