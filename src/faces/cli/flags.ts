import type { Page } from "../../ops/index.js";
import { UsageError } from "./errors.js";

/** For repeatable options: each use adds to the list. */
export function collect(value: string, previous: string[] = []): string[] {
  return [...previous, value];
}

/** `--custom-field "Name=value"` uses, grouped by field name in the order given. */
export function keyValues(flag: string, pairs: readonly string[]): Record<string, string[]> {
  const grouped: Record<string, string[]> = {};
  for (const pair of pairs) {
    const at = pair.indexOf("=");
    const key = at > 0 ? pair.slice(0, at).trim() : "";
    if (key === "") throw new UsageError(`${flag} takes "Field name=value", got "${pair}"`);
    grouped[key] = [...(grouped[key] ?? []), pair.slice(at + 1).trim()];
  }
  return grouped;
}

/** A whole number from `min` to `max`, or a usage error naming the flag. */
export function wholeNumber(flag: string, raw: string, min: number, max: number): number {
  const value = Number(raw);
  if (raw.trim() === "" || !Number.isInteger(value) || value < min || value > max) {
    throw new UsageError(`${flag} must be a whole number from ${min} to ${max}, got "${raw}"`);
  }
  return value;
}

/** One of the listed words, or a usage error listing them. */
export function oneOfWords<T extends string>(flag: string, raw: string, words: readonly T[]): T {
  const found = words.find((word) => word === raw.trim().toLowerCase());
  if (found === undefined) throw new UsageError(`${flag} must be one of ${words.join(", ")}; got "${raw}"`);
  return found;
}

/** The lines of `--help` after the options: examples and, where there is one, the `--json` shape. */
export function helpAfter(examples: readonly string[], json?: string): string {
  return [
    "",
    "Examples:",
    ...examples.map((example) => `  ${example}`),
    ...(json ? ["", `With --json: ${json}`] : []),
  ].join("\n");
}

/** The page a listing command asks for: `--limit` (1–250), `--after <cursor>`, `--all`. */
export function pageOf(flags: { limit: string; after?: string; all?: boolean }): Page {
  return {
    limit: wholeNumber("--limit", flags.limit, 1, 250),
    after: flags.after,
    ...(flags.all ? { all: true } : {}),
  };
}

/** A listing's text with, when there is more, how to get the next page. */
export function withNextPage(text: string, nextCursor: string | null): string {
  if (!nextCursor) return text;
  return `${text}\n\nMore: add --after ${nextCursor} for the next page, or --all for every page.`;
}
