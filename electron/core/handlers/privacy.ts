import { err, ok, type ApiResult } from '../../../shared/api/result';
import type { StaffMember } from '../../../shared/domain/types';
import { isPurgedIdNumber } from '../../../shared/privacy/redact-personal';
import { afterWrongPin, signInRefusal, wrongPinMessage } from '../../../shared/staffing/pin';
import { foldPinStatus } from '../../../shared/staffing/pin-log';
import { actorOf, identifyActor } from '../../../shared/staffing/who-acts';
import type { CoreHandlers } from '../core';
import { commitEvents, type CoreContext } from '../core-context';
import { pinMatches } from '../pin-hash';
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
    const who = identifyActor(store.listStaff(), { badgeCode });
    if (!who.ok) return err('refused', who.reason);
    const staff = who.staff;
    if (staff.role !== 'chief-examiner') return err('refused', `须由主考本人扫描胸卡并输入 PIN（${staff.name}不是主考）`);
    const status = foldPinStatus(staff.staffId, store.listPinEntries(staff.staffId));
    const refusal = signInRefusal(status);
    if (refusal) return err('refused', `主考：${refusal}`);
    if (pinMatches(pin, status.credential!)) return ok(staff);
    commitEvents(ctx, () => ({ events: [{ type: 'staff.pin-failed', payload: { staffId: staff.staffId }, actor: actorOf(staff) }], result: () => undefined }));
    return err('refused', `主考：${wrongPinMessage(afterWrongPin(status))}`);
  };

  return {
    purgePersonalData: ({ examinerBadgeCode, examinerPin }) => {
      const examiner = chiefExaminer(examinerBadgeCode, examinerPin);
      if (!examiner.ok) return examiner;
      return purgePersonalData(ctx, examiner.value);
    },

    revealIdNumber: ({ ticketNo, examinerBadgeCode, examinerPin }) => {
      const candidate = store.findCandidateByTicket(ticketNo);
      if (!candidate) return err('not-found', `准考证号 ${ticketNo} 不在本考试日的名单中`);
      if (isPurgedIdNumber(candidate.idNumber)) return err('refused', '本机的完整证件号码已清除（个人信息已按规定删除），只能查看后四位');
      const examiner = chiefExaminer(examinerBadgeCode, examinerPin);
      if (!examiner.ok) return examiner;
      return commitEvents(ctx, () => ({
        events: [{ type: 'id-number.revealed', payload: { ticketNo }, actor: actorOf(examiner.value) }],
        result: ([event]) => ok({ ticketNo, name: candidate.name, idNumber: candidate.idNumber, eventId: event!.id }),
      }));
    },
  };
}
