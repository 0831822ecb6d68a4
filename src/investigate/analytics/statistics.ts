import { formatElapsed } from "../../shared/duration.js";

/**
 * Time to resolve over a set of resolved incidents, in seconds; null when none was resolved.
 *
 * - mean: the arithmetic mean.
 * - median: the middle value; the mean of the two middle values for an even count.
 * - p95: nearest rank, the value at 1-based rank ⌈0.95 × n⌉ of the values sorted ascending; so with fewer than
 *   20 values it is the largest one, and it is always a time some incident actually took.
 */
export interface TimeToResolve {
  meanSeconds: number | null;
  medianSeconds: number | null;
  p95Seconds: number | null;
}

/** The value at `fraction` by nearest rank: rank ⌈fraction × n⌉ (1-based) of the ascending values. */
export function nearestRank(sorted: readonly number[], fraction: number): number | null {
  if (sorted.length === 0) return null;
  const rank = Math.min(sorted.length, Math.max(1, Math.ceil(fraction * sorted.length)));
  return sorted[rank - 1] ?? null;
}

export function median(sorted: readonly number[]): number | null {
  const n = sorted.length;
  if (n === 0) return null;
  const middle = Math.floor(n / 2);
  if (n % 2 === 1) return sorted[middle] ?? null;
  return ((sorted[middle - 1] ?? 0) + (sorted[middle] ?? 0)) / 2;
}

export function timeToResolve(seconds: readonly number[]): TimeToResolve {
  if (seconds.length === 0) return { meanSeconds: null, medianSeconds: null, p95Seconds: null };
  const sorted = [...seconds].sort((a, b) => a - b);
  let total = 0;
  for (const value of sorted) total += value;
  return {
    meanSeconds: total / sorted.length,
    medianSeconds: median(sorted),
    p95Seconds: nearestRank(sorted, 0.95),
  };
}

/** A duration in seconds as a person reads it: "45s", "4h 12m", "3d 4h"; null stays null. */
export function humanDuration(seconds: number | null): string | null {
  return seconds === null ? null : formatElapsed(seconds * 1000, { round: "nearest" });
}
