import { type ChildProcess, spawn } from "node:child_process";
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from "vitest";
import type { Config } from "../../api/config.js";
import { ConfigError } from "../../api/errors.js";
import { keepEmulatorKey } from "./commands/up-emulator-key.js";
import { chooseAccount, mayBeLocalHubs } from "./local-account.js";
import { prepareRun } from "./local-hub.js";

/** Another process, alive while the tests run: a lock naming it is a running hub's. */
let other: ChildProcess;
let root: string;
let hubDir: string;

beforeAll(async () => {
  other = spawn(process.execPath, ["-e", "setTimeout(() => {}, 600000)"], { stdio: "ignore" });
  await new Promise((resolve) => other.once("spawn", resolve));
});

afterAll(() => {
  other.kill();
});

beforeEach(() => {
  root = mkdtempSync(join(tmpdir(), "incidentkit-account-"));
  hubDir = join(root, "data", "hub");
  mkdirSync(hubDir, { recursive: true });
});

afterEach(() => {
  rmSync(root, { recursive: true, force: true });
});

const EMULATOR_KEY = `inc_${"e".repeat(64)}`;
const ENV_KEY = `inc_${"f".repeat(64)}`;

/** The demo hub as `up` leaves it: its emulator's port and key kept, and (when `running`) its lock held. */
function demoHub(options: { running: boolean; emulator?: boolean }): string {
  const url = "http://127.0.0.1:43329";
  if (options.emulator !== false) {
    writeFileSync(join(hubDir, "emulator-port.json"), '{"port": 43329}');
    keepEmulatorKey(hubDir, EMULATOR_KEY);
  }
  if (options.running) {
    const lock = { pid: other.pid, url: "http://127.0.0.1:8780", started_at: new Date().toISOString() };
    writeFileSync(join(hubDir, "hub.lock"), JSON.stringify(lock));
  }
  return url;
}

/** A CLI run's configuration, prepared as the program's hook prepares it. */
async function prepared(env: Record<string, string>, accounts?: object): Promise<Config> {
  const configFile = join(root, "config.json");
  if (accounts) writeFileSync(configFile, JSON.stringify(accounts));
  const config: Config = { dataDir: join(root, "data"), configFile, accountEnv: env };
  // --json: the run says nothing on stderr but errors.
  await prepareRun(config, { json: true }, true);
  return config;
}

describe("the account a command uses, with a local hub", () => {
  it("is the running demo's emulator when nothing is configured", async () => {
    const url = demoHub({ running: true });
    const account = chooseAccount(await prepared({}), undefined);
    expect(account).toEqual({ alias: "emulator", apiKey: EMULATOR_KEY, baseUrl: url, source: "hub" });
  });

  it("says the demo is not running, or has no emulator yet, with how to start it", async () => {
    demoHub({ running: false });
    const stopped = await prepared({});
    expect(() => chooseAccount(stopped, undefined)).toThrow(ConfigError);
    expect(() => chooseAccount(stopped, undefined)).toThrow(
      /the demo hub \(data directory .*\) is not running/,
    );
    rmSync(join(hubDir, "emulator-port.json"));
    const never = await prepared({});
    expect(() => chooseAccount(never, undefined)).toThrow(/has no local emulator/);
  });

  it("names the hub's own account `emulator` when the environment points at its emulator, not `env`", async () => {
    const url = demoHub({ running: true });
    const pointed = await prepared({ INCIDENT_IO_API_KEY: ENV_KEY, INCIDENT_IO_BASE_URL: `${url}/` });
    expect(chooseAccount(pointed, undefined)).toMatchObject({
      alias: "emulator",
      apiKey: ENV_KEY,
      baseUrl: url,
    });
    const elsewhere = await prepared({
      INCIDENT_IO_API_KEY: ENV_KEY,
      INCIDENT_IO_BASE_URL: "http://127.0.0.1:9",
    });
    expect(chooseAccount(elsewhere, undefined).alias).toBe("env");
  });

  it("takes --account emulator as the hub's emulator, and leaves configured accounts as they are", async () => {
    demoHub({ running: true });
    const accounts = { defaultAccount: "prod", accounts: { prod: { apiKey: ENV_KEY } } };
    const config = await prepared({}, accounts);
    expect(chooseAccount(config, undefined).alias).toBe("prod");
    expect(chooseAccount(config, "emulator")).toMatchObject({ alias: "emulator", apiKey: EMULATOR_KEY });
    expect(() => chooseAccount(config, "staging")).toThrow(/no account is named "staging"/);
  });

  it("finds the hub only when the account may be its own", () => {
    const none = { accounts: [], unavailable: [] };
    const prod = {
      accounts: [
        { alias: "prod", apiKey: ENV_KEY, baseUrl: "https://api.incident.io", source: "file" as const },
      ],
      unavailable: [],
      defaultAlias: "prod",
    };
    expect(mayBeLocalHubs(none, undefined, {})).toBe(true);
    expect(mayBeLocalHubs(prod, undefined, {})).toBe(false);
    expect(mayBeLocalHubs(prod, "emulator", {})).toBe(true);
    expect(mayBeLocalHubs(prod, "prod", {})).toBe(false);
  });
});
