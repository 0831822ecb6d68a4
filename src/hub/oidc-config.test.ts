import { describe, expect, it } from "vitest";
import { HubConfigError, loadHubConfig } from "./config.js";

const SECRET = "s3cret-from-the-provider-0123456789";
const ENV = { PROM_ALERT_TOKEN: "secret-prom-token", OIDC_CLIENT_SECRET: ` ${SECRET}\n` };
const SOURCES = "sources:\n  prometheus: { token_env: PROM_ALERT_TOKEN }\n";

/** A hub.yaml with `auth:` lines under it (indented by two) and `top` lines before it. */
function hubYaml(auth: string[], top: string[] = ["public_url: https://incidentkit.example.com"]): string {
  return ["listen: { host: 0.0.0.0 }", ...top, "auth:", ...auth.map((line) => `  ${line}`), SOURCES].join(
    "\n",
  );
}

const OIDC = [
  "mode: oidc",
  "issuer: https://accounts.example.com",
  "client_id: incidentkit",
  "client_secret_env: OIDC_CLIENT_SECRET",
];

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

describe("auth: { mode: oidc }", () => {
  it("reads the provider, the trimmed secret, who may come in, and the redirect URI under public_url", () => {
    const config = load(hubYaml([...OIDC, "allowed_domains: [Example.com]", "allowed_groups: [sre]"]));
    expect(config.auth).toEqual({
      mode: "oidc",
      issuer: "https://accounts.example.com",
      clientId: "incidentkit",
      clientSecret: SECRET,
      clientSecretEnv: "OIDC_CLIENT_SECRET",
      redirectUri: "https://incidentkit.example.com/sign-in/callback",
      allowedDomains: ["example.com"],
      allowedGroups: ["sre"],
      groupsClaim: "groups",
      scopes: ["openid", "email", "profile"],
    });
    const custom = load(
      hubYaml([...OIDC, "allowed_groups: [sre]", "groups_claim: roles", "scopes: [openid, email, groups]"]),
    );
    expect(custom.auth).toMatchObject({ groupsClaim: "roles", scopes: ["openid", "email", "groups"] });
  });

  it("needs public_url, naming it and what to register at the provider", () => {
    const error = problem(hubYaml([...OIDC, "allowed_domains: [example.com]"], []));
    expect(error.field).toBe("public_url");
    expect(error.line).toBe(3);
    expect(error.problem).toContain("oidc sign-in needs public_url");
    expect(error.problem).toContain("Add public_url: https://incidentkit.example.com");
    expect(error.problem).toContain("/sign-in/callback as the application's redirect URI");
  });

  it("needs the secret's variable set", () => {
    const error = problem(hubYaml([...OIDC, "allowed_domains: [example.com]"]), {
      PROM_ALERT_TOKEN: "secret-prom-token",
      OIDC_CLIENT_SECRET: "  \n",
    });
    expect(error.field).toBe("auth.client_secret_env");
    expect(error.line).toBe(7);
    expect(error.problem).toBe(
      "OIDC_CLIENT_SECRET is not set: set it to the client secret the provider gave the hub's application",
    );
  });

  it("needs allowed_domains or allowed_groups", () => {
    const error = problem(hubYaml(OIDC));
    expect(error.field).toBe("auth.mode");
    expect(error.problem).toContain("say who may sign in: add allowed_domains: [example.com]");
  });

  it("needs an https issuer, except on this machine", () => {
    const plain = problem(
      hubYaml([
        "mode: oidc",
        "issuer: http://accounts.example.com",
        ...OIDC.slice(2),
        "allowed_groups: [sre]",
      ]),
    );
    expect(plain.field).toBe("auth.issuer");
    expect(plain.problem).toContain("must be an https:// address");
    const local = load(
      hubYaml(["mode: oidc", "issuer: http://127.0.0.1:5556/dex", ...OIDC.slice(2), "allowed_groups: [sre]"]),
    );
    expect(local.auth).toMatchObject({ issuer: "http://127.0.0.1:5556/dex" });
  });

  it("names a wrong domain, a scope list without openid, and a missing client_id by field", () => {
    expect(problem(hubYaml([...OIDC, "allowed_domains: [ana@example.com]"])).field).toBe(
      "auth.allowed_domains[0]",
    );
    const scopes = problem(hubYaml([...OIDC, "allowed_domains: [example.com]", "scopes: [email]"]));
    expect([scopes.field, scopes.problem]).toEqual([
      "auth.scopes",
      "must include openid: without it there is no ID token",
    ]);
    const clientless = problem(
      hubYaml([...OIDC.filter((line) => !line.startsWith("client_id")), "allowed_groups: [sre]"]),
    );
    expect(clientless.field).toBe("auth.client_id");
  });
});
