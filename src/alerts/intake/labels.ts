import { createHash } from "node:crypto";
import { z } from "zod";
import { capValue, isRecord } from "./fields.js";

const VALUE_EXPECTED = "expected a string, number or boolean (nested objects, arrays and null are refused)";

/**
 * A label map: string keys to string values. Numbers and booleans are coerced to strings; nested objects,
 * arrays and null are refused, naming the label; values longer than `MAX_VALUE` are cut and marked. The result is a fresh object safe for any key (`__proto__`).
 */
export const labelsSchema = z.unknown().transform((input, ctx): Record<string, string> => {
  if (!isRecord(input)) {
    const expected = "expected an object mapping label names to strings";
    ctx.addIssue({ code: "custom", message: input === undefined ? `is required (${expected})` : expected });
    return z.NEVER;
  }
  const entries: [string, string][] = [];
  for (const [name, value] of Object.entries(input)) {
    if (name === "") ctx.addIssue({ code: "custom", message: "label names must not be empty", path: [name] });
    else if (typeof value === "string") entries.push([name, capValue(value)]);
    else if (typeof value === "number" || typeof value === "boolean") entries.push([name, String(value)]);
    else ctx.addIssue({ code: "custom", message: VALUE_EXPECTED, path: [name] });
  }
  return Object.fromEntries(entries);
});

/** Labels layered: later maps win. Built with `Object.fromEntries`, so any key stays a plain own property. */
export function mergeLabels(...maps: Record<string, string>[]): Record<string, string> {
  return Object.fromEntries(maps.flatMap((map) => Object.entries(map)));
}

/** A stable short key for a label set: the same labels in any order give the same key. */
export function labelsFingerprint(labels: Record<string, string>): string {
  const sorted = Object.entries(labels).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
  return createHash("sha256").update(JSON.stringify(sorted)).digest("hex").slice(0, 16);
}
