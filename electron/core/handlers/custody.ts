import { randomUUID } from 'node:crypto';
import { refuse, refusedWith } from '../../../shared/api/refusal';
import { ok, type ApiResult } from '../../../shared/api/result';
import { BAG_KIND_LABELS, normaliseBagCode, type Bag } from '../../../shared/custody/bags';
import type { BagEntry } from '../../../shared/custody/custody-api';
import type { CustodyParty } from '../../../shared/custody/custody-events';
import { exceptionAfterLastMove, type BagRecord } from '../../../shared/custody/custody-log';
import { STEP_DEFINITIONS, type PartyPart } from '../../../shared/custody/custody-steps';
import { overdueBagsCoded } from '../../../shared/custody/overdue';
import { closeDayRefusal, collectedForBag, reconcileCustody } from '../../../shared/custody/reconcile';
import { bagCountFindings } from '../../../shared/custody/bag-counts';
import { custodyStepVerdict } from '../../../shared/custody/step-refusal';
import type { StaffMember } from '../../../shared/domain/types';
import type { EventPayload } from '../../../shared/events/event-types';
import { actorOf, identifyActor } from '../../../shared/staffing/who-acts';
import { timeGates } from '../../../shared/timetable/gates';
import type { CoreHandlers } from '../core';
import { commitEvents, type CoreContext, type PendingEvent } from '../core-context';
import { newPrintedCode } from '../printed-code';
import { proveActor } from '../prove-actor';
import { bagView, custodyLog, recordCollectedReader } from './custody-state';
import { roomDisplayLabel } from './door-labels';

type Methods = 'getCustody' | 'registerBags' | 'recordCustodyStep' | 'sealReturnBag' | 'signCustodyException' | 'closeDay';

const REGISTRY_ROLES: readonly StaffMember['role'][] = ['chief-examiner', 'deputy-chief-examiner', 'exam-affairs', 'secrecy-officer'];
const BAGS_PER_EVENT = 500;
/** One of our own bag codes: "KD-" and 8 random characters, printed on the label's QR. */
export const newBagCode = (): string => newPrintedCode('KD');

/**
 * Custody of the sealed bags (issue 13): the registry, each step by badge, the 主考's exceptions and
 * 日结. Every rule is shared/custody's; here they are asked in the transaction that writes.
 */
