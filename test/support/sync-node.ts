// One device of the site-sync fault test, in its own process: a CoreHost (core + SyncService) on
// its own data folder, driven by JSON lines on stdin, answering JSON lines on stdout. A door's
// requests go through the request-level fault injector when FAULT_SEED is set (tests only).
import { createHash, generateKeyPairSync, sign } from 'node:crypto';
import { createInterface } from 'node:readline';
import { openCoreHost } from '../../electron/core/core-host';
import { eventHash } from '../../electron/core/event-log';
import { dumpProjection } from '../../electron/core/sqlite-projection-store';
import { directCaller, pairedOffice } from '../../electron/sync/door-client';
import { dayIdentityOf, latestReceipt } from '../../electron/sync/sync-log';
import { loadOrCreateTlsIdentity } from '../../electron/sync/tls-identity';
import type { UnsignedEvent } from '../../shared/events/event';
import { PROTOCOL_VERSION } from '../../shared/sync/protocol';
import { FIXTURE_PLAN_FORM, fixtureDay } from './fixture-day';
import { faultInjector } from './fault-caller';
import { seededRandom } from './seeded-random';

const [dataDir, rosterSize] = process.argv.slice(2);
if (!dataDir || !rosterSize) throw new Error('usage: sync-node DATA_DIR ROSTER_SIZE');
const day = fixtureDay(Number(rosterSize));
const seed = process.env.FAULT_SEED;
// Every process reads one day clock: 08:05 on the fixture day at the test's start (DAY_CLOCK_ZERO,
// real ms), running on from there, so a restarted device's clock goes on where it was.
const clockZero = Number(process.env.DAY_CLOCK_ZERO ?? Date.now());
const dayStart = new Date(2026, 10, 25, 8, 5).getTime();
const now = (): Date => new Date(dayStart + (Date.now() - clockZero));
// One stream of faults for the process: the service wraps its caller afresh for every round.
const faults = seed === undefined ? undefined : faultInjector({ share: 0.2, maxDelayMs: 30, random: seededRandom(Number(seed)) });
const host = openCoreHost({ dataDir, now }, { intervalMs: 3_600_000, ...(faults ? { wrapCaller: faults.wrap } : {}) });
// Not writeSync: one call writes what a pipe takes at once (64 KB), and the rest of an answer would be lost.
const reply = (value: unknown): void => {
  process.stdout.write(`${JSON.stringify(value)}\n`);
};
type Command = { cmd: string; [key: string]: unknown };
function unwrap<T>(result: { ok: true; value: T } | { ok: false; error: { message: string } }): T {
  if (!result.ok) throw new Error(result.error.message);
  return result.value;
}

const digest = (value: unknown): string => createHash('sha256').update(JSON.stringify(value)).digest('hex');
// Rows in one order whatever order they were written in (dumpProjection orders by the first column only).
const rowsDigest = (rows: unknown[]): string => digest(rows.map((row) => JSON.stringify(row)).sort());
const headOf = (deviceId: string): { seq: number; hash: string } | undefined =>
  host.real.db.prepare('SELECT seq, hash FROM events WHERE device_id = ? ORDER BY seq DESC LIMIT 1').get(deviceId) as { seq: number; hash: string } | undefined;

/** What a device holds, small enough to compare: digests, with the counts a failure message needs. */
function state(): unknown {
  const db = host.real.db;
  const events = db.prepare('SELECT device_id, seq, hash FROM events ORDER BY device_id, seq').raw().all() as [string, number, string][];
  const dump = dumpProjection(db);
  const heads: Record<string, number> = {};
  for (const [deviceId, seq] of events) heads[deviceId] = seq;
  return {
    deviceId: host.real.deviceId,
    eventCount: events.length,
    eventsDigest: digest(events),
    distinctIds: db.prepare('SELECT COUNT(DISTINCT id) FROM events').pluck().get(),
    heads,
    admittedEvents: db.prepare("SELECT COUNT(*) FROM events WHERE type = 'checkin.attempted' AND json_extract(payload, '$.verdict') = 'admitted'").pluck().get(),
    // Every projection table: each is folded from the events alone, so the same events give the same rows on every device.
    projection: Object.fromEntries(Object.entries(dump).map(([table, rows]) => [table, { rows: rows.length, digest: rowsDigest(rows) }])),
    findings: unwrap(host.handlers.listFindings({})).findings.map((f) => ({ kind: f.kind, subject: f.subject })),
    forks: db.prepare('SELECT device_id, seq FROM sync_forks').raw().all(),
  };
}

