import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { z } from 'zod';
import { announcementSchema, type ApiOutput } from '../../../shared/api/contract';
import { err, ok, type ApiResult } from '../../../shared/api/result';
import type { CoreHandlers } from '../core';
import type { CoreContext, CoreEnvironment } from '../core-context';

type Announcement = z.infer<typeof announcementSchema>;

export const ANNOUNCEMENTS_FILE = 'announcements.json';

/** resources/announcements/announcements.json, and an organisation's own copy in the data folder. */
export const announcementsFileSchema = z.object({
  announcements: z.array(announcementSchema.extend({ id: z.string().min(1), title: z.string().min(1), text: z.string().min(1) })).min(1),
});

/** Where the text names the late cut-off, the plan's own (第十九条 leaves it to the organisation). */
export const LATE_CUTOFF_PLACEHOLDER = '{迟到时限}';

type Loaded = { ok: true; announcements: Announcement[] } | { ok: false; problem: string };

function load(file: string): Loaded {
  let raw: unknown;
  try {
    raw = JSON.parse(readFileSync(file, 'utf8'));
  } catch (error) {
    return { ok: false, problem: error instanceof SyntaxError ? 'not valid JSON' : 'unreadable' };
  }
  const parsed = announcementsFileSchema.safeParse(raw);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    return { ok: false, problem: `bad shape at ${issue?.path.map(String).join('.') ?? '?'}` };
  }
  return { ok: true, announcements: parsed.data.announcements };
}

/**
 * The texts read out at 宣布考场纪律 (附件4: 考场规则、考生违规处理规定). The organisation's copy
 * (<data>/announcements.json) wins when it is valid; a bad one falls back to the shipped text, and
 * says so in one log line (the file holds no personal data, but the line quotes none of it anyway).
 */
export function announcementHandlers(ctx: CoreContext, env: CoreEnvironment): Pick<CoreHandlers, 'getAnnouncements'> {
  const warned = new Set<string>();
  const warnOnce = (line: string): void => {
    if (warned.has(line)) return;
    warned.add(line);
    console.warn(line);
  };

  const read = (): ApiResult<Announcement[]> => {
    const override = join(env.dataDir, ANNOUNCEMENTS_FILE);
    if (existsSync(override)) {
      const loaded = load(override);
      if (loaded.ok) return ok(loaded.announcements);
      warnOnce(`examday core: ${ANNOUNCEMENTS_FILE} in the data folder ignored (${loaded.problem}); using the shipped text`);
    }
    if (env.resourcesDir === undefined) return err('not-found', '找不到考场规则文本（程序资源目录未设置）');
    const loaded = load(join(env.resourcesDir, 'announcements', ANNOUNCEMENTS_FILE));
    if (!loaded.ok) {
      warnOnce(`examday core: shipped ${ANNOUNCEMENTS_FILE} unusable (${loaded.problem})`);
      return err('not-found', '找不到考场规则文本，请重新安装程序');
    }
    return ok(loaded.announcements);
  };

  return {
    getAnnouncements: (): ApiResult<ApiOutput<'getAnnouncements'>> => {
      const result = read();
      if (!result.ok) return result;
      const plan = ctx.store.getPlan();
      const cutoff = plan ? `${plan.lateCutoffMinutes}分钟` : '规定时间';
      return ok({ announcements: result.value.map((a) => ({ ...a, text: a.text.replaceAll(LATE_CUTOFF_PLACEHOLDER, cutoff) })) });
    },
  };
}
