import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { loadAccounts } from "./accounts.js";
import { ConfigError } from "./errors.js";

/** Not shaped like an incident.io token, so the inc_ pattern cannot hide it: only care can. */
const KEY = "Zq8vR2mK9xL4pT7wN3bY6cH1";

let dir: string;
let configFile: string;

beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), "incidentkit-accounts-file-"));
  configFile = join(dir, "config.json");
});
afterEach(() => {
  rmSync(dir, { recursive: true, force: true });
});

function loadError(content: unknown): ConfigError {
  writeFileSync(configFile, typeof content === "string" ? content : JSON.stringify(content));
  try {
    loadAccounts({ configFile }, {});
  } catch (error) {
    if (error instanceof ConfigError) return error;
    throw error;
  }
  throw new Error("expected a ConfigError");
}

function expectNoKey(error: ConfigError): void {
  const shown = [error.message, error.hint, JSON.stringify(error), String(error.stack)].join("\n");
  for (let start = 0; start + 6 <= KEY.length; start++)
    expect(shown).not.toContain(KEY.slice(start, start + 6));
}

describe("a malformed config file", () => {
  it("names the file and where the JSON breaks, without quoting the key before it", () => {
    const error = loadError(`{\n  "accounts": {\n    "prod": { "apiKey": "${KEY}" }\n  },,\n}`);
    expect(error.message).toContain(configFile);
    expect(error.message).toContain("not valid JSON");
    expect(error.message).toContain("line 4");
    expect(error.hint).toContain(configFile);
    expectNoKey(error);
  });

  it("leaves out the excerpt JSON.parse puts in an unexpected-token message", () => {
    const error = loadError(`{"accounts": {"prod": {"apiKey": "${KEY}"}}}}`);
    expect(error.message).toContain("not valid JSON");
    expectNoKey(error);
    const unquoted = loadError(`{"accounts": {"prod": {"apiKey": ${KEY}}}}`);
    expect(unquoted.message).toContain("Unexpected token");
    expectNoKey(unquoted);
  });

  it("says the accounts must be keyed by alias when given as a list", () => {
    const error = loadError({ accounts: [{ alias: "prod", apiKey: KEY }] });
    expect(error.setting).toBe("accounts");
    expect(error.message).toContain("keyed by alias");
    expectNoKey(error);
  });
});

describe("an invalid account in the config file", () => {
  it("names a field an account cannot have, without its value", () => {
    const error = loadError({ accounts: { prod: { apikey: KEY } } });
    expect(error.setting).toBe("accounts.prod");
    expect(error.message).toContain("apikey");
    expectNoKey(error);
  });

  it("rejects an alias that does not fit the pattern", () => {
    const error = loadError({ accounts: { "Prod EU": { apiKey: KEY } } });
    expect(error.setting).toBe("accounts.Prod EU");
    expect(error.message).toContain("not a valid account alias");
    expectNoKey(error);
  });

  it("reserves the alias env for the environment's account", () => {
    const error = loadError({ accounts: { env: { apiKey: KEY } } });
    expect(error.message).toContain("reserved");
    expectNoKey(error);
  });

  it("needs exactly one of apiKey and apiKeyEnv", () => {
    expect(loadError({ accounts: { prod: {} } }).message).toContain("exactly one of apiKey and apiKeyEnv");
    const both = loadError({ accounts: { prod: { apiKey: KEY, apiKeyEnv: "PROD_KEY" } } });
    expect(both.setting).toBe("accounts.prod");
    expectNoKey(both);
  });

  it("rejects a key that is not a string, naming the field", () => {
    const error = loadError({ accounts: { prod: { apiKey: 42 } } });
    expect(error.setting).toBe("accounts.prod.apiKey");
  });

  it("rejects an apiKeyEnv that is not a variable name", () => {
    const error = loadError({ accounts: { prod: { apiKeyEnv: "$PROD KEY" } } });
    expect(error.setting).toBe("accounts.prod.apiKeyEnv");
  });

  it("rejects a base URL that would send the key in the clear, naming the field", () => {
    const error = loadError({ accounts: { prod: { apiKey: KEY, baseUrl: "http://api.incident.io" } } });
    expect(error.setting).toBe("accounts.prod.baseUrl");
    expect(error.message).toContain(configFile);
    expect(error.message).toContain("https");
    expectNoKey(error);
  });

  it("rejects a defaultAccount that names no account, listing the accounts", () => {
    const error = loadError({ defaultAccount: "staging", accounts: { prod: { apiKey: KEY } } });
    expect(error.setting).toBe("defaultAccount");
    expect(error.message).toContain('"staging"');
    expect(error.message).toContain("accounts: prod");
    expectNoKey(error);
  });

  it("never shows a key in any of these messages, even a key in the wrong place", () => {
    const contents = [
      { accounts: { prod: { apiKey: KEY, token: KEY } } },
      { accounts: { prod: KEY } },
      { accounts: { prod: { apiKey: [KEY] } } },
      { accounts: { prod: { apiKey: `${KEY} ${KEY}` } } },
      { accounts: { "bad alias": { apiKey: KEY } } },
    ];
    for (const content of contents) expectNoKey(loadError(content));
  });
});

it("keeps other top-level sections of the file out of the way", () => {
  writeFileSync(configFile, JSON.stringify({ hub: { port: 8080 }, accounts: { prod: { apiKey: KEY } } }));
  expect(loadAccounts({ configFile }, {}).accounts.map((a) => a.alias)).toEqual(["prod"]);
});
