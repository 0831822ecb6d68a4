import { type GroupedAlert, httpUrl, parseGroup } from "./notification.js";
import type { ParseResult } from "./result.js";

/** Grafana's own alerts about a rule's query, titled by the rule they concern. */
const RULE_PROBLEMS = new Map([
  ["DatasourceNoData", "No data"],
  ["DatasourceError", "Data source error"],
]);

function ruleProblemTitle(alert: GroupedAlert): string | undefined {
  const problem = RULE_PROBLEMS.get(alert.labels.alertname ?? "");
  const rule = alert.labels.rulename;
  return problem !== undefined && rule ? `${problem}: ${rule}` : undefined;
}

/**
 * A Grafana unified alerting webhook: one event per entry of `alerts[]`, keyed by its `fingerprint`. The link
 * is the panel, else the dashboard, else the alert rule (`generatorURL`). No-data and data-source-error alerts
 * without a summary are titled after their rule ("No data: API latency").
 */
export function parseGrafana(source: string, body: unknown): ParseResult {
  return parseGroup(source, body, {
    name: "Grafana alerting webhook",
    sourceUrl: (alert) =>
      httpUrl(alert.fields.panelURL) ??
      httpUrl(alert.fields.dashboardURL) ??
      httpUrl(alert.fields.generatorURL),
    fallbackTitle: ruleProblemTitle,
  });
}
