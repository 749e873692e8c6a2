import { refusalOf, refusalZh, type Refusal } from '../api/refusal';
import { STAFF_ROLE_LABELS } from '../domain/labels';
import type { StaffMember } from '../domain/types';
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

/** Why the bag's state does not allow the step, in words a 主考 recognises. */
function stateRefusal(bag: BagRecord, step: CustodyStep): string {
  const label = CUSTODY_STEP_LABELS[step].zh;
  const state = BAG_STATE_LABELS[bag.state].zh;
  if (step === 'open' && bag.state === 'in-room') return `试卷袋 ${bag.bag.code} 尚未向考生展示密封完好（验封），不能启封`;
  if (step === 'return' && stateIndex(bag.state) < stateIndex('with-proctor')) return `试卷袋 ${bag.bag.code} 考务办从未发出（${state}），不能作为交回接收`;
  if (step === 'return' && bag.state === 'with-proctor') return `试卷袋 ${bag.bag.code} 尚未到达考场，不能交回`;
  if (step === 'return' && isReturnBag(bag.bag.kind) && bag.state === 'in-room') return `回收袋 ${bag.bag.code} 尚未在考场装袋密封，不能交回`;
  if (step === 'return' && bag.state === 'opened') return `试卷袋 ${bag.bag.code} 已启封，答卷应装入回收袋交回`;
  return `试卷袋 ${bag.bag.code} 当前为“${state}”，不能${label}`;
}

/** The room a step's proctors must belong to: the bag's, or for a site spare being issued, the receivers'. */
function roomOf(request: CustodyStepRequest): string | null {
  return request.bag?.roomNo ?? null;
}

function partiesRefusal(request: CustodyStepRequest): string | null {
  const definition = STEP_DEFINITIONS[request.step];
  const label = CUSTODY_STEP_LABELS[request.step].zh;
  for (const part of ['giver', 'receiver', 'performer'] as const) {
    const people = request.parties.filter((p) => p.part === part);
    const rule = definition.parties.find((r) => r.part === part);
    if (!rule) {
      if (people.length > 0) return `${label}不需要${PARTY_PART_LABELS[part].zh}`;
      continue;
    }
    const roles = rule.roles.map((r) => STAFF_ROLE_LABELS[r].zh).join('或');
    if (people.length < rule.min) {
      return rule.min === 1 ? `${label}须扫描${PARTY_PART_LABELS[part].zh}（${roles}）的胸卡` : `${label}须扫描 ${rule.min} 名${PARTY_PART_LABELS[part].zh}（${roles}）的胸卡`;
    }
    if (people.length > rule.max) return `${label}的${PARTY_PART_LABELS[part].zh}最多 ${rule.max} 人`;
    for (const { staff } of people) {
      if (!rule.roles.includes(staff.role)) {
        return `${staff.name}是${STAFF_ROLE_LABELS[staff.role].zh}，不能作为${PARTY_PART_LABELS[part].zh}${label}（须为${roles}）`;
      }
      if (rule.roomProctor) {
        const room = roomOf(request);
        if (room !== null && staff.roomNo !== room) {
          const roomLabel = request.roomLabel ?? plainRoomLabel;
          const theirs = staff.roomNo ? `${roomLabel(staff.roomNo)}的监考` : '未分配考场';
          return `试卷袋 ${request.bagCode} 属于${roomLabel(room)}，${staff.name}是${theirs}，不能${label}`;
        }
      }
    }
  }
  const ids = request.parties.map((p) => p.staff.staffId);
  const distinct = new Set(ids);
  if (distinct.size < ids.length) {
    const twice = request.parties.find((p, i) => ids.indexOf(p.staff.staffId) !== i);
    return `${twice?.staff.name ?? ''}的胸卡扫描了两次：交出、接收和经办须为不同的人`;
  }
  if (definition.twoPerson && distinct.size < 2) return `${label}须两人在场、分别扫描胸卡（附件4：双人交接）`;
  // Site spares carry no room until issued: the receiving proctors must then be of one room.
  if (request.step === 'issue' && roomOf(request) === null) {
    const rooms = new Set(request.parties.filter((p) => p.part === 'receiver').map((p) => p.staff.roomNo));
    if (rooms.size > 1) return '两名接收的监考不在同一考场';
  }
  return null;
}

