import { readFileSync } from "node:fs";
import { loadHubConfig } from "./config.js";

/** An example intake body from the parsers' fixtures. */
export function exampleBody(name: string): string {
  return readFileSync(new URL(`../alerts/intake/examples/${name}.json`, import.meta.url), "utf8");
}

/** The same Alertmanager notification with every alert in it marked resolved. */
export function resolvedCopy(body: string): string {
  const parsed = JSON.parse(body) as { status: string; alerts: Array<{ status: string; endsAt?: string }> };
  parsed.status = "resolved";
  for (const alert of parsed.alerts) {
    alert.status = "resolved";
    alert.endsAt = new Date().toISOString();
  }
  return JSON.stringify(parsed);
}

export const TEST_RULES = `
rules:
  - name: page
    match: { severity: [critical] }
    action: open_incident
    incident: { severity: Critical }
  - name: keep
    action: record_only
`;

export const PROM_TOKEN = "prom-token-0123456789";
export const GRAFANA_TOKEN = "grafana-token-0123456789";
export const ADMIN_TOKEN = "admin-token-0123456789";

/** A hub config with two sources and an admin token, as a test would write it. */
export function testHubConfig() {
  return loadHubConfig(
    [
      "listen: { host: 127.0.0.1, port: 0 }",
      "sources:",
      "  prometheus: { format: alertmanager, token_env: PROM, max_body: 1MiB, max_alerts: 100 }",
      "  grafana: { token_env: GRAF }",
      "",
    ].join("\n"),
    "hub.yaml",
    { env: { PROM: PROM_TOKEN, GRAF: GRAFANA_TOKEN, HUB_ADMIN_TOKEN: ADMIN_TOKEN }, dataDir: "/data" },
  );
}
