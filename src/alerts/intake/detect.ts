import { isRecord } from "./fields.js";

/** The alert payload formats the hub accepts. */
export type AlertFormat = "generic" | "alertmanager" | "grafana";

function hasFingerprintedAlerts(body: Record<string, unknown>): boolean {
  return (
    Array.isArray(body.alerts) &&
    body.alerts.some((alert) => isRecord(alert) && typeof alert.fingerprint === "string")
  );
}

/**
 * The format a body is in, for sources configured as `auto`. Grafana's unified alerting webhook has
 * `receiver`, `orgId` or `state`, and fingerprinted `alerts[]`; Alertmanager's has `version: "4"` and
 * fingerprinted `alerts[]`; anything else is taken as the generic format.
 */
export function detectFormat(body: unknown): AlertFormat {
  if (!isRecord(body) || !hasFingerprintedAlerts(body)) return "generic";
  if (typeof body.receiver === "string" && (body.orgId !== undefined || typeof body.state === "string")) {
    return "grafana";
  }
  if (body.version === "4") return "alertmanager";
  return "generic";
}
