import { describe, expect, it } from 'vitest';
import { CENTER_ACTIONS, mayDo, type CenterAction, type CenterRoleName } from '../../shared/center/center-roles';
import { centerEnrolRequestSchema, dayKeyOf, enrolmentCodeSchema, organisationRefusal } from '../../shared/center/center-protocol';
import { centerResultSheetRows, exportRefusal } from '../../shared/center/center-results';
import type { Candidate } from '../../shared/domain/types';

describe('center roles', () => {
  const table: Record<CenterRoleName, CenterAction[]> = {
    admin: [...CENTER_ACTIONS],
    reviewer: ['review', 'resolve-finding', 'override-export', 'export-results', 'export-archive', 'see-full-id', 'upload-sync-file'],
    auditor: ['review'],
  };
  it.each(Object.entries(table) as [CenterRoleName, CenterAction[]][])('%s may do exactly its actions', (role, allowed) => {
    expect(CENTER_ACTIONS.filter((a) => mayDo(role, a))).toEqual(allowed);
  });
});

describe('center rules', () => {
  it.each([
    ['北京职业技能评价中心', undefined],
    ['另一个组织', '本站点登记在“北京职业技能评价中心”名下，不能上报“另一个组织”的考试日'],
  ])('a site of 北京职业技能评价中心 pushing a day of %s', (organisation, refusal) => {
    expect(organisationRefusal('北京职业技能评价中心', { organisation, date: '2026-11-28', planId: 'P' })).toBe(refusal);
  });

  it.each([
    ['abcde-fghjk-mnpqr-stuvw', 'ABCDE-FGHJK-MNPQR-STUVW'],
    [' ABCDE-FGHJK-MNPQR-STUV2 ', 'ABCDE-FGHJK-MNPQR-STUV2'],
    ['ABCDE-FGHJK-MNPQR-STUV0', undefined],
    ['ABCDE-FGHJK-MNPQR', undefined],
  ])('enrolment code %j', (typed, normalised) => {
    const parsed = enrolmentCodeSchema.safeParse(typed);
    expect(parsed.success ? parsed.data : undefined).toBe(normalised);
  });

  it('refuses an enrolment request whose proof is not a signature', () => {
    expect(centerEnrolRequestSchema.safeParse({ kind: 'center-enrol', protocolVersion: 1, code: 'ABCDE-FGHJK-MNPQR-STUVW', deviceId: '0123456789abcdef', publicKey: 'ab'.repeat(22), siteName: '考点', proof: 'x' }).success).toBe(false);
  });

  it('names one day by organisation, date and plan whatever the key order', () => {
    expect(dayKeyOf({ planId: 'P', date: '2026-11-28', organisation: 'O' })).toBe(dayKeyOf({ organisation: 'O', date: '2026-11-28', planId: 'P' }));
  });

  it.each([
    ['no open finding', [], [], undefined],
    ['two open findings', ['a', 'b'], [], '该考试日还有 2 个待处理事项：请先逐一处理（写明理由），或由审核员签署放行（写明理由）后再导出结果'],
    ['both named by an override', ['a', 'b'], [{ findingIds: ['a', 'b'] }], undefined],
    ['named by two overrides', ['a', 'b'], [{ findingIds: ['a'] }, { findingIds: ['b', 'c'] }], undefined],
    ['one arrived after the override', ['a', 'b'], [{ findingIds: ['a'] }], '该考试日还有 1 个待处理事项（签署放行之后新出现的）：请先逐一处理（写明理由），或由审核员签署放行（写明理由）后再导出结果'],
  ] as const)('export with %s', (_case, open, overrides, refusal) => {
    expect(exportRefusal(open, overrides.map((o) => ({ findingIds: [...o.findingIds] })))).toBe(refusal);
  });

  it('masks the ID number unless the role may see it, and names the incident behind 舞弊', () => {
    const candidate = { ticketNo: 'T1', name: '张三', idNumber: '11010519491231002X', occupation: '保育师', level: '四级' } as Candidate;
    const rows = [{ ticketNo: 'T1', name: '张三', idMasked: '**************002X', roomNo: '01', roomName: '第1考场', seatNo: 3, result: 'cheating' as const, incident: '09:10 夹带' }];
    expect(centerResultSheetRows(rows, () => candidate, false)[1]).toEqual(['T1', '张三', '**************002X', '保育师', '四级', '第1考场', 3, '舞弊', '09:10 夹带']);
    expect(centerResultSheetRows(rows, () => candidate, true)[1]?.[2]).toBe('11010519491231002X');
  });
});
