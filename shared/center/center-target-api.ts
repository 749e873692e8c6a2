import { z } from 'zod';
import { TEXT_LIMITS, text } from '../text/text-field';

const actorStaffId = text(TEXT_LIMITS.code).min(1, '请先选择值守人员');

/** The center's base address as the organisation gives it: http(s), a host, an optional port and path. */
export const centerUrlInput = text(300)
  .min(1, '请填写中心地址，例如 https://center.example.org')
  .regex(/^https?:\/\/[^\s/?#]+(\/[^\s?#]*)?$/i, '中心地址应以 http:// 或 https:// 开头，例如 https://center.example.org');

/** The office's link to its center and how the last upload went, as the 设备与同步 screen shows it. */
export const centerLinkStatusSchema = z.object({
  /** Null until the office has enrolled with a center. */
  link: z.object({ url: z.string(), organisation: z.string(), centerDeviceId: z.string() }).nullable(),
  /** The last enrolment this session started: runs in the background, its outcome said here. */
  enrolment: z.object({ state: z.enum(['idle', 'enrolling', 'failed', 'enrolled']), message: z.string().nullable() }),
  /** An upload round is running now. */
  pushing: z.boolean(),
  /** The last round that reached the center and finished. */
  lastPushAt: z.string().nullable(),
  /** Events the last successful round sent (0 when the center had everything already). */
  lastPushed: z.number().int().nullable(),
  /** Why the last round did not finish; null after a successful one. */
  lastError: z.string().nullable(),
  lastErrorAt: z.string().nullable(),
});
export type CenterLinkStatus = z.infer<typeof centerLinkStatusSchema>;

/**
 * The office → the organisation's center (issue 14), spread into ExamDayApi (api/contract.ts). The
 * 主考 enrols once with the center's address and the code the center issued; from then on the
 * office uploads in the background at the site sync's rhythm. These calls never wait on the network.
 */
export const centerTargetApiSpec = {
  getCenterLink: {
    input: z.object({}).strict(),
    output: centerLinkStatusSchema,
  },
  /** Enrols this office with the center (proves its key, pins the center's) in the background; getCenterLink says how it went. */
  enrolWithCenter: {
    input: z
      .object({
        url: centerUrlInput,
        code: text(40).min(1, '请填写中心发给本组织的登记码'),
        siteName: text(TEXT_LIMITS.address).min(1, '请填写考点名称'),
        actorStaffId,
      })
      .strict(),
    output: z.object({ started: z.boolean() }),
  },
  /** Uploads now instead of at the next round; answers at once (getCenterLink says how it went). */
  pushToCenterNow: {
    input: z.object({ actorStaffId }).strict(),
    output: z.object({ started: z.boolean() }),
  },
} satisfies Record<string, { input: z.ZodType; output: z.ZodType }>;
