/**
 * mulberry32: a small seeded generator of numbers in [0, 1), so a randomised test can be run again
 * with the numbers that made it fail.
 */
export function seededRandom(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4_294_967_296;
  };
}

/** The seed a randomised test uses: EXAMDAY_TEST_SEED when set (to replay a failure), else `fallback`. */
export function testSeed(fallback: number): number {
  const given = process.env.EXAMDAY_TEST_SEED;
  if (given === undefined || given === '') return fallback;
  const seed = Number(given);
  if (!Number.isInteger(seed)) throw new Error(`EXAMDAY_TEST_SEED must be an integer, not ${given}`);
  return seed;
}
