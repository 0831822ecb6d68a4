import { describe, expect, it } from "vitest";
import { HubConfigError, loadHubConfig } from "./config.js";

const ENV = { PROM_ALERT_TOKEN: "secret-prom-token" };
const load = (text: string, env: Record<string, string> = ENV) =>
  loadHubConfig(text, "/etc/incidentkit/hub.yaml", { env, dataDir: "/var/lib/incidentkit" });

function problem(text: string, env?: Record<string, string>): HubConfigError {
  try {
    load(text, env);
  } catch (error) {
    if (error instanceof HubConfigError) return error;
    throw error;
  }
  throw new Error("the config loaded");
}

describe("loadHubConfig", () => {
  it("fills in the defaults and resolves the rules file next to the config", () => {
    const config = load("sources:\n  prometheus: { token_env: PROM_ALERT_TOKEN }\n");
    expect(config.listen).toEqual({ host: "127.0.0.1", port: 8780 });
    expect(config.dataDir).toBe("/var/lib/incidentkit/hub");
    expect(config.rulesFile).toBe("/etc/incidentkit/rules.yaml");
    expect(config.sources).toEqual([
      { name: "prometheus", format: "auto", tokenEnv: "PROM_ALERT_TOKEN", token: "secret-prom-token" },
    ]);
    expect(config.adminToken).toBeUndefined();
  });

  it("reads every setting", () => {
    const config = load(
      [
        "listen: { host: 0.0.0.0, port: 9000 }",
        "data_dir: ./state",
        "rules: rules/prod.yaml",
        "account: prod",
        "admin_token_env: ADMIN",
        "sources:",
        "  prometheus: { format: alertmanager, token_env: PROM_ALERT_TOKEN }",
      ].join("\n"),
      { ...ENV, ADMIN: "admin-secret" },
    );
    expect(config).toMatchObject({
      listen: { host: "0.0.0.0", port: 9000 },
      dataDir: "/etc/incidentkit/state",
      rulesFile: "/etc/incidentkit/rules/prod.yaml",
      account: "prod",
      adminToken: "admin-secret",
    });
    expect(config.sources[0]?.format).toBe("alertmanager");
  });

  it("names the unset token variable and its line, without any token", () => {
    const error = problem("listen: { port: 0 }\nsources:\n  prometheus:\n    token_env: MISSING_TOKEN\n");
    expect(error.message).toBe(
      "/etc/incidentkit/hub.yaml:4:5: sources.prometheus.token_env: MISSING_TOKEN is not set: set it to the source's bearer token",
    );
  });

  it("points at an unknown key and at a wrong value", () => {
    expect(problem("sources:\n  prometheus: { token_env: PROM_ALERT_TOKEN, token: abc }\n").message).toMatch(
      /^\/etc\/incidentkit\/hub\.yaml:2:46: sources\.prometheus\.token: /,
    );
    const format = problem("sources:\n  prometheus:\n    format: nagios\n    token_env: PROM_ALERT_TOKEN\n");
    expect(format.line).toBe(3);
    expect(format.field).toBe("sources.prometheus.format");
  });

  it("refuses a config without sources and a YAML syntax error, by line", () => {
    expect(problem("listen: { port: 0 }\n").field).toBe("sources");
    expect(problem("sources:\n  prometheus: { token_env: [\n").line).toBeGreaterThanOrEqual(2);
  });

  it("refuses a source name that cannot be part of a URL", () => {
    const error = problem("sources:\n  Prom Metheus: { token_env: PROM_ALERT_TOKEN }\n");
    expect(error.line).toBe(2);
    expect(error.problem).toContain("source name");
  });
});

describe("loadHubConfig: catalog, scorecards, webhooks and the mirror", () => {
  const SOURCES = "sources:\n  prometheus: { token_env: PROM_ALERT_TOKEN }\n";
  const SECRET = "whsec_c2VjcmV0LXNpZ25pbmcta2V5LWZvci10ZXN0cw==";

  it("has the mirror on, reconciling every minute, and no catalog, scorecards or webhook receiver by default", () => {
    const config = load(SOURCES);
    expect(config.mirror).toEqual({ enabled: true, reconcileEveryMs: 60_000 });
    expect(config.catalog).toBeUndefined();
    expect(config.scorecards).toBeUndefined();
    expect(config.webhookSecret).toBeUndefined();
  });

  it("resolves the catalog and scorecards next to the config and reads the webhook secret from its variable", () => {
    const config = load(
      [
        SOURCES,
        "catalog: { dir: ./catalog, field: Affected services }",
        "scorecards: ./scorecards",
        "webhooks: { secret_env: WEBHOOK_SECRET }",
        "mirror: { reconcile_every: 5m }",
      ].join("\n"),
      { ...ENV, WEBHOOK_SECRET: SECRET },
    );
    expect(config.catalog).toEqual({ dir: "/etc/incidentkit/catalog", field: "Affected services" });
    expect(config.scorecards).toBe("/etc/incidentkit/scorecards");
    expect(config.webhookSecret).toBe(SECRET);
    expect(config.mirror).toEqual({ enabled: true, reconcileEveryMs: 300_000 });
  });

  it("names the webhook secret's variable when it is unset or holds no whsec_ secret, never the value", () => {
    const text = `${SOURCES}webhooks:\n  secret_env: WEBHOOK_SECRET\n`;
    expect(problem(text).message).toBe(
      "/etc/incidentkit/hub.yaml:4:3: webhooks.secret_env: WEBHOOK_SECRET is not set: set it to the signing secret (whsec_…) of the hub's endpoint in incident.io's webhook settings",
    );
    const wrong = problem(text, { ...ENV, WEBHOOK_SECRET: "not-a-signing-secret" });
    expect(wrong.message).toMatch(/WEBHOOK_SECRET does not hold a signing secret/);
    expect(wrong.message).not.toContain("not-a-signing-secret");
  });

  it("points at a bad reconcile interval or an unknown catalog setting", () => {
    expect(problem(`${SOURCES}mirror: { reconcile_every: soon }\n`).field).toBe("mirror.reconcile_every");
    expect(problem(`${SOURCES}catalog: { dir: ./c, feild: x }\n`).field).toBe("catalog.feild");
  });
});

