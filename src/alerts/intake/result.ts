import type { z } from "zod";
import type { AlertEvent, NotificationInfo } from "../event.js";

/** A field that failed validation: its path in the body (`alerts[2].labels.severity`) and what was expected. */
export interface FieldError {
  field: string;
  message: string;
}

/**
 * A parsed body: its events, each alert's own JSON as sent (what the hub stores for it, index for index, parsed),
 * and for a notification group what its alerts share; or the fields that are wrong.
 */
export type ParseResult =
  | { ok: true; events: AlertEvent[]; sent: unknown[]; notification?: NotificationInfo }
  | { ok: false; errors: FieldError[] };

/** The field name used when the body as a whole is wrong (not JSON object, no alerts…). */
export const BODY_FIELD = "body";

/** At most this many errors are listed; a body with more says how many were left out. */
export const MAX_LISTED_ERRORS = 100;

export function failure(errors: FieldError[]): ParseResult {
  if (errors.length <= MAX_LISTED_ERRORS) return { ok: false, errors };
  const listed = errors.slice(0, MAX_LISTED_ERRORS);
  listed.push({ field: BODY_FIELD, message: `${errors.length - MAX_LISTED_ERRORS} more errors not listed` });
  return { ok: false, errors: listed };
}

const IDENTIFIER = /^[A-Za-z_$][A-Za-z0-9_$]*$/;

/** `["alerts", 2, "labels", "severity"]` → `alerts[2].labels.severity`; odd keys are quoted: `labels["a.b"]`. */
export function formatPath(path: readonly PropertyKey[]): string {
  let out = "";
  for (const part of path) {
    if (typeof part === "number") out += `[${part}]`;
    else if (typeof part === "string" && IDENTIFIER.test(part)) out += out === "" ? part : `.${part}`;
    else out += `[${JSON.stringify(String(part))}]`;
  }
  return out === "" ? BODY_FIELD : out;
}

/** Zod issues as field errors; `prefix` places them inside the body (e.g. `["alerts", 2]`). */
export function issuesToErrors(
  issues: readonly z.core.$ZodIssue[],
  prefix: readonly PropertyKey[] = [],
): FieldError[] {
  return issues.map((issue) => ({ field: formatPath([...prefix, ...issue.path]), message: issue.message }));
}

function requiredMessage(issue: z.core.$ZodRawIssue): string {
  if (issue.code === "invalid_type") return `is required (expected ${issue.expected})`;
  if (issue.code === "invalid_value") {
    return `is required (expected one of ${issue.values.map((value) => JSON.stringify(value)).join(", ")})`;
  }
  return "is required";
}

/**
 * Error wording for a parse: a missing field says it is required and what it takes; everything else keeps
 * zod's message, which names what was expected and never quotes the value sent (it may hold a secret).
 */
export const errorWording: z.core.$ZodErrorMap = (issue) =>
  issue.input === undefined ? requiredMessage(issue) : undefined;
