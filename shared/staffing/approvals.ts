import { mayConfirmAbsentees, mayCorrectConfirmedAbsence } from '../checkin/absentees';
import { mayApproveLate } from '../checkin/late-approval';
import { STAFF_ROLE_LABELS } from '../domain/labels';
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

/** "王五（第 2 考场副监考）": who the badge named, so a refusal says why this badge will not do. */
function whoIs(staff: Approver): string {
  const room = staff.roomNo === undefined ? '' : `第 ${staff.roomNo} 考场`;
  return `${staff.name}（${room}${STAFF_ROLE_LABELS[staff.role].zh}）`;
}

/**
 * Why the person a badge names may not give this approval in this room (ignored by the site-wide
 * custody exception and 日结), or null when they may.
 * Who may is each rule's own (late-approval.ts, absentees.ts, roles.ts, record/signatures.ts);
 * here it is asked once, before the PIN, for every approval alike.
 */
export function approvalRefusal(approval: Approval, staff: Approver, roomNo: string): string | null {
  switch (approval) {
    case 'late-admission':
      return mayApproveLate(staff, roomNo) ? null : `迟到考生须由本考场主监考（或主考、副主考）批准入场：${whoIs(staff)}不能批准`;
    case 'absence-correction':
      return mayCorrectConfirmedAbsence(staff) ? null : `已确认缺考的考生只有主考或副主考可以更正并准予入场：${whoIs(staff)}不能批准`;
    case 'doubt-signoff':
      return maySignDoubt(staff, roomNo) ? null : `只有本考场的两位监考员（或主考）可以解除或确认存疑：${whoIs(staff)}不能签认`;
    case 'absentees':
      return mayConfirmAbsentees(staff, roomNo) ? null : `缺考名单须由本考场主监考（或主考、副主考）确认：${whoIs(staff)}不能确认`;
    case 'record-signature': {
      const slot = signatureSlot(staff, roomNo);
      return slot.ok ? null : slot.reason;
    }
    case 'record-exception':
      return mayExcuseSigning(staff) ? null : `例外说明须由主考（或副主考）签署：${whoIs(staff)}不能签署`;
    case 'incident-correction':
      return mayKeepRecord(staff, roomNo) ? null : `考场记录须由本考场主监考、副监考（或主考、副主考）更正：${whoIs(staff)}不能更正`;
    case 'custody-exception':
      return staff.role === 'chief-examiner' ? null : `试卷袋例外须由主考扫描胸卡并输入 PIN：${whoIs(staff)}不是主考`;
    case 'close-day':
      return staff.role === 'chief-examiner' ? null : `日结须由主考扫描胸卡并输入 PIN：${whoIs(staff)}不是主考`;
    case 'finding-resolution':
      return isExaminer(staff) ? null : `同步发现的问题须由主考或副主考处理：${whoIs(staff)}不能处理`;
    case 'device-revocation':
      return isExaminer(staff) ? null : `停用设备须由主考或副主考批准：${whoIs(staff)}不能停用`;
  }
}
