import type { IncidentIo } from "../../api/client.js";
import { type Clock, systemClock } from "../../shared/clock.js";
import { LeaderSchedule } from "../../store/leader-loop.js";
import type { Leadership } from "../../store/leadership.js";
import type { Catalog } from "../load.js";
import { DEFAULT_PUSH_KINDS, DEFAULT_SYNC_ID } from "./kinds.js";
import { type PushReport, pushCatalog } from "./push.js";

export interface CatalogPushScheduleOptions {
  /** The client of the catalog's account: the hub's own, paced by its rate limiter (and shared budget). */
  io: IncidentIo;
  /** The catalog the hub read. */
  catalog: () => Catalog;
  /** Time between pushes (hub.yaml's `catalog.push_every`). */
  everyMs: number;
  /** Only the leader among the hubs on the database pushes. */
  leadership: Leadership;
  clock?: Clock;
  /** Told about each failed push; the schedule carries on, and the next push picks up where it stopped. */
  onError?: (error: unknown) => void;
  onPushed?: (report: PushReport) => void;
}

/**
 * Pushes the hub's catalog into incident.io's catalog at start and every `everyMs` after, on the leading hub only,
 * as `incidentkit catalog push` does with its defaults (no pruning: deleting is left to a person running it).
 * A push with nothing changed only reads.
 */
export class CatalogPushSchedule {
  private readonly schedule: LeaderSchedule;

  constructor(private readonly options: CatalogPushScheduleOptions) {
    this.schedule = new LeaderSchedule(async () => options.onPushed?.(await this.runOnce()), {
      leadership: options.leadership,
      everyMs: options.everyMs,
      clock: options.clock ?? systemClock,
      ...(options.onError ? { onError: options.onError } : {}),
    });
  }

  /** Runs in the background until `close`. */
  start(): void {
    this.schedule.start();
  }

  /** Pushes now, whether or not this hub leads. */
  runOnce(): Promise<PushReport> {
    return pushCatalog(this.options.io, this.options.catalog(), {
      syncId: DEFAULT_SYNC_ID,
      kinds: DEFAULT_PUSH_KINDS,
    });
  }

  /** Stops the loop once a push under way finishes. */
  close(): Promise<void> {
    return this.schedule.close();
  }
}
