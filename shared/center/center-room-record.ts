import { z } from 'zod';
import { recordPlanSchema, roomRecordSchema } from '../record/room-record';

/**
 * One room's 考场情况记录单 as the center serves it to the review page (issue 14 item 4): the same
 * record the site builds, with the plan its heading shows. It carries names, 准考证号 and seats, never
 * an ID number: full ID numbers are revealed one at a time (and logged) elsewhere.
 */
export const centerRoomRecordSchema = z.object({ plan: recordPlanSchema, record: roomRecordSchema });
export type CenterRoomRecord = z.infer<typeof centerRoomRecordSchema>;
