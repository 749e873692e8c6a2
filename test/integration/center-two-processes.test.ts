import { afterAll, describe, expect, it } from 'vitest';
import { spawn, type ChildProcess } from 'node:child_process';
import { rmSync } from 'node:fs';
import { createInterface } from 'node:readline';
import { openCore, type Core } from '../../electron/core/core';
import { issueEnrolmentCode } from '../../electron/center/enrolment';
import { PostgresCenterStore } from '../../electron/center/store/postgres-center-store';
import { enrolWithCenter, fetchCaller, pushToCenter, type CenterCaller, type CenterTarget } from '../../electron/sync/center-target';
import type { SyncCaller } from '../../electron/sync/door-client';
import { heldEvents } from '../../electron/sync/sync-log';
import { dayKeyOf } from '../../shared/center/center-protocol';
import { parseEvent, type ExamDayEvent } from '../../shared/events/event';
import { deriveFindings } from '../../shared/sync/findings';
import { bundleForTest } from '../support/bundle-for-test';
import { admitMany, KeyedDevice, proctor } from '../support/center-fixture';
import { faultInjector } from '../support/fault-caller';
import { startFaultProxy, type FaultProxy } from '../support/fault-proxy';
import { fixtureDay, fixtureDayEvents } from '../support/fixture-day';
import { startPostgresCluster, type PostgresCluster } from '../support/postgres-cluster';
import { seededRandom, testSeed } from '../support/seeded-random';
import { makeTempDir } from '../support/temp-dir';

const SEED = testSeed(Date.now() % 1_000_000);
const DEVICES = 50;
const SITES = 3;
const EVENTS_PER_DOOR = 40;
const PHASES = 4;
const T0 = Date.UTC(2026, 10, 25, 0, 30);

/** A center process (the real entry, bundled) on the shared database; its port read from its first lines. */
class CenterProcess {
  readonly port: Promise<number>;
  private readonly child: ChildProcess;

  constructor(script: string, databaseUrl: string) {
    this.child = spawn(process.execPath, [script, '--database', databaseUrl, '--port', '0'], { stdio: ['ignore', 'pipe', 'inherit'] });
    const lines = createInterface({ input: this.child.stdout! });
    this.port = new Promise((resolve, reject) => {
      lines.on('line', (line) => {
        const match = /listening on http:\/\/127\.0\.0\.1:(\d+)\//.exec(line);
        if (match) resolve(Number(match[1]));
      });
      this.child.once('exit', (code) => reject(new Error(`center exited (${code})`)));
    });
  }

  async stop(): Promise<void> {
    if (this.child.exitCode !== null) return;
    const exited = new Promise((resolve) => this.child.once('exit', resolve));
    this.child.kill('SIGTERM');
    await exited;
  }
}

interface Site {
  core: Core;
  doors: KeyedDevice[];
  close(): void;
}

