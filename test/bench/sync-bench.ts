// Site sync benchmarks (issue 10): a door with 50,000 events of its own pushes them to the office
// over loopback TLS with the real pinned certificates (each event verified and stored by the
// office's foreign writer), then a round with nothing new. Both data folders on the real disk.
// Prints `BENCH` lines; figures, never assertions.
import type { PendingEvent } from '../../electron/core/core-context';
import { openCoreHost, type CoreHost } from '../../electron/core/core-host';
import type { Actor } from '../../shared/domain/types';
import { FIXTURE_PLAN_FORM, fixtureDay } from '../support/fixture-day';
import { makeBenchDataDir } from './bench-data-dir';

const EVENTS = 50_000;
const ROSTER = 2_000;
const COMMIT_CHUNK = 5_000;

function bench(name: string, value: number, unit: string): void {
  console.log(`BENCH ${name} ${value.toFixed(1)} ${unit}`);
}

function unwrap<T>(result: { ok: true; value: T } | { ok: false; error: { message: string } }): T {
  if (!result.ok) throw new Error(result.error.message);
  return result.value;
}

async function main(): Promise<void> {
  const folders = [makeBenchDataDir('sync-office-'), makeBenchDataDir('sync-door-')];
  const hosts: CoreHost[] = [];
  try {
    const day = fixtureDay(ROSTER);
    const office = openCoreHost({ dataDir: folders[0]!.dir }, { intervalMs: 3_600_000 });
    hosts.push(office);
    unwrap(office.handlers.savePlan({ plan: FIXTURE_PLAN_FORM }));
    unwrap(office.handlers.importRoster({ rooms: day.rooms, candidates: day.candidates }));
    unwrap(office.handlers.registerStaff({ staff: day.staff.map(({ staffId, name, role, roomNo }) => ({ staffId, name, role, ...(roomNo ? { roomNo } : {}) })) }));
    await office.sync.ready;
    unwrap(office.handlers.startSyncListener({ host: '127.0.0.1', port: 0, actorStaffId: 'S001' }));
    await office.sync.whenListening();

    const door = openCoreHost({ dataDir: folders[1]!.dir }, { intervalMs: 3_600_000 });
    hosts.push(door);
    await door.sync.ready;
    const offer = unwrap(office.handlers.createPairingOffer({ deviceName: '第01考场门口', roomNo: '01', actorStaffId: 'S001' }));
    unwrap(door.handlers.pairWithOffice({ code: offer.code, deviceName: '门口 01', actorStaffId: 'P0002' }));
    while (unwrap(door.handlers.getSyncStatus({})).pairing.state === 'pairing') await new Promise((resolve) => setTimeout(resolve, 20));
    await door.sync.tick();
    if (door.real.store.countCandidates() !== ROSTER) throw new Error('the door did not receive the day');

    // A long door day's worth of attempts: each candidate admitted once, then scanned again and again.
    const proctor = day.staff.find((s) => s.role === 'second-proctor')!;
    const actor: Actor = { staffId: proctor.staffId, name: proctor.name, role: proctor.role };
    for (let start = 0; start < EVENTS; start += COMMIT_CHUNK) {
      const events: PendingEvent[] = [];
      for (let i = start; i < Math.min(EVENTS, start + COMMIT_CHUNK); i += 1) {
        const candidate = day.candidates[i % ROSTER]!;
        events.push({
          type: 'checkin.attempted',
          payload: { roomNo: candidate.roomNo, input: { method: 'scanner', value: candidate.ticketNo }, verdict: i < ROSTER ? 'admitted' : 'already-admitted', ticketNo: candidate.ticketNo, document: 'ticket' },
          actor,
        });
      }
      door.real.commit(events);
    }
    const held = (host: CoreHost): number => host.real.db.prepare('SELECT COUNT(*) FROM events WHERE device_id = ?').pluck().get(door.real.deviceId) as number;
    const before = held(office);

    let started = performance.now();
    await door.sync.tick();
    const pushMs = performance.now() - started;
    const arrived = held(office) - before;
    if (unwrap(door.handlers.getSyncStatus({})).lastError) throw new Error(unwrap(door.handlers.getSyncStatus({})).lastError!);
    bench('sync_50k_events_ms', pushMs, `ms (${arrived} events verified and stored at the office; target ≤ 5000)`);

    const rounds = 10;
    started = performance.now();
    for (let i = 0; i < rounds; i += 1) await door.sync.tick();
    bench('sync_noop_ms', (performance.now() - started) / rounds, `ms per round with nothing new (mean of ${rounds}; target ≤ 50)`);
  } finally {
    for (const host of hosts) {
      host.close();
      await host.sync.close();
    }
    for (const folder of folders) folder.remove();
  }
}

void main();
