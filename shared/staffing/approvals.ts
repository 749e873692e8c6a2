import { refusalOf, refusalZhOrNull, type Refusal, type RefusalCode } from '../api/refusal';
import { mayConfirmAbsentees, mayCorrectConfirmedAbsence } from '../checkin/absentees';
import { mayApproveLate } from '../checkin/late-approval';
import type { StaffMember } from '../domain/types';
import { mayExcuseSigning, mayKeepRecord, signatureSlot } from '../record/signatures';
import { isExaminer, maySignDoubt } from './roles';

/**
 * Every act that needs the acting person's badge and PIN at that moment (issue 11 item 2): the
 * 主监考's late approval, the 主考's admission of a confirmed absentee, each signature on a 存疑, the
 * absentee list, the room record's signatures and the 主考's exception, a correction of the record,
 * the 主考's custody exception for a bag and 日结 (附件4/附件5), and the 主考's (or 副主考's) answer to a
 * sync finding and the revocation of a paired device.
 */
export const APPROVALS = [
  'late-admission',
  'absence-correction',
  'doubt-signoff',
  'absentees',
  'record-signature',
  'record-exception',
  'incident-correction',
  'custody-exception',
  'close-day',
  'finding-resolution',
  'device-revocation',
] as const;
export type Approval = (typeof APPROVALS)[number];

type Approver = Pick<StaffMember, 'name' | 'role' | 'roomNo'>;

/** Who the badge named ("王五（第 2 考场副监考）"), so a refusal says why this badge will not do. */
const whoIs = (code: RefusalCode, staff: Approver): Refusal => refusalOf(code, { name: staff.name, role: staff.role, inRoom: staff.roomNo ?? '' });

/**
 * Why the person a badge names may not give this approval in this room (ignored by the site-wide
 * custody exception and 日结), or null when they may.
 * Who may is each rule's own (late-approval.ts, absentees.ts, roles.ts, record/signatures.ts);
 * here it is asked once, before the PIN, for every approval alike.
 */
export function approvalRefusalCoded(approval: Approval, staff: Approver, roomNo: string): Refusal | null {
  switch (approval) {
    case 'late-admission':
      return mayApproveLate(staff, roomNo) ? null : whoIs('approve-late', staff);
    case 'absence-correction':
      return mayCorrectConfirmedAbsence(staff) ? null : whoIs('approve-absence-correction', staff);
    case 'doubt-signoff':
      return maySignDoubt(staff, roomNo) ? null : whoIs('approve-doubt', staff);
    case 'absentees':
      return mayConfirmAbsentees(staff, roomNo) ? null : whoIs('approve-absentees', staff);
    case 'record-signature': {
      const slot = signatureSlot(staff, roomNo);
      return slot.ok ? null : slot.refusal;
    }
    case 'record-exception':
      return mayExcuseSigning(staff) ? null : whoIs('approve-record-exception', staff);
    case 'incident-correction':
      return mayKeepRecord(staff, roomNo) ? null : whoIs('approve-incident-correction', staff);
    case 'custody-exception':
      return staff.role === 'chief-examiner' ? null : whoIs('approve-custody-exception', staff);
    case 'close-day':
      return staff.role === 'chief-examiner' ? null : whoIs('approve-close-day', staff);
    case 'finding-resolution':
      return isExaminer(staff) ? null : whoIs('approve-finding-resolution', staff);
    case 'device-revocation':
      return isExaminer(staff) ? null : whoIs('approve-device-revocation', staff);
  }
}

/** approvalRefusalCoded in Chinese. */
export const approvalRefusal = (approval: Approval, staff: Approver, roomNo: string): string | null =>
  refusalZhOrNull(approvalRefusalCoded(approval, staff, roomNo));
