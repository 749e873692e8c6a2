import { refusalOf, refusalZh, refusalZhOrNull, type Refusal } from '../api/refusal';

/**
 * The PIN a person types after scanning their badge (issue 11 item 1): what a PIN may be, and when a
 * badge is locked. Pure rules; the hash itself is the core's (electron/core/pin-hash.ts).
 */

export const PIN_LENGTH = 6;
/** Wrong PINs in a row that lock the badge for the rest of the day's log. */
export const MAX_WRONG_PINS = 5;

/**
 * Why a PIN may not be chosen, or null when it may. Six digits; refused are the PINs anyone tries
 * first: one digit repeated (000000), a straight run up or down (123456, 654321), and a repeated
 * pair or triple (121212, 123123). Each reason says which, so the person picks another at once.
 */
export function pinChoiceRefusalCoded(pin: string): Refusal | null {
  if (!/^\d+$/.test(pin)) return refusalOf('pin-not-digits');
  if (pin.length !== PIN_LENGTH) return refusalOf('pin-length', { length: PIN_LENGTH });
  const digits = [...pin].map(Number);
  if (digits.every((d) => d === digits[0])) return refusalOf('pin-one-digit');
  const steps = digits.slice(1).map((d, i) => d - digits[i]!);
  if (steps.every((s) => s === 1) || steps.every((s) => s === -1)) return refusalOf('pin-straight-run');
  if (pin === pin.slice(0, 2).repeat(3) || pin === pin.slice(0, 3).repeat(2)) return refusalOf('pin-repeated-group');
  return null;
}
export const pinChoiceRefusal = (pin: string): string | null => refusalZhOrNull(pinChoiceRefusalCoded(pin));

/** A new PIN and its repetition, as typed twice at the office: the first refusal, or null. */
export function newPinRefusalCoded(pin: string, pinRepeat: string): Refusal | null {
  return pinChoiceRefusalCoded(pin) ?? (pin === pinRepeat ? null : refusalOf('pin-repeat-differs'));
}
export const newPinRefusal = (pin: string, pinRepeat: string): string | null => refusalZhOrNull(newPinRefusalCoded(pin, pinRepeat));

/** What the fold of a person's PIN events (pin-log.ts) says about signing in with their badge. */
export interface PinLockState {
  hasPin: boolean;
  wrongInRow: number;
  locked: boolean;
}

const NO_PIN_YET = refusalZh(refusalOf('pin-not-set'));
const LOCKED = '胸卡已锁定';

/** Why this badge may not try a PIN now, or null: no PIN yet, or locked. A locked badge is not even checked. */
export function signInRefusalCoded(state: PinLockState): Refusal | null {
  if (!state.hasPin) return refusalOf('pin-not-set');
  if (state.locked) return refusalOf('badge-locked', { max: MAX_WRONG_PINS });
  return null;
}
export const signInRefusal = (state: PinLockState): string | null => refusalZhOrNull(signInRefusalCoded(state));

/**
 * Whether a sign-in refusal leaves nothing to try with this badge (no PIN yet, or locked), so the
 * screen goes back to asking for a badge; a wrong PIN with tries left keeps the pad. The refusal
 * crosses the API as its text, so the text is what is read, here beside where it is written.
 */
export function refusalEndsAttempt(message: string): boolean {
  return message.startsWith(NO_PIN_YET) || message.includes(LOCKED);
}

/** The wrong-PIN count after one more wrong PIN, and whether that locks the badge. */
export function afterWrongPin(state: PinLockState): PinLockState {
  const wrongInRow = state.wrongInRow + 1;
  return { ...state, wrongInRow, locked: state.locked || wrongInRow >= MAX_WRONG_PINS };
}

/** The refusal for a wrong PIN, given the state after it (afterWrongPin). */
export function wrongPinRefusal(after: PinLockState): Refusal {
  if (after.locked) return refusalOf('pin-wrong-now-locked', { max: MAX_WRONG_PINS });
  return refusalOf('pin-wrong', { left: MAX_WRONG_PINS - after.wrongInRow });
}
export const wrongPinMessage = (after: PinLockState): string => refusalZh(wrongPinRefusal(after));
