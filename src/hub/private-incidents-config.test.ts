import { describe, expect, it } from "vitest";
import { HubConfigError, loadHubConfig } from "./config.js";

const ENV = {
  PROM_ALERT_TOKEN: "secret-prom-token",
  OIDC_CLIENT_SECRET: "s3cret-from-the-provider-0123456789",
};
const SOURCES = "sources:\n  prometheus: { token_env: PROM_ALERT_TOKEN }\n";
const OIDC = [
  "mode: oidc",
  "issuer: https://accounts.example.com",
  "client_id: incidentkit",
  "client_secret_env: OIDC_CLIENT_SECRET",
  "allowed_domains: [example.com]",
];
const PROXY = ["mode: proxy", "header: X-Forwarded-Email", "trusted_proxies: [127.0.0.1]"];

/** A hub.yaml with `auth:` lines under it (indented by two). */
const hubYaml = (auth: string[]): string =>
  [
    "listen: { host: 0.0.0.0 }",
    "public_url: https://incidentkit.example.com",
    "auth:",
    ...auth.map((line) => `  ${line}`),
    SOURCES,
  ].join("\n");

const load = (text: string) =>
  loadHubConfig(text, "/etc/incidentkit/hub.yaml", {
    env: { ...ENV, HUB_ADMIN_TOKEN: "admin-token-0123456789abcdef" },
    dataDir: "/var/lib/incidentkit",
  });

function problem(text: string): HubConfigError {
  try {
    load(text);
  } catch (error) {
    if (error instanceof HubConfigError) return error;
    throw error;
  }
  throw new Error("the config loaded");
}

describe("auth.private_incidents", () => {
  it("reads who may see private incidents under oidc: emails lower-cased, groups as written", () => {
    const config = load(
      hubYaml([...OIDC, "private_incidents: { emails: [Ana@Example.com], groups: [Security] }"]),
    );
    expect(config.auth).toMatchObject({
      mode: "oidc",
      privateIncidents: { emails: ["ana@example.com"], groups: ["Security"] },
    });
    expect(load(hubYaml(OIDC)).auth).not.toHaveProperty("privateIncidents");
  });

  it("reads them under proxy, groups from the groups header", () => {
    const config = load(
      hubYaml([
        ...PROXY,
        "groups_header: X-Forwarded-Groups",
        "private_incidents: { emails: [ana@example.com], groups: [security] }",
      ]),
    );
    expect(config.auth).toEqual({
      mode: "proxy",
      header: "x-forwarded-email",
      trustedProxies: ["127.0.0.1"],
      groupsHeader: "x-forwarded-groups",
      privateIncidents: { emails: ["ana@example.com"], groups: ["security"] },
    });
  });

  it("refuses groups under proxy without the header that lists them", () => {
    const error = problem(hubYaml([...PROXY, "private_incidents: { groups: [security] }"]));
    expect(error.field).toBe("auth.private_incidents.groups");
    expect(error.problem).toContain("add groups_header: X-Forwarded-Groups");
  });

  it("refuses them where sign-in names nobody: the admin token, and no sign-in", () => {
    for (const mode of ["token", "none"]) {
      const error = problem(hubYaml([`mode: ${mode}`, "private_incidents: { emails: [ana@example.com] }"]));
      expect(error.field).toBe("auth.private_incidents");
      expect(error.problem).toContain("private_incidents needs a sign-in that knows who people are");
    }
  });

  it("names a section that names nobody, and an address that is not one", () => {
    const empty = problem(hubYaml([...OIDC, "private_incidents: { emails: [] }"]));
    expect(empty.field).toBe("auth.private_incidents");
    expect(empty.problem).toContain("must name someone");
    const wrong = problem(hubYaml([...OIDC, "private_incidents: { emails: [security-team] }"]));
    expect([wrong.field, wrong.problem]).toEqual([
      "auth.private_incidents.emails[0]",
      "must be an email address, e.g. ana@example.com",
    ]);
  });
});
