import { z } from "zod";
import type { AlertEvent } from "../event.js";
import {
  clip,
  isHttpUrl,
  isRecord,
  MAX_ALERTS_PER_REQUEST,
  MAX_TEXT,
  normaliseSeverity,
  normaliseTime,
  withoutUndefined,
} from "./fields.js";
import { labelsFingerprint, labelsSchema, mergeLabels } from "./labels.js";
import {
  BODY_FIELD,
  errorWording,
  type FieldError,
  failure,
  issuesToErrors,
  type ParseResult,
} from "./result.js";

/**
 * The notification group both Alertmanager (webhook v4) and Grafana unified alerting send: `alerts[]` with
 * `status`, `labels`, `annotations`, `startsAt`, `endsAt`, `generatorURL`, `fingerprint`, plus group-wide
 * `commonLabels` / `commonAnnotations`. The structure is checked strictly; optional decorations that are
 * malformed (a bad URL or time) are dropped rather than losing the alert.
 */
const groupedAlert = z.looseObject({
  status: z.enum(["firing", "resolved"]),
  labels: labelsSchema,
});

/** One alert of a group, with the group's common labels and annotations folded in. */
export interface GroupedAlert {
  status: "firing" | "resolved";
  labels: Record<string, string>;
  annotations: Record<string, string>;
  /** The sender's fingerprint, or a stable hash of the labels when it sent none. */
  dedupKey: string;
  startsAt?: string;
  endsAt?: string;
  /** The alert's own fields as sent, for format-specific ones (`generatorURL`, `panelURL`…). */
  fields: Record<string, unknown>;
}

/** The string entries of an annotations object; anything else is ignored. */
function stringEntries(value: unknown): Record<string, string> {
  if (!isRecord(value)) return {};
  return Object.fromEntries(
    Object.entries(value).filter((entry): entry is [string, string] => typeof entry[1] === "string"),
  );
}

/** The value when it is an http(s) URL, else undefined (empty strings included: Grafana sends `""`). */
export function httpUrl(value: unknown): string | undefined {
  return typeof value === "string" && value !== "" && isHttpUrl(value) ? value : undefined;
}

function dedupKeyOf(fingerprint: unknown, labels: Record<string, string>): string {
  if (typeof fingerprint === "string" && fingerprint.trim() !== "" && fingerprint.length <= MAX_TEXT)
    return fingerprint;
  return labelsFingerprint(labels);
}

function readCommonLabels(body: Record<string, unknown>): Record<string, string> | FieldError[] {
  if (body.commonLabels === undefined || body.commonLabels === null) return {};
  const parsed = labelsSchema.safeParse(body.commonLabels, { error: errorWording });
  return parsed.success ? parsed.data : issuesToErrors(parsed.error.issues, ["commonLabels"]);
}

export type GroupResult = { ok: true; alerts: GroupedAlert[] } | { ok: false; errors: FieldError[] };

/** The alerts of a notification group, or the fields that are wrong. */
export function readGroup(body: unknown, formatName: string): GroupResult {
  if (!isRecord(body)) {
    return {
      ok: false,
      errors: [{ field: BODY_FIELD, message: `expected a JSON object: a ${formatName} notification` }],
    };
  }
  const alerts = body.alerts;
  if (!Array.isArray(alerts))
    return { ok: false, errors: [{ field: "alerts", message: "is required (expected an array of alerts)" }] };
  if (alerts.length === 0 || alerts.length > MAX_ALERTS_PER_REQUEST) {
    return {
      ok: false,
      errors: [
        { field: "alerts", message: `expected 1 to ${MAX_ALERTS_PER_REQUEST} alerts, got ${alerts.length}` },
      ],
    };
  }
  const common = readCommonLabels(body);
  const errors: FieldError[] = Array.isArray(common) ? [...common] : [];
  const commonLabels = Array.isArray(common) ? {} : common;
  const commonAnnotations = stringEntries(body.commonAnnotations);
  const grouped: GroupedAlert[] = [];
  alerts.forEach((raw, index) => {
    const parsed = groupedAlert.safeParse(raw, { error: errorWording });
    if (!parsed.success) {
      errors.push(...issuesToErrors(parsed.error.issues, ["alerts", index]));
      return;
    }
    const fields: Record<string, unknown> = parsed.data;
    const labels = mergeLabels(commonLabels, parsed.data.labels);
    grouped.push(
      withoutUndefined({
        status: parsed.data.status,
        labels,
        annotations: mergeLabels(commonAnnotations, stringEntries(fields.annotations)),
        dedupKey: dedupKeyOf(fields.fingerprint, labels),
        startsAt: normaliseTime(fields.startsAt),
        endsAt: normaliseTime(fields.endsAt),
        fields,
      }),
    );
  });
  return errors.length > 0 ? { ok: false, errors } : { ok: true, alerts: grouped };
}

/** How a format names and links its alerts. */
export interface GroupFormat {
  name: string;
  sourceUrl(alert: GroupedAlert): string | undefined;
  /** A title when the alert has no `summary` annotation; the `alertname` label when this gives none. */
  fallbackTitle?(alert: GroupedAlert): string | undefined;
}

function titleOf(alert: GroupedAlert, format: GroupFormat): string {
  const candidates = [alert.annotations.summary, format.fallbackTitle?.(alert), alert.labels.alertname];
  const title = candidates.find((candidate) => candidate !== undefined && candidate.trim() !== "");
  return clip(title ?? alert.dedupKey);
}

export function toEvent(source: string, alert: GroupedAlert, format: GroupFormat): AlertEvent {
  return withoutUndefined({
    source,
    dedupKey: alert.dedupKey,
    status: alert.status,
    title: titleOf(alert, format),
    description: alert.annotations.description || undefined,
    severity: normaliseSeverity(alert.labels.severity),
    labels: alert.labels,
    sourceUrl: format.sourceUrl(alert),
    startsAt: alert.startsAt,
    endsAt: alert.endsAt,
  });
}

/** A notification group parsed into one event per alert. */
export function parseGroup(source: string, body: unknown, format: GroupFormat): ParseResult {
  const group = readGroup(body, format.name);
  if (!group.ok) return failure(group.errors);
  return { ok: true, events: group.alerts.map((alert) => toEvent(source, alert, format)) };
}
