/**
 * The one duration grammar of every flag, query parameter and config key (docs/configuration.md, "Durations"):
 * a whole number from 1 to 999999 and a unit, s (seconds), m (minutes), h (hours), d (days) or w (weeks):
 * `30s`, `15m`, `2h`, `90d`, `2w`. Spaces around it are ignored. Nothing else is one: not `0m` (a window or an
 * interval of nothing is a mistake), `15` (which unit?), `1h30m`, `1.5h` or `15 minutes`.
 */
export const DURATION_UNIT_MS = {
  s: 1_000,
  m: 60_000,
  h: 3_600_000,
  d: 86_400_000,
  w: 604_800_000,
} as const;

export type DurationUnit = keyof typeof DURATION_UNIT_MS;

/** What every refused duration is told. */
export const DURATION_HINT = "expected a duration like 30s, 15m, 2h, 1d or 2w";

const DURATION = /^(\d{1,6})([smhdw])$/;

export function isDurationUnit(text: string): text is DurationUnit {
  return Object.hasOwn(DURATION_UNIT_MS, text);
}

/** `amount` of `unit` in milliseconds. */
export function durationMs(amount: number, unit: DurationUnit): number {
  return amount * DURATION_UNIT_MS[unit];
}

/** "30s", "15m", "2h", "1d", "2w" → milliseconds; undefined for anything else, zero included. */
export function parseDuration(text: string): number | undefined {
  const found = DURATION.exec(text.trim());
  if (!found) return undefined;
  const amount = Number(found[1]);
  if (amount === 0) return undefined;
  return durationMs(amount, found[2] as DurationUnit);
}

/**
 * A duration written back in the grammar above, exactly, in the largest unit up to days that fits: 900000 → "15m",
 * two weeks → "14d" (as settings are usually written).
 */
export function formatDuration(ms: number): string {
  for (const unit of ["d", "h", "m"] as const) {
    if (ms >= DURATION_UNIT_MS[unit] && ms % DURATION_UNIT_MS[unit] === 0) {
      return `${ms / DURATION_UNIT_MS[unit]}${unit}`;
    }
  }
  return `${Math.round(ms / 1_000)}s`;
}

export interface ElapsedFormat {
  /**
   * "down" (the default) for how long something has been going: it never overstates; "nearest" second for a
   * measured figure (a mean, a median).
   */
  round?: "down" | "nearest";
  /** The largest unit shown: "d" (the default) gives "3d 4h", "h" gives "76h" (within a sentence of hours). */
  largest?: "d" | "h";
  /** "compact" (the default): "2h 5m"; "words": "2 h 5 min", for prose. */
  style?: "compact" | "words";
}

const ELAPSED_UNITS = [
  { unit: "d", ms: DURATION_UNIT_MS.d, word: "d" },
  { unit: "h", ms: DURATION_UNIT_MS.h, word: "h" },
  { unit: "m", ms: DURATION_UNIT_MS.m, word: "min" },
  { unit: "s", ms: DURATION_UNIT_MS.s, word: "s" },
] as const;

/**
 * A time span the way a reader takes it in, in at most two units: "45s", "4m", "2h 5m", "3d 4h" (seconds show
 * only under a minute, minutes only under a day); "forever" for an unbounded one. See `ElapsedFormat` for the
 * rounding, the largest unit and the wording.
 */
export function formatElapsed(ms: number, format: ElapsedFormat = {}): string {
  if (ms === Number.POSITIVE_INFINITY) return "forever";
  const seconds = Math.max(0, format.round === "nearest" ? Math.round(ms / 1_000) : Math.floor(ms / 1_000));
  const total = seconds * 1_000;
  const units = ELAPSED_UNITS.filter(({ unit }) => format.largest !== "h" || unit !== "d");
  const found = units.findIndex(({ ms: size }) => total >= size);
  // Under a second is "0s": seconds are the smallest unit shown.
  const index = found < 0 ? units.length - 1 : found;
  const first = units[index] ?? ELAPSED_UNITS[3];
  const parts: Array<[number, (typeof ELAPSED_UNITS)[number]]> = [[Math.floor(total / first.ms), first]];
  // Hours add their minutes and days their hours; minutes alone are precise enough.
  const next = units[index + 1];
  if ((first.unit === "d" || first.unit === "h") && next !== undefined) {
    const rest = Math.floor((total % first.ms) / next.ms);
    if (rest > 0) parts.push([rest, next]);
  }
  const words = format.style === "words";
  return parts.map(([n, unit]) => (words ? `${n} ${unit.word}` : `${n}${unit.unit}`)).join(" ");
}
