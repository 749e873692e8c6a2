import { z } from 'zod';
import { err, ok, type ApiResult } from '../../../shared/api/result';
import { actionRefusal, mayDo, type CenterAction, type CenterRoleName } from '../../../shared/center/center-roles';
import type { DeviceKey } from '../../core/device-key';
import { dayRetentionView, purgeDayPhotos, retentionInForce, setRetention } from '../center-retention';
import { centerActor } from '../day-view';
import type { CenterStore } from '../store/center-store';

export interface RetentionRequest {
  route: string;
  url: URL;
  session: { username: string; role: CenterRoleName };
  store: CenterStore;
  key: DeviceKey;
  now: Date;
  /** Reads and parses the body; answers the request itself (and gives undefined) when it does not parse. */
  readInput: <T>(schema: z.ZodType<T>) => Promise<T | undefined>;
}

const ROUTES: Record<string, CenterAction> = {
  'GET /api/retention': 'manage-retention',
  'POST /api/retention': 'manage-retention',
  'POST /api/purge-photos': 'manage-retention',
  'GET /api/day-retention': 'review',
};
const dayKeyInput = z.object({ dayKey: z.string().min(1, '缺少考试日').max(1_000) }).strict();
/** Only the shape here: the limits and their reasons (第二十九条) are the event's own schema, checked in setRetention. */
const settingsInput = z.object({ electronicYears: z.number({ message: '请填写电子材料的保存年限' }), photoDays: z.number({ message: '请填写照片的保存天数' }) }).strict();

/**
 * Retention (issue 14 item 6): the settings per class (admin), each day's kept-until dates and
 * photos (any reviewer reads them on the day page), and the admin's photo purge. Answers undefined
 * for a route it does not serve; the caller has checked the session, the origin and the CSRF token.
 */
export async function retentionRoute(req: RetentionRequest): Promise<ApiResult<unknown> | 'answered' | undefined> {
  const action = ROUTES[req.route];
  if (!action) return undefined;
  const refusal = actionRefusal(req.session.role, action);
  if (refusal) return err('refused', refusal);
  const actor = centerActor(req.session.username, req.session.role);
  switch (req.route) {
    case 'GET /api/retention': {
      const inForce = await retentionInForce(req.store);
      const days = [];
      for (const day of await req.store.days()) {
        const view = await dayRetentionView(req.store, day.dayKey, req.now);
        if (view) days.push({ dayKey: day.dayKey, organisation: day.organisation, date: day.date, planId: day.planId, ...view });
      }
      return ok({ ...inForce, days });
    }
    case 'POST /api/retention': {
      const input = await req.readInput(settingsInput);
      if (!input) return 'answered';
      const set = await setRetention(req.store, req.key, { settings: input, actor, now: req.now });
      return set.ok ? ok(set) : err('refused', set.reason);
    }
    case 'POST /api/purge-photos': {
      const input = await req.readInput(dayKeyInput);
      if (!input) return 'answered';
      const purged = await purgeDayPhotos(req.store, req.key, { dayKey: input.dayKey, actor, now: req.now });
      return purged.ok ? ok(purged) : err('refused', purged.reason);
    }
    case 'GET /api/day-retention': {
      const dayKey = dayKeyInput.safeParse({ dayKey: req.url.searchParams.get('day') ?? '' });
      if (!dayKey.success) return err('invalid-input', '缺少考试日');
      const view = await dayRetentionView(req.store, dayKey.data.dayKey, req.now);
      return view ? ok({ ...view, canPurge: mayDo(req.session.role, 'manage-retention') }) : err('not-found', '中心没有这个考试日');
    }
    default:
      return err('not-found', '没有这个接口');
  }
}
