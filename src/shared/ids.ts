import { randomFillSync } from "node:crypto";
import { monotonicFactory } from "ulid";

/**
 * Random bytes drawn from the operating system a pool at a time: `ulid`'s own generator asks for one byte per
 * character (16 calls into the crypto module per ID), which was a twentieth of the hub's CPU time at intake.
 */
const pool = new Uint8Array(4096);
let used = pool.length;

function pooledRandom(): number {
  if (used === pool.length) {
    randomFillSync(pool);
    used = 0;
  }
  return (pool[used++] as number) / 256;
}

/**
 * A ULID generator, monotonic within itself: IDs made at the same millisecond (or asked for an earlier one) count
 * on from the last. A generator given times from a clock of its own (a simulated one, in tests) keeps its IDs
 * apart from other generators' wall-clock ones.
 */
export function idGenerator(): (at?: number) => string {
  return monotonicFactory(pooledRandom);
}

/** A new ULID, the shape incident.io uses for its IDs. Monotonic within this process. */
export const newId = idGenerator();
