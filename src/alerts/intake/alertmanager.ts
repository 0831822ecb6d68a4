import { httpUrl, parseGroup } from "./notification.js";
import type { ParseResult } from "./result.js";

/**
 * A Prometheus Alertmanager webhook (payload version 4): one event per entry of `alerts[]`, keyed by its
 * `fingerprint`, titled by `annotations.summary` or the `alertname` label, linked to its `generatorURL`.
 * Alerts left out by `max_alerts` (counted in `truncatedAlerts`) are not in the body and so not parsed.
 */
export function parseAlertmanager(source: string, body: unknown): ParseResult {
  return parseGroup(source, body, {
    name: "Alertmanager webhook",
    sourceUrl: (alert) => httpUrl(alert.fields.generatorURL),
  });
}
