import { SYSTEM_ACTOR } from '../../shared/domain/types';
import { placeSampleDay, sampleDaySchema } from '../../shared/sample/sample-day';
import { commitEvents, type CoreContext, type PendingEvent } from './core-context';

/** The sample staff's badges, fixed (KW-S03 for S03) so a newcomer can sign a record by typing one. */
export const sampleBadgeCode = (staffId: string): string => `KW-${staffId.toUpperCase()}`;

/**
 * Puts the bundled sample exam day into an empty log as ordinary events (plan, rooms, staff,
 * roster), in one transaction, so a newcomer lands on a working day and nothing about it is special.
 */
export function loadSampleDay(ctx: CoreContext, raw: unknown, pinnedStart?: string): void {
  const parsed = sampleDaySchema.safeParse(raw);
  if (!parsed.success) {
    throw new Error(`示例考试日文件格式错误：${parsed.error.issues[0]?.path.join('.') ?? ''} ${parsed.error.issues[0]?.message ?? ''}`);
  }
  const placeOptions: { now: Date; pinnedStart?: string } = { now: ctx.now() };
  if (pinnedStart !== undefined) placeOptions.pinnedStart = pinnedStart;
  const day = placeSampleDay(parsed.data, placeOptions);
  const actor = SYSTEM_ACTOR;
  const events: PendingEvent[] = [
    { type: 'plan.set', payload: { plan: day.plan }, actor },
    ...day.rooms.map((room): PendingEvent => ({ type: 'room.defined', payload: { room }, actor })),
    ...day.staff.map((staff): PendingEvent => ({ type: 'staff.registered', payload: { staff: { ...staff, badgeCode: staff.badgeCode ?? sampleBadgeCode(staff.staffId) } }, actor })),
    ...day.candidates.map((candidate): PendingEvent => ({ type: 'candidate.registered', payload: { candidate }, actor })),
  ];
  commitEvents(ctx, () => ({ events, result: () => undefined }));
}
