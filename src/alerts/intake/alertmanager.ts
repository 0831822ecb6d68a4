import { httpUrl, parseGroup } from "./notification.js";
import type { ParseResult } from "./result.js";

/**
 * A Prometheus Alertmanager webhook (payload version 4): one event per entry of `alerts[]`, keyed by its
 * `fingerprint` (or, without one, by its sorted labels), titled by `annotations.summary` or the `alertname` label,
 * linked to its `generatorURL` (resolved against `externalURL` when relative). Alerts left out by `max_alerts`
 * are not in the body; their count (`truncatedAlerts`) comes with the notification.
 */
export function parseAlertmanager(source: string, body: unknown): ParseResult {
  return parseGroup(source, body, {
    name: "Alertmanager webhook",
    sourceUrl: (alert) => httpUrl(alert, alert.fields.generatorURL),
  });
}
