import { DURATION_HINT, parseDuration } from "../../shared/duration.js";
import { IncidentKitError } from "../../shared/errors.js";

/** The incidents a figure is over: those created at or after `fromMs` and before `toMs`. */
export interface TimeWindow {
  fromMs: number;
  toMs: number;
}

const WINDOW_HINT =
  "give --since a duration like 90d, 2w or 36h, or --from (and --to) a date like 2026-01-31";

/** A window, period or priority map a person gave that cannot be used; the message says what was expected. */
export class AnalyticsInputError extends IncidentKitError {
  constructor(message: string, hint: string = WINDOW_HINT) {
    super({ code: "invalid_argument", message, hint });
    this.name = "AnalyticsInputError";
  }
}

const DATE = /^\d{4}-\d{2}-\d{2}$/;
const DATE_TIME = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d+)?)?(Z|[+-]\d{2}:\d{2})$/;

/** "2026-01-01" (midnight UTC) or a date-time with its zone ("2026-01-01T09:30:00Z") → ms since the epoch. */
export function parseInstant(text: string): number | undefined {
  const trimmed = text.trim();
  if (!DATE.test(trimmed) && !DATE_TIME.test(trimmed)) return undefined;
  const ms = Date.parse(DATE.test(trimmed) ? `${trimmed}T00:00:00Z` : trimmed);
  if (Number.isNaN(ms)) return undefined;
  const [year, month, day] = trimmed.slice(0, 10).split("-").map(Number) as [number, number, number];
  const calendar = new Date(Date.UTC(year, month - 1, day));
  // Date.parse rolls 2026-02-30 over to March; a date that is not on the calendar is refused.
  return calendar.getUTCMonth() === month - 1 && calendar.getUTCDate() === day ? ms : undefined;
}

export interface WindowInput {
  /** A duration ("90d", "2w", "36h"): the window ends now and starts that long before. */
  since?: string | undefined;
  /** A date or date-time: the window starts there (instead of `since`). */
  from?: string | undefined;
  /** A date or date-time: the window ends there, exclusive (default: now). */
  to?: string | undefined;
}

/** The window `input` describes at `now`; `defaultSince` when it gives no start. */
export function windowOf(input: WindowInput, now: number, defaultSince: string): TimeWindow {
  if (input.since !== undefined && input.from !== undefined) {
    throw new AnalyticsInputError("give --since or --from, not both");
  }
  const toMs = input.to === undefined ? now : instant("--to", input.to);
  let fromMs: number;
  if (input.from !== undefined) {
    fromMs = instant("--from", input.from);
  } else {
    const since = input.since ?? defaultSince;
    const span = parseDuration(since);
    if (span === undefined) throw new AnalyticsInputError(`--since: ${DURATION_HINT}; got "${since}"`);
    fromMs = toMs - span;
  }
  if (fromMs >= toMs) {
    throw new AnalyticsInputError(
      `the window is empty: it starts ${new Date(fromMs).toISOString()} and ends ${new Date(toMs).toISOString()}`,
    );
  }
  return { fromMs, toMs };
}

function instant(flag: string, text: string): number {
  const ms = parseInstant(text);
  if (ms === undefined) {
    throw new AnalyticsInputError(
      `${flag} takes a date (2026-01-31) or a date-time with its zone (2026-01-31T09:00:00Z), got "${text}"`,
    );
  }
  return ms;
}

export function inWindow(window: TimeWindow, ms: number): boolean {
  return ms >= window.fromMs && ms < window.toMs;
}

/** The window as JSON shows it: ISO 8601, `to` exclusive. */
export function windowJson(window: TimeWindow): { from: string; to: string } {
  return { from: new Date(window.fromMs).toISOString(), to: new Date(window.toMs).toISOString() };
}
