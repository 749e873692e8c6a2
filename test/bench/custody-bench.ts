// Custody benchmarks (issue 13): prints `BENCH <name> <value> <unit>` lines. Figures, never assertions.
import { openCore } from '../../electron/core/core';
import { custodyLog, recordCollectedReader } from '../../electron/core/handlers/custody-state';
import type { BagEntry } from '../../shared/custody/custody-api';
import { reconcileCustody } from '../../shared/custody/reconcile';
import type { StaffMember } from '../../shared/domain/types';
import { fixtureDay, fixtureDayEvents } from '../support/fixture-day';
import { makeTempDir } from '../support/temp-dir';

function bench(name: string, value: number, unit: string): void {
  console.log(`BENCH ${name} ${Number.isFinite(value) ? value.toFixed(value < 10 ? 3 : 1) : value} ${unit}`);
}
const median = (xs: number[]): number => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)] ?? NaN;

function must<T>(answer: { ok: true; value: T } | { ok: false; error: { message: string } }): T {
  if (!answer.ok) throw new Error(answer.error.message);
  return answer.value;
}

function main(): void {
  const temp = makeTempDir('examday-custody-bench-');
  try {
    // 100 rooms and 3,000 candidates; 4 bags a room (400), every bag through its whole path.
    const day = fixtureDay(3_000);
    let clockMs = new Date(2026, 10, 25, 7, 0).getTime();
    const core = openCore({ dataDir: temp.dir, now: () => new Date(clockMs) });
    core.commit(fixtureDayEvents(day));
    const office: StaffMember[] = [
      { staffId: 'B001', name: '钱保密', role: 'secrecy-officer', badgeCode: 'KW-B001' },
      { staffId: 'B002', name: '孙保密', role: 'secrecy-officer', badgeCode: 'KW-B002' },
      { staffId: 'K001', name: '郑考务', role: 'exam-affairs', badgeCode: 'KW-K001' },
    ];
    core.commit(office.map((staff) => ({ type: 'staff.registered', payload: { staff }, actor: { staffId: 'system', name: '系统', role: 'system' } })));
    const h = core.handlers;
    const rooms = day.rooms.map((r) => r.roomNo);
    const badge = (room: string, which: 0 | 1): string => `KW-P${String(2 * rooms.indexOf(room) + 1 + which).padStart(4, '0')}`;
    const bagsOf = (room: string) => ({ papers: [`SJ-${room}`, `DTK-${room}`], returns: [`HS-${room}`, `HK-${room}`] });
    const entries: BagEntry[] = rooms.flatMap((roomNo) => {
      const common = { occupation: day.candidates[0]!.occupation, level: day.candidates[0]!.level, roomNo, sealNos: [], source: 'press-label' as const };
      return [
        { ...common, code: `SJ-${roomNo}`, kind: 'paper' as const, count: 32 },
        { ...common, code: `DTK-${roomNo}`, kind: 'answer-sheet' as const, count: 32 },
        { ...common, code: `HS-${roomNo}`, kind: 'paper-return' as const, count: 0 },
        { ...common, code: `HK-${roomNo}`, kind: 'answer-sheet-return' as const, count: 0 },
      ];
    });
    must(h.registerBags({ bags: entries, actorStaffId: 'K001' }));
    const none = { givers: [], receivers: [], performers: [], counts: [], seals: [] };
    const intact = (codes: string[]) => codes.map((bagCode) => ({ bagCode, intact: true }));
    const counted = (codes: string[], count: number) => codes.map((bagCode) => ({ bagCode, count }));
    const step = (at: [number, number], input: Parameters<typeof h.recordCustodyStep>[0]): void => {
      clockMs = new Date(2026, 10, 25, at[0], at[1]).getTime();
      must(h.recordCustodyStep(input));
    };
    for (const room of rooms) {
      const { papers, returns } = bagsOf(room);
      const all = [...papers, ...returns];
      step([7, 10], { ...none, step: 'store', bagCodes: all, receivers: ['KW-B001', 'KW-B002'], seals: intact(all) });
      step([7, 40], { ...none, step: 'take-out', bagCodes: all, givers: ['KW-B001'], receivers: ['KW-S001'], seals: intact(all) });
      step([7, 42], { ...none, step: 'issue', bagCodes: all, givers: ['KW-S001'], receivers: [badge(room, 0)], counts: [...counted(papers, 32), ...counted(returns, 0)], seals: intact(all) });
      step([7, 48], { ...none, step: 'arrive', bagCodes: all, performers: [badge(room, 0), badge(room, 1)] });
      step([8, 25], { ...none, step: 'show-seal', bagCodes: papers, performers: [badge(room, 0)], seals: intact(papers) });
      step([8, 26], { ...none, step: 'open', bagCodes: papers, performers: [badge(room, 0)] });
      clockMs = new Date(2026, 10, 25, 10, 1).getTime();
      for (const [i, code] of returns.entries()) must(h.sealReturnBag({ roomNo: room, code, kind: i === 0 ? 'paper-return' : 'answer-sheet-return', count: 30, performers: [badge(room, 0), badge(room, 1)] }));
      step([10, 6], { ...none, step: 'return', bagCodes: returns, givers: [badge(room, 0)], receivers: ['KW-K001'], counts: counted(returns, 30), seals: intact(returns) });
      step([10, 20], { ...none, step: 'office-seal', bagCodes: returns, performers: ['KW-S001', 'KW-K001'] });
      step([10, 30], { ...none, step: 'escort', bagCodes: returns, performers: ['KW-B001', 'KW-B002'], seals: intact(returns) });
      step([11, 30], { ...none, step: 'deliver', bagCodes: returns, givers: ['KW-B001'], counts: counted(returns, 30), seals: intact(returns), recipient: '评卷点 刘老师' });
    }
    // 3,000 steps so far; 1,200 more as another device's late copies of 到达考场 (folded, not applied).
    const arrivals = [...custodyLog(core.store).bags.values()].flatMap((bag) => bag.history.filter((x) => x.step === 'arrive').map((x) => ({ code: bag.bag.code, x })));
    for (let round = 0; round < 3; round += 1) {
      core.commit(
        arrivals.map(({ code, x }) => ({
          type: 'custody.recorded' as const,
          payload: { bagCode: code, step: 'arrive' as const, handoffId: `${x.handoffId}-copy${round}`, place: 'room' as const, roomNo: x.roomNo ?? '001', parties: x.parties.map((p) => ({ ...p, proof: 'badge' as const })) },
          actor: { staffId: x.parties[0]!.staffId, name: x.parties[0]!.name, role: x.parties[0]!.role },
        })),
      );
    }
    const handoffs = core.store.listCustodyEntries().filter((e) => e.type === 'custody.recorded').length;
    bench('custody_handoffs', handoffs, 'events');

    const reconcileMs: number[] = [];
    for (let i = 0; i < 30; i += 1) {
      const t0 = performance.now();
      const result = reconcileCustody(custodyLog(core.store), recordCollectedReader(core.store));
      reconcileMs.push(performance.now() - t0);
      if (result.problems.length === 0) throw new Error('the late copies should show as conflicts');
    }
    bench('custody_reconcile_ms', median(reconcileMs), 'ms');

    const viewMs: number[] = [];
    for (let i = 0; i < 30; i += 1) {
      const t0 = performance.now();
      const view = must(h.getCustody({}));
      viewMs.push(performance.now() - t0);
      if (view.bags.length !== 400) throw new Error('custody view incomplete');
    }
    bench('custody_view_ms', median(viewMs), 'ms');
    core.close();
  } finally {
    temp.remove();
  }
}

main();
