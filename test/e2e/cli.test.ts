/**
 * The `incidentkit` program as a user runs it: a real process, its stdout, stderr and exit code, against an
 * emulator over real HTTP.
 */
import { type ChildProcess, execFile, spawn } from "node:child_process";
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { createInterface } from "node:readline";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { named, testSnapshot } from "../../src/emulator/testing.js";
import { startTestEmulator, type TestEmulator } from "../support/emulator.js";

const MAIN = new URL("../../src/faces/cli/main.ts", import.meta.url).pathname;

interface Run {
  code: number;
  stdout: string;
  stderr: string;
}

let t: TestEmulator;
let home: string;
let severityId: string;

beforeAll(async () => {
  const snapshot = testSnapshot();
  severityId = named(snapshot.severities, "Minor").id;
  t = await startTestEmulator({ ephemeral: true, snapshot, listen: true });
  home = mkdtempSync(join(tmpdir(), "incidentkit-cli-"));
});

afterAll(async () => {
  await t.close();
  rmSync(home, { recursive: true, force: true });
});

/** Runs the CLI with only the environment given (plus PATH), so nothing of the machine's leaks in. */
function cli(args: string[], env: Record<string, string> = {}): Promise<Run> {
  return new Promise((resolve) => {
    execFile(
      process.execPath,
      ["--import", "tsx", MAIN, ...args],
      {
        env: {
          PATH: process.env.PATH ?? "",
          INCIDENTKIT_CONFIG: join(home, "config.json"),
          INCIDENTKIT_DATA_DIR: join(home, "data"),
          INCIDENT_IO_BASE_URL: t.url,
          INCIDENT_IO_API_KEY: t.adminKey,
          ...env,
        },
      },
      (error, stdout, stderr) => {
        const code = error ? (typeof error.code === "number" ? error.code : 1) : 0;
        resolve({ code, stdout, stderr });
      },
    );
  });
}

describe("incidentkit --version", () => {
  it("prints the package's version and exits 0", async () => {
    const { version } = JSON.parse(readFileSync(new URL("../../package.json", import.meta.url), "utf8"));
    const run = await cli(["--version"]);
    expect(run.code).toBe(0);
    expect(run.stdout.trim()).toBe(version);
  });
});

describe("incidentkit api", () => {
  it("prints the JSON answer of a GET, with query parameters in the API's bracket form", async () => {
    const run = await cli(["api", "GET", "/v1/severities"]);
    expect(run.code).toBe(0);
    const names = JSON.parse(run.stdout).severities.map((s: { name: string }) => s.name);
    expect(names).toEqual(["Minor", "Major", "Critical"]);

    await cli(["api", "POST", "/v2/incidents", "-d", createBody("cli-1")]);
    const live = await cli([
      "api",
      "GET",
      "/v2/incidents",
      "-q",
      "status_category[one_of]=live",
      "-q",
      "page_size=1",
    ]);
    expect(live.code).toBe(0);
    expect(JSON.parse(live.stdout).pagination_meta.page_size).toBe(1);
  });

  it("creates with --data, idempotently, and pages through everything with --paginate", async () => {
    const first = await cli(["api", "POST", "/v2/incidents", "-d", createBody("cli-2")]);
    const again = await cli(["api", "POST", "/v2/incidents", "-d", createBody("cli-2")]);
    expect(first.code).toBe(0);
    expect(JSON.parse(again.stdout).incident.id).toBe(JSON.parse(first.stdout).incident.id);

    const all = await cli(["api", "GET", "/v2/incidents", "--paginate", "-q", "page_size=1"]);
    expect(all.code).toBe(0);
    const references = JSON.parse(all.stdout).map((i: { reference: string }) => i.reference);
    const standard = t.emulator.incidents().filter((i) => i.mode === "standard");
    expect(references).toHaveLength(standard.length);
    expect(new Set(references).size).toBe(references.length);
  });

  it("reads --data from a file", async () => {
    const file = join(home, "severity.json");
    writeFileSync(file, JSON.stringify({ name: "From file", description: "Made by the CLI test", rank: 9 }));
    const run = await cli(["api", "POST", "/v1/severities", "-d", `@${file}`]);
    expect(run.code).toBe(0);
    expect(JSON.parse(run.stdout).severity.name).toBe("From file");
  });

  it("exits 4 with the API's message and a hint for an unknown incident", async () => {
    const run = await cli(["api", "GET", "/v2/incidents/999999"]);
    expect(run.code).toBe(4);
    expect(run.stderr).toMatch(/404/);
    expect(run.stderr).toMatch(/hint: /);
    expect(run.stdout).toBe("");
  });

  it("exits 3 for a bad key and never prints the key, even with --debug", async () => {
    const secret = "inc_not-a-real-key-0123456789abcdef";
    const run = await cli(["--debug", "api", "GET", "/v1/identity"], { INCIDENT_IO_API_KEY: secret });
    expect(run.code).toBe(3);
    expect(run.stderr).toMatch(/401/);
    expect(run.stderr).toMatch(/debug: GET .*\/v1\/identity -> 401/);
    expect(`${run.stdout}${run.stderr}`).not.toContain(secret);
    expect(`${run.stdout}${run.stderr}`).not.toContain(secret.slice(-12));
  });

  it("exits 2 naming the mistake for bad usage", async () => {
    const method = await cli(["api", "FETCH", "/v1/identity"]);
    expect(method.code).toBe(2);
    expect(method.stderr).toContain("<method> must be one of");
    const data = await cli(["api", "POST", "/v1/severities", "-d", "{not json"]);
    expect(data.code).toBe(2);
    expect(data.stderr).toContain("--data must be JSON");
    const missing = await cli(["api"]);
    expect(missing.code).toBe(2);
  });

  it("exits 3 saying what to set when no account is configured", async () => {
    const run = await cli(["api", "GET", "/v1/identity"], { INCIDENT_IO_API_KEY: "" });
    expect(run.code).toBe(3);
    expect(run.stderr).toContain("no incident.io account is configured");
    expect(run.stderr).toContain("INCIDENT_IO_API_KEY");
  });
});

