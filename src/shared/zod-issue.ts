import type { z } from "zod";

const EXPECTED: Record<string, string> = {
  string: "a string",
  array: "a list",
  object: "a mapping",
  record: "a mapping",
  number: "a number",
  int: "a whole number",
  boolean: "true or false",
};

/** Plain messages for the issues no schema above words itself. */
export function describeIssue(issue: z.core.$ZodRawIssue): string | undefined {
  if (issue.code === "invalid_type") {
    const expected = EXPECTED[issue.expected] ?? issue.expected;
    if (issue.input === undefined) return "required";
    if (issue.input === null) return `expected ${expected}, found nothing`;
    if (
      issue.expected === "string" &&
      (typeof issue.input === "number" || typeof issue.input === "boolean")
    ) {
      return `expected a string; put the value in quotes: "${String(issue.input)}"`;
    }
    return `expected ${expected}`;
  }
  if (issue.code === "invalid_value" && issue.input === undefined) return "required";
  if (issue.code === "invalid_value") return `expected one of: ${issue.values.map(String).join(", ")}`;
  return undefined;
}
