import { SYSTEM_ACTOR, type StaffMember } from '../../shared/domain/types';
import { placeSampleDay, sampleDaySchema } from '../../shared/sample/sample-day';
import { samplePin } from '../../shared/sample/sample-pins';
import { commitEvents, type CoreContext, type PendingEvent } from './core-context';
import { hashPin } from './pin-hash';

/** The sample staff's badges, fixed (KW-S03 for S03) so a newcomer can sign a record by typing one. */
export const sampleBadgeCode = (staffId: string): string => `KW-${staffId.toUpperCase()}`;

/**
 * Each sample person's PIN (sample-pins.ts: 2468 and the last two digits of the staff ID), set by the
 * system as the day is seeded, so a newcomer signs in at once; hashed like any PIN (~0.1 s each).
 */
export function samplePinEvents(staff: readonly Pick<StaffMember, 'staffId'>[]): PendingEvent[] {
  return staff.map((s): PendingEvent => ({ type: 'staff.pin-set', payload: { staffId: s.staffId, ...hashPin(samplePin(s.staffId)) }, actor: SYSTEM_ACTOR }));
}

/**
 * Puts the bundled sample exam day into an empty log as ordinary events (plan, rooms, staff,
 * roster, the staff's sample PINs), in one transaction, so a newcomer lands on a working day and
 * nothing about it is special.
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
    ...samplePinEvents(day.staff),
  ];
  commitEvents(ctx, () => ({ events, result: () => undefined }));
}
