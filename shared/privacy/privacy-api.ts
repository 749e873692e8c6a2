import { z } from 'zod';
import { TEXT_LIMITS, scanText, text } from '../text/text-field';

const badgeCode = scanText(64).min(1, '请扫描主考胸卡').max(64, '胸卡码过长');
const typedPin = text(12).min(1, '请输入 PIN').max(12, 'PIN 过长');
const ticketNo = text(TEXT_LIMITS.ticketNo).min(1, '请先选择考生');

/**
 * Less data, for less time (issue 11 item 5). Both actions are the 主考's, proven by badge and PIN
 * as in unlockBadge; both write an event. Spread into ExamDayApi (api/contract.ts).
 */
export const privacyApiSpec = {
  /**
   * Removes the photos and full ID numbers from this door laptop once a receipt from the office
   * (or the center) covers its log: one 'privacy.purged' event; `verify` still passes.
   */
  purgePersonalData: {
    input: z.object({ examinerBadgeCode: badgeCode, examinerPin: typedPin }).strict(),
    output: z.object({ eventsRedacted: z.number().int(), photosRemoved: z.number().int(), eventId: z.string() }),
  },
  /** 查找考生: shows one candidate's full ID number to the 主考, writing 'id-number.revealed'. */
  revealIdNumber: {
    input: z.object({ ticketNo, examinerBadgeCode: badgeCode, examinerPin: typedPin }).strict(),
    output: z.object({ ticketNo: z.string(), name: z.string(), idNumber: z.string(), eventId: z.string() }),
  },
} satisfies Record<string, { input: z.ZodType; output: z.ZodType }>;
