import { exportRefusal, type ExportOverride } from '../../shared/center/center-results';
import { canonicalJson } from '../../shared/events/canonical-json';
import { eventPayloadSchemas } from '../../shared/events/event-types';
import { GENESIS_HASH, parseEvent, type ExamDayEvent, type UnsignedEvent } from '../../shared/events/event';
import type { Actor } from '../../shared/domain/types';
import { CENTER_ROLE_NAMES, type CenterRoleName } from '../../shared/center/center-roles';
import { applyEvent } from '../../shared/projection/apply-event';
import { canonicalOrder } from '../../shared/projection/canonical-order';
import { MemoryProjectionStore } from '../../shared/projection/memory-store';
import { foldRecordLog } from '../../shared/record/record-log';
import type { ResultRow } from '../../shared/record/results';
import type { RoomRecord } from '../../shared/record/room-record';
import { isFrozen } from '../../shared/record/signatures';
import { deriveFindings, type Finding } from '../../shared/sync/findings';
import { localDate } from '../../shared/timetable/gates';
import type { DeviceKey } from '../core/device-key';
import { eventHash } from '../core/event-log';
import { custodyLog, recordCollectedReader } from '../core/handlers/custody-state';
import { roomDisplayLabel } from '../core/handlers/door-labels';
import { buildRoomRecord, recordEventSourceOf, type RecordEventSource } from '../core/handlers/room-record';
import { resultHandlers } from '../core/handlers/results';
import { reconcileCustody } from '../../shared/custody/reconcile';
import type { BagRecord } from '../../shared/custody/custody-log';
import type { Reconciliation } from '../../shared/custody/custody-api';
import type { CenterDayRow, CenterEventRow, CenterStore } from './store/center-store';

/** One exam day as the center holds it: every site event and the center's own, folded as a device folds them. */
export interface DayModel {
  day: CenterDayRow;
  events: ExamDayEvent[];
  centerEvents: ExamDayEvent[];
  projection: MemoryProjectionStore;
  findings: Finding[];
  devices: number;
  lastReceivedAt: string | null;
}

export interface RoomSummary {
  roomNo: string;
  name: string;
  candidates: number;
  admitted: number;
  absent: number;
  cheating: number;
  /** Both proctors signed the 考场情况记录单 (or the 主考 signed an exception). */
  signed: boolean;
}

const parsedAll = (bodies: readonly string[]): ExamDayEvent[] =>
  bodies.flatMap((body) => {
    const parsed = parseEvent(JSON.parse(body));
    // Stored only after the same parse at ingest: a body that no longer parses is a bug, not data.
    if (!parsed.ok) throw new Error(`stored event no longer parses: ${parsed.reason}`);
    return [parsed.event];
  });

/** Reads and folds one day (null when the center holds no such day). */
export async function openDay(store: CenterStore, dayKey: string): Promise<DayModel | null> {
  const day = await store.day(dayKey);
  if (!day) return null;
  const [rows, centerRows, forks, devices] = await Promise.all([store.dayEvents(dayKey), store.centerEvents(dayKey), store.dayForks(dayKey), store.dayDevices(dayKey)]);
  const events = parsedAll(rows.map((r) => r.body));
  const centerEvents = parsedAll(centerRows.map((r) => r.body));
  const projection = new MemoryProjectionStore();
  for (const event of canonicalOrder(events)) applyEvent(projection, event);
  const findings = deriveFindings(
    [...events, ...centerEvents],
    forks.map((f) => ({ deviceId: f.deviceId, seq: f.seq, hashes: [f.heldHash, f.offeredHash] as [string, string] })),
  );
  const lastReceivedAt = rows.reduce<string | null>((latest, r) => (latest === null || r.receivedAt > latest ? r.receivedAt : latest), null);
  return { day, events, centerEvents, projection, findings, devices: devices.length, lastReceivedAt };
}

/**
 * The moment a day is read at: now on the day itself; the day's last minute once it is over (the
 * site's rules ask "has the late cut-off passed today?", and a past day's cut-off has passed).
 */
export function readingTime(planDate: string | undefined, now: Date): Date {
  if (planDate === undefined || localDate(now) <= planDate) return now;
  const [y, m, d] = planDate.split('-').map(Number) as [number, number, number];
  return new Date(y, m - 1, d, 23, 59);
}

