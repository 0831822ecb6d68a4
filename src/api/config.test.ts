import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { loadAccounts } from "./accounts.js";
import { loadConfig, readConfigFile } from "./config.js";
import { ConfigError } from "./errors.js";

const KEY = `inc_${"9d".repeat(32)}`;

let dir: string;

beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), "incidentkit-config-"));
});
afterEach(() => {
  rmSync(dir, { recursive: true, force: true });
});

describe("loadConfig", () => {
  it("puts data and the config file under HOME by default", () => {
    const config = loadConfig({ HOME: "/home/ada" });
    expect(config.dataDir).toBe("/home/ada/.local/share/incidentkit");
    expect(config.configFile).toBe("/home/ada/.config/incidentkit/config.json");
  });

  it("follows the XDG directories, and INCIDENTKIT_DATA_DIR and INCIDENTKIT_CONFIG over them", () => {
    const xdg = loadConfig({ HOME: "/home/ada", XDG_DATA_HOME: "/data", XDG_CONFIG_HOME: "/conf" });
    expect(xdg.dataDir).toBe("/data/incidentkit");
    expect(xdg.configFile).toBe("/conf/incidentkit/config.json");
    const explicit = loadConfig({
      HOME: "/home/ada",
      XDG_DATA_HOME: "/data",
      INCIDENTKIT_DATA_DIR: "/srv/incidentkit",
      INCIDENTKIT_CONFIG: "/etc/incidentkit.json",
    });
    expect(explicit.dataDir).toBe("/srv/incidentkit");
    expect(explicit.configFile).toBe("/etc/incidentkit.json");
  });

  it("passes accounts the environment, including variables the file's apiKeyEnv names", () => {
    const configFile = join(dir, "config.json");
    writeFileSync(configFile, JSON.stringify({ accounts: { prod: { apiKeyEnv: "PROD_INCIDENT_KEY" } } }));
    const config = loadConfig({ HOME: dir, INCIDENTKIT_CONFIG: configFile, PROD_INCIDENT_KEY: KEY });
    const loaded = loadAccounts(config);
    expect(loaded.accounts.map((account) => [account.alias, account.apiKey])).toEqual([["prod", KEY]]);
  });
});

describe("readConfigFile", () => {
  it("is undefined when there is no file, and the parsed JSON when there is", () => {
    expect(readConfigFile(join(dir, "missing.json"))).toBeUndefined();
    const path = join(dir, "config.json");
    writeFileSync(path, '{"defaultAccount": "prod"}');
    expect(readConfigFile(path)).toEqual({ defaultAccount: "prod" });
  });

  it("throws a ConfigError naming the file and the line for malformed JSON, without its content", () => {
    const path = join(dir, "config.json");
    writeFileSync(path, `{\n  "accounts": { "prod": { "apiKey": "${KEY}" } }\n  "defaultAccount": "prod"\n}`);
    let error: unknown;
    try {
      readConfigFile(path);
    } catch (caught) {
      error = caught;
    }
    expect(error).toBeInstanceOf(ConfigError);
    const message = (error as ConfigError).message;
    expect(message).toContain(path);
    expect(message).toContain("line 3");
    expect(message).not.toContain(KEY);
    expect((error as ConfigError).code).toBe("config");
  });

  it("throws a ConfigError naming the file when it cannot be read", () => {
    const path = join(dir, "config.json");
    mkdirSync(path);
    expect(() => readConfigFile(path)).toThrow(ConfigError);
    expect(() => readConfigFile(path)).toThrow(`cannot read ${path}`);
  });
});
