import type { DurationUnit } from "../shared/duration.js";

const UNIT_WORDS: Record<DurationUnit, string> = {
  s: "second",
  m: "minute",
  h: "hour",
  d: "day",
  w: "week",
};

/** "90d" → "90 days", "1w" → "week" (as in "in the past week"): a rule's window in its explanation. */
export function durationWords(amount: number, unit: DurationUnit): string {
  if (amount === 1) return UNIT_WORDS[unit];
  return `${amount} ${UNIT_WORDS[unit]}s`;
}
