import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { describeKey, type LoadedAccounts, loadAccounts, resolveAccount } from "./accounts.js";
import { IncidentIo } from "./client.js";
import { ConfigError } from "./errors.js";
import { ScriptedServer } from "./testing/scripted-server.js";

const PROD_KEY = `inc_${"7f".repeat(32)}`;
const STAGING_KEY = `inc_${"c3".repeat(32)}`;
const ENV_KEY = `inc_${"e5".repeat(32)}`;

let dir: string;
let configFile: string;

beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), "incidentkit-accounts-"));
  configFile = join(dir, "config.json");
});
afterEach(() => {
  rmSync(dir, { recursive: true, force: true });
});

function writeConfig(content: unknown): void {
  writeFileSync(configFile, typeof content === "string" ? content : JSON.stringify(content));
}

function load(env: Record<string, string | undefined> = {}): LoadedAccounts {
  return loadAccounts({ configFile }, env);
}

function configError(run: () => unknown): ConfigError {
  try {
    run();
  } catch (error) {
    if (error instanceof ConfigError) return error;
    throw error;
  }
  throw new Error("expected a ConfigError");
}

describe("loadAccounts from the environment", () => {
  it("forms the account env from INCIDENT_IO_API_KEY, the default base URL, and makes it the default", () => {
    const loaded = load({ INCIDENT_IO_API_KEY: ENV_KEY });
    expect(loaded.accounts).toEqual([
      {
        alias: "env",
        apiKey: ENV_KEY,
        baseUrl: "https://api.incident.io",
        source: "env",
        apiKeyEnv: "INCIDENT_IO_API_KEY",
      },
    ]);
    expect(loaded.defaultAlias).toBe("env");
  });

  it("reads INCIDENTIO_API_KEY and INCIDENT_API_KEY too, preferring INCIDENT_IO_API_KEY", () => {
    expect(load({ INCIDENT_API_KEY: ENV_KEY }).accounts[0]?.apiKeyEnv).toBe("INCIDENT_API_KEY");
    expect(load({ INCIDENTIO_API_KEY: ENV_KEY }).accounts[0]?.apiKeyEnv).toBe("INCIDENTIO_API_KEY");
    const both = load({ INCIDENT_API_KEY: STAGING_KEY, INCIDENT_IO_API_KEY: ENV_KEY });
    expect(both.accounts.map((a) => a.apiKey)).toEqual([ENV_KEY]);
  });

  it("ignores empty variables and trims the key", () => {
    expect(load({ INCIDENT_IO_API_KEY: "  " }).accounts).toEqual([]);
    expect(load({ INCIDENT_IO_API_KEY: "", INCIDENT_API_KEY: ` ${ENV_KEY}\n` }).accounts[0]?.apiKey).toBe(
      ENV_KEY,
    );
  });

  it("takes INCIDENT_IO_BASE_URL, normalised, and rejects plain http to another host naming the variable", () => {
    const local = load({ INCIDENT_IO_API_KEY: ENV_KEY, INCIDENT_IO_BASE_URL: "http://127.0.0.1:8790/" });
    expect(local.accounts[0]?.baseUrl).toBe("http://127.0.0.1:8790");
    const error = configError(() =>
      load({ INCIDENT_IO_API_KEY: ENV_KEY, INCIDENT_IO_BASE_URL: "http://incident.example.com" }),
    );
    expect(error.setting).toBe("INCIDENT_IO_BASE_URL");
    expect(error.message).toContain("https");
  });

  it("rejects a key with spaces inside, without echoing it", () => {
    const error = configError(() => load({ INCIDENT_IO_API_KEY: `${PROD_KEY} extra` }));
    expect(error.setting).toBe("INCIDENT_IO_API_KEY");
    expect(error.message).not.toContain(PROD_KEY);
  });
});

