import { z } from 'zod';
import { scanText, text } from '../text/text-field';

/** A badge code as the scanner types it (its burst) or a person types it. */
export const badgeCodeInput = scanText(64).min(1, '请扫描胸卡').max(64, '胸卡码过长');
/** Only the length is checked here: what a PIN may be is pin.ts's rule, said in its own words. */
export const typedPinInput = text(12).min(1, '请输入 PIN').max(12, 'PIN 过长');

/**
 * The person's badge and PIN given at the moment they approve or sign (issue 11 item 2): the one
 * proof every approval takes. The core checks it (electron/core/prove-actor.ts); the PIN is never
 * stored or logged.
 */
export const badgePinSchema = z.object({ badgeCode: badgeCodeInput, pin: typedPinInput }, { error: '请扫描胸卡并输入 PIN' }).strict();
export type BadgePin = z.infer<typeof badgePinSchema>;
