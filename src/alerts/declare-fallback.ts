import { IncidentIoApiError, IncidentKitError } from "../api/index.js";
import { capText, escapeMarkdown } from "../shared/markdown.js";
import type { DeclareBody } from "./accept.js";

/** One declare to try: the body, its own idempotency key, and what it leaves out of the rules' incident. */
export interface DeclareAttempt {
  body: DeclareBody;
  idempotencyKey: string;
  /** What this attempt leaves out compared with the one before it, for the summary and history. */
  leftOut?: string;
}

/** incident.io's longest incident name; a longer one is cut at the last step. */
const MAX_NAME = 250;
const MAX_SUMMARY = 30_000;

function customFieldsText(fields: Record<string, string>): string {
  const listed = Object.entries(fields).map(([name, value]) => `${name} = ${JSON.stringify(value)}`);
  return `the custom field${listed.length === 1 ? "" : "s"} ${listed.join(", ")}`;
}

/**
 * The declares to try in turn when incident.io refuses a value the rules produced: the rules' incident as it is,
 * then without its custom fields, without its type, with the organisation's most severe severity instead of its
 * own (a page must not open quieter than asked; without `fallbackSeverity`, without a severity), or with
 * `fallbackSeverity` when it had none and incident.io requires one, and with the name and
 * summary cut to fit. Each attempt has an idempotency key of its own, derived from the first, so a retried attempt
 * still gets the incident it made.
 */
export function declareAttempts(
  body: DeclareBody,
  idempotencyKey: string,
  fallbackSeverity?: string,
): DeclareAttempt[] {
  const attempts: DeclareAttempt[] = [{ body, idempotencyKey }];
  let current = body;
  const add = (leftOut: string, next: DeclareBody) => {
    current = next;
    attempts.push({ body: next, idempotencyKey: `${idempotencyKey}-f${attempts.length}`, leftOut });
  };
  if (current.customFields && Object.keys(current.customFields).length > 0) {
    const { customFields, ...rest } = current;
    add(customFieldsText(customFields), rest);
  }
  if (current.type !== undefined) {
    const { type, ...rest } = current;
    add(`the incident type ${JSON.stringify(type)}`, rest);
  }
  if (current.severity !== undefined && current.severity !== fallbackSeverity) {
    const { severity, ...rest } = current;
    const instead = fallbackSeverity === undefined ? "" : ` (${fallbackSeverity} instead)`;
    add(
      `the severity ${JSON.stringify(severity)}${instead}`,
      fallbackSeverity === undefined ? rest : { ...rest, severity: fallbackSeverity },
    );
  } else if (current.severity === undefined && fallbackSeverity !== undefined) {
    add(`no severity (incident.io requires one; ${fallbackSeverity} was used)`, {
      ...current,
      severity: fallbackSeverity,
    });
  }
  if (current.name.length > MAX_NAME || (current.summary?.length ?? 0) > MAX_SUMMARY) {
    add("the end of an over-long name or summary", {
      ...current,
      name: capText(current.name, MAX_NAME),
      ...(current.summary !== undefined ? { summary: capText(current.summary, MAX_SUMMARY) } : {}),
    });
  }
  return attempts;
}

/**
 * Whether a declare was refused for a value the rules produced (a custom field value that is no option or catalog
 * entry, an unknown severity or type name, a field too long), so declaring without it can succeed. Not: a refused
 * key (401/403), a refusal of the name alone, or anything that may pass on a retry.
 */
export function refusedForValues(error: unknown): boolean {
  if (error instanceof IncidentIoApiError) {
    if (![400, 404, 422].includes(error.status)) return false;
    const fields = error.fieldErrors.map((field) => field.field ?? "");
    return !(fields.length > 0 && fields.every((field) => field === "name" || field.endsWith("/name")));
  }
  return error instanceof IncidentKitError && error.code === "invalid_argument";
}

/** The summary with a note of what was left out and why, so responders know the page lost detail. */
export function noteLeftOut(
  body: DeclareBody,
  refusals: ReadonlyArray<{ leftOut: string; reason: string }>,
): DeclareBody {
  if (refusals.length === 0) return body;
  const lines = refusals.map(
    ({ leftOut, reason }) => `- ${escapeMarkdown(leftOut)}: ${escapeMarkdown(capText(reason, 300))}`,
  );
  const note = `incidentkit opened this incident without some of what its rules asked for, which incident.io refused:\n${lines.join("\n")}`;
  return { ...body, summary: [body.summary, note].filter((part) => part?.trim()).join("\n\n") };
}
