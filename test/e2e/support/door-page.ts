import { expect, type Locator, type Page } from '@playwright/test';

/** The door check-in screen, as a proctor uses it (page-object habit from Actual's e2e). */
export class DoorPage {
  constructor(readonly page: Page) {}

  get verdict(): Locator {
    return this.page.getByTestId('verdict');
  }

  rosterRow(ticketNo: string): Locator {
    return this.page.locator(`[data-testid="roster-row"][data-ticket="${ticketNo}"]`);
  }

  async open(url: string): Promise<void> {
    await this.page.goto(url);
  }

  async chooseRoomAndStaff(roomNo: string, staffId: string): Promise<void> {
    await this.page.getByTestId(`room-option-${roomNo}`).click();
    await this.page.getByTestId(`staff-option-${staffId}`).click();
    await this.page.getByTestId('start-door').click();
    await expect(this.verdict).toHaveAttribute('data-verdict', 'ready');
  }

  /**
   * A USB scanner in keyboard mode: real key events back to back, ending in Enter, with the
   * focus on no field at all (nobody clicks into a box at the door). Each key is a round trip to
   * the browser, which already spaces them 5–30 ms apart, as a scanner would.
   */
  async scan(text: string, interKeyMs = 0): Promise<void> {
    await this.page.evaluate(() => (document.activeElement as HTMLElement | null)?.blur());
    await this.page.keyboard.type(text, { delay: interKeyMs });
    await this.page.keyboard.press('Enter');
  }

  async expectVerdict(kind: string): Promise<void> {
    await expect(this.verdict).toHaveAttribute('data-verdict', kind);
  }
}
