import { describe, expect, it } from "vitest";
import { HubConfigError, hubLocalSettings, loadHubConfig } from "./config.js";

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
      {
        name: "prometheus",
        format: "auto",
        tokenEnv: "PROM_ALERT_TOKEN",
        token: "secret-prom-token",
        maxAlerts: 10_000,
        maxBodyBytes: 10 * 1_048_576,
      },
    ]);
    expect(config.alerts).toEqual({ retentionMs: 30 * 86_400_000 });
    expect(config.adminToken).toBeUndefined();
  });

  it("reads every setting", () => {
    const config = load(
      [
        "listen: { host: 0.0.0.0, port: 9000 }",
        "auth: { mode: token }",
        "data_dir: ./state",
        "rules: rules/prod.yaml",
        "account: prod",
        "admin_token_env: ADMIN",
        "sources:",
        "  prometheus: { format: alertmanager, token_env: PROM_ALERT_TOKEN }",
      ].join("\n"),
      { ...ENV, ADMIN: "admin-secret-0123456" },
    );
    expect(config).toMatchObject({
      listen: { host: "0.0.0.0", port: 9000 },
      auth: { mode: "token" },
      dataDir: "/etc/incidentkit/state",
      rulesFile: "/etc/incidentkit/rules/prod.yaml",
      account: "prod",
      adminToken: "admin-secret-0123456",
    });
    expect(config.sources[0]?.format).toBe("alertmanager");
  });

  it("refuses to listen beyond loopback without auth, and token sign-in without the admin token", () => {
    const open = problem(
      `listen: { host: 0.0.0.0 }\n${"sources:\n  prometheus: { token_env: PROM_ALERT_TOKEN }\n"}`,
    );
    expect(open.field).toBe("listen.host");
    expect(open.message).toContain(
      "the hub listens on 0.0.0.0, beyond this machine, and its web UI has no sign-in: add auth: { mode: token }",
    );
    const tokenless = problem(
      "listen: { host: 0.0.0.0 }\nauth: { mode: token }\nsources:\n  prometheus: { token_env: PROM_ALERT_TOKEN }\n",
    );
    expect(tokenless.message).toContain(
      "token sign-in takes the hub's admin token, and HUB_ADMIN_TOKEN is not set",
    );
    const proxied = load(
      "listen: { host: 0.0.0.0 }\nauth: { mode: proxy, header: X-Forwarded-Email, trusted_proxies: [10.0.0.5] }\nsources:\n  prometheus: { token_env: PROM_ALERT_TOKEN }\n",
    );
    expect(proxied.auth).toEqual({
      mode: "proxy",
      header: "x-forwarded-email",
      trustedProxies: ["10.0.0.5"],
    });
    const none = load(
      "listen: { host: 0.0.0.0 }\nauth: { mode: none }\nsources:\n  prometheus: { token_env: PROM_ALERT_TOKEN }\n",
    );
    expect(none.auth).toEqual({ mode: "none" });
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

  it("records scorecard levels every hour unless scorecard_runs_every says otherwise, at most weekly", () => {
    expect(load(SOURCES).scorecardRunsEveryMs).toBe(3_600_000);
    expect(load(`${SOURCES}scorecard_runs_every: 15m\n`).scorecardRunsEveryMs).toBe(900_000);
    const bad = problem(`${SOURCES}scorecard_runs_every: hourly\n`);
    expect(bad.field).toBe("scorecard_runs_every");
    expect(bad.problem).toBe("expected a duration like 30s, 15m, 2h, 1d or 2w");
    expect(problem(`${SOURCES}scorecard_runs_every: 30d\n`).problem).toMatch(/^at most 7d/);
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
      DEPLOY_TOKEN: "deploy-token-0123456",
      GH_SECRET: "gh-secret",
    });
    expect(config.changes).toEqual({
      token: "deploy-token-0123456",
      tokenEnv: "DEPLOY_TOKEN",
      githubSecret: "gh-secret",
    });
  });

  it("names an unset variable and its line, and a bad setting, never a value", () => {
    const unset = problem(`${SOURCES}changes:\n  token_env: DEPLOY_TOKEN\n  github_secret_env: GH_SECRET\n`, {
      ...ENV,
      DEPLOY_TOKEN: "deploy-token-0123456",
    });
    expect(unset.message).toBe(
      "/etc/incidentkit/hub.yaml:5:3: changes.github_secret_env: GH_SECRET is not set: set it to the secret of the hub's webhook in GitHub",
    );
    expect(problem(`${SOURCES}changes: { token: abc }\n`).field).toBe("changes.token");
  });

  it("reads the production environments, refusing an empty list or a blank name", () => {
    const config = load(`${SOURCES}changes:\n  production_environments: [production, " prod-* "]\n`);
    expect(config.changes).toEqual({ productionEnvironments: ["production", "prod-*"] });
    const empty = problem(`${SOURCES}changes: { production_environments: [] }\n`);
    expect([empty.field, empty.problem]).toEqual([
      "changes.production_environments",
      "must name at least one environment: deploys to any other are not production ones",
    ]);
    const blank = problem(`${SOURCES}changes:\n  production_environments: [production, ""]\n`);
    expect(blank.field).toBe("changes.production_environments[1]");
    expect(blank.problem).toBe("must not be blank: name an environment, e.g. production");
    expect(problem(`${SOURCES}changes: { production_environments: production }\n`).problem).toBe(
      "expected a list of environment names, e.g. [production, prod-*]",
    );
  });
});

