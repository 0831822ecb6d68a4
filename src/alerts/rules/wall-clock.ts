import type { Weekday } from "./types.js";

export const WEEKDAYS: readonly Weekday[] = ["mon", "tue", "wed", "thu", "fri", "sat", "sun"];
const FULL_NAMES = ["monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday"];

export const WEEKDAY_HINT = "expected a day: mon, tue, wed, thu, fri, sat or sun (or the full name)";
export const CLOCK_HINT = 'expected a time of day like "08:00" (24-hour, quoted)';

/** "mon", "Monday" → "mon"; undefined for anything else. */
export function parseWeekday(text: string): Weekday | undefined {
  const lower = text.trim().toLowerCase();
  const index = FULL_NAMES.indexOf(lower);
  if (index >= 0) return WEEKDAYS[index];
  return WEEKDAYS.find((day) => day === lower);
}

/** The day before, Monday's being Sunday. */
export function previousWeekday(day: Weekday): Weekday {
  return WEEKDAYS[(WEEKDAYS.indexOf(day) + 6) % 7] ?? day;
}

/** "08:00" → 480. "24:00" is accepted where `allowEndOfDay` says so. */
export function parseClockTime(text: string, allowEndOfDay = false): number | undefined {
  const found = /^([01]\d|2[0-4]):([0-5]\d)$/.exec(text.trim());
  if (!found) return undefined;
  const minutes = Number(found[1]) * 60 + Number(found[2]);
  if (minutes > 24 * 60 || (minutes === 24 * 60 && !allowEndOfDay)) return undefined;
  return minutes;
}

export function formatClockTime(minuteOfDay: number): string {
  const hours = Math.floor(minuteOfDay / 60);
  const minutes = minuteOfDay % 60;
  return `${String(hours).padStart(2, "0")}:${String(minutes).padStart(2, "0")}`;
}

/** Days for a sentence, runs of three or more joined: "mon–fri", "sat, sun", "every day". */
export function formatDays(days: readonly Weekday[]): string {
  const sorted = WEEKDAYS.filter((day) => days.includes(day));
  if (sorted.length === WEEKDAYS.length) return "every day";
  const parts: string[] = [];
  let start = 0;
  while (start < sorted.length) {
    let end = start;
    while (
      end + 1 < sorted.length &&
      WEEKDAYS.indexOf(sorted[end + 1] as Weekday) === WEEKDAYS.indexOf(sorted[end] as Weekday) + 1
    ) {
      end += 1;
    }
    const run = sorted.slice(start, end + 1);
    parts.push(run.length >= 3 ? `${run[0]}–${run[run.length - 1]}` : run.join(", "));
    start = end + 1;
  }
  return parts.join(", ");
}
