import { z } from "zod";
import type { AlertEvent, NotificationInfo } from "../event.js";
import {
  capValue,
  clip,
  isRecord,
  MAX_TEXT,
  normaliseSeverity,
  normaliseTime,
  resolveHttpUrl,
  withoutUndefined,
} from "./fields.js";
import { labelsFingerprint, labelsSchema, mergeLabels } from "./labels.js";
import { namedIncident } from "./named-incident.js";
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
const Status = z.enum(["firing", "resolved"]);
const groupedAlert = z.looseObject({
  /** Some senders leave it out and say it once for the whole notification. */
  status: Status.optional(),
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
  /** The sender's `externalURL`, which relative links are resolved against. */
  externalUrl?: string;
}

/** The string entries of an annotations object, values capped; anything else is ignored. */
function stringEntries(value: unknown): Record<string, string> {
  if (!isRecord(value)) return {};
  return Object.fromEntries(
    Object.entries(value)
      .filter((entry): entry is [string, string] => typeof entry[1] === "string")
      .map(([name, text]) => [name, capValue(text)]),
  );
}

/** The alert's link when it is an http(s) URL or a relative one, resolved against the sender's `externalURL`. */
export function httpUrl(alert: GroupedAlert, value: unknown): string | undefined {
  return resolveHttpUrl(value, alert.externalUrl);
}

/** `truncatedAlerts` as a count: a whole number ≥ 0, else 0. */
function truncatedCount(value: unknown): number {
  return typeof value === "number" && Number.isInteger(value) && value > 0 ? value : 0;
}

/** The sender's group key: a string, or the number Alertmanager's payload version 3 sent. */
function groupKeyOf(value: unknown): string | undefined {
  if (typeof value === "number" && Number.isFinite(value) && value !== 0) return String(value);
  return typeof value === "string" && value.trim() !== "" ? value : undefined;
}

/** What the notification's alerts share: its group key and how many alerts the sender left out. */
function notificationOf(body: Record<string, unknown>): NotificationInfo {
  const groupKey = groupKeyOf(body.groupKey);
  return withoutUndefined({ groupKey, truncatedAlerts: truncatedCount(body.truncatedAlerts) });
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

export type GroupResult =
  | { ok: true; alerts: GroupedAlert[]; sent: unknown[]; notification: NotificationInfo }
  | { ok: false; errors: FieldError[] };

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
  if (alerts.length === 0) {
    return { ok: false, errors: [{ field: "alerts", message: "expected at least one alert, got none" }] };
  }
  const common = readCommonLabels(body);
  const errors: FieldError[] = Array.isArray(common) ? [...common] : [];
  const commonLabels = Array.isArray(common) ? {} : common;
  const commonAnnotations = stringEntries(body.commonAnnotations);
  const externalUrl = typeof body.externalURL === "string" ? body.externalURL : undefined;
  const groupStatus = Status.safeParse(body.status).data;
  const grouped: GroupedAlert[] = [];
  const sent: unknown[] = [];
  alerts.forEach((raw, index) => {
    const parsed = groupedAlert.safeParse(raw, { error: errorWording });
    if (!parsed.success) {
      errors.push(...issuesToErrors(parsed.error.issues, ["alerts", index]));
      return;
    }
    const status = parsed.data.status ?? groupStatus;
    if (status === undefined) {
      errors.push({
        field: `alerts[${index}].status`,
        message: 'is required (expected "firing" or "resolved"): neither the alert nor the notification says',
      });
      return;
    }
    const fields: Record<string, unknown> = parsed.data;
    const labels = mergeLabels(commonLabels, parsed.data.labels);
    grouped.push(
      withoutUndefined({
        status,
        labels,
        annotations: mergeLabels(commonAnnotations, stringEntries(fields.annotations)),
        dedupKey: dedupKeyOf(fields.fingerprint, labels),
        startsAt: normaliseTime(fields.startsAt),
        endsAt: normaliseTime(fields.endsAt),
        fields,
        externalUrl,
      }),
    );
    sent.push(raw);
  });
  if (errors.length > 0) return { ok: false, errors };
  return { ok: true, alerts: grouped, sent, notification: notificationOf(body) };
}

/** How a format names, links and marks its alerts. */
export interface GroupFormat {
  name: string;
  sourceUrl(alert: GroupedAlert): string | undefined;
  /** What only this format knows about an alert (Grafana's no-data, rule-error and test alerts). */
  classify?(alert: GroupedAlert): Pick<AlertEvent, "state" | "test"> & { title?: string };
}

function firstText(...candidates: Array<string | undefined>): string | undefined {
  return candidates.find((candidate) => candidate !== undefined && candidate.trim() !== "");
}

export function toEvent(source: string, alert: GroupedAlert, format: GroupFormat): AlertEvent {
  const { title, ...marks } = format.classify?.(alert) ?? {};
  const { annotations, labels } = alert;
  return withoutUndefined({
    source,
    dedupKey: alert.dedupKey,
    status: alert.status,
    title: clip(title ?? firstText(annotations.summary, labels.alertname) ?? alert.dedupKey),
    description: firstText(annotations.description, annotations.message),
    severity: normaliseSeverity(labels.severity),
    labels,
    annotations: Object.keys(annotations).length > 0 ? annotations : undefined,
    sourceUrl: format.sourceUrl(alert),
    ...namedIncident(labels, annotations),
    ...marks,
    startsAt: alert.startsAt,
    endsAt: alert.endsAt,
  });
}

/** A notification group parsed into one event per alert. */
export function parseGroup(source: string, body: unknown, format: GroupFormat): ParseResult {
  const group = readGroup(body, format.name);
  if (!group.ok) return failure(group.errors);
  return {
    ok: true,
    events: group.alerts.map((alert) => toEvent(source, alert, format)),
    sent: group.sent,
    notification: group.notification,
  };
}
