import { mkdtempSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { loadAccounts, removeAccount, saveAccount, setDefaultAccount } from "./accounts.js";
import { ConfigError } from "./errors.js";

const PROD_KEY = `inc_${"7f".repeat(32)}`;
const STAGING_KEY = `inc_${"c3".repeat(32)}`;

let dir: string;
let configFile: string;

beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), "incidentkit-accounts-writes-"));
  configFile = join(dir, "nested", "incidentkit", "config.json");
});
afterEach(() => {
  rmSync(dir, { recursive: true, force: true });
});

function fileContent(): unknown {
  return JSON.parse(readFileSync(configFile, "utf8"));
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

describe("saveAccount", () => {
  it("creates the directory and a file only its owner can read, that loadAccounts then reads", () => {
    saveAccount(configFile, { alias: "prod", apiKey: PROD_KEY });
    expect(statSync(configFile).mode & 0o777).toBe(0o600);
    expect(fileContent()).toEqual({ accounts: { prod: { apiKey: PROD_KEY } } });
    const loaded = loadAccounts({ configFile }, {});
    expect(loaded.accounts).toEqual([
      { alias: "prod", apiKey: PROD_KEY, baseUrl: "https://api.incident.io", source: "file" },
    ]);
  });

  it("stores the name of a variable instead of a key, and a normalised base URL", () => {
    saveAccount(configFile, {
      alias: "staging",
      apiKeyEnv: "STAGING_INCIDENT_KEY",
      baseUrl: "http://localhost:8790/",
    });
    expect(fileContent()).toEqual({
      accounts: { staging: { apiKeyEnv: "STAGING_INCIDENT_KEY", baseUrl: "http://localhost:8790" } },
    });
    const loaded = loadAccounts({ configFile }, { STAGING_INCIDENT_KEY: STAGING_KEY });
    expect(loaded.accounts[0]?.apiKey).toBe(STAGING_KEY);
  });

  it("replaces an account with the same alias, keeps the others, and can make it the default", () => {
    saveAccount(configFile, { alias: "prod", apiKey: STAGING_KEY });
    saveAccount(configFile, { alias: "staging", apiKey: STAGING_KEY });
    saveAccount(configFile, { alias: "prod", apiKey: PROD_KEY }, { makeDefault: true });
    expect(fileContent()).toEqual({
      defaultAccount: "prod",
      accounts: { prod: { apiKey: PROD_KEY }, staging: { apiKey: STAGING_KEY } },
    });
  });

  it("keeps the file's other sections and tightens the mode of an existing file", () => {
    saveAccount(configFile, { alias: "prod", apiKey: PROD_KEY });
    writeFileSync(configFile, JSON.stringify({ hub: { port: 8080 }, accounts: {} }), { mode: 0o644 });
    saveAccount(configFile, { alias: "prod", apiKey: PROD_KEY });
    expect(fileContent()).toEqual({ hub: { port: 8080 }, accounts: { prod: { apiKey: PROD_KEY } } });
    expect(statSync(configFile).mode & 0o777).toBe(0o600);
  });

  it("rejects a bad alias, a bad base URL or a missing key, naming the field and writing nothing", () => {
    expect(configError(() => saveAccount(configFile, { alias: "Prod!", apiKey: PROD_KEY })).setting).toBe(
      "alias",
    );
    const http = configError(() =>
      saveAccount(configFile, { alias: "prod", apiKey: PROD_KEY, baseUrl: "http://example.com" }),
    );
    expect(http.setting).toBe("accounts.prod.baseUrl");
    expect(http.message).not.toContain(PROD_KEY);
    const empty = configError(() => saveAccount(configFile, { alias: "prod", apiKey: " " }));
    expect(empty.setting).toBe("accounts.prod.apiKey");
    expect(() => statSync(configFile)).toThrow();
  });

  it("refuses to overwrite a file it cannot read, and leaves it as it was", () => {
    saveAccount(configFile, { alias: "prod", apiKey: PROD_KEY });
    const broken = `{"accounts": {"prod": {"apiKey": "${PROD_KEY}"}`;
    writeFileSync(configFile, broken);
    const error = configError(() => saveAccount(configFile, { alias: "staging", apiKey: STAGING_KEY }));
    expect(error.message).toContain("not valid JSON");
    expect(error.message).not.toContain(PROD_KEY);
    expect(readFileSync(configFile, "utf8")).toBe(broken);
  });

  it("leaves no temporary files behind", () => {
    saveAccount(configFile, { alias: "prod", apiKey: PROD_KEY });
    saveAccount(configFile, { alias: "staging", apiKey: STAGING_KEY });
    expect(readdirSync(join(dir, "nested", "incidentkit"))).toEqual(["config.json"]);
  });
});

describe("removeAccount", () => {
  it("removes the account and, when it was the default, the default with it", () => {
    saveAccount(configFile, { alias: "prod", apiKey: PROD_KEY }, { makeDefault: true });
    saveAccount(configFile, { alias: "staging", apiKey: STAGING_KEY });
    removeAccount(configFile, "prod");
    expect(fileContent()).toEqual({ accounts: { staging: { apiKey: STAGING_KEY } } });
  });

  it("keeps the default when another account goes", () => {
    saveAccount(configFile, { alias: "prod", apiKey: PROD_KEY }, { makeDefault: true });
    saveAccount(configFile, { alias: "staging", apiKey: STAGING_KEY });
    removeAccount(configFile, "staging");
    expect(fileContent()).toEqual({ defaultAccount: "prod", accounts: { prod: { apiKey: PROD_KEY } } });
  });

  it("names the unknown alias and the accounts there are", () => {
    saveAccount(configFile, { alias: "prod", apiKey: PROD_KEY });
    const error = configError(() => removeAccount(configFile, "qa"));
    expect(error.message).toContain('"qa"');
    expect(error.message).toContain("accounts: prod");
  });
});

describe("setDefaultAccount", () => {
  it("makes a file account, or the environment's, the default", () => {
    saveAccount(configFile, { alias: "prod", apiKey: PROD_KEY });
    saveAccount(configFile, { alias: "staging", apiKey: STAGING_KEY });
    setDefaultAccount(configFile, "staging");
    expect(loadAccounts({ configFile }, {}).defaultAlias).toBe("staging");
    setDefaultAccount(configFile, "env");
    expect(loadAccounts({ configFile }, { INCIDENT_IO_API_KEY: PROD_KEY }).defaultAlias).toBe("env");
  });

  it("refuses an alias that is not in the file and leaves the default alone", () => {
    saveAccount(configFile, { alias: "prod", apiKey: PROD_KEY }, { makeDefault: true });
    expect(configError(() => setDefaultAccount(configFile, "qa")).message).toContain('"qa"');
    expect(loadAccounts({ configFile }, {}).defaultAlias).toBe("prod");
  });
});
