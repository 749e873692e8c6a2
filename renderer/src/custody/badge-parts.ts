import type { PartyPart, PartyRule } from '../../../shared/custody/custody-steps';
import type { StaffRole } from '../../../shared/domain/types';
import type { DayView } from '../api/api';

export type Badges = Record<PartyPart, string[]>;
export const NO_BADGES: Badges = { giver: [], receiver: [], performer: [] };

export type Staff = DayView['staff'][number];

/** The staff member a badge code belongs to, as the day's list has it (the core checks again). */
export function staffOfBadge(staff: readonly Staff[], code: string): Staff | undefined {
  const wanted = code.trim().toUpperCase();
  return staff.find((m) => m.badgeCode !== undefined && m.badgeCode.toUpperCase() === wanted);
}

/**
 * Puts a scanned badge into the first part (in the table's order: giver, receiver, performer) that
 * still has room and whose roles include the badge holder's (when the day's list knows them), so a
 * pile of badges scanned one after another fills the 交接单: two proctors handing back, then the
 * office's receiver, land where they belong. A badge already scanned for this step, or one with no
 * part left, is refused with the reason. The core checks the roles again.
 */
export function placeBadge(
  rules: readonly PartyRule[],
  badges: Badges,
  code: string,
  role?: StaffRole,
): { badges: Badges } | { refused: 'duplicate' | 'full' } {
  const trimmed = code.trim();
  const all = [...badges.giver, ...badges.receiver, ...badges.performer].map((c) => c.toUpperCase());
  if (all.includes(trimmed.toUpperCase())) return { refused: 'duplicate' };
  const open = rules.filter((r) => badges[r.part].length < r.max);
  const rule = (role === undefined ? undefined : open.find((r) => r.roles.includes(role))) ?? open[0];
  if (!rule) return { refused: 'full' };
  return { badges: { ...badges, [rule.part]: [...badges[rule.part], trimmed] } };
}

/** Whether every part has at least its minimum of badges. */
export function badgesComplete(rules: readonly PartyRule[], badges: Badges): boolean {
  return rules.every((r) => badges[r.part].length >= r.min);
}
