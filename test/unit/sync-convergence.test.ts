import { describe, expect, it } from 'vitest';
import { applyEvent } from '../../shared/projection/apply-event';
import { canonicalOrder, conflictKeys, ConvergentFold, ORDER_FREE_EVENT_TYPES } from '../../shared/projection/canonical-order';
import { RECORD_EVENT_TYPES } from '../../shared/record/record-log';
import { MemoryProjectionStore } from '../../shared/projection/memory-store';
import { multiDeviceDay, prng, projectionSnapshot, randomArrival } from '../support/multi-device-day';

const INTERLEAVINGS = 300;

describe('convergence: the same events give the same state, whatever the arrival order', () => {
  const { day, devices, chains } = multiDeviceDay();
  const deviceIds = devices.map((d) => d.deviceId);
  const reference = new MemoryProjectionStore();
  for (const event of canonicalOrder(chains.flat())) applyEvent(reference, event);
  const expected = projectionSnapshot(reference, day, deviceIds);

  it(`folds ${INTERLEAVINGS} random interleavings (each device's chain in seq order, random batches) to one state`, () => {
    let rebuilds = 0;
    for (let seed = 1; seed <= INTERLEAVINGS; seed += 1) {
      const fold = new ConvergentFold(() => new MemoryProjectionStore());
      for (const batch of randomArrival(chains, prng(seed))) fold.receive(batch);
      expect(projectionSnapshot(fold.store, day, deviceIds), `seed ${seed}`).toEqual(expected);
      rebuilds += fold.rebuilds;
    }
    // Most arrivals fold in place; a rebuild is the exception.
    expect(rebuilds).toBeLessThan(INTERLEAVINGS * 10);
  });

  it('folds check-ins in place in any order: the earliest admission wins on every device', () => {
    const checkins = new Set<string>(['checkin.attempted', 'checkin.overridden', 'step.confirmed', 'clock.checked', ...RECORD_EVENT_TYPES]);
    const setup = chains[0]!.filter((e) => e.seq <= day.rooms.length + day.staff.length + 2);
    const doorChains = chains.slice(1).map((c) => c.filter((e) => checkins.has(e.type)).map((e) => e));
    const snapshots = new Set<string>();
    for (let seed = 1; seed <= 50; seed += 1) {
      const store = new MemoryProjectionStore();
      for (const event of setup) applyEvent(store, event);
      // Plain arrival order, no canonical machinery: these reducers must commute on their own.
      for (const batch of randomArrival(doorChains, prng(seed))) for (const event of batch) applyEvent(store, event);
      snapshots.add(JSON.stringify(projectionSnapshot(store, day, deviceIds)));
    }
    expect(snapshots.size).toBe(1);
  });

  it('knows every event of the day: order-free, or naming the records it writes', () => {
    const unplaced = chains.flat().filter((e) => !ORDER_FREE_EVENT_TYPES.has(e.type) && conflictKeys(e).length === 0);
    expect([...new Set(unplaced.map((e) => e.type))]).toEqual([]);
  });

  it('needs the canonical fold: plain arrival order of the whole day does diverge', () => {
    const snapshots = new Set<string>();
    for (let seed = 1; seed <= 50; seed += 1) {
      const store = new MemoryProjectionStore();
      for (const batch of randomArrival(chains, prng(seed))) for (const event of batch) applyEvent(store, event);
      snapshots.add(JSON.stringify(projectionSnapshot(store, day, deviceIds)));
    }
    expect(snapshots.size).toBeGreaterThan(1);
  });
});
