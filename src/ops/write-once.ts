import { IncidentKitError } from "../api/index.js";
import type { Clock } from "../shared/clock.js";
import { generationKey } from "./idempotency.js";
import { KeyedMutex } from "./keyed-mutex.js";

/**
 * Whether a write made its record: `true`, `false` (found: made earlier under the same key), or `"unknown"` when
 * incident.io gave no way to tell. incident.io answers a repeated key exactly as it answered the first write, so
 * what existed is read before writing (never judged by the time, which two clocks disagree on); when this key may
 * not read it, the answer stays unknown rather than a guess.
 */
export type Created = boolean | "unknown";

/** How a write with an idempotency key turned out: made now, found (made earlier with the same key), or unknown. */
export interface WriteOnce<T> {
  result: T;
  idempotencyKey: string;
  created: Created;
}

/**
 * How a caller of a create wants it made. Telling `created` reads what is there first, a request before the write:
 * a caller that ignores `created` (the hub's outbox, opening an incident for an alert) skips it with `tellCreated:
 * false`, and `created` is then "unknown" unless the record is plainly old.
 */
export interface CreateOptions {
  tellCreated?: boolean;
}

/** Whether a record answered by a write was there before it. */
export type Existed = boolean | "unknown";

/** Told a record a write answered, whether it was among the records read just before the write. */
export type ExistedBefore<T> = (result: T) => Promise<Existed>;

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
  /** Where incident.io looks records up by key: the one made under `key`, if any. Found, nothing is written. */
  find?(key: string): Promise<T | undefined>;
  /**
   * Where it cannot: reads what is there, once before the first write, and tells of a record a write answers
   * whether it was there. Without `find` or this, whether a write made its record is unknown.
   */
  readBefore?(): Promise<ExistedBefore<T>>;
}

/** Writes of one key in this process take turns, so a second finds what the first made rather than racing it. */
const turns = new KeyedMutex();

/**
 * A write that means what its user means by idempotency. The same input while its record is still current (an
 * incident open), or within `RETRY_WINDOW_MS` of it (a retry after a lost response), finds that record; the same
 * input once its record is done (the incident closed, the update old) makes a new one, under the derived key's
 * next generation. Walking the generations in order makes every retry land on the same record. A key given
 * explicitly is used as it is, and a record found under it that does not match the input is an error, never
 * handed back as if it were this input's. `created` is true only when the record was not there before this call
 * (two processes writing the same key at the same moment can still both see it missing and both say so).
 */
export function writeOnce<T>(options: WriteOnceOptions<T>): Promise<WriteOnce<T>> {
  return turns.run(options.key, () => walkGenerations(options));
}

async function walkGenerations<T>(options: WriteOnceOptions<T>): Promise<WriteOnce<T>> {
  const started = options.clock.now();
  // Read once: a generation is only left for the next when its record was found, so nothing new was made since.
  const existedBefore: ExistedBefore<T> | "unknown" = options.find
    ? async () => false
    : options.readBefore
      ? await unlessForbidden(options.readBefore())
      : "unknown";
  for (let n = 1; n <= (options.derived ? MAX_GENERATIONS : 1); n++) {
    const key = generationKey(options.key, n);
    const { result, existed } = await writeOrFind(options, key, existedBefore);
    if (existed === false) return { result, idempotencyKey: key, created: true };
    const recent = Date.parse(options.createdAt(result)) >= started - RETRY_WINDOW_MS;
    // Where what was there could not be read, a record older than the retry window still was not made now: minutes
    // are far more than two clocks differ by.
    const created = existed === true || !recent ? false : "unknown";
    if (!options.derived) {
      // A record unlike this input was not made by this call, whatever else is unknown.
      const mismatch = options.mismatch?.(result);
      if (mismatch !== undefined) {
        throw new IncidentKitError({
          code: "idempotency_conflict",
          message: `the idempotency key ${key} was already used for ${mismatch}: nothing new was written`,
          hint: "give another idempotency key for a different write, or none to derive one from the input",
        });
      }
      return { result, idempotencyKey: key, created };
    }
    if (options.current(result) || recent) return { result, idempotencyKey: key, created };
  }
  throw new IncidentKitError({
    code: "idempotency_conflict",
    message: `the same input was written ${MAX_GENERATIONS} times before, each record now done`,
    hint: "give an idempotency key of your own (--idempotency-key) to write it once more",
  });
}

/** The record under `key`, found by it or answered by writing it, and whether it was there before this call. */
async function writeOrFind<T>(
  options: WriteOnceOptions<T>,
  key: string,
  existedBefore: ExistedBefore<T> | "unknown",
): Promise<{ result: T; existed: Existed }> {
  const found = options.find ? await unlessForbidden(options.find(key)) : undefined;
  if (found !== undefined && found !== "unknown") return { result: found, existed: true };
  const result = await options.write(key);
  if (found === "unknown" || existedBefore === "unknown") return { result, existed: "unknown" };
  return { result, existed: await existedBefore(result) };
}

/** A read this key may not make (no permission to list) leaves the answer unknown; the write still goes ahead. */
async function unlessForbidden<R>(read: Promise<R>): Promise<R | "unknown"> {
  try {
    return await read;
  } catch (error) {
    if (error instanceof IncidentKitError && error.code === "forbidden") return "unknown";
    throw error;
  }
}
