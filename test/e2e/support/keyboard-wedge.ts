import type { CDPSession, Page } from '@playwright/test';

/**
 * A USB barcode scanner or ID reader in keyboard mode, as the page sees one: real key events whose
 * timestamps are the scanner's, a few ms apart. Playwright's keyboard.type stamps each key when the
 * test harness gets round to sending it, so a busy CI machine turns a scanner into a slow typist;
 * DevTools' Input.dispatchKeyEvent takes the timestamp the hardware would have given.
 */
export class KeyboardWedge {
  private session: CDPSession | undefined;
  /** Seconds; keeps every key later than the last one sent, as a real device's clock would. */
  private lastTimestamp = 0;

  constructor(private readonly page: Page) {}

  async type(text: string, options: { interKeyMs?: number; suffix?: 'Enter' | 'Tab' | 'none' } = {}): Promise<void> {
    const interKey = (options.interKeyMs ?? 8) / 1000;
    const suffix = options.suffix ?? 'Enter';
    this.session ??= await this.page.context().newCDPSession(this.page);
    let at = Math.max(Date.now() / 1000, this.lastTimestamp + 0.5);
    for (const ch of text) {
      await this.key(ch, ch, at);
      at += interKey;
    }
    if (suffix !== 'none') await this.key(suffix, suffix === 'Enter' ? '\r' : '\t', at);
    this.lastTimestamp = at;
  }

  private async key(key: string, text: string, timestamp: number): Promise<void> {
    const session = this.session!;
    const named = key === 'Enter' ? { code: 'Enter', windowsVirtualKeyCode: 13 } : key === 'Tab' ? { code: 'Tab', windowsVirtualKeyCode: 9 } : {};
    await session.send('Input.dispatchKeyEvent', { type: 'keyDown', key, text, timestamp, ...named });
    await session.send('Input.dispatchKeyEvent', { type: 'keyUp', key, timestamp: timestamp + 0.002, ...named });
  }
}
