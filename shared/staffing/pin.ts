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
export function pinChoiceRefusal(pin: string): string | null {
  if (!/^\d+$/.test(pin)) return 'PIN 只能由数字组成';
  if (pin.length !== PIN_LENGTH) return `PIN 须为 ${PIN_LENGTH} 位数字`;
  const digits = [...pin].map(Number);
  if (digits.every((d) => d === digits[0])) return 'PIN 不能是同一个数字重复（如 000000），请另选';
  const steps = digits.slice(1).map((d, i) => d - digits[i]!);
  if (steps.every((s) => s === 1) || steps.every((s) => s === -1)) return 'PIN 不能是连续的数字（如 123456、654321），请另选';
  if (pin === pin.slice(0, 2).repeat(3) || pin === pin.slice(0, 3).repeat(2)) return 'PIN 不能是重复的两位或三位数字（如 121212、123123），请另选';
  return null;
}

/** A new PIN and its repetition, as typed twice at the office: the first refusal, or null. */
export function newPinRefusal(pin: string, pinRepeat: string): string | null {
  return pinChoiceRefusal(pin) ?? (pin === pinRepeat ? null : '两次输入的 PIN 不一致，请重新输入');
}

/** What the fold of a person's PIN events (pin-log.ts) says about signing in with their badge. */
export interface PinLockState {
  hasPin: boolean;
  wrongInRow: number;
  locked: boolean;
}

const NO_PIN_YET = '尚未设置 PIN：请先在考务办扫描胸卡设置 PIN';
const LOCKED = '胸卡已锁定';

/** Why this badge may not try a PIN now, or null: no PIN yet, or locked. A locked badge is not even checked. */
export function signInRefusal(state: PinLockState): string | null {
  if (!state.hasPin) return NO_PIN_YET;
  if (state.locked) return `${LOCKED}（连续 ${MAX_WRONG_PINS} 次 PIN 错误）：请主考扫描胸卡并输入 PIN 解锁`;
  return null;
}

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
export function wrongPinMessage(after: PinLockState): string {
  if (after.locked) return `PIN 不正确。已连续 ${MAX_WRONG_PINS} 次错误，${LOCKED}：请主考扫描胸卡并输入 PIN 解锁`;
  return `PIN 不正确，还可尝试 ${MAX_WRONG_PINS - after.wrongInRow} 次`;
}
