import type { Core } from '../../electron/core/core';
import { samplePin } from '../../shared/sample/sample-pins';
import type { BadgePin } from '../../shared/staffing/proof-input';

/** A fixture person's badge and PIN, as they give it to approve or sign (the sample rule: 2468 + last two digits). */
export const proofOf = (staffId: string, pin: string = samplePin(staffId)): BadgePin => ({ badgeCode: `KW-${staffId}`, pin });

/** The badge the day's staff list gives this person (a day whose badges the core printed) and their sample PIN. */
export function proofFrom(core: Core, staffId: string, pin: string = samplePin(staffId)): BadgePin {
  const badgeCode = core.store.getStaff(staffId)?.badgeCode;
  if (!badgeCode) throw new Error(`${staffId} has no badge on this day`);
  return { badgeCode, pin };
}

/** Each person's PIN set as at the briefing (setPin by their own badge, as the day lists it), so they can approve. */
export function setPinsAtBriefing(core: Core, staffIds: readonly string[]): void {
  for (const staffId of staffIds) {
    const { badgeCode, pin } = proofFrom(core, staffId);
    const answer = core.handlers.setPin({ badgeCode, pin, pinRepeat: pin });
    if (!answer.ok) throw new Error(answer.error.message);
  }
}
