import type { Actor, Candidate } from '../../../shared/domain/types';
import type { ProjectionStore } from '../../../shared/projection/store';
import { paperCountProblems } from '../../../shared/record/paper-counts';
import type { RoomRecord } from '../../../shared/record/room-record';
import { roomRecordState } from './record-state';

type Sections = Pick<
  RoomRecord,
  'incidents' | 'handIns' | 'leaves' | 'collected' | 'paperCounts' | 'balance' | 'seal' | 'signatures' | 'signingProblems' | 'amendments'
>;

const person = (actor: Pick<Actor, 'name' | 'role'>): { name: string; role: Actor['role'] } => ({ name: actor.name, role: actor.role });
const seated = (c: Candidate): { seatNo: number; ticketNo: string; name: string } => ({ seatNo: c.seatNo, ticketNo: c.ticketNo, name: c.name });

/**
 * The record's sections of issue 12, from the room's record events: incidents (with the 疑似替考 of
 * 开考核对 and the 存疑属实 of check-in linked in), hand-ins, leaves, 收卷, counts, seal times, signatures
 * and amendments.
 */
export function recordSections(store: ProjectionStore, roomNo: string, byTicket: ReadonlyMap<string, Candidate>): Sections {
  const { log, balance, problems } = roomRecordState(store, roomNo);
  const staffPerson = (staffId: string | undefined) => {
    const staff = staffId === undefined ? undefined : store.getStaff(staffId);
    return staff ? person(staff) : null;
  };
  const candidateOf = (ticketNo: string | null) => {
    const c = ticketNo === null ? undefined : byTicket.get(ticketNo);
    return { seatNo: c?.seatNo ?? null, ticketNo, name: c?.name ?? null };
  };
  const afterFreeze = (at: string): boolean => log.frozenAt !== null && Date.parse(at) > Date.parse(log.frozenAt);

  const recorded: RoomRecord['incidents'] = log.incidents.map((i) => ({
    eventId: i.eventId,
    source: 'recorded',
    subject: i.subject.kind,
    ...candidateOf(i.subject.kind === 'candidate' ? i.subject.ticketNo : null),
    kindId: i.kindId,
    kindLabel: i.kindLabel,
    cheating: i.cheating,
    actions: i.actions,
    description: i.description,
    witness: staffPerson(i.witnessStaffId),
    occurredAt: i.occurredAt,
    recorded: { at: i.recorded.at, by: person(i.recorded.by) },
    withdrawn: i.withdrawn,
    corrections: i.corrections.map((c) => ({ at: c.at, by: person(c.by), correction: c.correction, reason: c.reason })),
    amendment: afterFreeze(i.recorded.at),
  }));
  const linked = (ticketNo: string, eventKey: string, kindLabel: string, at: string, by: { name: string; role: Actor['role'] }): RoomRecord['incidents'][number] => ({
    eventId: eventKey,
    source: eventKey.startsWith('reverify') ? 'reverify' : 'doubt',
    subject: 'candidate',
    ...candidateOf(ticketNo),
    kindId: null,
    kindLabel,
    cheating: false,
    actions: [],
    description: '',
    witness: null,
    occurredAt: at,
    recorded: { at, by },
    withdrawn: false,
    corrections: [],
    amendment: false,
  });
  const impostors = store
    .listReverifyMarksInRoom(roomNo)
    .filter((m) => m.result === 'suspected-impostor')
    .map((m) => linked(m.ticketNo, `reverify:${m.seatNo}`, '疑似替考（开考核对）', m.at, { name: m.staffName, role: store.getStaff(m.staffId)?.role ?? 'system' }));
  const doubts = store
    .listDoubtsInRoom(roomNo)
    .filter((d) => d.status === 'confirmed')
    .map((d) => linked(d.ticketNo, `doubt:${d.ticketNo}`, '存疑属实（入场核验）', d.resolvedAt ?? d.raisedAt, person(d.resolvedBy[0] ?? d.raisedBy)));

  const seal = store.getConfirmation('seal-shown', roomNo);
  const sign = (s: { name: string; at: string } | null) => (s ? { name: s.name, at: s.at } : null);
  return {
    incidents: [...recorded, ...impostors, ...doubts].sort((a, b) => Date.parse(a.occurredAt) - Date.parse(b.occurredAt)),
    handIns: [...log.handIns].flatMap(([ticketNo, s]) => {
      const c = byTicket.get(ticketNo);
      return c ? [{ ...seated(c), at: s.at, by: person(s.by) }] : [];
    }),
    leaves: log.leaves.flatMap((l) => {
      const c = byTicket.get(l.ticketNo);
      if (!c) return [];
      return [{ ...seated(c), reason: l.reason, note: l.note ?? null, accompaniedBy: staffPerson(l.accompaniedByStaffId), leftAt: l.left.at, returnedAt: l.returned?.at ?? null }];
    }),
    collected: log.collected ? { at: log.collected.at, by: person(log.collected.by), count: log.collected.ticketNos.length } : null,
    paperCounts: [...log.counts.values()].map(({ at, by, ...count }) => ({ ...count, at, by: person(by), problems: paperCountProblems(count) })),
    balance: balance.balance,
    // 验封 and 启封 are one confirmation until bag custody records them apart.
    seal: { shownAt: seal?.at ?? null, openedAt: seal?.at ?? null, by: seal ? { name: seal.staffName, role: seal.role } : null },
    signatures: {
      chief: sign(log.signatures.chief),
      second: sign(log.signatures.second),
      exception: log.signatures.exception ? { ...sign(log.signatures.exception)!, reason: log.signatures.exception.reason } : null,
      frozenAt: log.frozenAt,
    },
    signingProblems: log.signatures.exception ? [] : problems,
    amendments: log.amendments.map((a) => ({ at: a.at, by: person(a.by), what: a.what, reason: a.reason })),
  };
}
