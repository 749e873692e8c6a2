import { refuse } from '../../../shared/api/refusal';
import { ok, type ApiResult } from '../../../shared/api/result';
import type { StaffMember } from '../../../shared/domain/types';
import { isPurgedIdNumber } from '../../../shared/privacy/redact-personal';
import { actorOf } from '../../../shared/staffing/who-acts';
import type { CoreHandlers } from '../core';
import { commitEvents, type CoreContext } from '../core-context';
import { checkPin, staffByBadge } from '../prove-actor';
import { purgePersonalData } from '../purge';

type Methods = 'purgePersonalData' | 'revealIdNumber';

/**
 * Less data, for less time (issue 11 item 5): the 主考's purge of a door laptop and the 主考's look
 * at a full ID number. Both need the 主考 by badge and PIN (as unlockBadge in signin.ts); a wrong PIN
 * is written as 'staff.pin-failed' like any other, so the lock counts it.
 */
export function privacyHandlers(ctx: CoreContext): Pick<CoreHandlers, Methods> {
  const { store } = ctx;

  const chiefExaminer = (badgeCode: string, pin: string): ApiResult<StaffMember> => {
    const who = staffByBadge(ctx, badgeCode);
    if (!who.ok) return who;
    if (who.value.role !== 'chief-examiner') return refuse('chief-examiner-only', { name: who.value.name });
    return checkPin(ctx, who.value, pin, 'whose-chief');
  };

  return {
    purgePersonalData: ({ examinerBadgeCode, examinerPin }) => {
      const examiner = chiefExaminer(examinerBadgeCode, examinerPin);
      if (!examiner.ok) return examiner;
      return purgePersonalData(ctx, examiner.value);
    },

    revealIdNumber: ({ ticketNo, examinerBadgeCode, examinerPin }) => {
      const candidate = store.findCandidateByTicket(ticketNo);
      if (!candidate) return refuse('reveal-ticket-unknown', { ticketNo }, 'not-found');
      if (isPurgedIdNumber(candidate.idNumber)) return refuse('reveal-purged');
      const examiner = chiefExaminer(examinerBadgeCode, examinerPin);
      if (!examiner.ok) return examiner;
      return commitEvents(ctx, () => ({
        events: [{ type: 'id-number.revealed', payload: { ticketNo }, actor: actorOf(examiner.value) }],
        result: ([event]) => ok({ ticketNo, name: candidate.name, idNumber: candidate.idNumber, eventId: event!.id }),
      }));
    },
  };
}
