/**
 * How long to wait before trying again: exponential (the base, doubled after each failure), capped, and spread out
 * by jitter so that many clients failing together do not retry together.
 */
export interface Backoff {
  /** The ceiling of the first wait. */
  baseMs: number;
  /** The longest wait. */
  capMs: number;
  /**
   * "full": anywhere from 0 to the ceiling (whole milliseconds); "equal": from half the ceiling to all of it (never
   * retries at once); "none": the ceiling itself (one caller alone, e.g. a background rediscovery).
   */
  jitter: "full" | "equal" | "none";
}

/** Doubling stops here: 2^30 times any base is past every cap, and larger powers only risk Infinity. */
const MAX_DOUBLINGS = 30;

/** The wait before retry `attempt` (1 for the first): the ceiling is min(cap, base·2^(attempt−1)), then jitter. */
export function backoffMs(attempt: number, backoff: Backoff, random: () => number = Math.random): number {
  const doublings = Math.min(MAX_DOUBLINGS, Math.max(0, attempt - 1));
  const ceiling = Math.min(backoff.capMs, backoff.baseMs * 2 ** doublings);
  switch (backoff.jitter) {
    case "full":
      return Math.floor(random() * ceiling);
    case "equal":
      return ceiling / 2 + (random() * ceiling) / 2;
    case "none":
      return ceiling;
  }
}
