import { describe, expect, it } from 'vitest';
import { STEP_DEFINITIONS } from '../../shared/custody/custody-steps';
import type { StaffRole } from '../../shared/domain/types';
import { NO_BADGES, badgesComplete, placeBadge, type Badges } from '../../renderer/src/custody/badge-parts';
import { handoffsOf } from '../../renderer/src/custody/handoffs';
import type { BagView, CustodyHistoryEntry } from '../../renderer/src/custody/custody-api';

/** The fixture day's roles by badge (S examiner, P proctors, R roving, O office, K secrecy). */
const ROLE_OF: Record<string, StaffRole> = {
  S: 'chief-examiner',
  P: 'chief-proctor',
  R: 'roving-proctor',
  O: 'exam-affairs',
  K: 'secrecy-officer',
};

const scanAll = (step: keyof typeof STEP_DEFINITIONS, codes: string[]) => {
  let badges: Badges = NO_BADGES;
  const refusals: string[] = [];
  for (const code of codes) {
    const placed = placeBadge(STEP_DEFINITIONS[step].parties, badges, code, ROLE_OF[code.trim().charAt(3).toUpperCase()]);
    if ('refused' in placed) refusals.push(`${code}:${placed.refused}`);
    else badges = placed.badges;
  }
  return { badges, refusals };
};

describe('badges scanned one after another fill the step’s parts in the table’s order', () => {
  it.each([
    // step, scanned, giver, receiver, performer, refused, complete
    ['issue', ['KW-S001', 'KW-P0001'], ['KW-S001'], ['KW-P0001'], [], [], true],
    ['issue', ['KW-S001', 'KW-P0001', 'KW-P0002'], ['KW-S001'], ['KW-P0001', 'KW-P0002'], [], [], true],
    ['issue', ['KW-S001', 'KW-P0001', 'KW-P0002', 'KW-R001'], ['KW-S001'], ['KW-P0001', 'KW-P0002'], [], ['KW-R001:full'], true],
    ['issue', ['KW-S001'], ['KW-S001'], [], [], [], false],
    ['store', ['KW-S001', 'kw-s001'], [], ['KW-S001'], [], ['kw-s001:duplicate'], false],
    ['seal-return', ['KW-P0001', 'KW-P0002'], [], [], ['KW-P0001', 'KW-P0002'], [], true],
    ['arrive', [' KW-P0001 '], [], [], ['KW-P0001'], [], true],
    // A proctor hands back, the office receives: the second badge goes to 接收 although 交出 takes two.
    ['return', ['KW-P0001', 'KW-O0001'], ['KW-P0001'], ['KW-O0001'], [], [], true],
    ['return', ['KW-O0001', 'KW-P0001', 'KW-P0002'], ['KW-P0001', 'KW-P0002'], ['KW-O0001'], [], [], true],
    // take-out: the 主考 scanned first still lands on 接收, the 保密员 on 交出.
    ['take-out', ['KW-S001', 'KW-K001'], ['KW-K001'], ['KW-S001'], [], [], true],
    // A badge the list does not know goes to the first part with room.
    ['return', ['KW-X001'], ['KW-X001'], [], [], [], false],
  ] as const)('%s after %j', (step, scanned, giver, receiver, performer, refused, complete) => {
    const { badges, refusals } = scanAll(step, [...scanned]);
    expect(badges).toEqual({ giver, receiver, performer });
    expect(refusals).toEqual(refused);
    expect(badgesComplete(STEP_DEFINITIONS[step].parties, badges)).toBe(complete);
  });
});

describe('handoffsOf', () => {
  const entry = (handoffId: string, at: string, step: CustodyHistoryEntry['step']): CustodyHistoryEntry => ({
    eventId: `${handoffId}-${at}`,
    deviceId: 'd',
    step,
    handoffId,
    at,
    place: 'office',
    roomNo: '01',
    parties: [],
    count: null,
    seal: null,
    recipient: null,
    note: null,
    standing: 'applied',
  });
  const bag = (code: string, history: CustodyHistoryEntry[]) => ({ code, history }) as unknown as BagView;

  it('gathers the bags of one handoff on one 交接单, in the order the handoffs happened', () => {
    const handoffs = handoffsOf([
      bag('A', [entry('h1', '2026-11-09T07:40:00Z', 'issue'), entry('h3', '2026-11-09T09:05:00Z', 'return')]),
      bag('B', [entry('h2', '2026-11-09T07:41:00Z', 'issue')]),
      bag('C', [entry('h1', '2026-11-09T07:40:00Z', 'issue')]),
    ]);
    expect(handoffs.map((h) => [h.handoffId, h.rows.map((r) => r.bag.code)])).toEqual([
      ['h1', ['A', 'C']],
      ['h2', ['B']],
      ['h3', ['A']],
    ]);
  });
});
