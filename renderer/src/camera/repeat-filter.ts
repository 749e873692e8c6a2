/** How long the same code is ignored after it was last seen (ms). */
export const DEFAULT_REPEAT_WINDOW_MS = 3000;

/**
 * Passes a code the first time it is seen and ignores it while it keeps being seen: a code is let
 * through again only after it has been out of sight for the whole window. A 准考证 held in front of
 * the camera therefore gives one scan, not one every few seconds; a different code passes at once.
 */
export class RepeatFilter {
  private readonly lastSeen = new Map<string, number>();

  constructor(private readonly windowMs: number = DEFAULT_REPEAT_WINDOW_MS) {}

  /** True when `text`, seen at `now` (ms), is a new read to act on. */
  accept(text: string, now: number): boolean {
    for (const [seen, at] of this.lastSeen) {
      if (now - at >= this.windowMs) this.lastSeen.delete(seen);
    }
    const fresh = !this.lastSeen.has(text);
    this.lastSeen.set(text, now);
    return fresh;
  }

  reset(): void {
    this.lastSeen.clear();
  }
}
