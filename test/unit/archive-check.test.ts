import { describe, expect, it } from 'vitest';
import { verify } from 'node:crypto';
import { eventHash } from '../../electron/core/event-log';
import { checkArchivedEvents, type ArchiveCrypto } from '../../shared/center/archive-check';
import { SYSTEM_ACTOR } from '../../shared/domain/types';
import type { UnsignedEvent } from '../../shared/events/event';
import { TestDevice, sha256Hex } from '../support/signed-chain';

const at = (minute: number): Date => new Date(Date.UTC(2026, 10, 25, 0, minute));

/** Three notes on one device: a chain of three signed events. */
function chainOf(device: TestDevice, length = 3): Record<string, unknown>[] {
  for (let i = 0; i < length; i += 1) device.write('day.closed', { note: `第 ${i + 1} 条说明` }, SYSTEM_ACTOR, at(i));
  return device.events.map((e) => ({ ...e }) as unknown as Record<string, unknown>);
}

/** node:crypto behind the shared interface; a test device's id is its label's hash, so the key → id map is given. */
function cryptoFor(devices: TestDevice[]): { crypto: ArchiveCrypto; archived: { deviceId: string; publicKeyHex: string }[] } {
  const archived = devices.map((d) => ({ deviceId: d.deviceId, publicKeyHex: d.publicKey.export({ format: 'der', type: 'spki' }).toString('hex') }));
  const idOf = new Map(archived.map((d) => [d.publicKeyHex, d.deviceId]));
  const keyOf = new Map(devices.map((d, i) => [archived[i]!.publicKeyHex, d.publicKey]));
  return {
    archived,
    crypto: {
      sha256Hex,
      eventHash: (raw) => eventHash(raw as unknown as UnsignedEvent),
      verifySig: (hex, hash, sig) => verify(null, Buffer.from(hash, 'hex'), keyOf.get(hex)!, Buffer.from(sig, 'hex')),
      deviceIdFor: (hex) => idOf.get(hex) ?? 'unknown',
    },
  };
}

describe('checkArchivedEvents: every event and chain of an archive, as verify checks a log', () => {
  const cases: { name: string; edit: (events: Record<string, unknown>[]) => Record<string, unknown>[]; problem: RegExp | null }[] = [
    { name: 'a whole chain, in any order', edit: (e) => [e[2]!, e[0]!, e[1]!], problem: null },
    { name: 'an event removed from the middle', edit: (e) => [e[0]!, e[2]!], problem: /缺少第 2 条事件/ },
    { name: 'the same event twice', edit: (e) => [...e, e[1]!], problem: /同一序号有两条事件（重复）/ },
    { name: 'a payload changed after signing', edit: (e) => [e[0]!, { ...e[1]!, payload: { note: '改过' } }, e[2]!], problem: /第 2 条：哈希不符/ },
    { name: 'a signature changed', edit: (e) => [e[0]!, { ...e[1]!, sig: '0'.repeat(128) }, e[2]!], problem: /第 2 条：签名无效/ },
    { name: 'a line that is no event', edit: (e) => [...e, { hello: 1 }], problem: /第 4 行不是事件/ },
  ];
  for (const { name, edit, problem } of cases) {
    it(name, () => {
      const device = new TestDevice('office');
      const { crypto, archived } = cryptoFor([device]);
      const result = checkArchivedEvents(edit(chainOf(device)), archived, crypto);
      if (problem === null) {
        expect(result.problems).toEqual([]);
        expect(result.heads.get(device.deviceId)).toEqual({ seq: 3, hash: device.events[2]!.hash });
      } else expect(result.problems.join('\n')).toMatch(problem);
    });
  }

  it('a fork: two different events at one seq', () => {
    const device = new TestDevice('door-01');
    const events = chainOf(device, 2);
    const twin = device.branchAfter('door-01', 1);
    twin.write('day.closed', { note: '另一条' }, SYSTEM_ACTOR, at(9));
    const { crypto, archived } = cryptoFor([device]);
    expect(checkArchivedEvents([...events, twin.events[1] as unknown as Record<string, unknown>], archived, crypto).problems.join()).toMatch(/记录分叉/);
  });

  it('an event of a device missing from the device list, and a key that is not its device id', () => {
    const office = new TestDevice('office');
    const door = new TestDevice('door');
    const { crypto, archived } = cryptoFor([office, door]);
    const problems = checkArchivedEvents([...chainOf(office, 1), ...chainOf(door, 1)], [archived[0]!, { ...archived[1]!, deviceId: office.deviceId }], crypto).problems;
    expect(problems.join('\n')).toMatch(/出现两次/);
    expect(problems.join('\n')).toMatch(/设备不在设备清单中/);
  });
});
