import type { Token } from "./tokenize.js";

/**
 * Why a past incident was ranked: each reason is a plain sentence (`text`) and the data behind it, with its
 * `contribution`, the part of the final score it accounts for, so every claim can be checked.
 */
export type Reason =
  | { kind: "services"; services: string[]; contribution: number; text: string }
  | { kind: "terms"; terms: string[]; contribution: number; text: string }
  | { kind: "field"; field: string; value: string; contribution: number; text: string }
  | { kind: "severity"; severity: string; contribution: number; text: string }
  | { kind: "time"; deltaMs: number; contribution: number; text: string };

/** How many of the best-contributing terms a "shared terms" reason names. */
export const MAX_TERMS = 5;

export function servicesReason(labels: string[], contribution: number): Reason {
  const noun = labels.length === 1 ? "same service" : "same services";
  return { kind: "services", services: labels, contribution, text: `${noun}: ${labels.join(", ")}` };
}

export function fieldReason(field: string, value: string, contribution: number): Reason {
  return { kind: "field", field, value, contribution, text: `same ${field}: ${value}` };
}

export function severityReason(severity: string, contribution: number): Reason {
  return { kind: "severity", severity, contribution, text: `same severity: ${severity}` };
}

/** `deltaMs` is the candidate's creation minus the reference moment: negative when it came before. */
export function timeReason(deltaMs: number, contribution: number): Reason {
  return { kind: "time", deltaMs, contribution, text: describeDelta(deltaMs) };
}

/**
 * The terms that contributed most, as the query wrote them, in the query's order; terms next to each other in
 * the query are joined into a phrase ("connection pool").
 */
export function termsReason(
  parts: ReadonlyMap<string, number>,
  queryTokens: readonly Token[],
  contribution: number,
): Reason | undefined {
  const top = [...parts.entries()]
    .sort((a, b) => b[1] - a[1] || a[0].localeCompare(b[0]))
    .slice(0, MAX_TERMS)
    .map(([term]) => term);
  if (top.length === 0) return undefined;
  const firstToken = new Map<string, Token>();
  for (const token of queryTokens) if (!firstToken.has(token.term)) firstToken.set(token.term, token);
  const shown = top
    .map((term) => firstToken.get(term) ?? { term, surface: term, position: Number.MAX_SAFE_INTEGER })
    .sort((a, b) => a.position - b.position);
  const phrases: string[] = [];
  let previous: Token | undefined;
  for (const token of shown) {
    if (previous && token.position === previous.position + 1) {
      phrases[phrases.length - 1] += ` ${token.surface}`;
    } else {
      phrases.push(token.surface);
    }
    previous = token;
  }
  return { kind: "terms", terms: phrases, contribution, text: `shared terms: ${phrases.join(", ")}` };
}

const MINUTE = 60_000;
const HOUR = 60 * MINUTE;
const DAY = 24 * HOUR;

/** "3 days earlier", "5 hours later", "at the same time". */
export function describeDelta(deltaMs: number): string {
  const ms = Math.abs(deltaMs);
  if (ms < MINUTE) return "at the same time";
  const side = deltaMs < 0 ? "earlier" : "later";
  const [amount, unit] =
    ms < HOUR
      ? [Math.floor(ms / MINUTE), "minute"]
      : ms < 2 * DAY
        ? [Math.floor(ms / HOUR), "hour"]
        : [Math.floor(ms / DAY), "day"];
  return `${amount} ${unit}${amount === 1 ? "" : "s"} ${side}`;
}
