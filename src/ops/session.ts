import type { IncidentIo } from "../api/index.js";
import { type Clock, systemClock } from "../shared/clock.js";
import { Lookups } from "./lookups.js";

/** One per account: the client, its alias, and lookups cached for the session's life. */
export interface OpsSession {
  readonly io: IncidentIo;
  /** The account alias, part of derived idempotency keys. */
  readonly alias: string;
  readonly lookups: Lookups;
  readonly clock: Clock;
  /** The configured closed status (ID or name) for close; else found dynamically. */
  readonly closedStatus?: string | undefined;
}

export function openSession(
  io: IncidentIo,
  options: { alias?: string | undefined; clock?: Clock | undefined; closedStatus?: string | undefined } = {},
): OpsSession {
  const clock = options.clock ?? systemClock;
  return {
    io,
    alias: options.alias ?? "default",
    lookups: new Lookups(io, clock),
    clock,
    closedStatus: options.closedStatus,
  };
}
