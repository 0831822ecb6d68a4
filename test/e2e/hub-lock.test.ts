/**
 * One hub per data directory, and a demo emulator that keeps its port: real `incidentkit up` processes started,
 * refused, killed with SIGKILL (leaving their lock behind) and started again on the same data directory.
 */
import { type ChildProcessWithoutNullStreams, spawn } from "node:child_process";
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync } from "node:fs";
import { createRequire } from "node:module";
import { createServer, type Server } from "node:net";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { pathToFileURL } from "node:url";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { TEST_RULES } from "../../src/hub/testing.js";
import { createTestDatabase, postgresUnavailable } from "../../src/store/testing/databases.js";
import { type CliWorld, startCliWorld } from "./cli-harness.js";
import { type RunningHub, runningHub, startHub, writeHubFiles } from "./hub-harness.js";

const MAIN = new URL("../../src/faces/cli/main.ts", import.meta.url).pathname;
// By its path: the CLI runs in a directory of its own, where `--import tsx` would not resolve.
const TSX = pathToFileURL(createRequire(import.meta.url).resolve("tsx")).href;

interface Run {
  code: number | null;
  stdout: string;
  stderr: string;
}

function spawnCli(home: string, cwd: string, args: string[]): ChildProcessWithoutNullStreams {
  return spawn(process.execPath, ["--import", TSX, MAIN, ...args], {
    cwd,
    env: { PATH: process.env.PATH ?? "", HOME: home },
  });
}

function run(home: string, cwd: string, args: string[]): Promise<Run> {
  return new Promise((resolve, reject) => {
    const child = spawnCli(home, cwd, args);
    let stdout = "";
    let stderr = "";
    child.stdout.on("data", (chunk) => {
      stdout += chunk;
    });
    child.stderr.on("data", (chunk) => {
      stderr += chunk;
    });
    child.once("error", reject);
    child.once("close", (code) => resolve({ code, stdout, stderr }));
    child.stdin.end();
  });
}

/** The banner's "look at it" command: the demo emulator's URL and key. */
function emulatorIn(banner: string): { url: string; key: string } {
  const found = /INCIDENT_IO_BASE_URL=(\S+) INCIDENT_IO_API_KEY=(\S+)/.exec(banner);
  if (!found) throw new Error(`no emulator in the banner:\n${banner}`);
  return { url: found[1] as string, key: found[2] as string };
}

const portOf = (url: string) => Number(new URL(url).port);

function listenOn(port: number): Promise<Server> {
  const server = createServer();
  return new Promise((resolve, reject) => {
    server.once("error", reject);
    server.listen(port, "127.0.0.1", () => resolve(server));
  });
}

describe("the demo hub on one data directory", () => {
  // An empty home (no account, so the demo's local emulator) and a working directory with no hub.yaml.
  const home = mkdtempSync(join(tmpdir(), "incidentkit-lock-"));
  const work = join(home, "work");
  const dataDir = join(home, ".local", "share", "incidentkit", "hub");
  const lockFile = join(dataDir, "hub.lock");
  const running: RunningHub[] = [];
  let busy: Server | undefined;

  const startDemo = async (...flags: string[]) => {
    const hub = await runningHub(spawnCli(home, work, ["up", "--port", "0", ...flags]));
    running.push(hub);
    return hub;
  };

  beforeAll(() => {
    mkdirSync(work);
  });

  afterAll(async () => {
    await Promise.all(running.map((hub) => hub.kill()));
    await new Promise((resolve) => (busy ? busy.close(resolve) : resolve(undefined)));
    rmSync(home, { recursive: true, force: true });
  });

  let first: RunningHub;

  it("locks its data directory with its PID and URL", async () => {
    first = await startDemo();
    expect(JSON.parse(readFileSync(lockFile, "utf8"))).toMatchObject({
      pid: first.child.pid,
      url: first.url,
    });
  }, 60_000);

  it("refuses a second hub on it, naming the running one's URL and PID and the fix", async () => {
    const second = await run(home, work, ["up", "--port", "0"]);
    expect(second.code).toBe(1);
    expect(second.stdout).toBe("");
    expect(second.stderr).toBe(
      `error: another hub is already running on data directory ${dataDir}: ${first.url} (PID ${first.child.pid}); two hubs on one data directory would both act on the same alerts\n` +
        `hint: stop it (Ctrl+C where it runs, or kill ${first.child.pid}), or give this one another data directory (incidentkit up --data-dir <dir>, or INCIDENTKIT_DATA_DIR)\n`,
    );
    // The refused hub left the running one's lock as it was.
    expect(JSON.parse(readFileSync(lockFile, "utf8"))).toMatchObject({
      pid: first.child.pid,
      url: first.url,
    });
  }, 60_000);

  it("starts a second demo on another data directory, as the refusal says", async () => {
    const other = join(home, "second-demo");
    const second = await startDemo("--data-dir", other);
    expect(second.banner).toContain(`State: ${other}\n`);
    expect(second.banner).toContain(`(state in ${join(other, "emulator")})`);
    expect(emulatorIn(second.banner).url).not.toBe(emulatorIn(first.banner).url);
    expect(JSON.parse(readFileSync(join(other, "hub.lock"), "utf8")).pid).toBe(second.child.pid);
    expect(await second.stop()).toBe(0);
    expect(existsSync(join(other, "hub.lock"))).toBe(false);
  }, 60_000);

  it("takes over the lock a killed hub left, saying so, with the emulator on the port it had", async () => {
    const emulator = emulatorIn(first.banner);
    await first.kill();
    expect(JSON.parse(readFileSync(lockFile, "utf8")).pid).toBe(first.child.pid);

    const restarted = await startDemo();
    // Not a terminal: the hub's log is JSON lines, the note one of them.
    const log = restarted
      .stderr()
      .split("\n")
      .filter((line) => line !== "")
      .map((line) => JSON.parse(line) as { level: string; name: string; msg: string });
    expect(log).toContainEqual(
      expect.objectContaining({
        level: "info",
        name: "hub",
        msg: `note: ${lockFile} was left by a hub no longer running (PID ${first.child.pid}, ${first.url}); this hub takes it over`,
      }),
    );
    expect(JSON.parse(readFileSync(lockFile, "utf8"))).toMatchObject({
      pid: restarted.child.pid,
      url: restarted.url,
    });
    // The last run's "look at it" command works as it was printed.
    expect(emulatorIn(restarted.banner)).toEqual(emulator);
    const incidents = await fetch(`${emulator.url}/v2/incidents?page_size=1`, {
      headers: { authorization: `Bearer ${emulator.key}` },
    });
    expect(incidents.status).toBe(200);
    expect(restarted.banner).not.toContain("was taken");

    expect(await restarted.stop()).toBe(0);
    expect(existsSync(lockFile)).toBe(false);
  }, 60_000);

  it("moves the emulator to a new port when its own is taken, says so in the banner, and keeps the new one", async () => {
    const kept = portOf(emulatorIn(first.banner).url);
    busy = await listenOn(kept);
    const moved = await startDemo();
    const now = portOf(emulatorIn(moved.banner).url);
    expect(now).not.toBe(kept);
    expect(moved.banner).toContain(
      `  the demo emulator's port ${kept} was taken; it now listens on ${now} (kept for the next start)\n`,
    );
    expect(await moved.stop()).toBe(0);

    const again = await startDemo();
    expect(portOf(emulatorIn(again.banner).url)).toBe(now);
    expect(again.banner).not.toContain("was taken");
    expect(await again.stop()).toBe(0);
  }, 60_000);
});