describe("loadHubConfig: changes", () => {
  const SOURCES = "sources:\n  prometheus: { token_env: PROM_ALERT_TOKEN }\n";

  it("has no changes token or GitHub secret unless the changes section names their variables", () => {
    expect(load(SOURCES).changes).toBeUndefined();
    const config = load(`${SOURCES}changes: { token_env: DEPLOY_TOKEN, github_secret_env: GH_SECRET }\n`, {
      ...ENV,
      DEPLOY_TOKEN: "deploy-token",
      GH_SECRET: "gh-secret",
    });
    expect(config.changes).toEqual({
      token: "deploy-token",
      tokenEnv: "DEPLOY_TOKEN",
      githubSecret: "gh-secret",
    });
  });

  it("names an unset variable and its line, and a bad setting, never a value", () => {
    const unset = problem(`${SOURCES}changes:\n  token_env: DEPLOY_TOKEN\n  github_secret_env: GH_SECRET\n`, {
      ...ENV,
      DEPLOY_TOKEN: "deploy-token",
    });
    expect(unset.message).toBe(
      "/etc/incidentkit/hub.yaml:5:3: changes.github_secret_env: GH_SECRET is not set: set it to the secret of the hub's webhook in GitHub",
    );
    expect(problem(`${SOURCES}changes: { token: abc }\n`).field).toBe("changes.token");
  });
});

describe("loadHubConfig: investigations, slack and priorities", () => {
  const SOURCES = "sources:\n  prometheus: { token_env: PROM_ALERT_TOKEN }\n";
  const HOOK = "https://hooks.slack.com/services/T000/B000/XXXXXXXXXXXX";

  it("reads the sections with their defaults, and Slack's secret from the environment", () => {
    const config = load(
      `${SOURCES}investigations:\n  min_severity: Major\n  incident_types: [Default]\n  publish: { slack: true }\nslack: { webhook_url_env: SLACK_HOOK, min_severity: Critical }\npriorities: { Critical: P0, Major: 1 }\n`,
      { ...ENV, SLACK_HOOK: HOOK },
    );
    expect(config.investigations).toEqual({
      auto: true,
      minSeverity: "Major",
      incidentTypes: ["Default"],
      includeTest: false,
      publish: { summary: true, slack: true },
    });
    expect(config.slack).toEqual({
      via: "webhook",
      webhookUrlEnv: "SLACK_HOOK",
      webhookUrl: HOOK,
      minSeverity: "Critical",
    });
    expect(config.priorities?.entries).toEqual([
      { severity: "Critical", priority: "P0" },
      { severity: "Major", priority: "P1" },
    ]);
    expect(load(SOURCES).investigations).toBeUndefined();
  });

  it("points at Slack publishing without a slack section, an unset variable and a bad priority, never a value", () => {
    expect(problem(`${SOURCES}investigations:\n  publish: { slack: true }\n`).message).toMatch(
      /^\/etc\/incidentkit\/hub\.yaml:4:\d+: investigations\.publish\.slack: publishing to Slack needs a slack: section/,
    );
    const unset = problem(`${SOURCES}slack:\n  webhook_url_env: SLACK_HOOK\n`);
    expect(unset.field).toBe("slack.webhook_url_env");
    expect(unset.message).toContain("SLACK_HOOK is not set");
    const bad = problem(`${SOURCES}slack:\n  webhook_url_env: SLACK_HOOK\n`, {
      ...ENV,
      SLACK_HOOK: "http://example.com/hook",
    });
    expect(bad.message).not.toContain("example.com");
    expect(problem(`${SOURCES}priorities: { Critical: urgent }\n`).field).toBe("priorities");
  });
});
