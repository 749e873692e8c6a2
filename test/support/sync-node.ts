// One device of the site-sync fault test, in its own process: a CoreHost (core + SyncService) on
// its own data folder, driven by JSON lines on stdin, answering JSON lines on stdout. A door's
// requests go through the request-level fault injector when FAULT_SEED is set (tests only).
import { createInterface } from 'node:readline';
import { writeSync } from 'node:fs';
import { openCoreHost } from '../../electron/core/core-host';
import { dumpProjection } from '../../electron/core/sqlite-projection-store';
import { FIXTURE_PLAN_FORM, fixtureDay } from './fixture-day';
import { faultCaller, type FaultCallerStats } from './fault-caller';
import { seededRandom } from './fault-proxy';

const [dataDir, rosterSize] = process.argv.slice(2);
if (!dataDir || !rosterSize) throw new Error('usage: sync-node DATA_DIR ROSTER_SIZE');
const day = fixtureDay(Number(rosterSize));
const seed = process.env.FAULT_SEED;
let faults: FaultCallerStats | undefined;
// One stream of faults for the process: the service wraps its caller afresh for every round.
const random = seededRandom(Number(seed ?? 0));
const host = openCoreHost(
  { dataDir },
  {
    intervalMs: 3_600_000,
    ...(seed === undefined
      ? {}
      : {
          wrapCaller: (call) => {
            const wrapped = faultCaller(call, { share: 0.2, maxDelayMs: 30, random });
            faults = wrapped.stats;
            return wrapped.caller;
          },
        }),
  },
);
const reply = (value: unknown): void => {
  writeSync(1, `${JSON.stringify(value)}\n`);
};
type Command = { cmd: string; [key: string]: unknown };
function unwrap<T>(result: { ok: true; value: T } | { ok: false; error: { message: string } }): T {
  if (!result.ok) throw new Error(result.error.message);
  return result.value;
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
      await host.sync.whenListening();
      return { port: host.sync.listeningPort };
    case 'offer':
      return unwrap(h.createPairingOffer({ deviceName: String(command.name), roomNo: String(command.roomNo), actorStaffId: 'S001' }));
    case 'pair': {
      await host.sync.ready;
      unwrap(h.pairWithOffice({ code: String(command.code), deviceName: String(command.name), actorStaffId: 'P0002' }));
      while (unwrap(h.getSyncStatus({})).pairing.state === 'pairing') await new Promise((resolve) => setTimeout(resolve, 20));
      return unwrap(h.getSyncStatus({})).pairing;
    }
    case 'checkin': {
      const acked: string[] = [];
      for (const ticketNo of command.tickets as string[]) {
        const candidate = day.candidates.find((c) => c.ticketNo === ticketNo)!;
        const proctor = day.staff.find((s) => s.role === 'second-proctor' && s.roomNo === candidate.roomNo)!;
        const result = unwrap(h.checkIn({ roomNo: candidate.roomNo, input: candidate.ticketNo, method: 'scanner', actorStaffId: proctor.staffId }));
        acked.push(result.eventId);
      }
      return { acked };
    }
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
      return { lastError: unwrap(h.getSyncStatus({})).lastError, faults };
    case 'state':
      return {
        deviceId: host.real.deviceId,
        events: host.real.db.prepare('SELECT device_id, seq, hash FROM events ORDER BY device_id, seq').raw().all(),
        projection: dumpProjection(host.real.db),
        findings: unwrap(h.listFindings({})).findings.map((f) => ({ kind: f.kind, subject: f.subject })),
        forks: host.real.db.prepare('SELECT device_id, seq FROM sync_forks').raw().all(),
      };
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
