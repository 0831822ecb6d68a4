import type { AlertEvent } from "../event.js";
import { clip, isRecord, MAX_TEXT, normaliseSeverity, resolveHttpUrl, withoutUndefined } from "./fields.js";
import { labelsFingerprint, labelsSchema } from "./labels.js";
import { namedIncident } from "./named-incident.js";
import { BODY_FIELD, errorWording, failure, issuesToErrors, type ParseResult } from "./result.js";

/** Grafana's legacy (before unified alerting, Grafana 8) rule states that it notifies, and what they mean. */
const STATES: Record<string, Pick<AlertEvent, "status" | "state">> = {
  alerting: { status: "firing" },
  no_data: { status: "firing", state: "nodata" },
  ok: { status: "resolved" },
};

/** Whether a body is a legacy Grafana alert notification: one rule, no `alerts[]`. */
export function isLegacyGrafana(body: unknown): body is Record<string, unknown> {
  return (
    isRecord(body) &&
    !Array.isArray(body.alerts) &&
    typeof body.state === "string" &&
    (typeof body.ruleName === "string" || body.ruleId !== undefined)
  );
}

function text(value: unknown): string | undefined {
  return typeof value === "string" && value.trim() !== "" ? value : undefined;
}

/**
 * A legacy Grafana webhook (`ruleId`, `ruleName`, `state`, `message`, `ruleUrl`, `tags`): one event for the rule,
 * keyed by its ID (else its name), titled by the rule's name, its tags as labels. `alerting` fires, `no_data`
 * fires as no data, `ok` resolves; the "Test notification" (rule 0, "Test rule") is a test.
 */
export function parseLegacyGrafana(source: string, body: Record<string, unknown>): ParseResult {
  const mapped = STATES[String(body.state)];
  if (mapped === undefined) {
    return failure([
      { field: "state", message: "expected alerting, no_data or ok (Grafana notifies only these)" },
    ]);
  }
  const tags = body.tags === null || body.tags === undefined ? {} : body.tags;
  const labels = labelsSchema.safeParse(tags, { error: errorWording });
  if (!labels.success) return failure(issuesToErrors(labels.error.issues, ["tags"]));
  const ruleName = text(body.ruleName);
  const title = ruleName ?? text(body.title);
  if (title === undefined) return failure([{ field: BODY_FIELD, message: "has neither ruleName nor title" }]);
  const ruleId =
    typeof body.ruleId === "number" || typeof body.ruleId === "string" ? String(body.ruleId) : "";
  const test = ruleId === "0" && ruleName === "Test rule";
  const dedupKey =
    ruleId !== "" && !test ? `rule-${ruleId}`.slice(0, MAX_TEXT) : labelsFingerprint({ ruleName: title });
  const event: AlertEvent = withoutUndefined({
    source,
    dedupKey,
    ...mapped,
    title: clip(mapped.state === "nodata" ? `No data: ${title}` : title),
    description: text(body.message),
    severity: normaliseSeverity(labels.data.severity),
    labels: labels.data,
    sourceUrl: resolveHttpUrl(body.ruleUrl),
    ...namedIncident(labels.data),
    ...(test ? { test: true as const } : {}),
  });
  return { ok: true, events: [event], sent: [body] };
}
