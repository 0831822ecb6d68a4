/**
 * Runs `incidentkit` as a user would: a real process with only the environment given (plus PATH), stdin closed
 * after `input`, against an emulator over real HTTP. For the cli-*.test.ts files.
 */
import { type ChildProcessWithoutNullStreams, spawn } from "node:child_process";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { expect } from "vitest";
import type { EmulatorOptions } from "../../src/emulator/index.js";
import type { Snapshot } from "../../src/emulator/model.js";
import { testSnapshot } from "../../src/emulator/testing.js";
import { startTestEmulator, type TestEmulator } from "../support/emulator.js";

const MAIN = new URL("../../src/faces/cli/main.ts", import.meta.url).pathname;

export interface Run {
  code: number;
  stdout: string;
  stderr: string;
}

export interface CliOptions {
  env?: Record<string, string>;
  /** Written to stdin, which is then closed (stdin is never a terminal here). */
  input?: string;
}

export interface CliWorld {
  t: TestEmulator;
  snapshot: Snapshot;
  home: string;
  configFile: string;
  cli(args: string[], options?: CliOptions): Promise<Run>;
  /** The CLI as a running process, stdin left open, for conversations such as MCP. */
  spawnCli(args: string[], env?: Record<string, string>): ChildProcessWithoutNullStreams;
  close(): Promise<void>;
}

/**
 * An emulator on the test organisation (changed first by `seed`, started with `emulator`'s rate limit, response
 * hook and clock), a temporary home, and a way to run the CLI.
 */
export async function startCliWorld(
  seed: (snapshot: Snapshot) => void = () => {},
  emulator: Pick<EmulatorOptions, "rateLimit" | "onResponse" | "clock"> = {},
): Promise<CliWorld> {
  const snapshot = testSnapshot();
  seed(snapshot);
  const t = await startTestEmulator({ ...emulator, ephemeral: true, snapshot, listen: true });
  const home = mkdtempSync(join(tmpdir(), "incidentkit-cli-"));
  const configFile = join(home, "config.json");
  const spawnCli = (args: string[], env: Record<string, string> = {}): ChildProcessWithoutNullStreams =>
    spawn(process.execPath, ["--import", "tsx", MAIN, ...args], {
      env: {
        PATH: process.env.PATH ?? "",
        INCIDENTKIT_CONFIG: configFile,
        INCIDENTKIT_DATA_DIR: join(home, "data"),
        INCIDENT_IO_BASE_URL: t.url,
        INCIDENT_IO_API_KEY: t.adminKey,
        ...env,
      },
    });
  const cli = (args: string[], options: CliOptions = {}): Promise<Run> =>
    new Promise((resolve, reject) => {
      const child = spawnCli(args, options.env);
      let stdout = "";
      let stderr = "";
      child.stdout.on("data", (chunk) => {
        stdout += chunk;
      });
      child.stderr.on("data", (chunk) => {
        stderr += chunk;
      });
      child.once("error", reject);
      child.once("close", (code) => resolve({ code: code ?? 1, stdout, stderr }));
      child.stdin.end(options.input ?? "");
    });
  return {
    t,
    snapshot,
    home,
    configFile,
    cli,
    spawnCli,
    async close() {
      await t.close();
      rmSync(home, { recursive: true, force: true });
    },
  };
}

/** The token of the test organisation's key with this name. */
export function keyNamed(snapshot: Snapshot, name: string): string {
  const key = snapshot.api_keys.find((candidate) => candidate.name === name);
  if (!key) throw new Error(`test organisation has no API key "${name}"`);
  return key.token;
}

/** stdout parsed as the one JSON document `--json` promises. */
export function json<T = Record<string, unknown>>(run: Run): T {
  return JSON.parse(run.stdout) as T;
}

/** No output may hold the key, or any long piece of it; four characters is all people get to see. */
export function expectKeyHidden(runs: Run[], key: string): void {
  for (const run of runs) {
    const text = `${run.stdout}${run.stderr}`;
    expect(text).not.toContain(key);
    expect(text).not.toContain(key.slice(-8));
    expect(text).not.toContain(key.slice(0, 12));
  }
}
