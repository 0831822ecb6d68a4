import { monotonicFactory } from "ulid";

const next = monotonicFactory();

/** A new ULID, the shape incident.io uses for its IDs. Monotonic within this process. */
export function newId(at?: number): string {
  return next(at);
}
