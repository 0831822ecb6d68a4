import type { ScorecardResult } from "../scorecards/index.js";
import { recordLevels } from "../scorecards/levels-store.js";
import { type Clock, systemClock } from "../shared/clock.js";
import type { Leadership, Store } from "../store/index.js";
import { LeaderSchedule } from "../store/leader-loop.js";

export interface ScorecardScheduleOptions {
  store: Store;
  /** Where the results come from: the hub's `ServiceDirectory`. */
  directory: { current(): Promise<{ scorecards: readonly ScorecardResult[] }> };
  /** Only the leader among the hubs on the database records; the others check every `followerPollMs`. */
  leadership: Leadership;
  /** Time between runs (hub.yaml's `scorecard_runs_every`). */
  everyMs: number;
  /** Default 1 s. */
  followerPollMs?: number;
  clock?: Clock;
  /** Told about each failed run; the schedule carries on. */
  onError?: (error: unknown) => void;
}

/**
 * Records each entity's scorecard levels (see `recordLevels`) at start and every `everyMs` after, on the leading
 * hub only: leadership is confirmed before each run.
 */
export class ScorecardSchedule {
  private readonly clock: Clock;
  private readonly schedule: LeaderSchedule;

  constructor(private readonly options: ScorecardScheduleOptions) {
    this.clock = options.clock ?? systemClock;
    this.schedule = new LeaderSchedule(() => this.runOnce(), {
      leadership: options.leadership,
      everyMs: options.everyMs,
      followerPollMs: options.followerPollMs,
      clock: this.clock,
      ...(options.onError ? { onError: options.onError } : {}),
    });
  }

  /** Runs in the background until `close`. */
  start(): void {
    this.schedule.start();
  }

  /** Scores every entity now and records the levels, whether or not this hub leads. */
  async runOnce(): Promise<void> {
    const { scorecards } = await this.options.directory.current();
    await recordLevels(this.options.store, scorecards, this.clock.now());
  }

  /** Stops the loop once a run under way finishes. */
  close(): Promise<void> {
    return this.schedule.close();
  }
}
