import { invalidArgument } from "../../ops/invalid-argument.js";
import { DURATION_HINT, parseDuration } from "../../shared/duration.js";

/**
 * `timeRange`: how far back to look. A duration ("90d", "12h") means the incidents created in that much time
 * before the reference moment (the query incident's creation, or now for a free-text query), the reference
 * included. `{ from, to }` is an absolute window, both ends included; either end may be left open.
 */
export type TimeRange = string | { from?: string | number | Date; to?: string | number | Date };

export interface TimeWindow {
  /** Milliseconds since the epoch, inclusive; -Infinity / Infinity when open. */
  from: number;
  to: number;
}

export function resolveTimeRange(range: TimeRange | undefined, referenceMs: number): TimeWindow {
  if (range === undefined) return { from: -Infinity, to: Infinity };
  if (typeof range === "string") {
    const ms = parseDuration(range);
    if (ms === undefined)
      throw invalidArgument(`invalid time range "${range}"`, `${DURATION_HINT}, e.g. 90d`);
    return { from: referenceMs - ms, to: referenceMs };
  }
  const from = range.from === undefined ? -Infinity : toMs(range.from, "from");
  const to = range.to === undefined ? Infinity : toMs(range.to, "to");
  if (from > to) throw invalidArgument("the time range ends before it starts", "give a `from` before `to`");
  return { from, to };
}

export function inWindow(window: TimeWindow, ms: number): boolean {
  return ms >= window.from && ms <= window.to;
}

function toMs(value: string | number | Date, end: "from" | "to"): number {
  const ms = value instanceof Date ? value.getTime() : typeof value === "number" ? value : Date.parse(value);
  if (!Number.isFinite(ms)) {
    throw invalidArgument(
      `invalid time range ${end}: ${String(value)}`,
      "use an ISO 8601 time, e.g. 2026-01-31",
    );
  }
  return ms;
}
