import { formatElapsed } from "../shared/duration.js";

const UNIT_MS = {
  s: 1_000,
  m: 60_000,
  h: 3_600_000,
  d: 86_400_000,
  w: 604_800_000,
} as const;

const UNIT_WORDS: Record<keyof typeof UNIT_MS, string> = {
  s: "second",
  m: "minute",
  h: "hour",
  d: "day",
  w: "week",
};

export type DurationUnit = keyof typeof UNIT_MS;

export function isDurationUnit(text: string): text is DurationUnit {
  return Object.hasOwn(UNIT_MS, text);
}

export function durationMs(amount: number, unit: DurationUnit): number {
  return amount * UNIT_MS[unit];
}

/** "90d" → "90 days", "1w" → "week" (as in "in the past week"). */
export function durationWords(amount: number, unit: DurationUnit): string {
  if (amount === 1) return UNIT_WORDS[unit];
  return `${amount} ${UNIT_WORDS[unit]}s`;
}

/** A measured duration the way a person reads it: "45s", "4m", "2h 5m", "3d 4h" (to the nearest second). */
export function formatDuration(ms: number): string {
  if (ms === Number.POSITIVE_INFINITY) return "forever";
  return formatElapsed(Math.round(ms / 1_000) * 1_000);
}
