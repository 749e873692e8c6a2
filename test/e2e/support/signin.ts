import { expect, type Page } from '@playwright/test';
import { samplePin } from '../../../shared/sample/sample-pins';
import { KeyboardWedge } from './keyboard-wedge';
import { callApi, type RunningServer } from './server';

/** The sample and seeded days' PINs (README "Sample day"): 2468 and the staff ID's last two digits. */
export const pinOf = samplePin;
export const badgeOf = (staffId: string): string => `KW-${staffId.toUpperCase()}`;

/**
 * Badge then PIN, as staff sign in (issue 11): the badge as a scanner burst with the focus on no
 * field, the PIN typed on the pad (it submits at the sixth digit). Leaves the caller to check what
 * follows: a door, the office, or a refusal.
 */
export async function signInByBadge(page: Page, staffId: string, options: { pin?: string; badgeCode?: string } = {}): Promise<void> {
  await scanBadge(page, options.badgeCode ?? badgeOf(staffId));
  await expect(page.getByTestId('signin-person')).toHaveAttribute('data-staff', staffId);
  await page.getByTestId('pin-input').fill(options.pin ?? pinOf(staffId));
}

export async function scanBadge(page: Page, badgeCode: string): Promise<void> {
  await page.evaluate(() => (document.activeElement as HTMLElement | null)?.blur());
  await new KeyboardWedge(page).type(badgeCode, { interKeyMs: 8, suffix: 'Enter' });
}


/**
 * For a day whose staff were imported in the test (badge codes assigned by the core): each person's
 * PIN set as at the briefing, by their badge, and their badge codes handed back.
 */
export async function setPinsByApi(server: RunningServer, staffIds: readonly string[]): Promise<Record<string, string>> {
  const day = await callApi<{ staff: { staffId: string; badgeCode?: string }[] }>(server, 'getDay', {});
  const badges: Record<string, string> = {};
  for (const staffId of staffIds) {
    const badgeCode = day.staff.find((s) => s.staffId === staffId)?.badgeCode;
    if (!badgeCode) throw new Error(`no badge for ${staffId}`);
    await callApi(server, 'setPin', { badgeCode, pin: pinOf(staffId), pinRepeat: pinOf(staffId) });
    badges[staffId] = badgeCode;
  }
  return badges;
}

/**
 * An approval's badge and PIN (issue 11 item 2), into the dialog's BadgePinFields `testId`: the badge
 * as a scanner burst into its field (its Enter moves on to the PIN), then the PIN typed and Enter,
 * which submits. `submit: false` leaves the dialog as filled, for a screenshot.
 */
export async function giveBadgeAndPin(page: Page, testId: string, staffId: string, options: { pin?: string; submit?: boolean } = {}): Promise<void> {
  await page.getByTestId(`${testId}-badge`).focus();
  await new KeyboardWedge(page).type(badgeOf(staffId), { interKeyMs: 8, suffix: 'Enter' });
  await expect(page.getByTestId(`${testId}-named`)).toBeVisible();
  await expect(page.getByTestId(`${testId}-pin`)).toBeFocused();
  await page.keyboard.type(options.pin ?? pinOf(staffId));
  if (options.submit ?? true) await page.keyboard.press('Enter');
}
