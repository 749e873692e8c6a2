import { refusalOf, refusalZh, type Refusal, type RefusalParams } from '../api/refusal';
import { STAFF_ROLE_LABELS } from '../domain/labels';
import type { StaffMember, StaffRole } from '../domain/types';
import { BAG_KIND_LABELS, isReturnBag } from './bags';
import type { BagRecord } from './custody-log';
import { plainRoomLabel, type RoomLabel } from './room-label';
import { BAG_STATES, BAG_STATE_LABELS, CUSTODY_STEP_LABELS, STEP_DEFINITIONS, type BagState, type CustodyStep, type PartyPart } from './custody-steps';

export const PARTY_PART_LABELS: Record<PartyPart, { zh: string; en: string }> = {
  giver: { zh: '交出人', en: 'Handed over by' },
  receiver: { zh: '接收人', en: 'Received by' },
  performer: { zh: '经办人', en: 'Done by' },
};

type Person = Pick<StaffMember, 'staffId' | 'name' | 'role' | 'roomNo'>;

export interface CustodyStepRequest {
  step: CustodyStep;
  /** Undefined when the code is not in the registry. */
  bag: BagRecord | undefined;
  bagCode: string;
  parties: { part: PartyPart; staff: Person }[];
  count: number | undefined;
  seal: { intact: boolean; sealNo?: string } | undefined;
  recipient: string | undefined;
  /**
   * For a return bag: the room record's collected count of its kind (收回份数), when the 主监考 has
   * entered it; the bag must hold that many.
   */
  recordCollected: number | null;
  /**
   * At 签收 the 主监考 checks 职业、级别 (附件5 7:40): what the receiving room's candidates sit. Undefined
   * where the step does not check it or the room has no roster yet.
   */
  roomSubjects?: readonly { occupation: string; level: string }[];
  dayClosed: boolean;
  /** Names rooms in the refusal; plainRoomLabel when not given. */
  roomLabel?: RoomLabel;
}

const stateIndex = (state: BagState): number => BAG_STATES.indexOf(state);

/** A label as a parameter: its Chinese under `name`, its English beside it (fillPlaceholders reads `${name}En`). */
const labelled = (name: string, label: { zh: string; en: string }): RefusalParams => ({ [name]: label.zh, [`${name}En`]: label.en });
const stepParam = (step: CustodyStep): RefusalParams => labelled('step', CUSTODY_STEP_LABELS[step]);
const rolesParam = (roles: readonly StaffRole[]): RefusalParams => ({
  roles: roles.map((r) => STAFF_ROLE_LABELS[r].zh).join('或'),
  rolesEn: roles.map((r) => STAFF_ROLE_LABELS[r].en).join(' or '),
});

/** Why the bag's state does not allow the step, in words a 主考 recognises. */
function stateRefusal(bag: BagRecord, step: CustodyStep): Refusal {
  const code = bag.bag.code;
  const state = labelled('state', BAG_STATE_LABELS[bag.state]);
  if (step === 'open' && bag.state === 'in-room') return refusalOf('custody-open-before-seal-shown', { code });
  if (step === 'return' && stateIndex(bag.state) < stateIndex('with-proctor')) return refusalOf('custody-return-never-issued', { code, ...state });
  if (step === 'return' && bag.state === 'with-proctor') return refusalOf('custody-return-not-arrived', { code });
  if (step === 'return' && isReturnBag(bag.bag.kind) && bag.state === 'in-room') return refusalOf('custody-return-bag-not-sealed', { code });
  if (step === 'return' && bag.state === 'opened') return refusalOf('custody-return-opened', { code });
  return refusalOf('custody-state-not-allowed', { code, ...state, ...stepParam(step) });
}

/** The room a step's proctors must belong to: the bag's, or for a site spare being issued, the receivers'. */
function roomOf(request: CustodyStepRequest): string | null {
  return request.bag?.roomNo ?? null;
}

function partiesRefusal(request: CustodyStepRequest): Refusal | null {
  const definition = STEP_DEFINITIONS[request.step];
  const step = stepParam(request.step);
  for (const part of ['giver', 'receiver', 'performer'] as const) {
    const people = request.parties.filter((p) => p.part === part);
    const rule = definition.parties.find((r) => r.part === part);
    const partParam = labelled('part', PARTY_PART_LABELS[part]);
    if (!rule) {
      if (people.length > 0) return refusalOf('custody-part-not-needed', { ...step, ...partParam });
      continue;
    }
    const roles = rolesParam(rule.roles);
    if (people.length < rule.min) {
      return rule.min === 1
        ? refusalOf('custody-part-missing', { ...step, ...partParam, ...roles })
        : refusalOf('custody-parts-missing', { ...step, ...partParam, ...roles, min: rule.min });
    }
    if (people.length > rule.max) return refusalOf('custody-part-too-many', { ...step, ...partParam, max: rule.max });
    for (const { staff } of people) {
      if (!rule.roles.includes(staff.role)) {
        return refusalOf('custody-part-wrong-role', { name: staff.name, role: staff.role, ...partParam, ...step, ...roles });
      }
      if (rule.roomProctor) {
        const room = roomOf(request);
        if (room !== null && staff.roomNo !== room) {
          const roomLabel = request.roomLabel ?? plainRoomLabel;
          const params = { code: request.bagCode, room: roomLabel(room), name: staff.name, ...step };
          return staff.roomNo
            ? refusalOf('custody-proctor-other-room', { ...params, theirRoom: roomLabel(staff.roomNo) })
            : refusalOf('custody-proctor-no-room', params);
        }
      }
    }
  }
  const ids = request.parties.map((p) => p.staff.staffId);
  const distinct = new Set(ids);
  if (distinct.size < ids.length) {
    const twice = request.parties.find((p, i) => ids.indexOf(p.staff.staffId) !== i);
    return refusalOf('custody-badge-twice', { name: twice?.staff.name ?? '' });
  }
  if (definition.twoPerson && distinct.size < 2) return refusalOf('custody-two-people', step);
  // Site spares carry no room until issued: the receiving proctors must then be of one room.
  if (request.step === 'issue' && roomOf(request) === null) {
    const rooms = new Set(request.parties.filter((p) => p.part === 'receiver').map((p) => p.staff.roomNo));
    if (rooms.size > 1) return refusalOf('custody-receivers-two-rooms');
  }
  return null;
}

