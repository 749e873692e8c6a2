import { z } from 'zod';
import { announcementSchema, type ApiOutput } from '../../../shared/api/contract';
import { ok, type ApiResult } from '../../../shared/api/result';
import type { CoreHandlers } from '../core';
import type { CoreContext, CoreEnvironment } from '../core-context';
import { organisationResourceReader } from '../organisation-resource';

type Announcement = z.infer<typeof announcementSchema>;

export const ANNOUNCEMENTS_FILE = 'announcements.json';

/** resources/announcements/announcements.json, and an organisation's own copy in the data folder. */
export const announcementsFileSchema = z.object({
  announcements: z.array(announcementSchema.extend({ id: z.string().min(1), title: z.string().min(1), text: z.string().min(1) })).min(1),
});

/** Where the text names the late cut-off, the plan's own (第十九条 leaves it to the organisation). */
export const LATE_CUTOFF_PLACEHOLDER = '{迟到时限}';

/**
 * The texts read out at 宣布考场纪律 (附件4: 考场规则、考生违规处理规定). The organisation's copy
 * (<data>/announcements.json) wins when it is valid; a bad one falls back to the shipped text, and
 * says so in one log line (the file holds no personal data, but the line quotes none of it anyway).
 */
export function announcementHandlers(ctx: CoreContext, env: CoreEnvironment): Pick<CoreHandlers, 'getAnnouncements'> {
  const read = organisationResourceReader(env, { file: ANNOUNCEMENTS_FILE, folder: 'announcements', schema: announcementsFileSchema, nameZh: '考场规则文本' });

  return {
    getAnnouncements: (): ApiResult<ApiOutput<'getAnnouncements'>> => {
      const result = read();
      if (!result.ok) return result;
      const announcements: Announcement[] = result.value.announcements;
      const plan = ctx.store.getPlan();
      const cutoff = plan ? `${plan.lateCutoffMinutes}分钟` : '规定时间';
      return ok({ announcements: announcements.map((a) => ({ ...a, text: a.text.replaceAll(LATE_CUTOFF_PLACEHOLDER, cutoff) })) });
    },
  };
}
