import type { ScorecardResult } from "../../scorecards/index.js";
import { recordLevels } from "../../scorecards/levels-store.js";
import { type Clock, systemClock } from "../../shared/clock.js";
import type { Leadership, Store } from "../../store/index.js";
import { repeatWhileLeading } from "../../store/leader-loop.js";

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
  private loop: Promise<void> | undefined;
  private stopping: AbortController | undefined;

  constructor(private readonly options: ScorecardScheduleOptions) {
    this.clock = options.clock ?? systemClock;
  }

  /** Runs in the background until `close`. */
  start(): void {
    if (this.loop) return;
    const stopping = new AbortController();
    this.stopping = stopping;
    this.loop = repeatWhileLeading(
      () =>
        this.runOnce().catch((error: unknown) => {
          if (!stopping.signal.aborted) this.options.onError?.(error);
        }),
      {
        leadership: this.options.leadership,
        everyMs: this.options.everyMs,
        followerPollMs: this.options.followerPollMs,
        clock: this.clock,
        signal: stopping.signal,
      },
    );
  }

  /** Scores every entity now and records the levels, whether or not this hub leads. */
  async runOnce(): Promise<void> {
    const { scorecards } = await this.options.directory.current();
    await recordLevels(this.options.store, scorecards, this.clock.now());
  }

  /** Stops the loop once a run under way finishes. */
  async close(): Promise<void> {
    this.stopping?.abort();
    await this.loop;
    this.loop = undefined;
    this.stopping = undefined;
  }
}
