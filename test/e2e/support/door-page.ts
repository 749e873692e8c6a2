import { expect, type Locator, type Page } from '@playwright/test';
import { KeyboardWedge } from './keyboard-wedge';
import { signInByBadge } from './signin';

/** The door check-in screen, as a proctor uses it (page-object habit from Actual's e2e). */
export class DoorPage {
  private readonly wedge: KeyboardWedge;

  constructor(readonly page: Page) {
    this.wedge = new KeyboardWedge(page);
  }

  get verdict(): Locator {
    return this.page.getByTestId('verdict');
  }

  rosterRow(ticketNo: string): Locator {
    return this.page.locator(`[data-testid="roster-row"][data-ticket="${ticketNo}"]`);
  }

  async open(url: string): Promise<void> {
    await this.page.goto(url);
  }

  /**
   * The room, then the person signs in by badge burst and PIN (issue 11). `expected`: what the panel
   * shows first (a half pair kept in the core shows again). `badgeCode` for staff imported in the
   * test (the sample and seeded days' badges are KW-<staff ID>).
   */
  async chooseRoomAndStaff(roomNo: string, staffId: string, expected = 'ready', badgeCode?: string): Promise<void> {
    await this.page.getByTestId(`room-option-${roomNo}`).click();
    await signInByBadge(this.page, staffId, badgeCode === undefined ? {} : { badgeCode });
    await expect(this.verdict).toHaveAttribute('data-verdict', expected);
  }

  /**
   * A scanner burst ending in Enter, with the focus on no field at all (nobody clicks into a box
   * at the door).
   */
  async scan(text: string, interKeyMs = 8, suffix: 'Enter' | 'Tab' | 'none' = 'Enter'): Promise<void> {
    await this.page.evaluate(() => (document.activeElement as HTMLElement | null)?.blur());
    await this.wedge.type(text, { interKeyMs, suffix });
  }

  /** Both documents, as the sample plan asks: the 准考证, then the ID card. */
  /** The 准考证 then the ID card; the caller reads the verdict the pair gets. */
  async scanBoth(candidate: { ticketNo: string; idNumber: string }): Promise<void> {
    await this.scan(candidate.ticketNo);
    await this.expectVerdict('awaiting-id');
    await this.scan(candidate.idNumber);
  }

  async checkInBoth(candidate: { ticketNo: string; idNumber: string }): Promise<void> {
    await this.scanBoth(candidate);
    await this.expectVerdict('admitted');
  }

  async expectVerdict(kind: string): Promise<void> {
    await expect(this.verdict).toHaveAttribute('data-verdict', kind);
  }
}
