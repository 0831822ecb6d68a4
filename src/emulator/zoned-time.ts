/**
 * Wall-clock time in an IANA time zone, for schedules: a weekly handover at Monday 09:00 Europe/London stays at
 * 09:00 across daylight-saving changes, and working intervals are local times. Instants are epoch milliseconds;
 * a "local" value is the same wall-clock reading expressed as if it were UTC (so plain date arithmetic applies).
 */

import { wallClock } from "../shared/time-zone.js";

export const HOUR_MS = 3_600_000;
export const DAY_MS = 24 * HOUR_MS;

/** The wall-clock reading at `instant` in `timeZone`, as a UTC-based millisecond value. */
export function toLocal(instant: number, timeZone: string): number {
  const wall = wallClock(instant, timeZone);
  const local = Date.UTC(wall.year, wall.month - 1, wall.day, wall.hour, wall.minute, wall.second);
  // The wall clock drops milliseconds; keep them.
  return local + (((instant % 1000) + 1000) % 1000);
}

/**
 * The instant at which `timeZone` reads the wall-clock value `local`. A reading skipped by a spring-forward lands
 * just after the gap; one repeated by a fall-back takes its first occurrence.
 */
export function fromLocal(local: number, timeZone: string): number {
  const offsetAt = (instant: number) => toLocal(instant, timeZone) - instant;
  // Offsets change at most once within a day either side, so one of these two is the offset in force.
  const before = local - offsetAt(local - DAY_MS);
  const after = local - offsetAt(local + DAY_MS);
  const early = Math.min(before, after);
  const late = Math.max(before, after);
  if (toLocal(early, timeZone) === local) return early;
  if (toLocal(late, timeZone) === local) return late;
  // Inside a spring-forward gap: the reading never happens; take it as read after the clocks jumped.
  return late;
}

/** Monday = 0 … Sunday = 6, for a local value. */
export function weekdayIndex(local: number): number {
  return (new Date(local).getUTCDay() + 6) % 7;
}

/** Minutes after local midnight for "HH:MM" (24:00 is the end of the day), or undefined when malformed. */
export function minutesOfDay(time: string): number | undefined {
  const match = /^([01]\d|2[0-4]):([0-5]\d)$/.exec(time);
  if (!match) return undefined;
  const minutes = Number(match[1]) * 60 + Number(match[2]);
  return minutes > 24 * 60 ? undefined : minutes;
}
