import { z } from "zod";
import { isHttpUrl } from "../../shared/http-url.js";
import type { AlertEvent } from "../event.js";
import { isRecord, MAX_TEXT, normaliseSeverity, normaliseTime, withoutUndefined } from "./fields.js";
import { labelsSchema } from "./labels.js";
import { isIncidentIoUrl, namedIncident } from "./named-incident.js";
import {
  BODY_FIELD,
  errorWording,
  type FieldError,
  failure,
  formatPath,
  issuesToErrors,
  type ParseResult,
} from "./result.js";

const nonBlank = (max: number) =>
  z
    .string()
    .min(1)
    .max(max)
    .refine((value) => value.trim() !== "", "must not be blank");

const time = z.iso
  .datetime({
    offset: true,
    error: "expected an ISO 8601 date-time with a time zone, e.g. 2024-05-01T10:00:00Z",
  })
  .transform((value) => normaliseTime(value));

const url = z.string().max(2048).refine(isHttpUrl, "expected an http(s) URL");

/** One alert in the generic format. Unknown fields are ignored; null counts as absent for optional ones. */
const genericAlert = z.object({
  dedup_key: nonBlank(MAX_TEXT),
  status: z.enum(["firing", "resolved", "dismissed"]),
  title: nonBlank(MAX_TEXT).nullish(),
  description: z.string().nullish(),
  severity: z.string().max(100).nullish(),
  labels: labelsSchema.nullish(),
  source_url: url.nullish(),
  incident_io_incident_id: nonBlank(MAX_TEXT).nullish(),
  incident_io_url: url.refine(isIncidentIoUrl, "expected a link on an incident.io host").nullish(),
  starts_at: time.nullish(),
  ends_at: time.nullish(),
});

type GenericAlert = z.output<typeof genericAlert>;

/** A firing alert opens an incident, so it needs a title; resolved and dismissed ones may omit it. */
function missingTitle(raw: unknown): boolean {
  return isRecord(raw) && raw.status === "firing" && (raw.title === undefined || raw.title === null);
}

function toEvent(source: string, alert: GenericAlert): AlertEvent {
  const labels = alert.labels ?? {};
  const named =
    alert.incident_io_incident_id || alert.incident_io_url
      ? {
          incidentIoIncidentId: alert.incident_io_incident_id ?? undefined,
          incidentIoUrl: alert.incident_io_url ?? undefined,
        }
      : namedIncident(labels);
  return withoutUndefined({
    source,
    dedupKey: alert.dedup_key,
    status: alert.status,
    title: alert.title ?? alert.dedup_key,
    description: alert.description ?? undefined,
    severity: normaliseSeverity(alert.severity ?? undefined),
    labels,
    sourceUrl: alert.source_url ?? undefined,
    ...named,
    startsAt: alert.starts_at ?? undefined,
    endsAt: alert.ends_at ?? undefined,
  });
}

function parseOne(source: string, raw: unknown, prefix: (string | number)[]): AlertEvent | FieldError[] {
  const parsed = genericAlert.safeParse(raw, { error: errorWording });
  const errors = parsed.success ? [] : issuesToErrors(parsed.error.issues, prefix);
  if (missingTitle(raw)) {
    errors.push({ field: formatPath([...prefix, "title"]), message: 'is required when status is "firing"' });
  }
  if (!parsed.success || errors.length > 0) return errors;
  return toEvent(source, parsed.data);
}

/**
 * The generic JSON format: one alert, or `{ "alerts": [ ... ] }` with at least one alert. Each alert:
 * `dedup_key` and `status` required, `title` required when firing, the rest optional (see `genericAlert`).
 */
export function parseGeneric(source: string, body: unknown): ParseResult {
  if (!isRecord(body)) {
    return failure([
      { field: BODY_FIELD, message: 'expected a JSON object: one alert or { "alerts": [...] }' },
    ]);
  }
  if (!("alerts" in body)) {
    const one = parseOne(source, body, []);
    return Array.isArray(one) ? failure(one) : { ok: true, events: [one], sent: [body] };
  }
  const alerts = body.alerts;
  if (!Array.isArray(alerts)) return failure([{ field: "alerts", message: "expected an array of alerts" }]);
  if (alerts.length === 0)
    return failure([{ field: "alerts", message: "expected at least one alert, got none" }]);
  const events: AlertEvent[] = [];
  const errors: FieldError[] = [];
  alerts.forEach((raw, index) => {
    const one = parseOne(source, raw, ["alerts", index]);
    if (Array.isArray(one)) errors.push(...one);
    else events.push(one);
  });
  if (errors.length > 0) return failure(errors);
  return { ok: true, events, sent: alerts };
}