describe("a hub.yaml hub on SQLite", () => {
  let world: CliWorld;
  const running: RunningHub[] = [];

  beforeAll(async () => {
    world = await startCliWorld();
  });

  afterAll(async () => {
    await Promise.all(running.map((hub) => hub.kill()));
    await world?.close();
  });

  it("refuses a second hub with the same data_dir, naming data_dir as the fix", async () => {
    const config = writeHubFiles(
      world,
      "listen: { host: 127.0.0.1, port: 0 }\ndata_dir: ./hub-state\nsources:\n  prometheus: { format: alertmanager, token_env: PROM_ALERT_TOKEN }\n",
      TEST_RULES,
    );
    const env = { PROM_ALERT_TOKEN: "e2e-prom-token-0123456789" };
    const hub = await startHub(world, config, env);
    running.push(hub);
    const second = await world.cli(["up", "--config", config], { env });
    expect(second.code).toBe(1);
    expect(second.stderr).toContain(
      `another hub is already running on data directory ${join(world.home, "hub-state")}: ${hub.url} (PID ${hub.child.pid})`,
    );
    expect(second.stderr).toContain("(--data-dir <dir>, or data_dir in its hub.yaml)");
  }, 60_000);
});

if (postgresUnavailable !== undefined)
  console.log(`hub-lock.test.ts, hubs on PostgreSQL: ${postgresUnavailable}`);

describe.skipIf(postgresUnavailable !== undefined)("hubs on one PostgreSQL database", () => {
  let world: CliWorld;
  let database: { url: string; drop(): Promise<void> } | undefined;
  const running: RunningHub[] = [];

  beforeAll(async () => {
    world = await startCliWorld();
    database = await createTestDatabase();
  }, 60_000);

  afterAll(async () => {
    await Promise.all(running.map((hub) => hub.kill()));
    await world?.close();
    await database?.drop();
  });

  it("both start from one hub.yaml and data_dir: they keep nothing there to share", async () => {
    const config = writeHubFiles(
      world,
      "listen: { host: 127.0.0.1, port: 0 }\ndata_dir: ./hub-state\nsources:\n  prometheus: { format: alertmanager, token_env: PROM_ALERT_TOKEN }\n",
      TEST_RULES,
    );
    const env = { PROM_ALERT_TOKEN: "e2e-prom-token-0123456789", DATABASE_URL: database?.url ?? "" };
    running.push(await startHub(world, config, env));
    running.push(await startHub(world, config, env));
    expect(running[0]?.banner).toContain("Database: PostgreSQL at");
    expect(running[1]?.url).not.toBe(running[0]?.url);
    expect(existsSync(join(world.home, "hub-state", "hub.lock"))).toBe(false);
  }, 60_000);
});
