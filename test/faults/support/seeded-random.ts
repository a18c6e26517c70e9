/**
 * The fault tests draw their timings (when to kill, how long to wait) from a seeded generator, so a
 * failing run can be replayed: every test prints its seed, and FAULT_SEED=<seed> reuses it.
 */

/** mulberry32: a small, fast 32-bit generator; the same seed gives the same sequence. */
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

/** FAULT_SEED when set (to replay a run), else a fresh one. */
export function faultSeed(): number {
  const given = process.env.FAULT_SEED;
  if (given !== undefined && given !== '') {
    const seed = Number(given);
    if (!Number.isInteger(seed) || seed < 0 || seed > 0xffffffff) throw new Error(`FAULT_SEED must be a whole number from 0 to ${0xffffffff}, not ${given}`);
    return seed;
  }
  return Math.floor(Math.random() * 0xffffffff);
}

/** A whole number of milliseconds in [min, max], from the generator. */
export function between(random: () => number, min: number, max: number): number {
  return Math.round(min + random() * (max - min));
}
