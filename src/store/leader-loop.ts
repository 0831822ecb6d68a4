import type { Clock } from "../shared/clock.js";
import type { Leadership } from "./leadership.js";

/** Whether this process leads now: false at once for a follower; for the leader, a round trip proving it still does. */
export async function leadsNow(leadership: Leadership): Promise<boolean> {
  return leadership.leading && (await leadership.confirm());
}

export interface LeaderLoopOptions {
  /** Without one, `run` always runs (a lone process). */
  leadership?: Leadership | undefined;
  /** Time between runs while leading. */
  everyMs: number;
  /** Time between checks while following. Default 1 s. */
  followerPollMs?: number | undefined;
  clock: Clock;
  signal: AbortSignal;
}

/**
 * A singleton job's loop: `run` every `everyMs` while this process leads, and a check of the leadership every
 * `followerPollMs` while it follows, until `signal` aborts. `run` must not reject.
 */
export async function repeatWhileLeading(
  run: () => Promise<void>,
  options: LeaderLoopOptions,
): Promise<void> {
  const { leadership, signal } = options;
  while (!signal.aborted) {
    const leads = leadership === undefined || (await leadsNow(leadership));
    if (leads && !signal.aborted) await run();
    const pause = leads ? options.everyMs : (options.followerPollMs ?? 1_000);
    await options.clock.sleep(pause, signal).catch(() => undefined);
    // Let timers and I/O run between rounds even when the clock's sleep returns at once.
    await new Promise((resolve) => setImmediate(resolve));
  }
}

/**
 * A singleton job in the background (see `repeatWhileLeading`): `start` begins the loop, `close` stops it once a
 * run under way finishes. A run that fails is told to `onError` (unless the job is stopping) and the loop carries on.
 */
export class LeaderSchedule {
  private loop: Promise<void> | undefined;
  private stopping: AbortController | undefined;

  constructor(
    private readonly run: () => Promise<void>,
    private readonly options: Omit<LeaderLoopOptions, "signal"> & { onError?: (error: unknown) => void },
  ) {}

  start(): void {
    if (this.loop) return;
    const stopping = new AbortController();
    this.stopping = stopping;
    this.loop = repeatWhileLeading(
      () =>
        this.run().catch((error: unknown) => {
          if (!stopping.signal.aborted) this.options.onError?.(error);
        }),
      { ...this.options, signal: stopping.signal },
    );
  }

  async close(): Promise<void> {
    this.stopping?.abort();
    await this.loop;
    this.loop = undefined;
    this.stopping = undefined;
  }
}