export function custodyHandlers(ctx: CoreContext): Pick<CoreHandlers, Methods> {
  const { store } = ctx;
  const roomLabel = (roomNo: string): string => roomDisplayLabel(store, roomNo);

  const identify = (badges: readonly string[], part: PartyPart): ApiResult<{ part: PartyPart; staff: StaffMember }[]> => {
    const found: { part: PartyPart; staff: StaffMember }[] = [];
    for (const badgeCode of badges) {
      const who = identifyActor(store.listStaff(), { badgeCode });
      if (!who.ok) return refusedWith(who.refusal);
      found.push({ part, staff: who.staff });
    }
    return ok(found);
  };

  const closedRefusal = (): ApiResult<never> | null => (custodyLog(store).dayClosed ? refuse('custody-day-closed') : null);

  const registrar = (actorStaffId: string): ApiResult<StaffMember> => {
    const staff = store.getStaff(actorStaffId);
    if (!staff) return refuse('custody-registrar-unknown');
    if (!REGISTRY_ROLES.includes(staff.role)) return refuse('custody-registrar-role');
    return ok(staff);
  };

  /** Entries as bags: codes normalised or generated, rooms known, no code twice. */
  const bagsFrom = (entries: readonly BagEntry[]): ApiResult<Bag[]> => {
    const known = custodyLog(store).bags;
    const seen = new Set<string>();
    const bags: Bag[] = [];
    for (const [i, entry] of entries.entries()) {
      let code = entry.code === undefined ? newBagCode() : normaliseBagCode(entry.code);
      while (entry.code === undefined && (known.has(code) || seen.has(code))) code = newBagCode();
      if (known.has(code)) return refuse('custody-bag-known', { code });
      if (seen.has(code)) return refuse('custody-bag-twice-in-batch', { code });
      if (entry.roomNo !== undefined && !store.getRoom(entry.roomNo)) return refuse('custody-bag-room-unknown', { index: i + 1, roomNo: entry.roomNo });
      seen.add(code);
      bags.push({ ...entry, code, sealNos: entry.sealNos.map((s) => s.trim()) });
    }
    return ok(bags);
  };

  const commit = <R>(events: PendingEvent[], result: (committed: { id: string; at: string }[]) => R): ApiResult<R> =>
    commitEvents(ctx, () => ({ events, result: (committed) => ok(result(committed)) }));

  return {
    getCustody: ({ roomNo }) => {
      const log = custodyLog(store);
      const now = ctx.now();
      const all = [...log.bags.values()];
      const inScope = (r: { roomNo: string | null }): boolean => roomNo === undefined || r.roomNo === roomNo;
      const plan = store.getPlan();
      const gates = plan ? timeGates(plan) : undefined;
      const overdue = plan && gates ? overdueBagsCoded(all, plan, gates, now, roomLabel) : [];
      const reconciliation = reconcileCustody(log, recordCollectedReader(store), roomLabel);
      return ok({
        bags: all.filter(inScope).map(bagView),
        overdue: overdue.filter(inScope),
        reconciliation: { ...reconciliation, problems: reconciliation.problems.filter(inScope) },
        dayClosed: log.dayClosed ? { at: log.dayClosed.at, byName: log.dayClosed.byName } : null,
        registryFindings: bagCountFindings(
          all.map((r) => ({ ...r.bag, roomNo: r.roomNo ?? undefined })),
          store.countCandidatesByGroup().filter((g) => roomNo === undefined || g.roomNo === roomNo),
        )
          .filter(inScope)
          .map(({ severity, roomNo: room, message }) => ({ severity, roomNo: room, message })),
        generatedAt: now.toISOString(),
      });
    },

    registerBags: ({ bags: entries, actorStaffId }) =>
      commitEvents(ctx, () => {
        const fail = (r: ApiResult<never>) => ({ events: [], result: () => r });
        const closed = closedRefusal();
        if (closed) return fail(closed);
        const staff = registrar(actorStaffId);
        if (!staff.ok) return fail(staff);
        const bags = bagsFrom(entries);
        if (!bags.ok) return fail(bags);
        const events: PendingEvent[] = [];
        for (let i = 0; i < bags.value.length; i += BAGS_PER_EVENT) {
          events.push({ type: 'bags.registered', payload: { bags: bags.value.slice(i, i + BAGS_PER_EVENT) }, actor: actorOf(staff.value) });
        }
        return { events, result: (committed) => ok({ codes: bags.value.map((b) => b.code), committedAt: committed[0]?.at ?? '' }) };
      }),

    recordCustodyStep: ({ step, bagCodes, givers, receivers, performers, counts, seals, recipient, note }) =>
      commitEvents(ctx, () => {
        const fail = (r: ApiResult<never>) => ({ events: [], result: () => r });
        const people: { part: PartyPart; staff: StaffMember }[] = [];
        for (const [badges, part] of [[givers, 'giver'], [receivers, 'receiver'], [performers, 'performer']] as const) {
          const found = identify(badges, part);
          if (!found.ok) return fail(found);
          people.push(...found.value);
        }
        const log = custodyLog(store);
        const collected = recordCollectedReader(store);
        // What each room's candidates sit (职业·等级), for the 签收 check: read once for the whole step.
        const groups = step === 'issue' ? store.countCandidatesByGroup() : [];
        const subjectsOf = (roomNo: string | undefined) => groups.filter((g) => g.roomNo === roomNo);
        const codes = bagCodes.map(normaliseBagCode);
        const twice = codes.find((c, i) => codes.indexOf(c) !== i);
        if (twice) return fail(refuse('custody-bag-scanned-twice', { code: twice }));
        const countOf = new Map(counts.map((c) => [normaliseBagCode(c.bagCode), c.count]));
        const sealOf = new Map(seals.map((s) => [normaliseBagCode(s.bagCode), s]));
        const definition = STEP_DEFINITIONS[step];
        const handoffId = randomUUID();
        const parties: CustodyParty[] = people.map(({ part, staff }) => ({ part, staffId: staff.staffId, name: staff.name, role: staff.role, proof: 'badge' }));
        const actor = actorOf((people.find((p) => p.part === 'receiver') ?? people.find((p) => p.part === 'performer') ?? people[0])!.staff);
        const events: PendingEvent[] = [];
        for (const code of codes) {
          const record = log.bags.get(code);
          const seal = sealOf.get(code);
          const refusal = custodyStepVerdict({
            step,
            bag: record,
            bagCode: code,
            parties: people,
            count: countOf.get(code),
            seal: seal && { intact: seal.intact, ...(seal.sealNo ? { sealNo: seal.sealNo } : {}) },
            recipient,
            recordCollected: record ? collectedForBag(log, record, collected) : null,
            ...(step === 'issue' ? { roomSubjects: subjectsOf(record?.roomNo ?? people.find((p) => p.part === 'receiver')?.staff.roomNo) } : {}),
            dayClosed: log.dayClosed !== null,
            roomLabel,
          });
          const exception = record && refusal?.forgivable ? exceptionAfterLastMove(record)?.eventId : undefined;
          if (refusal && !exception) return fail(refusedWith(refusal.refusal));
          const roomNo = record?.roomNo ?? (step === 'issue' ? people.find((p) => p.part === 'receiver')?.staff.roomNo : undefined);
          const payload: EventPayload<'custody.recorded'> = {
            bagCode: code,
            step,
            handoffId,
            place: definition.place,
            ...(roomNo ? { roomNo } : {}),
            parties,
            ...(countOf.has(code) ? { count: countOf.get(code) } : {}),
            ...(seal ? { seal: { intact: seal.intact, ...(seal.sealNo ? { sealNo: seal.sealNo.trim() } : {}) } } : {}),
            ...(recipient ? { recipient } : {}),
            ...(note ? { note } : {}),
            ...(exception ? { exceptionEventId: exception } : {}),
          };
          events.push({ type: 'custody.recorded', payload, actor });
        }
        return { events, result: (committed) => ok({ handoffId, recorded: committed.length, committedAt: committed[0]?.at ?? '' }) };
      }),

    sealReturnBag: ({ roomNo, code, kind, count, sealNo, performers }) =>
      commitEvents(ctx, () => {
        const fail = (r: ApiResult<never>) => ({ events: [], result: () => r });
        if (!store.getRoom(roomNo)) return fail(refuse('room-unknown', { roomNo }, 'not-found'));
        const people = identify(performers, 'performer');
        if (!people.ok) return fail(people);
        const log = custodyLog(store);
        const known = code === undefined ? undefined : log.bags.get(normaliseBagCode(code));
        const events: PendingEvent[] = [];
        let record: BagRecord;
        if (known) {
          if (known.bag.kind !== kind) return fail(refuse('custody-return-bag-other-kind', { code: known.bag.code, kind: BAG_KIND_LABELS[kind].zh, kindEn: BAG_KIND_LABELS[kind].en }));
          if (known.roomNo !== roomNo) return fail(refuse('custody-return-bag-other-room', { code: known.bag.code, room: roomLabel(roomNo) }));
          record = known;
        } else {
          const first = store.listCandidatesInRoom(roomNo)[0];
          const fromPapers = [...log.bags.values()].find((r) => r.roomNo === roomNo);
          const occupation = fromPapers?.bag.occupation ?? first?.occupation;
          const level = fromPapers?.bag.level ?? first?.level;
          if (!occupation || !level) return fail(refuse('custody-nothing-to-bag', { room: roomLabel(roomNo) }));
          const bag: Bag = { code: code === undefined ? newBagCode() : normaliseBagCode(code), kind, occupation, level, count, roomNo, sealNos: sealNo ? [sealNo.trim()] : [], source: 'sealed-in-room' };
          const actor = actorOf(people.value[0]!.staff);
          events.push({ type: 'bags.registered', payload: { bags: [bag] }, actor });
          record = { bag, registeredAt: '', roomNo, state: 'in-room', since: '', holders: [], place: 'room', lastCount: null, history: [], exceptions: [] };
        }
        const refusal = custodyStepVerdict({
          step: 'seal-return',
          bag: record,
          bagCode: record.bag.code,
          parties: people.value,
          count,
          seal: undefined,
          recipient: undefined,
          recordCollected: collectedForBag(log, record, recordCollectedReader(store)),
          dayClosed: log.dayClosed !== null,
          roomLabel,
        });
        const exception = refusal?.forgivable ? exceptionAfterLastMove(record)?.eventId : undefined;
        if (refusal && !exception) return fail(refusedWith(refusal.refusal));
        const handoffId = randomUUID();
        const parties: CustodyParty[] = people.value.map(({ part, staff }) => ({ part, staffId: staff.staffId, name: staff.name, role: staff.role, proof: 'badge' }));
        events.push({
          type: 'custody.recorded',
          payload: {
            bagCode: record.bag.code,
            step: 'seal-return',
            handoffId,
            place: 'room',
            roomNo,
            parties,
            count,
            ...(sealNo ? { seal: { intact: true, sealNo: sealNo.trim() } } : {}),
            ...(exception ? { exceptionEventId: exception } : {}),
          },
          actor: actorOf(people.value[0]!.staff),
        });
        return { events, result: (committed) => ok({ eventId: committed.at(-1)?.id ?? '', committedAt: committed.at(-1)?.at ?? '', bagCode: record.bag.code, handoffId }) };
      }),

    signCustodyException: ({ bagCode, examiner, reason }) => {
      const closed = closedRefusal();
      if (closed) return closed;
      const log = custodyLog(store);
      const code = normaliseBagCode(bagCode);
      const record = log.bags.get(code);
      if (!record) return refuse('custody-bag-not-registered', { code }, 'not-found');
      const actor = proveActor(ctx, examiner, 'custody-exception', record.roomNo ?? '');
      if (!actor.ok) return actor;
      const problems = reconcileCustody(log, recordCollectedReader(store), roomLabel)
        .problems.filter((p) => p.bagCode === code)
        .map((p) => p.message)
        .slice(0, 20);
      return commit([{ type: 'custody.exception-signed', payload: { bagCode: code, reason, problems }, actor: actor.value }], ([event]) => ({
        eventId: event?.id ?? '',
        committedAt: event?.at ?? '',
        name: actor.value.name,
      }));
    },

    closeDay: ({ examiner, note }) => {
      const closed = closedRefusal();
      if (closed) return refuse('custody-already-closed');
      const open = closeDayRefusal(reconcileCustody(custodyLog(store), recordCollectedReader(store), roomLabel).problems.filter((p) => !p.signed));
      if (open) return refusedWith(open);
      // Last: a PIN is tried only for a 日结 that would be written.
      const actor = proveActor(ctx, examiner, 'close-day', '');
      if (!actor.ok) return actor;
      return commit([{ type: 'day.closed', payload: note ? { note } : {}, actor: actor.value }], ([event]) => ({
        eventId: event?.id ?? '',
        committedAt: event?.at ?? '',
        name: actor.value.name,
      }));
    },
  };
}
