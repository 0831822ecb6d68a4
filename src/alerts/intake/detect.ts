import { isRecord } from "./fields.js";
import { isLegacyGrafana } from "./grafana-legacy.js";

/** The alert payload formats the hub accepts. */
export type AlertFormat = "generic" | "alertmanager" | "grafana";

/** Whether the alerts carry the generic format's own key: such a body is generic whatever else it has. */
function hasDedupKeys(alerts: unknown[]): boolean {
  return alerts.some((alert) => isRecord(alert) && "dedup_key" in alert);
}

/**
 * The format a body is in, for sources configured as `auto`, by the shape of the notification, whether or not
 * its alerts carry a `fingerprint`: a notification group has `alerts[]` and one of Alertmanager's group fields
 * (`version` "4", `groupKey`, `receiver`); Grafana's has `orgId`, a `state`, or its own payload version "1".
 * A legacy Grafana notification (one rule's `ruleName` and `state`, no `alerts[]`) is Grafana's too. Anything
 * else — a single alert, or alerts with `dedup_key` — is the generic format.
 */
export function detectFormat(body: unknown): AlertFormat {
  if (isLegacyGrafana(body) && !("dedup_key" in body)) return "grafana";
  if (!isRecord(body) || !Array.isArray(body.alerts) || hasDedupKeys(body.alerts)) return "generic";
  const grouped =
    ["4", "3", "1"].includes(String(body.version)) ||
    body.groupKey !== undefined ||
    typeof body.receiver === "string";
  if (!grouped) return "generic";
  const grafana = body.orgId !== undefined || typeof body.state === "string" || body.version === "1";
  return grafana ? "grafana" : "alertmanager";
}
