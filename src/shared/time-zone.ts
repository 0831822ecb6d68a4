/**
 * Wall-clock readings in IANA time zones through the runtime's Intl data: what alert rules' schedules and the
 * emulator's on-call rotations both build on. One formatter per zone, kept.
 */

const formatters = new Map<string, Intl.DateTimeFormat>();

function formatter(timeZone: string): Intl.DateTimeFormat {
  let found = formatters.get(timeZone);
  if (!found) {
    found = new Intl.DateTimeFormat("en-US", {
      timeZone,
      hourCycle: "h23",
      year: "numeric",
      month: "numeric",
      day: "numeric",
      hour: "numeric",
      minute: "numeric",
      second: "numeric",
    });
    formatters.set(timeZone, found);
  }
  return found;
}

/** Whether the runtime knows this IANA time zone name (`Europe/London`, `UTC`). */
export function isTimeZone(name: string): boolean {
  if (name.trim() === "") return false;
  try {
    formatter(name);
    return true;
  } catch {
    return false;
  }
}

/** What a wall clock in a time zone reads: the date (month 1–12) and the time to the second. */
export interface WallClock {
  year: number;
  month: number;
  day: number;
  hour: number;
  minute: number;
  second: number;
}

/** The wall clock in `timeZone` at `instantMs` (milliseconds are dropped). */
export function wallClock(instantMs: number, timeZone: string): WallClock {
  const fields: Record<string, number> = {};
  for (const part of formatter(timeZone).formatToParts(instantMs)) {
    if (part.type !== "literal") fields[part.type] = Number(part.value);
  }
  return {
    year: fields.year ?? 1970,
    month: fields.month ?? 1,
    day: fields.day ?? 1,
    hour: (fields.hour ?? 0) % 24,
    minute: fields.minute ?? 0,
    second: fields.second ?? 0,
  };
}
