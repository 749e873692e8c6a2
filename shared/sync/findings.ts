import type { Actor } from '../domain/types';
import type { ExamDayEvent } from '../events/event';
import { isEarlier } from '../projection/canonical-key';
import { normaliseBagCode } from '../custody/bags';
import { CUSTODY_STEP_LABELS } from '../custody/custody-steps';

/**
 * Conflicts the merge of several devices' logs shows, never silently settles (DESIGN "Sync"):
 * - admitted-twice: one candidate admitted at two doors (two devices or two rooms);
 * - fork: two different signed events at one (deviceId, seq), reported by the storage layer;
 * - clock-off: a device's clock found more than two minutes off the office's (附件5 核对时间);
 * - after-close: an event written after the day was closed (日结);
 * - bag-handed-twice: one step of one sealed bag (custody/custody-steps.ts) recorded on two devices,
 *   e.g. the office and a door both recording 到达考场; the fold applies one (custody-log.ts);
 * - admitted-after-withdrawal: a candidate withdrawn (退考) and admitted at a door, the door not
 *   knowing of the withdrawal (it came before the admission, or the two were written apart).
 */
export const FINDING_KINDS = ['admitted-twice', 'fork', 'clock-off', 'after-close', 'bag-handed-twice', 'admitted-after-withdrawal'] as const;
export type FindingKind = (typeof FINDING_KINDS)[number];

/** 附件5 核对时间: a clock more than two minutes off the office's is a finding. */
export const MAX_CLOCK_OFFSET_MS = 2 * 60 * 1000;

/** An event behind a finding, by its place in its device's chain (the office screen opens it). */
export interface EventRef {
  deviceId: string;
  seq: number;
  eventId: string;
}

/** A fork as the storage layer keeps it: the held event and the refused one (sync/verify-batch.ts ForkEvidence). */
export interface ForkRecord {
  deviceId: string;
  seq: number;
  hashes: [string, string];
}

export interface FindingResolution {
  reason: string;
  by: Actor;
  at: string;
  eventId: string;
}

export interface Finding {
  /**
   * Stable: derived from the kind, the subject and the events behind it, so a 'finding.resolved'
   * names it on every device. New evidence (a third door) makes a new finding, to be looked at again.
   */
  id: string;
  kind: FindingKind;
  /** What it is about: a 准考证号 or a device id. */
  subject: string;
  /** For the office screen, in Chinese. */
  summary: string;
  events: EventRef[];
  resolution: FindingResolution | undefined;
}

const refOf = (event: ExamDayEvent): EventRef => ({ deviceId: event.deviceId, seq: event.seq, eventId: event.id });
const byChain = (a: EventRef, b: EventRef): number => (a.deviceId === b.deviceId ? a.seq - b.seq : a.deviceId < b.deviceId ? -1 : 1);
const refKey = (r: EventRef): string => `${r.deviceId}/${r.seq}`;

/** The door an admission event came through, when the event admits (apply-event.ts admitEarliest). */
function admissionDoor(event: ExamDayEvent): { ticketNo: string; roomNo: string } | undefined {
  switch (event.type) {
    case 'checkin.attempted':
      return event.payload.verdict === 'admitted' && event.payload.ticketNo ? { ticketNo: event.payload.ticketNo, roomNo: event.payload.roomNo } : undefined;
    case 'checkin.overridden':
    case 'candidate.doubt-raised':
      return { ticketNo: event.payload.ticketNo, roomNo: event.payload.roomNo };
    default:
      return undefined;
  }
}

/** Whether a registration event puts this 准考证号 on the roster (again, after a 退考). */
function registers(event: ExamDayEvent, ticketNo: string): boolean {
  if (event.type === 'candidate.registered') return event.payload.candidate.ticketNo === ticketNo;
  if (event.type === 'candidates.registered') return event.payload.candidates.some((c) => c.ticketNo === ticketNo);
  return false;
}

/** Corrected instant of an event: its device clock minus the offset recorded when it was written. */
const officeTimeMs = (event: ExamDayEvent): number => Date.parse(event.at) - (event.clockOffsetMs ?? 0);

/**
 * Every finding in a set of events (plus the forks storage kept), with the 主考's resolutions.
 * Pure and order-independent: the same events in any order give the same list, sorted by id.
 */
