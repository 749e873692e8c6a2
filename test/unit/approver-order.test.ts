import { describe, expect, it } from 'vitest';
import { approversInOrder } from '../../shared/checkin/late-approval';
import type { StaffMember } from '../../shared/domain/types';

const person = (staffId: string, role: StaffMember['role'], roomNo?: string): Pick<StaffMember, 'staffId' | 'role' | 'roomNo'> => ({ staffId, role, ...(roomNo ? { roomNo } : {}) });

describe('who a door offers to approve a late candidate, and in what order (issue 15 item 11)', () => {
  const staff = [
    person('S01', 'chief-examiner'),
    person('S02', 'deputy-chief-examiner'),
    person('P01', 'chief-proctor', '01'),
    person('P02', 'second-proctor', '01'),
    person('P03', 'chief-proctor', '02'),
    person('R01', 'roving-proctor'),
  ];
  it.each([
    ['01', ['P01', 'S01', 'S02']],
    ['02', ['P03', 'S01', 'S02']],
    ['03', ['S01', 'S02']],
  ])('room %s: %j', (roomNo, expected) => {
    expect(approversInOrder(staff, roomNo).map((s) => s.staffId)).toEqual(expected);
  });
});