/** Scans ticket then ID (ticket-and-id, the default plan) for each candidate; acked: the admissions answered after COMMIT. */
function checkIn(tickets: string[]): { acked: { ticketNo: string; eventId: string; hash: string }[]; verdicts: Record<string, number> } {
  const acked: { ticketNo: string; eventId: string; hash: string }[] = [];
  const verdicts: Record<string, number> = {};
  const hashOf = host.real.db.prepare('SELECT hash FROM events WHERE id = ?').pluck();
  for (const ticketNo of tickets) {
    const candidate = day.candidates.find((c) => c.ticketNo === ticketNo)!;
    const proctor = day.staff.find((s) => s.role === 'second-proctor' && s.roomNo === candidate.roomNo)!;
    let verdict = '';
    for (const input of [candidate.ticketNo, candidate.idNumber]) {
      const result = unwrap(host.handlers.checkIn({ roomNo: candidate.roomNo, input, method: 'scanner', actorStaffId: proctor.staffId }));
      verdict = result.verdict.kind;
      if (verdict === 'admitted') acked.push({ ticketNo, eventId: result.eventId, hash: hashOf.get(result.eventId) as string });
      if (verdict !== 'awaiting-id') break;
    }
    verdicts[verdict] = (verdicts[verdict] ?? 0) + 1;
  }
  return { acked, verdicts };
}

/**
 * A check-in for `claimedDeviceId`'s next seq, linked and hashed as a real one, but signed with a
 * key no one enrolled, pushed straight to the office (no injected faults; a cut is tried again).
 */
async function forgePush(claimedDeviceId: string, ticketNo: string): Promise<unknown> {
  const core = host.real;
  const office = pairedOffice(core);
  if (!office?.address) throw new Error('not paired');
  const head = headOf(claimedDeviceId);
  if (!head) throw new Error(`no events of ${claimedDeviceId}`);
  const candidate = day.candidates.find((c) => c.ticketNo === ticketNo)!;
  const seq = head.seq + 1;
  const unsigned = {
    id: `${claimedDeviceId}-${seq}`,
    deviceId: claimedDeviceId,
    seq,
    at: now().toISOString(),
    actor: { staffId: 'P0002', name: '副监考1', role: 'second-proctor' },
    type: 'checkin.attempted',
    payload: { roomNo: candidate.roomNo, input: { method: 'scanner', value: candidate.idNumber }, verdict: 'admitted', ticketNo, document: 'id' },
    prevHash: head.hash,
  } as unknown as UnsignedEvent;
  const hash = eventHash(unsigned);
  const forger = generateKeyPairSync('ed25519').privateKey;
  const event = { ...unsigned, hash, sig: sign(null, Buffer.from(hash, 'hex'), forger).toString('hex') };
  const identity = await loadOrCreateTlsIdentity(dataDir!, `ExamDay ${core.deviceId}`);
  const call = directCaller(identity);
  const target = { host: office.address.host, port: office.address.port, fingerprint: office.tlsFingerprint };
  const body = { kind: 'push', protocolVersion: PROTOCOL_VERSION, day: dayIdentityOf(core.store) ?? null, senderDeviceId: core.deviceId, events: [event], more: false };
  for (let attempt = 0; attempt < 30; attempt += 1) {
    const answer = await call(target, 'push', body);
    if (answer.ok) {
      const answered = answer.body as { stored?: number; rejected?: string[]; message?: string; heads?: Record<string, { seq: number }> };
      return { status: answer.status, stored: answered.stored, rejected: answered.rejected, message: answered.message, officeSeq: answered.heads?.[claimedDeviceId]?.seq, forgedSeq: seq };
    }
  }
  throw new Error('forged push never reached the office');
}