/**
 * Folded days kept in this process, each under the version it was folded at: the day list folds
 * every day, and a district holds hundreds. Another process's writes change the version, so a
 * stale fold is never served.
 */
export class DayCache {
  private readonly days = new Map<string, { version: string; model: DayModel }>();

  constructor(private readonly capacity = 200) {}

  async open(store: CenterStore, dayKey: string): Promise<DayModel | null> {
    const version = await store.dayVersion(dayKey);
    const held = this.days.get(dayKey);
    if (held && held.version === version) {
      // Most recently used last: the first key is the one to drop.
      this.days.delete(dayKey);
      this.days.set(dayKey, held);
      return held.model;
    }
    const model = await openDay(store, dayKey);
    if (!model) return null;
    this.days.delete(dayKey);
    this.days.set(dayKey, { version, model });
    if (this.days.size > this.capacity) this.days.delete(this.days.keys().next().value as string);
    return model;
  }
}

/** 认定结果 rows (参考/缺考/舞弊), by the same rule the site's results screen uses. */
export function dayResults(model: DayModel, now: Date): ResultRow[] {
  const asOf = readingTime(model.projection.getPlan()?.date, now);
  const answer = resultHandlers({ store: model.projection, now: () => asOf }).getResults({});
  if (!answer.ok) throw new Error(answer.error.message);
  return answer.value.rows;
}

export function roomSummaries(model: DayModel, now: Date): RoomSummary[] {
  const results = dayResults(model, now);
  return model.projection.listRooms().map((room) => {
    const rows = results.filter((r) => r.roomNo === room.roomNo);
    const log = foldRecordLog(model.projection.listRecordEntries(room.roomNo));
    return {
      roomNo: room.roomNo,
      name: room.name,
      candidates: rows.length,
      admitted: rows.filter((r) => r.result === 'sat').length,
      absent: rows.filter((r) => r.result === 'absent').length,
      cheating: rows.filter((r) => r.result === 'cheating').length,
      signed: isFrozen(log.signatures) || log.signatures.exception !== null,
    };
  });
}

/** Each folded day's events indexed once for the room records read from it (a day is folded once per version). */
const eventSources = new WeakMap<DayModel, RecordEventSource>();

/**
 * One room's 考场情况记录单 (issue 14 item 4), built by the site's own code (core/handlers/room-record.ts)
 * from the day's events, read as at `readingTime`; undefined when the day has no such room. Per room
 * on demand: the day list never builds records.
 */
export function roomRecordOf(model: DayModel, roomNo: string, now: Date): RoomRecord | undefined {
  let source = eventSources.get(model);
  if (!source) {
    source = recordEventSourceOf(model.events);
    eventSources.set(model, source);
  }
  const record = buildRoomRecord(model.projection, roomNo, readingTime(model.projection.getPlan()?.date, now), source);
  return record && { ...record, generatedAt: now.toISOString() };
}

export interface CustodyStatus {
  bags: number;
  dayClosed: boolean;
  reconciliation: Reconciliation;
  /** Every bag's timeline, as the site's custody screen folds it (custody/custody-log.ts). */
  timeline: (Pick<BagRecord, 'roomNo' | 'state' | 'since' | 'history' | 'exceptions'> & { code: string; kind: string })[];
}

/** Custody of the sealed bags (附件4, 附件5), by the site's own fold and reconciliation. */
export function custodyStatus(model: DayModel): CustodyStatus {
  const log = custodyLog(model.projection);
  const reconciliation = reconcileCustody(log, recordCollectedReader(model.projection), (roomNo) => roomDisplayLabel(model.projection, roomNo));
  return {
    bags: log.bags.size,
    dayClosed: log.dayClosed !== null,
    reconciliation,
    timeline: [...log.bags.values()].map((r) => ({ code: r.bag.code, kind: r.bag.kind, roomNo: r.roomNo, state: r.state, since: r.since, history: r.history, exceptions: r.exceptions })),
  };
}

export const openFindings = (model: DayModel): Finding[] => model.findings.filter((f) => f.resolution === undefined);

/** The center user as an event's actor: the center has no staff list, so the role is 'system' and the name says who. */
export function centerActor(username: string, role: CenterRoleName): Actor {
  return { staffId: username.slice(0, 32), name: `${CENTER_ROLE_NAMES[role]}${username}`.slice(0, 40), role: 'system' };
}

