import { describe, expect, it } from 'vitest';
import { SYSTEM_ACTOR } from '../../shared/domain/types';
import type { ExamDayEvent } from '../../shared/events/event';
import { planBatch } from '../../shared/sync/plan-batches';
import { verifyBatch } from '../../shared/sync/verify-batch';
import { HeldLog, TestDevice, batchCryptoFor } from '../support/signed-chain';

const t0 = Date.parse('2026-11-25T00:00:00.000Z');
const proctor = { staffId: 'P0002', name: '副监考1', role: 'second-proctor' } as const;

function writeCheckins(device: TestDevice, count: number, from = 0): ExamDayEvent[] {
  return Array.from({ length: count }, (_, i) =>
    device.write(
      'checkin.attempted',
      { roomNo: '01', input: { method: 'scanner', value: `T${from + i}` }, verdict: 'admitted', ticketNo: `T${from + i}` },
      proctor,
      new Date(t0 + (from + i) * 1000),
    ),
  );
}

const raw = (events: readonly ExamDayEvent[]): Record<string, unknown>[] => events.map((e) => JSON.parse(JSON.stringify(e)) as Record<string, unknown>);

describe('planning a batch from the peer heads', () => {
  const door = new TestDevice('door-1');
  const office = new TestDevice('office');
  writeCheckins(door, 5);
  office.write('day.closed', {}, SYSTEM_ACTOR, new Date(t0));
  const held = new HeldLog([...door.events, ...office.events]);

  it('sends what the peer misses, per device in seq order, and nothing when it holds all', () => {
    const plan = planBatch(held, { [door.deviceId]: { seq: 2, hash: door.events[1]!.hash } });
    expect(plan.events.map((e) => `${e.deviceId === door.deviceId ? 'door' : 'office'}/${e.seq}`).sort()).toEqual(['door/3', 'door/4', 'door/5', 'office/1']);
    expect(plan.events.filter((e) => e.deviceId === door.deviceId).map((e) => e.seq)).toEqual([3, 4, 5]);
    expect(plan.more).toBe(false);
    expect(planBatch(held, held.heads())).toEqual({ events: [], more: false, divergences: [] });
  });

  it('stops at the event and byte bounds and says there is more', () => {
    const plan = planBatch(held, {}, { maxEvents: 4 });
    expect(plan.events).toHaveLength(4);
    expect(plan.more).toBe(true);
    const bySize = planBatch(held, {}, { maxBytes: 1, byteLength: () => 10 });
    expect(bySize.events).toHaveLength(1);
    expect(bySize.more).toBe(true);
  });

  it('does not send a device whose peer head disagrees with our chain: a divergence', () => {
    const plan = planBatch(held, { [door.deviceId]: { seq: 2, hash: 'f'.repeat(64) } });
    expect(plan.divergences).toEqual([{ deviceId: door.deviceId, seq: 2, peerHash: 'f'.repeat(64), ourHash: door.events[1]!.hash }]);
    expect(plan.events.some((e) => e.deviceId === door.deviceId)).toBe(false);
  });
});