async function handle(command: Command): Promise<unknown> {
  const h = host.handlers;
  switch (command.cmd) {
    case 'setup-office':
      unwrap(h.savePlan({ plan: FIXTURE_PLAN_FORM }));
      unwrap(h.importRoster({ rooms: day.rooms, candidates: day.candidates }));
      unwrap(h.registerStaff({ staff: day.staff.map(({ staffId, name, role, roomNo }) => ({ staffId, name, role, ...(roomNo ? { roomNo } : {}) })) }));
      await host.sync.ready;
      unwrap(h.startSyncListener({ host: '127.0.0.1', port: 0, actorStaffId: 'S001' }));
      await host.sync.whenListening();
      return { port: host.sync.listeningPort };
    case 'listen':
      // A restarted office listens again where the 主考 last chose (port 0 here: a fresh port).
      await host.sync.whenListening();
      return { port: host.sync.listeningPort };
    case 'offer':
      return unwrap(h.createPairingOffer({ deviceName: String(command.name), roomNo: String(command.roomNo), actorStaffId: 'S001' }));
    case 'pair': {
      await host.sync.ready;
      unwrap(h.pairWithOffice({ code: String(command.code), deviceName: String(command.name), actorStaffId: 'P0002' }));
      const end = Date.now() + 30_000;
      while (unwrap(h.getSyncStatus({})).pairing.state === 'pairing' && Date.now() < end) await new Promise((resolve) => setTimeout(resolve, 20));
      return unwrap(h.getSyncStatus({})).pairing;
    }
    case 'checkin':
      return checkIn(command.tickets as string[]);
    case 'commit':
      // Planted events a test needs as they are (a clock check with an offset).
      host.real.commit(command.events as never);
      return {};
    case 'until-day':
      // A fresh door has no day until a round gets through the faults.
      for (let round = 0; round < 50 && host.real.store.countCandidates() < day.candidates.length; round += 1) await host.sync.tick();
      return { candidates: host.real.store.countCandidates() };
    case 'tick':
      await host.sync.tick();
      return { lastError: unwrap(h.getSyncStatus({})).lastError, faults: faults?.stats };
    case 'state':
      return state();
    case 'heads':
      return Object.fromEntries((host.real.db.prepare('SELECT device_id, MAX(seq) FROM events GROUP BY device_id').raw().all() as [string, number][]).map(([d, s]) => [d, s]));
    case 'office-receipt': {
      // What the office last signed for as held: every (device, seq) in it must outlive a kill -9 of the office.
      const office = pairedOffice(host.real);
      const receipt = office ? latestReceipt(host.real.db, office.deviceId) : undefined;
      return receipt ? Object.fromEntries(Object.entries(receipt.heads).map(([d, head]) => [d, head.seq])) : {};
    }
    case 'missing': {
      const hashOf = host.real.db.prepare('SELECT hash FROM events WHERE id = ?').pluck();
      return (command.events as { eventId: string; hash: string }[]).filter((e) => hashOf.get(e.eventId) !== e.hash).map((e) => e.eventId);
    }
    case 'forge-push':
      return forgePush(String(command.deviceId), String(command.ticketNo));
    default:
      throw new Error(`unknown command ${command.cmd}`);
  }
}

reply({ ready: true, deviceId: host.real.deviceId });
const lines = createInterface({ input: process.stdin });
let queue = Promise.resolve();
lines.on('line', (line) => {
  const command = JSON.parse(line) as Command;
  queue = queue.then(async () => {
    try {
      reply({ ok: true, value: await handle(command) });
    } catch (error) {
      reply({ ok: false, error: error instanceof Error ? error.message : String(error) });
    }
  });
});
lines.on('close', () => {
  void queue.then(async () => {
    host.close();
    await host.sync.close();
    process.exit(0);
  });
});