describe("incidentkit emulator", () => {
  it("starts, prints its URL and keys, answers the API, and stops on SIGTERM", async () => {
    const { child, url, key, lines } = await startEmulatorProcess([]);
    expect(url).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/);
    expect(lines.join("\n")).toContain("npx incidentkit incidents list --status-category live");

    const identity = await fetch(`${url}/v1/identity`, { headers: { authorization: `Bearer ${key}` } });
    expect(identity.status).toBe(200);

    const exited = new Promise<number | null>((resolve) => child.once("exit", resolve));
    child.kill("SIGTERM");
    expect(await exited).toBe(0);
  });

  it("refuses bad flags with exit code 2, naming the flag", async () => {
    const port = await cli(["emulator", "--ephemeral", "--port", "70000"]);
    expect(port.code).toBe(2);
    expect(port.stderr).toContain("--port must be a whole number from 0 to 65535");
    const rate = await cli(["emulator", "--ephemeral", "--port", "0", "--error-rate", "1.5"]);
    expect(rate.code).toBe(2);
    expect(rate.stderr).toContain("--error-rate must be a number from 0 to 1");
  });

  it("says the port is taken, and what to do, when another process holds it", async () => {
    const port = new URL(t.url).port;
    const run = await cli(["emulator", "--ephemeral", "--port", port]);
    expect(run.code).toBe(1);
    expect(run.stderr).toContain(`port ${port} on 127.0.0.1 is already in use`);
    expect(run.stderr).toContain("hint: stop the other process, or choose another port");
  });

  it("starts with faults switched on from the command line", async () => {
    const { child, url, key, lines } = await startEmulatorProcess(["--error-rate", "1"]);
    expect(lines.join("\n")).toContain("Faults on: error rate 1");
    const answer = await fetch(`${url}/v1/identity`, { headers: { authorization: `Bearer ${key}` } });
    expect(answer.status).toBe(500);
    expect(((await answer.json()) as { type: string }).type).toBe("api_error");
    const exited = new Promise((resolve) => child.once("exit", resolve));
    child.kill("SIGTERM");
    await exited;
  });
});

function createBody(key: string): string {
  return JSON.stringify({
    idempotency_key: key,
    visibility: "public",
    name: `CLI test ${key}`,
    severity_id: severityId,
  });
}

/** `incidentkit emulator` in its own process (ephemeral, empty, any port), once it has printed its welcome. */
async function startEmulatorProcess(flags: string[]) {
  const child: ChildProcess = spawn(
    process.execPath,
    ["--import", "tsx", MAIN, "emulator", "--ephemeral", "--seed", "empty", "--port", "0", ...flags],
    { env: { PATH: process.env.PATH ?? "", INCIDENTKIT_DATA_DIR: join(home, "data") } },
  );
  const lines: string[] = [];
  const output = createInterface({ input: child.stdout as NodeJS.ReadableStream });
  await new Promise<void>((resolve, reject) => {
    output.on("line", (line) => {
      lines.push(line);
      if (line.startsWith("Press Ctrl+C")) resolve();
    });
    child.once("exit", (code) =>
      reject(new Error(`emulator exited early with ${code}: ${lines.join("\n")}`)),
    );
  });
  const url = /listening on (http:\/\/\S+)/.exec(lines.join("\n"))?.[1];
  const key = lines.find((line) => line.includes("global_access"))?.match(/inc_[0-9a-f]+/)?.[0];
  return { child, url, key, lines };
}