/** The center's own events (its chain holds nothing a site writes). */
export type CenterEventType = 'finding.resolved' | 'results.export-overridden' | 'retention.set' | 'photos.purged';

/** The center's next event on `head`, hashed and signed with the center's key, as the store keeps it. */
export function signedCenterEventRow(
  key: DeviceKey,
  head: { seq: number; hash: string } | undefined,
  input: { dayKey: string; actor: Actor; now: Date },
  type: CenterEventType,
  payload: Record<string, unknown>,
): CenterEventRow {
  const seq = (head?.seq ?? 0) + 1;
  const unsigned = {
    id: `${key.deviceId}-${seq}`,
    deviceId: key.deviceId,
    seq,
    at: input.now.toISOString(),
    actor: input.actor,
    type,
    payload,
    prevHash: head?.hash ?? GENESIS_HASH,
  } as UnsignedEvent;
  // Parsed as every stored event is before it is signed: a payload the rebuild would refuse is a bug here.
  if (!eventPayloadSchemas[type].safeParse(payload).success) throw new Error(`center event ${type}: payload does not parse`);
  const hash = eventHash(unsigned);
  const event = { ...unsigned, hash, sig: key.signHash(hash) };
  return { seq, id: event.id, dayKey: input.dayKey, type: event.type, hash, body: canonicalJson(event), at: event.at };
}

/** Appends one event to the center's own chain for `dayKey`, hashed and signed with the center's key. */
export async function appendSignedCenterEvent(
  store: CenterStore,
  key: DeviceKey,
  input: { dayKey: string; actor: Actor; now: Date },
  type: CenterEventType,
  payload: Record<string, unknown>,
): Promise<string> {
  const row = await store.appendCenterEvent((head) => signedCenterEventRow(key, head, input, type, payload));
  return row.id;
}

/**
 * A reviewer resolves a finding with a reason (issue 14 item 4): a 'finding.resolved' event in the
 * center's own signed chain. Nothing a site recorded is changed; every view shows the finding as
 * resolved, by whom and why.
 */
export async function resolveFinding(
  store: CenterStore,
  key: DeviceKey,
  input: { dayKey: string; findingId: string; reason: string; actor: Actor; now: Date },
): Promise<{ ok: true; eventId: string } | { ok: false; reason: string }> {
  const model = await openDay(store, input.dayKey);
  if (!model) return { ok: false, reason: '中心没有这个考试日' };
  const finding = model.findings.find((f) => f.id === input.findingId);
  if (!finding) return { ok: false, reason: '没有这个待处理事项（可能已有新的证据，请刷新后再看）' };
  if (finding.resolution) return { ok: false, reason: `该事项已由 ${finding.resolution.by.name} 处理：${finding.resolution.reason}` };
  const eventId = await appendSignedCenterEvent(store, key, input, 'finding.resolved', { findingId: input.findingId, reason: input.reason });
  return { ok: true, eventId };
}

/** Every export override signed for this day, oldest first. */
export function exportOverrides(model: DayModel): ExportOverride[] {
  return model.centerEvents.flatMap((event) =>
    event.type === 'results.export-overridden'
      ? [{ eventId: event.id, at: event.at, byName: event.actor.name, reason: event.payload.reason, findingIds: [...event.payload.findingIds] }]
      : [],
  );
}

/**
 * A reviewer lets the results be exported while findings are open (issue 14 item 5: "unless a
 * reviewer signs an override"): a 'results.export-overridden' event in the center's signed chain,
 * naming the findings open now and why. The findings stay open; one that arrives later needs
 * another override or a decision.
 */
export async function signExportOverride(
  store: CenterStore,
  key: DeviceKey,
  input: { dayKey: string; reason: string; actor: Actor; now: Date },
): Promise<{ ok: true; eventId: string } | { ok: false; reason: string }> {
  const model = await openDay(store, input.dayKey);
  if (!model) return { ok: false, reason: '中心没有这个考试日' };
  const open = openFindings(model).map((f) => f.id);
  if (exportRefusal(open, exportOverrides(model)) === undefined) {
    return { ok: false, reason: open.length === 0 ? '该考试日没有待处理事项，可以直接导出结果，无需签署放行' : '已签署的放行已包含全部待处理事项，可以直接导出结果' };
  }
  const eventId = await appendSignedCenterEvent(store, key, input, 'results.export-overridden', { reason: input.reason, findingIds: open });
  return { ok: true, eventId };
}