describe(`two center processes on one PostgreSQL, ${DEVICES} devices in ${SITES} sites, 20 % of requests dropped or duplicated (seed ${SEED})`, () => {
  let cluster: PostgresCluster | undefined;
  let script: string | undefined;
  const centers: CenterProcess[] = [];
  const proxies: FaultProxy[] = [];
  const sites: Site[] = [];
  afterAll(async () => {
    for (const site of sites) site.close();
    await Promise.all(centers.map((c) => c.stop()));
    await Promise.all(proxies.map((p) => p.close()));
    if (script) rmSync(script, { force: true });
    cluster?.stop();
  });

  it('stores every event once, loses none, and keeps the planted findings', async () => {
    const random = seededRandom(SEED);
    cluster = await startPostgresCluster();
    script = await bundleForTest('electron/center/center-main.ts', `center-main-${process.pid}`);
    const databaseUrl = cluster.url;
    // Migrated once here, so the two processes start on a ready database (they would wait on the lock otherwise).
    const admin = await PostgresCenterStore.open(databaseUrl, 2);
    centers.push(new CenterProcess(script, databaseUrl), new CenterProcess(script, databaseUrl));
    const ports = await Promise.all(centers.map((c) => c.port));
    for (const [i, port] of ports.entries()) {
      proxies.push(await startFaultProxy({ targetPort: port, cutShare: 0.1, cutWithinBytes: 100_000, delayShare: 0.2, maxDelayMs: 20, random: seededRandom(SEED + 10 + i) }));
    }

    // 3 sites (each an office of its own exam day) with 50 devices in all: 3 offices and 47 doors.
    const doorsPerSite = [16, 16, 15];
    const planted: string[] = [];
    for (let s = 0; s < SITES; s += 1) {
      const day = fixtureDay(60, { date: `2026-11-2${5 + s}` });
      const doors = Array.from({ length: doorsPerSite[s]! }, () => new KeyedDevice());
      const temp = makeTempDir();
      const core = openCore({ dataDir: temp.dir, now: () => new Date(T0) });
      core.commit(fixtureDayEvents(day));
      sites.push({
        core,
        doors,
        close: () => {
          core.close();
          temp.remove();
        },
      });
      planted.push(`TWICE-${s}`);
    }
    expect(SITES + sites.reduce((n, s) => n + s.doors.length, 0)).toBe(DEVICES);
    /** The doors write `count` more events each and sync them to their office (which later forwards them). */
    const doorsWrite = (count: number, phase: number): void => {
      for (const [s, site] of sites.entries()) {
        const before = site.doors.map((d) => d.events.length);
        site.doors.forEach((door, d) => admitMany(door, String(d + 1).padStart(2, '0'), count, phase * 1000, T0 + phase * 600_000));
        if (phase === PHASES - 1) {
          // Planted: one ticket admitted at two doors of the site (admitted-twice).
          for (const door of site.doors.slice(0, 2)) {
            door.write('checkin.attempted', { roomNo: '01', input: { method: 'scanner', value: planted[s]! }, verdict: 'admitted', ticketNo: planted[s]! }, proctor, new Date(T0 + 9_000_000));
          }
        }
        const stored = site.core.foreign.storeBatch({
          devices: site.doors.map((d) => ({ deviceId: d.deviceId, publicKeyHex: d.publicKeyHex })),
          events: site.doors.flatMap((d, i) => d.events.slice(before[i])),
        });
        if (!stored.ok) throw new Error(stored.reason);
      }
    };

    // One request-level fault stream per site (drops, lost answers, duplicates, delays, late replays),
    // and each request sent to either process, as a load balancer would.
    const injectors = sites.map((_, s) => faultInjector({ share: 0.2, maxDelayMs: 30, random: seededRandom(SEED + 100 + s) }));
    const balanced = (target: CenterTarget, op: string, body: unknown) => {
      const proxy = proxies[random() < 0.5 ? 0 : 1]!;
      return fetchCaller(20_000)({ ...target, url: `http://127.0.0.1:${proxy.port}` }, op, body);
    };
    // The injector is written for door → office calls; it passes the target through untouched.
    const faulty = (s: number): CenterCaller => injectors[s]!.wrap(balanced as unknown as SyncCaller) as unknown as CenterCaller;

    for (const [s, site] of sites.entries()) {
      const { code } = await issueEnrolmentCode(admin, site.core.store.getPlan()!.organisation, new Date(T0));
      for (let attempt = 0; ; attempt += 1) {
        const enrolled = await enrolWithCenter(site.core, faulty(s), 'http://center.invalid', code, `考点${s + 1}`);
        if (enrolled.ok) break;
        if (attempt === 30) throw new Error(`enrol: ${enrolled.reason}`);
      }
    }

    // In phases, as a day goes: the doors write, the office forwards; every site pushes twice at once
    // (two rounds, the load balancer spreading their requests over both processes) until a round ends clean.
    for (let phase = 0; phase < PHASES; phase += 1) {
      doorsWrite(EVENTS_PER_DOOR / PHASES, phase);
      await Promise.all(
        sites.map(async (site, s) => {
          const reasons: string[] = [];
          for (let round = 0; round < 100; round += 1) {
            const [a, b] = await Promise.all([pushToCenter(site.core, faulty(s), { maxEvents: 40 }), pushToCenter(site.core, faulty(s), { maxEvents: 40 })]);
            if (a.ok && b.ok) return;
            reasons.push(...[a, b].flatMap((o) => (o.ok ? [] : [o.reason])));
          }
          throw new Error(`site ${s + 1} never completed a clean round: ${[...new Set(reasons)].join(' | ')}`);
        }),
      );
    }

    // Planted: a door's chain forked (a restored backup), pushed by its site to the other process.
    const victim = sites[1]!.doors[3]!;
    const twin = victim.branchAfter(EVENTS_PER_DOOR - 5);
    admitMany(twin, '99', 3, 900, T0 + 500_000);
    const site2 = sites[1]!;
    const link = JSON.parse(site2.core.db.prepare("SELECT value FROM local_settings WHERE key = 'sync.center'").pluck().get() as string) as { token: string };
    const forkPush = await fetch(`http://127.0.0.1:${ports[1]}/center/v1/push`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', authorization: `Bearer ${link.token}` },
      body: JSON.stringify({
        kind: 'push',
        protocolVersion: 1,
        day: { organisation: site2.core.store.getPlan()!.organisation, date: site2.core.store.getPlan()!.date, planId: site2.core.store.getPlan()!.planId },
        senderDeviceId: site2.core.deviceId,
        events: twin.events.slice(EVENTS_PER_DOOR - 5),
        more: false,
        keys: [victim.key],
      }),
    });
    expect(forkPush.status).toBe(200);

    const faults = injectors.map((i) => i.stats);
    const injected = faults.reduce((n, f) => n + f.droppedRequests + f.droppedResponses + f.duplicated + f.replayedLate, 0);
    // About one request in five met a fault (a delay is one); drops and duplicates both happened.
    const calls = faults.reduce((n, f) => n + f.calls, 0);
    expect(injected + faults.reduce((n, f) => n + f.delayed, 0), JSON.stringify(faults)).toBeGreaterThanOrEqual(calls * 0.08);
    expect(faults.some((f) => f.duplicated > 0) && faults.some((f) => f.droppedRequests + f.droppedResponses > 0), JSON.stringify(faults)).toBe(true);

    let held = 0;
    for (const site of sites) {
      const plan = site.core.store.getPlan()!;
      const dayKey = dayKeyOf({ organisation: plan.organisation, date: plan.date, planId: plan.planId });
      const mine = heldEvents(site.core.db).heads();
      // 0 lost: the center holds every device's chain up to the site's head, hash for hash.
      expect(await admin.dayHeads(dayKey)).toEqual(mine);
      const events = await admin.dayEvents(dayKey);
      const siteRows = site.core.db.prepare('SELECT device_id, seq, hash FROM events ORDER BY device_id, seq').all() as { device_id: string; seq: number; hash: string }[];
      // 0 doubled: one row per (device, seq), the very events the site holds.
      expect(events.map((e) => `${e.deviceId}:${e.seq}:${e.hash}`)).toEqual(siteRows.map((r) => `${r.device_id}:${r.seq}:${r.hash}`));
      held += siteRows.length;
      const parsed = events.map((e) => parseEvent(JSON.parse(e.body))).flatMap((p) => (p.ok ? [p.event] : [])) as ExamDayEvent[];
      expect(parsed).toHaveLength(events.length);
      const forks = (await admin.dayForks(dayKey)).map((f) => ({ deviceId: f.deviceId, seq: f.seq, hashes: [f.heldHash, f.offeredHash] as [string, string] }));
      const findings = deriveFindings(parsed, forks);
      const twice = findings.filter((f) => f.kind === 'admitted-twice').map((f) => f.subject);
      expect(twice).toEqual([planted[sites.indexOf(site)]]);
      // The twin's three events sit at three places the center holds other events at.
      expect(findings.filter((f) => f.kind === 'fork').map((f) => f.subject)).toEqual(site === site2 ? [victim.deviceId, victim.deviceId, victim.deviceId] : []);
    }
    expect(await admin.eventCount()).toBe(held);
    await admin.close();
  });
});
