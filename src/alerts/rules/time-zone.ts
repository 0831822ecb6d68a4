import { wallClock } from "../../shared/time-zone.js";
import type { Weekday } from "./types.js";

/** A calendar date and wall-clock time in some time zone. */
export interface LocalTime {
  year: number;
  /** 1–12. */
  month: number;
  day: number;
  weekday: Weekday;
  /** Minutes since local midnight, 0–1439. */
  minuteOfDay: number;
}

const WEEKDAY_BY_UTC_DAY: Weekday[] = ["sun", "mon", "tue", "wed", "thu", "fri", "sat"];
/** The date and wall-clock time at `instant` in `timeZone`. */
export function localTime(instant: Date, timeZone: string): LocalTime {
  const wall = wallClock(instant.getTime(), timeZone);
  const weekday = WEEKDAY_BY_UTC_DAY[new Date(Date.UTC(wall.year, wall.month - 1, wall.day)).getUTCDay()];
  return {
    year: wall.year,
    month: wall.month,
    day: wall.day,
    weekday: weekday ?? "mon",
    minuteOfDay: wall.hour * 60 + wall.minute,
  };
}

/** How far `timeZone`'s wall clock is ahead of UTC at this instant, in milliseconds. */
function offsetAt(instantMs: number, timeZone: string): number {
  const whole = instantMs - (((instantMs % 1_000) + 1_000) % 1_000);
  const wall = wallClock(whole, timeZone);
  return Date.UTC(wall.year, wall.month - 1, wall.day, wall.hour, wall.minute, wall.second) - whole;
}

/**
 * The instant a wall clock in `timeZone` shows `minuteOfDay` minutes (may exceed a day) after midnight of the
 * given date. A time skipped by a DST change resolves to the same distance past the change.
 */
export function zonedInstant(
  date: { year: number; month: number; day: number },
  minuteOfDay: number,
  timeZone: string,
): Date {
  const asIfUtc = Date.UTC(date.year, date.month - 1, date.day, 0, minuteOfDay);
  const firstGuess = offsetAt(asIfUtc, timeZone);
  const corrected = offsetAt(asIfUtc - firstGuess, timeZone);
  return new Date(asIfUtc - corrected);
}

/** The instant the local day containing `instant` began in `timeZone`. */
export function startOfLocalDay(instant: Date, timeZone: string): Date {
  return zonedInstant(localTime(instant, timeZone), 0, timeZone);
}

/** The calendar date `days` after the given one. */
export function addDays(date: { year: number; month: number; day: number }, days: number) {
  const moved = new Date(Date.UTC(date.year, date.month - 1, date.day + days));
  return { year: moved.getUTCFullYear(), month: moved.getUTCMonth() + 1, day: moved.getUTCDate() };
}
