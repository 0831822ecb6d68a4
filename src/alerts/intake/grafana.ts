import type { AlertEvent } from "../event.js";
import { isLegacyGrafana, parseLegacyGrafana } from "./grafana-legacy.js";
import { type GroupedAlert, httpUrl, parseGroup } from "./notification.js";
import type { ParseResult } from "./result.js";

/** Grafana's own alerts about a rule's query: its state, and how the title names it. */
const RULE_PROBLEMS = new Map<string, { state: NonNullable<AlertEvent["state"]>; prefix: string }>([
  ["DatasourceNoData", { state: "nodata", prefix: "No data" }],
  ["DatasourceError", { state: "error", prefix: "Alert rule error" }],
]);

/** The contact point's "Test" button sends this alert. */
function isTestNotification(alert: GroupedAlert): boolean {
  return alert.labels.alertname === "TestAlert" && alert.labels.instance === "Grafana";
}

function classify(alert: GroupedAlert): Pick<AlertEvent, "state" | "test"> & { title?: string } {
  if (isTestNotification(alert)) return { test: true };
  const problem = RULE_PROBLEMS.get(alert.labels.alertname ?? "");
  if (problem === undefined) return {};
  const about = [alert.labels.rulename, alert.annotations.summary].find((text) => text?.trim());
  return { state: problem.state, title: `${problem.prefix}: ${about ?? alert.labels.alertname}` };
}

/**
 * A Grafana unified alerting webhook: one event per entry of `alerts[]`, keyed by its `fingerprint`. The link
 * is the panel, else the dashboard, else the alert rule (`generatorURL`). No-data and rule-error alerts say so in
 * their title ("No data: API latency", "Alert rule error: API latency") and carry their state for the rules; the
 * contact point's test notification is marked as a test. Legacy alerting's webhooks (before Grafana 8) are read
 * too (see grafana-legacy.ts).
 */
export function parseGrafana(source: string, body: unknown): ParseResult {
  if (isLegacyGrafana(body)) return parseLegacyGrafana(source, body);
  return parseGroup(source, body, {
    name: "Grafana alerting webhook",
    sourceUrl: (alert) =>
      httpUrl(alert, alert.fields.panelURL) ??
      httpUrl(alert, alert.fields.dashboardURL) ??
      httpUrl(alert, alert.fields.generatorURL),
    classify,
  });
}
