import { expect, type Locator, type Page } from '@playwright/test';
import { signInByBadge } from './signin';

/** The day-by-the-clock screens (tabs, timetable, dashboard, prompts, dialogs), as staff use them. */
export class DayPage {
  constructor(readonly page: Page) {}

  /** The office, and the person signs in by badge burst and PIN (issue 11); `badgeCode` as for DoorPage. */
  async chooseOffice(staffId: string, badgeCode?: string): Promise<void> {
    await this.page.getByTestId('office-option').click();
    await signInByBadge(this.page, staffId, badgeCode === undefined ? {} : { badgeCode });
    await expect(this.page.getByTestId('dashboard')).toBeVisible();
  }

  async openTab(tab: 'door' | 'timetable' | 'dashboard'): Promise<void> {
    await this.page.getByTestId(`tab-${tab}`).click();
  }

  step(id: string): Locator {
    return this.page.getByTestId(`step-${id}`);
  }

  confirmationState(id: string): Locator {
    return this.page.getByTestId(`confirmation-state-${id}`);
  }

  get prompt(): Locator {
    return this.page.getByTestId('prompt');
  }

  get nowStrip(): Locator {
    return this.page.getByTestId('now-strip');
  }

  /**
   * Waits until the now-strip's countdown (drawn from the schedule and the clock) has changed `ticks`
   * times: proof that the screen has rendered that many later moments of the day with the schedule.
   */
  async waitForClockTicks(ticks: number): Promise<void> {
    const countdown = this.nowStrip.locator('.now-countdown');
    for (let i = 0; i < ticks; i += 1) {
      const shown = (await countdown.textContent()) ?? '';
      await expect(countdown).not.toHaveText(shown);
    }
  }

  get clock(): Locator {
    return this.page.getByTestId('clock');
  }

  /** The header clock as seconds after midnight. */
  async clockSeconds(): Promise<number> {
    const text = (await this.clock.textContent()) ?? '';
    const [h, m, s] = text.split(':').map(Number);
    return (h ?? 0) * 3600 + (m ?? 0) * 60 + (s ?? 0);
  }

  /** Waits until the header clock reads `hhmmss` or later (the day runs on --clock-speed). */
  async waitUntilClock(hhmmss: string, timeout = 180_000): Promise<void> {
    const [h, m, sec] = hhmmss.split(':').map(Number);
    const target = (h ?? 0) * 3600 + (m ?? 0) * 60 + (sec ?? 0);
    await expect.poll(() => this.clockSeconds(), { timeout, intervals: [250] }).toBeGreaterThanOrEqual(target);
  }

  /** Answers 知道了 to every full-screen prompt of the timetable that is showing. */
  async dismissPrompts(): Promise<void> {
    while (await this.prompt.isVisible()) await this.page.getByTestId('prompt-dismiss').click();
  }

  /** Mutes chime and speech so a test run is silent and its prompts do not wait on audio. */
  async mute(): Promise<void> {
    const toggle = this.page.getByTestId('mute-toggle');
    if ((await toggle.getAttribute('data-muted')) !== 'true') await toggle.click();
  }
}
