import type { TimeWindow } from "./window.js";

/** Calendar buckets, UTC: months, and ISO weeks (Monday to Sunday). */
export type PeriodUnit = "week" | "month";

export const PERIOD_UNITS: readonly PeriodUnit[] = ["month", "week"];

/** One bucket: its key ("2026-06", "2026-W23") and its bounds cut to the window it was made for. */
export interface Period {
  key: string;
  fromMs: number;
  toMs: number;
  /** The window covers only part of the calendar period (the first or last one, usually). */
  partial: boolean;
}

const DAY_MS = 86_400_000;

/** The start (ms) of the calendar month or ISO week `ms` falls in, UTC. */
export function periodStart(ms: number, unit: PeriodUnit): number {
  const date = new Date(ms);
  if (unit === "month") return Date.UTC(date.getUTCFullYear(), date.getUTCMonth(), 1);
  const midnight = Date.UTC(date.getUTCFullYear(), date.getUTCMonth(), date.getUTCDate());
  const daysSinceMonday = (date.getUTCDay() + 6) % 7;
  return midnight - daysSinceMonday * DAY_MS;
}

function nextStart(start: number, unit: PeriodUnit): number {
  if (unit === "week") return start + 7 * DAY_MS;
  const date = new Date(start);
  return Date.UTC(date.getUTCFullYear(), date.getUTCMonth() + 1, 1);
}

/** "2026-06" for a month; the ISO week "2026-W23" (its year is the year of its Thursday) for a week. */
export function periodKey(ms: number, unit: PeriodUnit): string {
  const start = periodStart(ms, unit);
  if (unit === "month") return new Date(start).toISOString().slice(0, 7);
  const thursday = new Date(start + 3 * DAY_MS);
  const year = thursday.getUTCFullYear();
  const week = Math.floor((thursday.getTime() - Date.UTC(year, 0, 1)) / (7 * DAY_MS)) + 1;
  return `${year}-W${String(week).padStart(2, "0")}`;
}

/** Every period the window touches, oldest first, each cut to the window (the first and last may be partial). */
export function periodsOf(window: TimeWindow, unit: PeriodUnit): Period[] {
  const periods: Period[] = [];
  for (let start = periodStart(window.fromMs, unit); start < window.toMs; start = nextStart(start, unit)) {
    const end = nextStart(start, unit);
    periods.push({
      key: periodKey(start, unit),
      fromMs: Math.max(start, window.fromMs),
      toMs: Math.min(end, window.toMs),
      partial: start < window.fromMs || end > window.toMs,
    });
  }
  return periods;
}
