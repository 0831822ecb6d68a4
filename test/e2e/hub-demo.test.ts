/**
 * `npm start` on a fresh clone: `incidentkit up` with no hub config, no account and an empty home runs the demo
 * hub, whose banner's curl example, pasted as it is, opens an incident in a local demo emulator.
 */
import { type ChildProcessWithoutNullStreams, spawn } from "node:child_process";
import { mkdirSync, mkdtempSync, rmSync, statSync, writeFileSync } from "node:fs";
import { createRequire } from "node:module";
import { createServer, type Server } from "node:net";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { pathToFileURL } from "node:url";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type RunningHub, runningHub, eventually as waitFor } from "./hub-harness.js";

const MAIN = new URL("../../src/faces/cli/main.ts", import.meta.url).pathname;
// By its path: the CLI runs in a directory of its own, where `--import tsx` would not resolve.
const TSX = pathToFileURL(createRequire(import.meta.url).resolve("tsx")).href;

interface Run {
  code: number | null;
  stdout: string;
  stderr: string;
}

/** A user's machine: an empty home (no config, no account) and a working directory with no hub.yaml. */
function newHome(): { home: string; work: string } {
  const home = mkdtempSync(join(tmpdir(), "incidentkit-demo-"));
  const work = join(home, "work");
  mkdirSync(work);
  return { home, work };
}

function spawnCli(
  home: string,
  cwd: string,
  args: string[],
  env: Record<string, string> = {},
): ChildProcessWithoutNullStreams {
  return spawn(process.execPath, ["--import", TSX, MAIN, ...args], {
    cwd,
    env: { PATH: process.env.PATH ?? "", HOME: home, ...env },
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

/** `incidentkit up` with no flags but `--port 0`, once its whole banner is out. */
function startDemo(home: string, cwd: string, env: Record<string, string> = {}): Promise<RunningHub> {
  return runningHub(spawnCli(home, cwd, ["up", "--port", "0"], env));
}

/** Each source's name and token as the banner lists them. */
function tokensIn(banner: string): Record<string, string> {
  const rows = [...banner.matchAll(/^ {2}(\S+) +POST http:\/\/\S+ +\(\S+; token (\S+)\)$/gm)];
  return Object.fromEntries(rows.map((row) => [row[1] as string, row[2] as string]));
}

/** The banner's first curl example, as `fetch` arguments. */
function firstCurl(banner: string): { url: string; token: string; body: string } {
  const found =
    /curl -s -X POST "(\S+)" -H "Authorization: Bearer (\S+)" \\\n\s+-H "Content-Type: application\/json" -d '([^']+)'/.exec(
      banner,
    );
  if (!found) throw new Error(`no curl example in the banner:\n${banner}`);
  return { url: found[1] as string, token: found[2] as string, body: found[3] as string };
}

/** Polls until `probe` gives a value (this file's waits: up to 15 s, every 100 ms). */
const eventually = <T>(probe: () => Promise<T | undefined>, what: string) =>
  waitFor(probe, what, 15_000, 100);