describe("loadHubConfig: metrics", () => {
  const SOURCES = "sources:\n  prometheus: { token_env: PROM_ALERT_TOKEN }\n";

  it("reads the metrics token from its variable, and names the variable when unset or short", () => {
    expect(load(SOURCES).metricsToken).toBeUndefined();
    const config = load(`${SOURCES}metrics: { token_env: SCRAPE }\n`, {
      ...ENV,
      SCRAPE: " scrape-token-0123456\n",
    });
    expect(config.metricsToken).toBe("scrape-token-0123456");
    const unset = problem(`${SOURCES}metrics: { token_env: SCRAPE }\n`);
    expect([unset.field, unset.problem]).toEqual([
      "metrics.token_env",
      "SCRAPE is not set: set it to the bearer token Prometheus sends (its scrape config's authorization.credentials)",
    ]);
    expect(
      problem(`${SOURCES}metrics: { token_env: SCRAPE }\n`, { ...ENV, SCRAPE: "short" }).problem,
    ).toContain("SCRAPE holds a token of 5 characters: use at least 16");
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

describe("loadHubConfig: the database and the rate limit", () => {
  const SOURCES = "sources:\n  prometheus: { token_env: PROM_ALERT_TOKEN }\n";
  const PG = "postgres://hub:s3cret-pw@db.internal:5432/incidentkit";

  it("keeps SQLite in the data directory when DATABASE_URL is unset or blank", () => {
    expect(load(SOURCES).database).toEqual({ dataDir: "/var/lib/incidentkit/hub" });
    expect(load(SOURCES, { ...ENV, DATABASE_URL: "  " }).database).toEqual({
      dataDir: "/var/lib/incidentkit/hub",
    });
    expect(load(`data_dir: ./state\n${SOURCES}`).database).toEqual({ dataDir: "/etc/incidentkit/state" });
  });

  it("puts the hub on PostgreSQL for a postgres:// or postgresql:// DATABASE_URL, else on that SQLite file", () => {
    expect(load(SOURCES, { ...ENV, DATABASE_URL: PG }).database).toEqual({ postgres: PG });
    const long = "postgresql://hub@db.internal/incidentkit";
    expect(load(SOURCES, { ...ENV, DATABASE_URL: long }).database).toEqual({ postgres: long });
    expect(load(SOURCES, { ...ENV, DATABASE_URL: "/srv/hub/hub.sqlite" }).database).toEqual({
      file: "/srv/hub/hub.sqlite",
    });
  });

  it("takes public_url as the origin the UI answers at, and refuses one with a path", () => {
    expect(load(`public_url: https://Hub.Example.com/\n${SOURCES}`).publicUrl).toBe(
      "https://hub.example.com",
    );
    expect(load(SOURCES).publicUrl).toBeUndefined();
    expect(problem(`public_url: https://hub.example.com/incidentkit\n${SOURCES}`).message).toContain(
      "public_url: must be an address without a path: the hub answers at its root",
    );
    expect(problem(`public_url: ftp://hub.example.com\n${SOURCES}`).message).toContain(
      "public_url: must be the hub's public http(s) address",
    );
  });

  it("trims tokens, and refuses one shorter than 16 characters without printing it", () => {
    const config = load("sources:\n  prometheus: { token_env: PROM_ALERT_TOKEN }\n", {
      PROM_ALERT_TOKEN: "  secret-prom-token\n",
    });
    expect(config.sources[0]?.token).toBe("secret-prom-token");
    const refused = problem("sources:\n  prometheus: { token_env: PROM_ALERT_TOKEN }\n", {
      PROM_ALERT_TOKEN: " hunter2 ",
    });
    expect(refused.message).toBe(
      "/etc/incidentkit/hub.yaml:2:17: sources.prometheus.token_env: PROM_ALERT_TOKEN holds a token of 7 characters: use at least 16 (e.g. openssl rand -hex 24)",
    );
    expect(refused.message).not.toContain("hunter2");
  });

  it("refuses a token no Authorization header could carry, naming the variable, never the token", () => {
    const refused = problem("sources:\n  prometheus: { token_env: PROM_ALERT_TOKEN }\n", {
      PROM_ALERT_TOKEN: "correct horse battery staple",
    });
    expect(refused.message).toBe(
      "/etc/incidentkit/hub.yaml:2:17: sources.prometheus.token_env: PROM_ALERT_TOKEN holds characters a bearer token cannot carry: use letters, digits and - . _ ~ + / only, = only at the end (e.g. openssl rand -hex 24)",
    );
    expect(refused.message).not.toContain("staple");
    // Base64 and base64url tokens, padding included, are taken as they are.
    const base64 = load("sources:\n  prometheus: { token_env: PROM_ALERT_TOKEN }\n", {
      PROM_ALERT_TOKEN: "c2VjcmV0L3Byb20rdG9rZW4=",
    });
    expect(base64.sources[0]?.token).toBe("c2VjcmV0L3Byb20rdG9rZW4=");
  });

  it("refuses a URL of any other scheme, naming the variable and the scheme, never the URL", () => {
    const mistyped = "pg://hub:s3cret-pw@db.internal/incidentkit";
    let error: unknown;
    try {
      load(SOURCES, { ...ENV, DATABASE_URL: mistyped });
    } catch (caught) {
      error = caught;
    }
    expect(error).toBeInstanceOf(HubConfigError);
    const message = (error as Error).message;
    expect(message).toContain(
      "DATABASE_URL is not a database the hub can use: it is a pg:// URL: use postgres:// or postgresql:// for PostgreSQL, or a file path (no ://) for SQLite",
    );
    expect(message).not.toContain("s3cret-pw");
    expect(() =>
      hubLocalSettings(SOURCES, "/etc/incidentkit/hub.yaml", {
        env: { DATABASE_URL: mistyped },
        dataDir: "/data",
      }),
    ).toThrow(/pg:\/\/ URL/);
  });

  it("reads the URL from the variable database_url_env names, for the commands that read state too", () => {
    const text = `database_url_env: HUB_DATABASE_URL\n${SOURCES}`;
    const env = { ...ENV, HUB_DATABASE_URL: PG, DATABASE_URL: "/elsewhere.sqlite" };
    expect(load(text, env).database).toEqual({ postgres: PG });
    expect(load(text, ENV).database).toEqual({ dataDir: "/var/lib/incidentkit/hub" });
    const settings = hubLocalSettings(text, "/etc/incidentkit/hub.yaml", {
      env: { HUB_DATABASE_URL: PG },
      dataDir: "/var/lib/incidentkit",
    });
    expect(settings.database).toEqual({ postgres: PG });
    expect(
      hubLocalSettings(SOURCES, "/etc/incidentkit/hub.yaml", { env: {}, dataDir: "/var/lib/incidentkit" })
        .database,
    ).toEqual({ dataDir: "/var/lib/incidentkit/hub" });
  });

  it("points at a database_url_env that is not a variable name", () => {
    const error = problem(`${SOURCES}database_url_env: postgres://hub@db/incidentkit\n`);
    expect(error.message).toBe(
      "/etc/incidentkit/hub.yaml:3:1: database_url_env: must be an environment variable name, e.g. DATABASE_URL",
    );
  });

  it("paces at incident.io's 1200 a minute unless rate_limit_per_minute says otherwise", () => {
    expect(load(SOURCES).rateLimit).toEqual({ capacity: 1200, refillPerSecond: 20 });
    expect(load(`rate_limit_per_minute: 600\n${SOURCES}`).rateLimit).toEqual({
      capacity: 600,
      refillPerSecond: 10,
    });
    expect(load(`rate_limit_per_minute: 100000\n${SOURCES}`).rateLimit.capacity).toBe(100_000);
    expect(load(`rate_limit_per_minute: 1\n${SOURCES}`).rateLimit).toEqual({
      capacity: 1,
      refillPerSecond: 1 / 60,
    });
  });

  it("refuses a rate limit that is not a whole number from 1 to 100000, saying what it is for", () => {
    const expected =
      "/etc/incidentkit/hub.yaml:3:1: rate_limit_per_minute: the most requests a minute the hub sends to incident.io with its API key: a whole number from 1 to 100000 (incident.io allows 1200)";
    for (const value of ["0", "100001", "12.5", "lots", "-5"]) {
      expect(problem(`${SOURCES}rate_limit_per_minute: ${value}\n`).message).toBe(expected);
    }
  });
});

describe("loadHubConfig: intake limits and retention", () => {
  const source = (settings: string) =>
    `sources:\n  prometheus:\n    token_env: PROM_ALERT_TOKEN\n${settings}`;

  it("reads each source's max_alerts and max_body, in binary or decimal units or bytes", () => {
    const limits = (maxBody: string) => {
      const [prometheus] = load(source(`    max_alerts: 50000\n    max_body: ${maxBody}\n`)).sources;
      return { maxAlerts: prometheus?.maxAlerts, maxBodyBytes: prometheus?.maxBodyBytes };
    };
    expect(limits("512KiB")).toEqual({ maxAlerts: 50_000, maxBodyBytes: 524_288 });
    expect(limits("10MB").maxBodyBytes).toBe(10_000_000);
    expect(limits("1GiB").maxBodyBytes).toBe(1_073_741_824);
    expect(limits("4194304").maxBodyBytes).toBe(4_194_304);
    expect(limits('"2048"').maxBodyBytes).toBe(2048);
  });

  it("points at a max_alerts that is not a whole number from 1 to 1000000, saying what it is for", () => {
    for (const value of ["0", "1000001", "2.5", "many"]) {
      expect(problem(source(`    max_alerts: ${value}\n`)).message).toBe(
        "/etc/incidentkit/hub.yaml:4:5: sources.prometheus.max_alerts: the most alerts one request from this source may carry: a whole number from 1 to 1000000 (default 10000)",
      );
    }
  });

  it("points at a max_body that is no size, or is under 1KiB or over 1GiB", () => {
    for (const value of ["10 megabytes", "ten", "0", "[1]"]) {
      const error = problem(source(`    max_body: ${value}\n`));
      expect(error.field).toBe("sources.prometheus.max_body");
      expect(error.line).toBe(4);
      expect(error.problem).toBe("expected a size like 512KiB, 10MiB, 1GiB or 10MB, or a number of bytes");
    }
    for (const value of ["2GiB", "1073741825", "512", "1000B"]) {
      expect(problem(source(`    max_body: ${value}\n`)).problem).toBe(
        "from 1KiB to 1GiB: the largest request body the hub takes from this source (default 10MiB)",
      );
    }
  });

  it("keeps alerts 30 days unless alerts.retention says otherwise, and at least an hour", () => {
    const SOURCES = source("");
    expect(load(`${SOURCES}alerts: { retention: 7d }\n`).alerts).toEqual({ retentionMs: 7 * 86_400_000 });
    expect(load(`${SOURCES}alerts: { retention: 1h }\n`).alerts.retentionMs).toBe(3_600_000);
    expect(load(`${SOURCES}alerts: {}\n`).alerts.retentionMs).toBe(30 * 86_400_000);
    const short = problem(`${SOURCES}alerts:\n  retention: 59m\n`);
    expect(short.message).toBe(
      "/etc/incidentkit/hub.yaml:5:3: alerts.retention: at least 1h: how long alerts, their deliveries and webhook receipts are kept (default 30d)",
    );
    for (const value of ["monthly", "30", "0d"]) {
      const bad = problem(`${SOURCES}alerts:\n  retention: ${value}\n`);
      expect(bad.field).toBe("alerts.retention");
      expect(bad.problem).toBe("expected a duration like 30s, 15m, 2h, 1d or 2w");
    }
    expect(problem(`${SOURCES}alerts: { retain: 7d }\n`).field).toBe("alerts.retain");
  });
});
