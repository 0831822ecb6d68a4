import { type Clock, systemClock } from "../shared/clock.js";
import { type Leadership, repeatWhileLeading, type Store } from "../store/index.js";
import { type PruneCounts, pruneExpired } from "./prune.js";
import type { RuleSet } from "./rules/index.js";

/** How often the leading hub prunes, unless told otherwise. */
export const DEFAULT_PRUNE_EVERY_MS = 10 * 60_000;
/** How long after start the first pass runs: after the hub's start-up work, not in the middle of it. */
export const DEFAULT_FIRST_PRUNE_AFTER_MS = 30_000;

export interface RetentionOptions {
  store: Store;
  /** `alerts.retention`: how long alerts, deliveries, receipts and refusals are kept. */
  retentionMs: number;
  /** Resolved groups are kept at least this long after resolving (see `rulesMemoryMs`). */
  groupsKeptMs?: number;
  /** Only the leader among the hubs on the database prunes; the others check every `followerPollMs`. */
  leadership: Leadership;
  /** Default `DEFAULT_PRUNE_EVERY_MS`. */
  everyMs?: number;
  /** Default `DEFAULT_FIRST_PRUNE_AFTER_MS`. */
  firstRunAfterMs?: number;
  /** Default 1 s. */
  followerPollMs?: number;
  /** The most rows one statement deletes; default 500. */
  batchSize?: number;
  clock?: Clock;
  /** Told about each failed pass; the schedule carries on. */
  onError?: (error: unknown) => void;
}

/**
 * The longest the rules look back at a resolved group: its re-open window and the longest cooldown. A group
 * pruned sooner would make an alert open an incident the rules would have held back.
 */
export function rulesMemoryMs(rules: RuleSet): number {
  return Math.max(rules.defaults.reopenAfterMs, ...rules.rules.map((rule) => rule.suppress.cooldownMs ?? 0));
}

/**
 * Prunes what is past `alerts.retention` (see `pruneExpired`) shortly after start and every `everyMs` after, on
 * the leading hub only. Once the window is full, a SQLite file stops growing: the pages freed are reused.
 */
export class RetentionJob {
  private readonly clock: Clock;
  private loop: Promise<void> | undefined;
  private stopping: AbortController | undefined;

  constructor(private readonly options: RetentionOptions) {
    this.clock = options.clock ?? systemClock;
  }

  /** Runs in the background until `close`. */
  start(): void {
    if (this.loop) return;
    const stopping = new AbortController();
    this.stopping = stopping;
    const { signal } = stopping;
    const firstAfter = this.options.firstRunAfterMs ?? DEFAULT_FIRST_PRUNE_AFTER_MS;
    this.loop = this.clock
      .sleep(firstAfter, signal)
      .catch(() => undefined)
      .then(() =>
        repeatWhileLeading(
          () =>
            this.runOnce(signal).then(
              () => undefined,
              (error: unknown) => {
                if (!signal.aborted) this.options.onError?.(error);
              },
            ),
          {
            leadership: this.options.leadership,
            everyMs: this.options.everyMs ?? DEFAULT_PRUNE_EVERY_MS,
            followerPollMs: this.options.followerPollMs,
            clock: this.clock,
            signal,
          },
        ),
      );
  }

  /** Prunes now, whether or not this hub leads; stops between batches once `signal` aborts. */
  runOnce(signal?: AbortSignal): Promise<PruneCounts> {
    return pruneExpired(this.options.store, {
      nowMs: this.clock.now(),
      retentionMs: this.options.retentionMs,
      groupsKeptMs: this.options.groupsKeptMs,
      batchSize: this.options.batchSize,
      ...(signal ? { signal } : {}),
    });
  }

  /** Stops the loop once the batch under way finishes. */
  async close(): Promise<void> {
    this.stopping?.abort();
    await this.loop;
    this.loop = undefined;
    this.stopping = undefined;
  }
}
