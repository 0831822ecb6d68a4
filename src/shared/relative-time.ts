const SECOND = 1000;
const MINUTE = 60 * SECOND;
const HOUR = 60 * MINUTE;
const DAY = 24 * HOUR;
const MONTH = 30 * DAY;
const YEAR = 365 * DAY;

const UNITS: [number, string][] = [
  [YEAR, "y"],
  [MONTH, "mo"],
  [DAY, "d"],
  [HOUR, "h"],
  [MINUTE, "m"],
];

/**
 * How long ago (or ahead) a timestamp is, in the largest whole unit: "just now", "5m ago", "3h ago", "2d ago",
 * "4mo ago", "1y ago", "in 2h". Text that is not a date comes back as it is.
 */
export function relativeTime(iso: string | undefined, now: number): string {
  if (iso === undefined || iso === "") return "";
  const at = Date.parse(iso);
  if (Number.isNaN(at)) return iso;
  const delta = now - at;
  const size = Math.abs(delta);
  if (size < MINUTE) return "just now";
  const [unit, suffix] = UNITS.find(([ms]) => size >= ms) ?? [MINUTE, "m"];
  const amount = `${Math.floor(size / unit)}${suffix}`;
  return delta >= 0 ? `${amount} ago` : `in ${amount}`;
}
