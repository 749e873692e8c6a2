import type { CoreHandlers } from './core';
import type { CoreContext, CoreEnvironment } from './core-context';
import { absenteeHandlers } from './handlers/absentees';
import { announcementHandlers } from './handlers/announcements';
import { checkinHandlers } from './handlers/checkin';
import { doorHandlers } from './handlers/door';
import { clockHandlers } from './handlers/clock';
import { dashboardHandlers } from './handlers/dashboard';
import { dayHandlers } from './handlers/day';
import { scheduleHandlers } from './handlers/schedule';
import { photoHandlers } from './handlers/photos';
import { roomRecordHandlers } from './handlers/room-record';
import { setupHandlers } from './handlers/setup';
import { recordActionHandlers } from './handlers/record-actions';
import { resultHandlers } from './handlers/results';
import { custodyHandlers } from './handlers/custody';
import { signinHandlers } from './handlers/signin';
import { rosterHandlers } from './handlers/roster';
import { privacyHandlers } from './handlers/privacy';

/**
 * The core's side of ExamDayApi, one file per area under handlers/. Inputs arrive parsed
 * (dispatch.ts); user-caused failures are results. Rehearsals are the CoreHost's (core-host.ts).
 */
export function createHandlers(ctx: CoreContext, env: CoreEnvironment): CoreHandlers {
  return {
    ...dayHandlers(ctx, env),
    ...checkinHandlers(ctx),
    ...doorHandlers(ctx),
    ...absenteeHandlers(ctx),
    ...roomRecordHandlers(ctx),
    ...scheduleHandlers(ctx),
    ...clockHandlers(ctx, env),
    ...dashboardHandlers(ctx),
    ...announcementHandlers(ctx, env),
    ...photoHandlers(ctx),
    ...setupHandlers(ctx, env),
    ...recordActionHandlers(ctx, env),
    ...resultHandlers(ctx),
    ...custodyHandlers(ctx),
    ...signinHandlers(ctx),
    ...rosterHandlers(ctx),
    ...privacyHandlers(ctx),
  };
}
