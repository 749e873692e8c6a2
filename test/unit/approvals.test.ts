import { describe, expect, it } from 'vitest';
import type { StaffMember } from '../../shared/domain/types';
import { APPROVALS, approvalRefusal, type Approval } from '../../shared/staffing/approvals';

type Person = Pick<StaffMember, 'name' | 'role' | 'roomNo'>;
const chiefExaminer: Person = { name: '周主考', role: 'chief-examiner' };
const deputy: Person = { name: '钱副主考', role: 'deputy-chief-examiner' };
const chief01: Person = { name: '主监考1', role: 'chief-proctor', roomNo: '01' };
const second01: Person = { name: '副监考1', role: 'second-proctor', roomNo: '01' };
const chief02: Person = { name: '主监考2', role: 'chief-proctor', roomNo: '02' };
const roving: Person = { name: '吴流动', role: 'roving-proctor' };
const affairs: Person = { name: '何考务', role: 'exam-affairs' };
const people = { chiefExaminer, deputy, chief01, second01, chief02, roving, affairs };

// Who may give each approval in room 01 (附件3/附件4; issue 11 item 2). ✔ may, ✘ refused.
const table: Record<Approval, Record<keyof typeof people, boolean>> = {
  'late-admission': { chiefExaminer: true, deputy: true, chief01: true, second01: false, chief02: false, roving: false, affairs: false },
  'absence-correction': { chiefExaminer: true, deputy: true, chief01: false, second01: false, chief02: false, roving: false, affairs: false },
  'doubt-signoff': { chiefExaminer: true, deputy: false, chief01: true, second01: true, chief02: false, roving: false, affairs: false },
  absentees: { chiefExaminer: true, deputy: true, chief01: true, second01: false, chief02: false, roving: false, affairs: false },
  'record-signature': { chiefExaminer: false, deputy: false, chief01: true, second01: true, chief02: false, roving: false, affairs: false },
  'record-exception': { chiefExaminer: true, deputy: true, chief01: false, second01: false, chief02: false, roving: false, affairs: false },
  'incident-correction': { chiefExaminer: true, deputy: true, chief01: true, second01: true, chief02: false, roving: false, affairs: false },
  'custody-exception': { chiefExaminer: true, deputy: false, chief01: false, second01: false, chief02: false, roving: false, affairs: false },
  'close-day': { chiefExaminer: true, deputy: false, chief01: false, second01: false, chief02: false, roving: false, affairs: false },
  'finding-resolution': { chiefExaminer: true, deputy: true, chief01: false, second01: false, chief02: false, roving: false, affairs: false },
  'device-revocation': { chiefExaminer: true, deputy: true, chief01: false, second01: false, chief02: false, roving: false, affairs: false },
};

describe('who may give each approval (approvalRefusal)', () => {
  it('covers every approval', () => {
    expect(Object.keys(table).sort()).toEqual([...APPROVALS].sort());
  });
  for (const approval of APPROVALS) {
    for (const [key, person] of Object.entries(people)) {
      const may = table[approval][key as keyof typeof people];
      it(`${approval}: ${person.name} ${may ? 'may' : 'is refused'}`, () => {
        const refusal = approvalRefusal(approval, person, '01');
        if (may) expect(refusal).toBeNull();
        else expect(refusal).toMatch(/[\u4e00-\u9fff]/);
      });
    }
  }
  it('names who the badge belongs to, so the refusal says why this badge will not do', () => {
    expect(approvalRefusal('late-admission', second01, '01')).toBe('迟到考生须由本考场主监考（或主考、副主考）批准入场：副监考1（第 01 考场副监考）不能批准');
    expect(approvalRefusal('absentees', chief02, '01')).toBe('缺考名单须由本考场主监考（或主考、副主考）确认：主监考2（第 02 考场主监考）不能确认');
    expect(approvalRefusal('record-signature', chief02, '01')).toBe('这张胸卡属于第 02 考场的监考人员，不能为本考场签名');
  });
});
