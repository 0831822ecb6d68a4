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
