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
