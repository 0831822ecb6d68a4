import { IncidentKitError } from "../api/index.js";
import type { Clock } from "../shared/clock.js";
import { generationKey } from "./idempotency.js";

/** How a write with an idempotency key turned out: made now, or found (made earlier with the same key). */
export interface WriteOnce<T> {
  result: T;
  idempotencyKey: string;
  created: boolean;
}

/**
 * A record made at most this long before the write started counts as made by it, as the clocks of this machine
 * and incident.io differ a little: incident.io answers a new record and one found by its key alike, so the time
 * it was made is the only sign. (A machine whose clock is further ahead would call a new record found.)
 */
const CLOCK_SKEW_MS = 2_000;
/** The same input again within this long of the record it made finds that record, whatever became of it. */
export const RETRY_WINDOW_MS = 10 * 60_000;
/** Generations of one derived key tried before giving up: a problem recurring weekly for two years. */
const MAX_GENERATIONS = 100;

export interface WriteOnceOptions<T> {
  /** The key given, or derived from the input (then `derived`). */
  key: string;
  derived: boolean;
  clock: Clock;
  /** Makes the write with a key; incident.io answers a repeated key with the record it made the first time. */
  write(key: string): Promise<T>;
  createdAt(result: T): string;
  /** Whether a record found is still what the input asks for (an incident still open). */
  current(result: T): boolean;
  /** For a key given: why a record found does not match this input, if it does not. */
  mismatch?(result: T): string | undefined;
}

/**
 * A write that means what its user means by idempotency. The same input while its record is still current (an
 * incident open), or within `RETRY_WINDOW_MS` of it (a retry after a lost response), finds that record; the same
 * input once its record is done (the incident closed, the update old) makes a new one, under the derived key's
 * next generation. Walking the generations in order makes every retry land on the same record. A key given
 * explicitly is used as it is, and a record found under it that does not match the input is an error, never
 * handed back as if it were this input's.
 */
export async function writeOnce<T>(options: WriteOnceOptions<T>): Promise<WriteOnce<T>> {
  const started = options.clock.now();
  for (let n = 1; n <= (options.derived ? MAX_GENERATIONS : 1); n++) {
    const key = generationKey(options.key, n);
    const result = await options.write(key);
    const createdAt = Date.parse(options.createdAt(result));
    if (createdAt >= started - CLOCK_SKEW_MS) return { result, idempotencyKey: key, created: true };
    if (!options.derived) {
      const mismatch = options.mismatch?.(result);
      if (mismatch !== undefined) {
        throw new IncidentKitError({
          code: "idempotency_conflict",
          message: `the idempotency key ${key} was already used for ${mismatch}: nothing new was written`,
          hint: "give another idempotency key for a different write, or none to derive one from the input",
        });
      }
      return { result, idempotencyKey: key, created: false };
    }
    if (options.current(result) || createdAt >= started - RETRY_WINDOW_MS) {
      return { result, idempotencyKey: key, created: false };
    }
  }
  throw new IncidentKitError({
    code: "idempotency_conflict",
    message: `the same input was written ${MAX_GENERATIONS} times before, each record now done`,
    hint: "give an idempotency key of your own (--idempotency-key) to write it once more",
  });
}
