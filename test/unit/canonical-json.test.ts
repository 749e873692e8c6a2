import canonicalize from 'canonicalize';
import { describe, expect, it } from 'vitest';
import { canonicalJson } from '../../shared/events/canonical-json';
import { hashedPart } from '../../shared/events/event';
import { fixtureDay, fixtureDayEvents } from '../support/fixture-day';
import { multiDeviceDay } from '../support/multi-device-day';
import { seededRandom, testSeed } from '../support/seeded-random';

/** The package's answer, or the message it throws. */
function reference(value: unknown): string {
  try {
    return canonicalize(value) ?? 'undefined';
  } catch (error) {
    return `throws ${(error as Error).message}`;
  }
}

function ours(value: unknown): string {
  try {
    return canonicalJson(value);
  } catch (error) {
    return (error as Error).message === 'value cannot be canonicalised' ? 'undefined' : `throws ${(error as Error).message}`;
  }
}

// Characters that stress escaping and key order: controls, quotes, non-ASCII, astral pairs and lone halves.
const ALPHABET = ['a', 'Z', '0', ' ', '"', '\\', '/', '\n', '\u0000', '\u001f', '\u007f', 'é', '考', '务', '\u2028', '\ufeff', '😀', '\ud83d\ude00', '\ud800', '\udfff', '\ud83d'];

function randomText(random: () => number, allowLone: boolean): string {
  const length = Math.floor(random() * 8);
  let text = '';
  for (let i = 0; i < length; i += 1) {
    const c = ALPHABET[Math.floor(random() * ALPHABET.length)]!;
    if (!allowLone && (c === '\ud800' || c === '\udfff' || c === '\ud83d')) continue;
    text += c;
  }
  return text;
}

const NUMBERS = [0, -0, 1, -1, 0.1, 1e21, 1e-7, 123456789012345680000, 5e-324, Number.MAX_SAFE_INTEGER, Number.MAX_VALUE, -1.5e-10, 2 ** 53 + 2, 1 / 3];

function randomValue(random: () => number, depth: number, allowLone: boolean): unknown {
  const pick = Math.floor(random() * (depth > 3 ? 5 : 7));
  switch (pick) {
    case 0:
      return null;
    case 1:
      return random() < 0.5;
    case 2:
      return random() < 0.5 ? NUMBERS[Math.floor(random() * NUMBERS.length)] : (random() - 0.5) * 10 ** Math.floor(random() * 40 - 20);
    case 3:
    case 4:
      return randomText(random, allowLone);
    case 5:
      return Array.from({ length: Math.floor(random() * 4) }, () => randomValue(random, depth + 1, allowLone));
    default: {
      const record: Record<string, unknown> = {};
      const keys = Math.floor(random() * 5);
      for (let i = 0; i < keys; i += 1) record[random() < 0.2 ? String(Math.floor(random() * 20)) : randomText(random, allowLone)] = randomValue(random, depth + 1, allowLone);
      return record;
    }
  }
}

describe('canonicalJson is byte for byte the canonicalize package', () => {
  it('on every event of the fixture days (payloads, actors, the hashed part of signed events)', () => {
    const day = fixtureDay(300);
    const values: unknown[] = fixtureDayEvents(day).flatMap((e) => [e.payload, e.actor]);
    for (const event of multiDeviceDay().chains.flat()) values.push(hashedPart(event), event);
    for (const value of values) expect(ours(value)).toBe(reference(value));
    expect(values.length).toBeGreaterThan(300);
  });

  it('on random JSON values with non-ASCII, surrogate pairs, escapes and numbers (and after a JSON round trip)', () => {
    const seed = testSeed(20261130);
    const random = seededRandom(seed);
    for (let i = 0; i < 5_000; i += 1) {
      const value = randomValue(random, 0, false);
      const text = ours(value);
      expect(text, `seed ${seed}, value ${i}`).toBe(reference(value));
      // What a receiver parses hashes alike (the stored form of an event relies on it).
      expect(ours(JSON.parse(text)), `seed ${seed}, value ${i}`).toBe(text);
    }
  });

  it('refuses what the package refuses, with the same message', () => {
    const random = seededRandom(testSeed(7));
    let refused = 0;
    for (let i = 0; i < 2_000; i += 1) {
      const value = randomValue(random, 0, true);
      const expected = reference(value);
      if (expected.startsWith('throws')) refused += 1;
      expect(ours(value)).toBe(expected);
    }
    expect(refused).toBeGreaterThan(50);
    const circular: Record<string, unknown> = { a: 1 };
    circular.self = circular;
    const shared = { x: 1 };
    const odd: unknown[] = [NaN, Infinity, -Infinity, undefined, () => 1, Symbol('s'), circular, [undefined, () => 1, Symbol('s')], { f: () => 1, u: undefined, s: Symbol('s') }, [shared, shared], new Date(0), { toJSON: () => ({ b: 2, a: 1 }) }, new String('ab'), [1, , 3], { '\ud800': 1 }];
    for (const value of odd) expect(ours(value)).toBe(reference(value));
  });
});