export function deriveFindings(events: readonly ExamDayEvent[], forks: readonly ForkRecord[] = []): Finding[] {
  const findings: Omit<Finding, 'resolution'>[] = [];

  const admissions = new Map<string, { doors: Set<string>; events: ExamDayEvent[] }>();
  const revocations: { ticketNo: string; event: ExamDayEvent }[] = [];
  const bagSteps = new Map<string, ExamDayEvent[]>();
  const withdrawals: (ExamDayEvent & { type: 'candidate.withdrawn' })[] = [];
  const registrations: ExamDayEvent[] = [];
  let closedBy: ExamDayEvent | undefined;
  const resolutions: ExamDayEvent[] = [];
  for (const event of events) {
    const door = admissionDoor(event);
    if (door) {
      const entry = admissions.get(door.ticketNo) ?? { doors: new Set<string>(), events: [] };
      entry.doors.add(`${event.deviceId}/${door.roomNo}`);
      entry.events.push(event);
      admissions.set(door.ticketNo, entry);
    }
    if (event.type === 'checkin.revoked') revocations.push({ ticketNo: event.payload.ticketNo, event });
    if (event.type === 'candidate.withdrawn') withdrawals.push(event);
    if (event.type === 'candidate.registered' || event.type === 'candidates.registered') registrations.push(event);
    if (event.type === 'custody.recorded') {
      const key = `${normaliseBagCode(event.payload.bagCode)}\u0000${event.payload.step}`;
      bagSteps.set(key, [...(bagSteps.get(key) ?? []), event]);
    }
    if (event.type === 'day.closed' && (!closedBy || isEarlier(event, closedBy))) closedBy = event;
    if (event.type === 'finding.resolved') resolutions.push(event);
    if (event.type === 'clock.checked' && Math.abs(event.payload.offsetMs) > MAX_CLOCK_OFFSET_MS) {
      const minutes = (event.payload.offsetMs / 60_000).toFixed(1);
      findings.push({
        id: `clock-off:${event.deviceId}:${event.seq}`,
        kind: 'clock-off',
        subject: event.deviceId,
        summary: `设备 ${event.deviceId} 的时钟与考务办相差 ${minutes} 分钟（超过 2 分钟），其记录的时间需按偏差更正`,
        events: [refOf(event)],
      });
    }
  }

  for (const [ticketNo, entry] of admissions) {
    // An admission revoked before the next one came (checkin/revoke-admission.ts) is not a second door.
    const revoked = revocations.filter((r) => r.ticketNo === ticketNo);
    const admitted = entry.events.filter((a) => !revoked.some((r) => isEarlier(a, r.event)));
    const doors = new Set(admitted.map((a) => `${a.deviceId}/${admissionDoor(a)!.roomNo}`));
    if (doors.size < 2) continue;
    const refs = admitted.map(refOf).sort(byChain);
    findings.push({
      id: `admitted-twice:${ticketNo}:${refs.map(refKey).join('+')}`,
      kind: 'admitted-twice',
      subject: ticketNo,
      // Doors by device (screens put its name in place of `设备 <id>`) and the room each admitted for.
      summary: `准考证号 ${ticketNo} 的考生在 ${doors.size} 处入场：${[...doors]
        .sort()
        .map((d) => {
          const [deviceId, roomNo] = d.split('/');
          return `设备 ${deviceId}（第${roomNo}考场名下）`;
        })
        .join('、')}`,
      events: refs,
    });
  }

  // A standing admission and a withdrawal of one candidate: the withdrawing device cannot have known
  // of the admission (the roster refuses to withdraw an admitted candidate), nor the door of the
  // withdrawal (it would have answered 已退考). Only a registration between them, putting the
  // candidate back on the roster before the admission, makes the pair consistent.
  for (const withdrawal of withdrawals) {
    const { ticketNo, reason } = withdrawal.payload;
    const entry = admissions.get(ticketNo);
    if (!entry) continue;
    const revoked = revocations.filter((r) => r.ticketNo === ticketNo);
    // One finding per door: its first admission (a 存疑 raised after it admits nobody new).
    const firstAtDoor = new Map<string, ExamDayEvent>();
    for (const admission of entry.events) {
      if (revoked.some((r) => isEarlier(admission, r.event))) continue;
      if (registrations.some((r) => isEarlier(withdrawal, r) && isEarlier(r, admission) && registers(r, ticketNo))) continue;
      const doorKey = `${admission.deviceId}/${admissionDoor(admission)!.roomNo}`;
      const held = firstAtDoor.get(doorKey);
      if (!held || isEarlier(admission, held)) firstAtDoor.set(doorKey, admission);
    }
    for (const admission of firstAtDoor.values()) {
      const door = `设备 ${admission.deviceId}（第${admissionDoor(admission)!.roomNo}考场名下）`;
      const withdrawnBy = `设备 ${withdrawal.deviceId}`;
      findings.push({
        id: `admitted-after-withdrawal:${ticketNo}:${refKey(refOf(withdrawal))}+${refKey(refOf(admission))}`,
        kind: 'admitted-after-withdrawal',
        subject: ticketNo,
        summary:
          officeTimeMs(withdrawal) <= officeTimeMs(admission)
            ? `准考证号 ${ticketNo} 的考生已在${withdrawnBy}办理退考（原因：${reason}），之后仍在${door}入场，请核实该考生是否应参加考试`
            : `准考证号 ${ticketNo} 的考生在${door}入场后，${withdrawnBy}又为其办理了退考（原因：${reason}），两处记录冲突，请核实`,
        events: [refOf(withdrawal), refOf(admission)],
      });
    }
  }

  for (const [key, stepped] of bagSteps) {
    const devices = new Set(stepped.map((e) => e.deviceId));
    if (devices.size < 2) continue;
    const [bagCode = '', step = ''] = key.split('\u0000');
    const refs = stepped.map(refOf).sort(byChain);
    const label = stepped[0]?.type === 'custody.recorded' ? CUSTODY_STEP_LABELS[stepped[0].payload.step].zh : step;
    findings.push({
      id: `bag-handed-twice:${bagCode}:${step}:${refs.map(refKey).join('+')}`,
      kind: 'bag-handed-twice',
      subject: bagCode,
      summary: `试卷袋 ${bagCode} 的“${label}”在 ${devices.size} 台设备上都有记录：${[...devices].sort().map((d) => `设备 ${d}`).join('、')}，请核实实际交接`,
      events: refs,
    });
  }

  if (closedBy) {
    const closedAt = officeTimeMs(closedBy);
    for (const event of events) {
      // Decisions about the record, not part of it: the center's reviewers write them days later.
      if (event.type === 'day.closed' || event.type === 'finding.resolved' || event.type === 'results.export-overridden' || event.type === 'photos.purged' || event.type === 'retention.set') continue;
      if (officeTimeMs(event) <= closedAt) continue;
      findings.push({
        id: `after-close:${event.deviceId}:${event.seq}`,
        kind: 'after-close',
        subject: event.deviceId,
        summary: `日结之后仍有记录：设备 ${event.deviceId} 第 ${event.seq} 条（${event.type}）`,
        events: [refOf(closedBy), refOf(event)],
      });
    }
  }

  for (const fork of forks) {
    const hashes = [...fork.hashes].sort();
    findings.push({
      id: `fork:${fork.deviceId}:${fork.seq}:${hashes.join('+')}`,
      kind: 'fork',
      subject: fork.deviceId,
      summary: `设备 ${fork.deviceId} 第 ${fork.seq} 条有两个不同的版本（记录分叉），已拒收后到的一条并保留为证据`,
      events: [{ deviceId: fork.deviceId, seq: fork.seq, eventId: `${fork.deviceId}-${fork.seq}` }],
    });
  }

  // Several resolutions of one finding: the earliest stands, so every device shows the same one.
  const resolutionOf = new Map<string, ExamDayEvent & { type: 'finding.resolved' }>();
  for (const event of resolutions) {
    if (event.type !== 'finding.resolved') continue;
    const held = resolutionOf.get(event.payload.findingId);
    if (!held || isEarlier(event, held)) resolutionOf.set(event.payload.findingId, event);
  }

  // Ids are unique per (kind, subject, events); a repeated fork report collapses here.
  const unique = new Map(findings.map((f) => [f.id, f]));
  return [...unique.values()]
    .sort((a, b) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0))
    .map((finding) => {
      const resolved = resolutionOf.get(finding.id);
      return {
        ...finding,
        resolution: resolved && { reason: resolved.payload.reason, by: resolved.actor, at: resolved.at, eventId: resolved.id },
      };
    });
}