describe('verifying an incoming batch', () => {
  const door = new TestDevice('door-1');
  const stranger = new TestDevice('stranger');
  writeCheckins(door, 6);
  writeCheckins(stranger, 1);
  const crypto = batchCryptoFor([door]);

  it('accepts a continuation of the held chain and reports the new head', () => {
    const held = new HeldLog(door.events.slice(0, 2));
    const verdict = verifyBatch(raw(door.events.slice(2)), held, crypto);
    expect(verdict.accepted.map((a) => a.event.seq)).toEqual([3, 4, 5, 6]);
    expect(verdict.rejected).toEqual([]);
    expect(verdict.advancedHeads).toEqual({ [door.deviceId]: { seq: 6, hash: door.events[5]!.hash } });
  });

  it('treats a repeated push as a no-op', () => {
    const held = new HeldLog(door.events);
    const verdict = verifyBatch(raw(door.events), held, crypto);
    expect(verdict).toMatchObject({ accepted: [], duplicates: 6, forks: [], rejected: [], advancedHeads: {} });
    // A repeat inside one batch is a duplicate too.
    const twice = verifyBatch(raw([...door.events.slice(0, 2), door.events[1]!]), new HeldLog(), crypto);
    expect(twice.accepted).toHaveLength(2);
    expect(twice.duplicates).toBe(1);
  });

  it('refuses a gap, a broken link, an altered event, a bad signature, a bad schema, an unknown device', () => {
    const held = new HeldLog(door.events.slice(0, 2));
    const [e3, e4] = raw(door.events.slice(2, 4)) as [Record<string, unknown>, Record<string, unknown>];
    const cases: [string, Record<string, unknown>, string][] = [
      ['gap', e4, '不连续'],
      ['link', { ...e3, prevHash: 'e'.repeat(64) }, '链接断裂'],
      ['hash', { ...e3, payload: { ...(e3.payload as object), ticketNo: 'T999' } }, '哈希不符'],
      ['sig', { ...e3, sig: 'ab'.repeat(64) }, '签名无效'],
      ['schema', { ...e3, payload: { roomNo: '01' } }, '内容错误'],
      ['unknown device', raw(stranger.events)[0]!, '未登记的设备'],
    ];
    for (const [label, event, reason] of cases) {
      const verdict = verifyBatch([event], held, crypto);
      expect(verdict.accepted, label).toEqual([]);
      expect(verdict.rejected[0]?.reason, label).toContain(reason);
    }
  });

  it('stores nothing of a device after its chain breaks in the batch', () => {
    const events = raw(door.events);
    events[2] = { ...events[2], sig: 'ab'.repeat(64) };
    const verdict = verifyBatch(events, new HeldLog(), crypto);
    expect(verdict.accepted.map((a) => a.event.seq)).toEqual([1, 2]);
    expect(verdict.rejected.map((r) => r.seq)).toEqual([3, 4, 5, 6]);
    expect(verdict.advancedHeads[door.deviceId]?.seq).toBe(2);
  });

  it('refuses a second, genuine event at a held (device, seq) and keeps it as fork evidence', () => {
    // The door's own key signs another event 3 (a restored backup writing on).
    const alternative = door
      .branchAfter('door-1', 2)
      .write('checkin.attempted', { roomNo: '01', input: { method: 'typed', value: 'X' }, verdict: 'not-on-roster' }, proctor, new Date(t0));
    const held = new HeldLog(door.events);
    const verdict = verifyBatch(raw([alternative]), held, crypto);
    expect(verdict.accepted).toEqual([]);
    expect(verdict.forks).toHaveLength(1);
    expect(verdict.forks[0]).toMatchObject({ deviceId: door.deviceId, seq: 3, heldHash: door.events[2]!.hash });
    expect(verdict.forks[0]!.incoming.hash).toBe(alternative.hash);
    // A forged "fork" (not signed by the device) is a rejection, not evidence.
    const forged = verifyBatch([{ ...raw([alternative])[0], sig: 'ab'.repeat(64) }], held, crypto);
    expect(forged.forks).toEqual([]);
    expect(forged.rejected[0]?.reason).toContain('签名无效');
  });

  const counted = (device: TestDevice) => {
    const counting = batchCryptoFor([device]);
    const calls = { hash: 0, sig: 0 };
    const crypto = {
      ...counting,
      hashEvent: (e: Parameters<typeof counting.hashEvent>[0]) => ((calls.hash += 1), counting.hashEvent(e)),
      verifySig: (d: string, h: string, s: string) => ((calls.sig += 1), counting.verifySig(d, h, s)),
    };
    return { calls, crypto };
  };

  it('hashes each new event once and checks one signature for a sealed run; a held duplicate costs neither', () => {
    const { calls, crypto } = counted(door);
    const verdict = verifyBatch(raw(door.events), new HeldLog(door.events.slice(0, 2)), crypto);
    expect(verdict.accepted).toHaveLength(4);
    expect(calls).toEqual({ hash: 4, sig: 1 });
  });

  it('checks every signature of a log written with plain links (every version before sealed links)', () => {
    const old = new TestDevice('old-door', undefined, 'plain');
    writeCheckins(old, 6);
    const { calls, crypto } = counted(old);
    const verdict = verifyBatch(raw(old.events), new HeldLog(old.events.slice(0, 2)), crypto);
    expect(verdict.accepted).toHaveLength(4);
    expect(calls).toEqual({ hash: 4, sig: 4 });
  });

  it('finds a bad signature in the middle of a sealed run: the events before it are kept, it and those after refused', () => {
    const events = raw(door.events);
    const forger = new TestDevice('forger');
    const middle = events[3] as { hash: string; sig: string };
    middle.sig = forger.signHash(middle.hash);
    const verdict = verifyBatch(events, new HeldLog(), batchCryptoFor([door]));
    expect(verdict.accepted.map((a) => a.event.seq)).toEqual([1, 2, 3]);
    expect(verdict.rejected[0]).toMatchObject({ seq: 4, reason: expect.stringMatching(/签名无效/) });
    expect(verdict.advancedHeads[door.deviceId]).toEqual({ seq: 3, hash: door.events[2]!.hash });
  });
});