/** What can be forgiven by a 主考's exception (a count that differs, a broken seal, a state skipped). */
function checksRefusal(request: CustodyStepRequest, bag: BagRecord): string | null {
  const definition = STEP_DEFINITIONS[request.step];
  const label = CUSTODY_STEP_LABELS[request.step].zh;
  if (!definition.from.includes(bag.state)) return stateRefusal(bag, request.step);
  // Unopened papers may come back from the room as they are; a return bag only once sealed there.
  if (request.step === 'return' && isReturnBag(bag.bag.kind) && bag.state !== 'return-sealed') return stateRefusal(bag, request.step);
  if (request.step === 'issue' && request.roomSubjects && request.roomSubjects.length > 0) {
    const { occupation, level } = bag.bag;
    if (!request.roomSubjects.some((s) => s.occupation === occupation && s.level === level)) {
      const sits = [...new Set(request.roomSubjects.map((s) => `${s.occupation}${s.level}`))].join('、');
      return `试卷袋 ${bag.bag.code} 是${occupation}${level}，本考场考生为${sits}：职业或等级不符`;
    }
  }
  if (definition.countChecked) {
    if (request.count === undefined) return `${label}须清点试卷袋 ${bag.bag.code} 的份数`;
    const expected = request.step === 'seal-return' ? null : isReturnBag(bag.bag.kind) && bag.lastCount !== null ? bag.lastCount : isReturnBag(bag.bag.kind) ? null : bag.bag.count;
    if (expected !== null && request.count !== expected) return `试卷袋 ${bag.bag.code} 清点 ${request.count} 份，与${isReturnBag(bag.bag.kind) ? '装袋时' : '袋上'}的 ${expected} 份不符`;
    if (isReturnBag(bag.bag.kind) && request.recordCollected !== null && request.count !== request.recordCollected) {
      return `${BAG_KIND_LABELS[bag.bag.kind].zh} ${bag.bag.code} ${request.count} 份，与考场记录单收回的 ${request.recordCollected} 份不符`;
    }
  }
  if (definition.sealChecked) {
    if (!request.seal) return `${label}须确认试卷袋 ${bag.bag.code} 的密封情况`;
    if (!request.seal.intact) return `试卷袋 ${bag.bag.code} 封条破损：须立即报告主考，由主考签署例外后方可继续`;
    const sealNo = request.seal.sealNo?.trim();
    if (sealNo && bag.bag.sealNos.length > 0 && !bag.bag.sealNos.includes(sealNo)) {
      return `试卷袋 ${bag.bag.code} 封条号 ${sealNo} 与登记的 ${bag.bag.sealNos.join('、')} 不符`;
    }
  }
  return null;
}

/**
 * Why a custody step must be refused for one bag, in Chinese (with its code where it has one: the
 * parties' and the checks' reasons name steps, roles and bag kinds and are Chinese only for now); null when it may be recorded. The
 * people's roles, rooms and number are never forgiven; a count, a seal or a state that does not
 * fit is, once the 主考 has signed an exception for the bag (`forgivable` says which was refused).
 */
export function custodyStepRefusal(request: CustodyStepRequest): { reason: string; forgivable: boolean; refusal?: Refusal } | null {
  const label = CUSTODY_STEP_LABELS[request.step].zh;
  const coded = (refusal: Refusal) => ({ reason: refusalZh(refusal), forgivable: false, refusal });
  if (request.dayClosed) return coded(refusalOf('custody-day-closed'));
  const { bag } = request;
  if (!bag) return coded(refusalOf('custody-bag-unregistered', { code: request.bagCode }));
  if (!STEP_DEFINITIONS[request.step].kinds.includes(bag.bag.kind)) {
    return { reason: `${BAG_KIND_LABELS[bag.bag.kind].zh}（${bag.bag.code}）不能${label}`, forgivable: false };
  }
  const people = partiesRefusal(request);
  if (people) return { reason: people, forgivable: false };
  if (request.step === 'deliver' && !request.recipient?.trim()) return coded(refusalOf('custody-recipient-name'));
  const checks = checksRefusal(request, bag);
  return checks ? { reason: checks, forgivable: true } : null;
}