/** What can be forgiven by a 主考's exception (a count that differs, a broken seal, a state skipped). */
function checksRefusal(request: CustodyStepRequest, bag: BagRecord): Refusal | null {
  const definition = STEP_DEFINITIONS[request.step];
  const step = stepParam(request.step);
  const code = bag.bag.code;
  if (!definition.from.includes(bag.state)) return stateRefusal(bag, request.step);
  // Unopened papers may come back from the room as they are; a return bag only once sealed there.
  if (request.step === 'return' && isReturnBag(bag.bag.kind) && bag.state !== 'return-sealed') return stateRefusal(bag, request.step);
  if (request.step === 'issue' && request.roomSubjects && request.roomSubjects.length > 0) {
    const { occupation, level } = bag.bag;
    if (!request.roomSubjects.some((s) => s.occupation === occupation && s.level === level)) {
      const sits = [...new Set(request.roomSubjects.map((s) => `${s.occupation}${s.level}`))];
      const sitsEn = [...new Set(request.roomSubjects.map((s) => `${s.occupation} ${s.level}`))];
      return refusalOf('custody-wrong-subject', { code, occupation, level, sits: sits.join('、'), sitsEn: sitsEn.join(', ') });
    }
  }
  if (definition.countChecked) {
    if (request.count === undefined) return refusalOf('custody-count-needed', { ...step, code });
    const expected = request.step === 'seal-return' ? null : isReturnBag(bag.bag.kind) && bag.lastCount !== null ? bag.lastCount : isReturnBag(bag.bag.kind) ? null : bag.bag.count;
    if (expected !== null && request.count !== expected) {
      return refusalOf(isReturnBag(bag.bag.kind) ? 'custody-count-differs-bagged' : 'custody-count-differs-bag', { code, count: request.count, expected });
    }
    if (isReturnBag(bag.bag.kind) && request.recordCollected !== null && request.count !== request.recordCollected) {
      return refusalOf('custody-count-differs-record', { ...labelled('kind', BAG_KIND_LABELS[bag.bag.kind]), code, count: request.count, collected: request.recordCollected });
    }
  }
  if (definition.sealChecked) {
    if (!request.seal) return refusalOf('custody-seal-needed', { ...step, code });
    if (!request.seal.intact) return refusalOf('custody-seal-broken', { code });
    const sealNo = request.seal.sealNo?.trim();
    if (sealNo && bag.bag.sealNos.length > 0 && !bag.bag.sealNos.includes(sealNo)) {
      return refusalOf('custody-seal-number', { code, sealNo, sealNos: bag.bag.sealNos.join('、'), sealNosEn: bag.bag.sealNos.join(', ') });
    }
  }
  return null;
}

/** A custody step refused: why, as a coded refusal, and whether a 主考's exception for the bag forgives it. */
export interface CustodyStepVerdict {
  refusal: Refusal;
  forgivable: boolean;
}

/**
 * Why a custody step must be refused for one bag; null when it may be recorded. The people's roles,
 * rooms and number are never forgiven; a count, a seal or a state that does not fit is, once the 主考
 * has signed an exception for the bag (`forgivable` says which was refused).
 */
export function custodyStepVerdict(request: CustodyStepRequest): CustodyStepVerdict | null {
  const never = (refusal: Refusal): CustodyStepVerdict => ({ refusal, forgivable: false });
  if (request.dayClosed) return never(refusalOf('custody-day-closed'));
  const { bag } = request;
  if (!bag) return never(refusalOf('custody-bag-unregistered', { code: request.bagCode }));
  if (!STEP_DEFINITIONS[request.step].kinds.includes(bag.bag.kind)) {
    return never(refusalOf('custody-kind-not-for-step', { ...labelled('kind', BAG_KIND_LABELS[bag.bag.kind]), code: bag.bag.code, ...stepParam(request.step) }));
  }
  const people = partiesRefusal(request);
  if (people) return never(people);
  if (request.step === 'deliver' && !request.recipient?.trim()) return never(refusalOf('custody-recipient-name'));
  const checks = checksRefusal(request, bag);
  return checks ? { refusal: checks, forgivable: true } : null;
}

/** custodyStepVerdict in the words the record keeps (its Chinese), for a caller that wants only the text. */
export function custodyStepRefusal(request: CustodyStepRequest): { reason: string; forgivable: boolean } | null {
  const verdict = custodyStepVerdict(request);
  return verdict && { reason: refusalZh(verdict.refusal), forgivable: verdict.forgivable };
}