describe("loadAccounts from the config file", () => {
  it("has no accounts and no default when there is no file and no key", () => {
    expect(load()).toEqual({ accounts: [], unavailable: [] });
  });

  it("reads keys stored in the file and keys named by apiKeyEnv", () => {
    writeConfig({
      defaultAccount: "prod",
      accounts: {
        prod: { apiKey: PROD_KEY },
        staging: { apiKeyEnv: "STAGING_INCIDENT_KEY", baseUrl: "https://staging.incident.example.com/" },
      },
    });
    const loaded = load({ STAGING_INCIDENT_KEY: STAGING_KEY });
    expect(loaded.accounts).toEqual([
      { alias: "prod", apiKey: PROD_KEY, baseUrl: "https://api.incident.io", source: "file" },
      {
        alias: "staging",
        apiKey: STAGING_KEY,
        baseUrl: "https://staging.incident.example.com",
        source: "file",
        apiKeyEnv: "STAGING_INCIDENT_KEY",
      },
    ]);
    expect(loaded.defaultAlias).toBe("prod");
    expect(loaded.unavailable).toEqual([]);
  });

  it("lists an account whose apiKeyEnv is unset as unavailable, and resolving it names the variable", () => {
    writeConfig({ accounts: { prod: { apiKey: PROD_KEY }, staging: { apiKeyEnv: "STAGING_INCIDENT_KEY" } } });
    const loaded = load();
    expect(loaded.accounts.map((a) => a.alias)).toEqual(["prod"]);
    expect(loaded.unavailable).toEqual([
      {
        alias: "staging",
        baseUrl: "https://api.incident.io",
        source: "file",
        apiKeyEnv: "STAGING_INCIDENT_KEY",
      },
    ]);
    const error = configError(() => resolveAccount(loaded, "staging"));
    expect(error.message).toContain("STAGING_INCIDENT_KEY");
    expect(error.hint).toContain("set STAGING_INCIDENT_KEY");
  });

  it("lets the file's explicit defaultAccount win over the environment", () => {
    writeConfig({ defaultAccount: "prod", accounts: { prod: { apiKey: PROD_KEY } } });
    const loaded = load({ INCIDENT_IO_API_KEY: ENV_KEY });
    expect(loaded.accounts.map((a) => a.alias)).toEqual(["prod", "env"]);
    expect(resolveAccount(loaded).apiKey).toBe(PROD_KEY);
    expect(resolveAccount(loaded, "env").apiKey).toBe(ENV_KEY);
  });

  it("defaults to the environment's key when the file names no default", () => {
    writeConfig({ accounts: { prod: { apiKey: PROD_KEY } } });
    expect(load({ INCIDENT_IO_API_KEY: ENV_KEY }).defaultAlias).toBe("env");
  });

  it("defaults to the only account, and to none among several", () => {
    writeConfig({ accounts: { prod: { apiKey: PROD_KEY } } });
    expect(load().defaultAlias).toBe("prod");
    writeConfig({ accounts: { prod: { apiKey: PROD_KEY }, staging: { apiKey: STAGING_KEY } } });
    const several = load();
    expect(several.defaultAlias).toBeUndefined();
    const error = configError(() => resolveAccount(several));
    expect(error.message).toContain("prod, staging");
    expect(error.hint).toContain("accounts default");
  });

  it("allows defaultAccount env, which then needs the environment's key", () => {
    writeConfig({ defaultAccount: "env", accounts: { prod: { apiKey: PROD_KEY } } });
    const loaded = load();
    expect(loaded.defaultAlias).toBe("env");
    expect(configError(() => resolveAccount(loaded)).hint).toContain("INCIDENT_IO_API_KEY");
  });
});

describe("resolveAccount", () => {
  it("names the unknown alias, the known ones, and how to add it", () => {
    writeConfig({ accounts: { prod: { apiKey: PROD_KEY }, staging: { apiKey: STAGING_KEY } } });
    const error = configError(() => resolveAccount(load(), "qa"));
    expect(error.code).toBe("config");
    expect(error.message).toContain('"qa"');
    expect(error.message).toContain("prod, staging");
    expect(error.hint).toContain("incidentkit accounts add qa");
  });

  it("says how to configure an account when there is none", () => {
    const error = configError(() => resolveAccount(load()));
    expect(error.message).toBe("no incident.io account is configured");
    expect(error.hint).toContain("set INCIDENT_IO_API_KEY or run incidentkit accounts add");
  });

  it("gives an account the client connects with: its key as bearer token, to its base URL", async () => {
    const server = await new ScriptedServer().start();
    try {
      writeConfig({ accounts: { emulator: { apiKey: PROD_KEY, baseUrl: server.url } } });
      const account = resolveAccount(load());
      server.reply({ body: { severities: [] } });
      const client = new IncidentIo({ ...account, rateLimit: false, maxRetries: 0 });
      expect(await client.severities.list()).toEqual([]);
      expect(server.requests[0]?.headers.authorization).toBe(`Bearer ${PROD_KEY}`);
    } finally {
      await server.close();
    }
  });
});

describe("describeKey", () => {
  it("shows only the last four characters", () => {
    expect(describeKey(PROD_KEY)).toBe("…7f7f");
    expect(describeKey("inc_0123456789abcd")).toBe("…abcd");
  });

  it("shows nothing of a key too short to hide", () => {
    expect(describeKey("abcdef")).toBe("…");
  });
});
