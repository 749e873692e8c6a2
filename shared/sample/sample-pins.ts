/**
 * The sample day's PINs, by one rule so a newcomer can sign in as anyone at once (README "Sample
 * day"): 2468 followed by the last two digits of the staff ID (S03 → 246803, S12 → 246812). Never
 * used for a real day, whose people choose their own PINs at the briefing.
 */
export function samplePin(staffId: string): string {
  const digits = staffId.replace(/\D/g, '');
  return `2468${digits.slice(-2).padStart(2, '0')}`;
}