describe("incidentkit up with nothing configured", () => {
  let home: string;
  let work: string;
  let hub: RunningHub | undefined;
  let firstBanner = "";

  beforeAll(async () => {
    ({ home, work } = newHome());
    hub = await startDemo(home, work);
    firstBanner = hub.banner;
  });

  afterAll(async () => {
    await hub?.stop();
    rmSync(home, { recursive: true, force: true });
  });

  it("prints its URL, says it is the demo, and lists the three sources with their tokens", () => {
    expect(firstBanner).toMatch(/^incidentkit hub listening on http:\/\/127\.0\.0\.1:\d+$/m);
    expect(firstBanner).toContain("built-in demo hub");
    expect(firstBanner).toContain("No incident.io account is configured");
    const tokens = tokensIn(firstBanner);
    expect(Object.keys(tokens)).toEqual(["alertmanager", "grafana", "generic"]);
    for (const token of Object.values(tokens)) expect(token).toMatch(/^demo_[A-Za-z0-9_-]{32}$/);
    const kept = join(home, ".local", "share", "incidentkit", "hub", "demo-tokens.json");
    expect(firstBanner).toContain(kept);
    expect(statSync(kept).mode & 0o777).toBe(0o600);
    expect(firstBanner).toContain("npx incidentkit alerts history");
  });

  it("opens an incident in the demo emulator for the banner's curl example, pasted as it is", async () => {
    const curl = firstCurl(firstBanner);
    expect(curl.token).toBe(tokensIn(firstBanner).generic);
    const response = await fetch(curl.url, {
      method: "POST",
      body: curl.body,
      headers: { authorization: `Bearer ${curl.token}`, "content-type": "application/json" },
    });
    expect(response.status).toBe(202);
    const { alerts } = (await response.json()) as { alerts: Array<{ id: string; decision: string }> };
    expect(alerts[0]?.decision).toBe("open_incident");

    const hubUrl = curl.url.replace(/\/alerts\/generic$/, "");
    const incidentId = await eventually(async () => {
      const detail = await fetch(`${hubUrl}/alerts/${alerts[0]?.id}`, {
        headers: { authorization: `Bearer ${curl.token}` },
      });
      return (
        ((await detail.json()) as { group: { incident_id: string | null } }).group.incident_id ?? undefined
      );
    }, "the incident to be declared");

    const emulator = /INCIDENT_IO_BASE_URL=(\S+) INCIDENT_IO_API_KEY=(\S+)/.exec(firstBanner);
    expect(emulator).not.toBeNull();
    const shown = await fetch(`${emulator?.[1]}/v2/incidents/${incidentId}`, {
      headers: { authorization: `Bearer ${emulator?.[2]}` },
    });
    const { incident } = (await shown.json()) as {
      incident: {
        name: string;
        severity: { name: string };
        custom_field_entries: Array<{ custom_field: { name: string }; values: unknown[] }>;
      };
    };
    expect(incident.name).toBe("Database down");
    expect(incident.severity.name).toBe("Critical");
    const services = incident.custom_field_entries.find(
      (entry) => entry.custom_field.name === "Affected services",
    );
    expect(JSON.stringify(services?.values)).toContain("payments-api");
  });

  it("shows that alert and its incident in `alerts history`, run with no flags", async () => {
    const history = await run(home, work, ["alerts", "history"]);
    // One line saying which hub it found by itself: this one.
    expect(history.stderr).toMatch(/^hub: the demo hub at http:\/\/127\.0\.0\.1:\d+ \(data in [^\n]+\n$/);
    expect(history.stdout).toMatch(/generic +firing +Database down +open_incident +INC-\d+/);
  });

  it("reads a hub.yaml's data_dir for `alerts history`, without its token variables", async () => {
    const elsewhere = join(home, "elsewhere");
    mkdirSync(elsewhere);
    writeFileSync(
      join(elsewhere, "hub.yaml"),
      "data_dir: ../.local/share/incidentkit/hub\nsources:\n  prom: { token_env: PROM_ALERT_TOKEN }\n",
    );
    const here = await run(home, elsewhere, ["alerts", "history"]);
    expect(here.stdout).toContain("Database down");
    const named = await run(home, work, ["alerts", "history", "--config", join(elsewhere, "hub.yaml")]);
    expect(named.stdout).toContain("Database down");

    writeFileSync(join(elsewhere, "other.yaml"), "data_dir: ./state\nsources:\n  prom: { token_env: X }\n");
    const other = await run(home, work, ["alerts", "history", "--config", join(elsewhere, "other.yaml")]);
    expect(other.stdout).toContain(
      `No alerts yet: the hub has not run with data directory ${join(elsewhere, "state")}`,
    );
  });

  it("uses the same tokens after a restart, and stays on the emulator once an account is configured", async () => {
    expect(await hub?.stop()).toBe(0);
    const account = { INCIDENT_IO_API_KEY: "inc_0123456789abcdef0123456789abcdef" };
    hub = await startDemo(home, work, account);
    expect(tokensIn(hub.banner)).toEqual(tokensIn(firstBanner));
    expect(hub.banner).toContain("The demo hub delivers to a local emulator with demo data");
    expect(hub.banner).toContain(join(home, ".local", "share", "incidentkit", "hub", "emulator"));
  });
});

describe("incidentkit up, refusing to start", () => {
  let home: string;
  let work: string;
  let busy: Server;

  beforeAll(async () => {
    ({ home, work } = newHome());
    busy = createServer();
    await new Promise<void>((resolve) => busy.listen(0, "127.0.0.1", resolve));
  });

  afterAll(async () => {
    await new Promise((resolve) => busy.close(resolve));
    rmSync(home, { recursive: true, force: true });
  });

  it("says which port is taken and how to pick another", async () => {
    const port = (busy.address() as { port: number }).port;
    const failed = await run(home, work, ["up", "--port", String(port)]);
    expect(failed.code).not.toBe(0);
    expect(failed.stderr).toContain(`port ${port} on 127.0.0.1 is already in use`);
    expect(failed.stderr).toContain("--port");
  });

  it("names a --config file that does not exist, rather than running the demo", async () => {
    const failed = await run(home, work, ["up", "--config", "missing.yaml"]);
    expect(failed.code).toBe(3);
    expect(failed.stderr).toContain(`the hub config ${join(work, "missing.yaml")} does not exist`);
    expect(failed.stdout).toBe("");
  });
});
