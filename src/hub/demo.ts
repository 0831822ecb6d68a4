import { join } from "node:path";
import { fileURLToPath } from "node:url";
import type { AlertFormat } from "../alerts/intake/index.js";
import { loadRules, type RuleSet } from "../alerts/rules/index.js";
import { DEFAULT_CATALOG_FIELD } from "../catalog/config.js";
import { demoCatalogDir } from "../catalog/demo.js";
import type { InvestigationsConfig } from "../investigate/investigation/config.js";
import {
  DEFAULT_MAX_ALERTS,
  DEFAULT_MAX_BODY_BYTES,
  DEFAULT_RATE_LIMIT_PER_MINUTE,
  DEFAULT_RETENTION_MS,
  type HubConfig,
  type HubLocalSettings,
  rateLimitOf,
} from "./config.js";

/**
 * The demo hub: what `incidentkit up` runs when no hub config is given and there is no `hub.yaml` in the working
 * directory, so a new user sees alerts become incidents without writing anything first.
 */

/** The demo hub's default port, the one `examples/hub.yaml` uses. */
export const DEMO_PORT = 8780;

/** One source per intake format. */
export const DEMO_SOURCES: ReadonlyArray<{ name: string; format: AlertFormat }> = [
  { name: "alertmanager", format: "alertmanager" },
  { name: "grafana", format: "grafana" },
  { name: "generic", format: "generic" },
];

/** What the rules are called in messages, where a file name would otherwise be. */
export const DEMO_RULES_NAME = "built-in demo rules";

/**
 * The rules of `examples/rules.yaml`, for the demo's source names. The rule a pasted `curl` example meets
 * (prod-critical) has no time-based suppression, so the demo opens an incident whatever the day and hour.
 */
export const DEMO_RULES_YAML = `
timezone: Europe/London

defaults:
  reopen_after: 30m

rules:
  - name: prod-critical
    match:
      severity: [critical, page]
      labels: { env: production }
    action: open_incident
    incident:
      severity: Critical
      mode: standard
      custom_fields:
        Affected services: "{{ labels.service }}"
    suppress:
      cooldown: 15m
      daily_cap: 20

  - name: payments-business-hours
    match:
      severity: [warning]
      labels_match: { service: "^payments-" }
    action: open_incident
    incident:
      severity: Minor
      type: Default
    suppress:
      schedule: { days: [mon, tue, wed, thu, fri], from: "08:00", to: "20:00" }
      blackouts:
        - { every: wednesday, from: "12:00", to: "13:00", reason: "weekly maintenance" }
      cooldown: 1h

  - name: staging-warnings
    match:
      labels: { env: staging }
    action: record_only
`;

/** The demo rules, checked by the same loader as a rules file. */
export function demoRules(): RuleSet {
  return loadRules(DEMO_RULES_YAML, DEMO_RULES_NAME);
}

export interface DemoHubOptions {
  /** incidentkit's data directory; the demo hub keeps its state in `<dataDir>/hub`, as a config file's default. */
  dataDir: string;
  /** Each source's bearer token, by source name (see `demo-tokens.ts`). */
  tokens: Readonly<Record<string, string>>;
  port?: number | undefined;
  adminToken?: string | undefined;
  /** The signing secret the demo emulator's webhooks to this hub carry. */
  webhookSecret?: string | undefined;
}

/** How often the demo's mirror reconciles: often, since the demo shows changes as they happen. */
const DEMO_RECONCILE_EVERY_MS = 15_000;

/** The example scorecards of the package (`examples/scorecards`), found like the demo catalog. */
export function demoScorecardsDir(): string {
  return fileURLToPath(new URL("../../examples/scorecards", import.meta.url));
}

/** The demo hub's configuration: the three sources on 127.0.0.1, tokens generated for this machine. */
export function demoHubConfig(options: DemoHubOptions): HubConfig {
  return {
    file: "built-in demo configuration",
    listen: { host: "127.0.0.1", port: options.port ?? DEMO_PORT },
    rulesFile: DEMO_RULES_NAME,
    sources: DEMO_SOURCES.map(({ name, format }) => {
      const token = options.tokens[name];
      if (token === undefined) throw new Error(`the demo hub has no token for its ${name} source`);
      return { name, format, token, maxAlerts: DEFAULT_MAX_ALERTS, maxBodyBytes: DEFAULT_MAX_BODY_BYTES };
    }),
    adminTokenEnv: "HUB_ADMIN_TOKEN",
    ...(options.adminToken !== undefined ? { adminToken: options.adminToken } : {}),
    ...demoHubSettings(options.dataDir),
    ...(options.webhookSecret !== undefined ? { webhookSecret: options.webhookSecret } : {}),
    mirror: { enabled: true, reconcileEveryMs: DEMO_RECONCILE_EVERY_MS },
    rateLimit: rateLimitOf(DEFAULT_RATE_LIMIT_PER_MINUTE),
    alerts: { retentionMs: DEFAULT_RETENTION_MS },
  };
}

/**
 * The demo's investigations: every new incident, test ones included (the demo's `alerts test` opens one), with
 * the findings appended to the incident's summary, so a new user sees them in the incident.
 */
export const DEMO_INVESTIGATIONS: InvestigationsConfig = {
  auto: true,
  includeTest: true,
  publish: { summary: true, slack: false },
};

/**
 * The demo hub's state, catalog, scorecards and investigations: what commands reading the hub's state need. Its
 * database is always SQLite in its data directory, whatever DATABASE_URL says.
 */
export function demoHubSettings(
  dataDir: string,
): Required<Pick<HubLocalSettings, "dataDir" | "database" | "catalog" | "scorecards" | "investigations">> {
  const hubDir = demoHubDataDir(dataDir);
  return {
    dataDir: hubDir,
    database: { dataDir: hubDir },
    catalog: { dir: demoCatalogDir(), field: DEFAULT_CATALOG_FIELD },
    scorecards: demoScorecardsDir(),
    investigations: DEMO_INVESTIGATIONS,
  };
}

/** Where the demo hub keeps its database (and its tokens). */
export function demoHubDataDir(dataDir: string): string {
  return join(dataDir, "hub");
}
