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
    // At scanner speed the keys are sent without waiting for each answer: DevTools keeps their order,
    // and a test runner slowed down between two keys must not look like a scanner that stopped (a
    // burst with no suffix ends when the keys stop). Slow typing waits, as a person's keys would.
    const pipelined = (options.interKeyMs ?? 8) < 50;
    const sent: Promise<void>[] = [];
    const send = async (key: string, keyText: string, timestamp: number): Promise<void> => {
      const p = this.key(key, keyText, timestamp);
      if (pipelined) sent.push(p);
      else await p;
    };
    for (const ch of text) {
      await send(ch, ch, at);
      at += interKey;
    }
    if (suffix !== 'none') await send(suffix, suffix === 'Enter' ? '\r' : '\t', at);
    await Promise.all(sent);
    this.lastTimestamp = at;
  }

  private key(key: string, text: string, timestamp: number): Promise<void> {
    const session = this.session!;
    const named = key === 'Enter' ? { code: 'Enter', windowsVirtualKeyCode: 13 } : key === 'Tab' ? { code: 'Tab', windowsVirtualKeyCode: 9 } : {};
    const down = session.send('Input.dispatchKeyEvent', { type: 'keyDown', key, text, timestamp, ...named });
    const up = session.send('Input.dispatchKeyEvent', { type: 'keyUp', key, timestamp: timestamp + 0.002, ...named });
    return Promise.all([down, up]).then(() => undefined);
  }
}
