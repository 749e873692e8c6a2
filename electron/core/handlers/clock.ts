import { refuse } from '../../../shared/api/refusal';
import { ok } from '../../../shared/api/result';
import type { Actor } from '../../../shared/domain/types';
import { describeOffsetEn, describeOffsetZh, isClockOffsetTooLarge, looksLikeTimeCode, parseTimeCode } from '../../../shared/timetable/time-code';
import type { CoreHandlers } from '../core';
import { commitEvents, type CoreContext, type CoreEnvironment } from '../core-context';

const DAY_MS = 24 * 60 * 60 * 1000;
/** Beyond this the reference is surely misread or the device's date is wrong: not an offset to record. */
export const MAX_CLOCK_OFFSET_MS = 12 * 60 * 60 * 1000;

/**
 * "HH:MM" or "HH:MM:SS" read off the office clock → that time on the day nearest the device's
 * clock, so 23:59:58 typed at 00:00:03 is two seconds before midnight, not a day off.
 */
export function typedReferenceMs(text: string, deviceNow: Date): number | undefined {
  const match = /^(\d{1,2})[:：]([0-5]\d)(?:[:：]([0-5]\d))?$/.exec(text.trim());
  if (!match) return undefined;
  const hours = Number(match[1]);
  if (hours > 23) return undefined;
  const sameDay = new Date(deviceNow);
  sameDay.setHours(hours, Number(match[2]), Number(match[3] ?? 0), 0);
  const deviceMs = deviceNow.getTime();
  return [sameDay.getTime() - DAY_MS, sameDay.getTime(), sameDay.getTime() + DAY_MS].reduce((best, candidate) =>
    Math.abs(deviceMs - candidate) < Math.abs(deviceMs - best) ? candidate : best,
  );
}

/** This device's clock against the office's (附件5 7:35 核对时间), and the clock the core runs on. */
export function clockHandlers(ctx: CoreContext, env: CoreEnvironment): Pick<CoreHandlers, 'getClock' | 'recordClockCheck'> {
  const { store } = ctx;
  return {
    getClock: () => {
      const offset = store.getClockOffset(env.deviceId);
      return ok({
        deviceNowMs: ctx.now().getTime(),
        speed: env.speed,
        offsetMs: offset?.offsetMs ?? null,
        checkedAt: offset?.at ?? null,
        offsetTooLarge: offset !== undefined && isClockOffsetTooLarge(offset.offsetMs),
        deviceId: env.deviceId,
        rehearsal: env.rehearsal,
      });
    },

    recordClockCheck: ({ reference, actorStaffId }) => {
      const staff = store.getStaff(actorStaffId);
      if (!staff) return refuse('clock-checker-unknown');
      const deviceNow = ctx.now();
      let referenceMs: number;
      let referenceDeviceId: string | undefined;
      if (looksLikeTimeCode(reference)) {
        const code = parseTimeCode(reference);
        if (!code) return refuse('clock-code-unreadable', {}, 'invalid-input');
        if (code.referenceDeviceId === env.deviceId) return refuse('clock-own-code');
        referenceMs = code.referenceMs;
        referenceDeviceId = code.referenceDeviceId;
      } else {
        const typed = typedReferenceMs(reference, deviceNow);
        if (typed === undefined) return refuse('clock-typed-format', {}, 'invalid-input');
        referenceMs = typed;
      }
      const deviceMs = deviceNow.getTime();
      const offsetMs = deviceMs - referenceMs;
      if (Math.abs(offsetMs) > MAX_CLOCK_OFFSET_MS) {
        return refuse('clock-offset-too-large', { offset: describeOffsetZh(offsetMs), offsetEn: describeOffsetEn(offsetMs) });
      }
      const actor: Actor = { staffId: staff.staffId, name: staff.name, role: staff.role };
      const payload = {
        method: referenceDeviceId === undefined ? ('typed' as const) : ('time-code' as const),
        ...(referenceDeviceId === undefined ? {} : { referenceDeviceId }),
        referenceMs,
        deviceMs,
        offsetMs,
      };
      return commitEvents(ctx, () => ({
        events: [{ type: 'clock.checked', payload, actor }],
        result: ([event]) => ok({ offsetMs, offsetTooLarge: isClockOffsetTooLarge(offsetMs), eventId: event?.id ?? '' }),
      }));
    },
  };
}
