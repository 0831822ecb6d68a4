/**
 * A new user's machine for the tests of the first hour: an empty home (no incidentkit config, no account, no
 * token in the environment) and a working directory, where `incidentkit` runs as a real process, as typed.
 */
import { type ChildProcessWithoutNullStreams, spawn } from "node:child_process";
import { mkdirSync, mkdtempSync } from "node:fs";
import { createRequire } from "node:module";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { pathToFileURL } from "node:url";

const MAIN = new URL("../../src/faces/cli/main.ts", import.meta.url).pathname;
// By its path: the CLI runs in directories of its own, where `--import tsx` would not resolve.
const TSX = pathToFileURL(createRequire(import.meta.url).resolve("tsx")).href;

export interface Run {
  code: number | null;
  stdout: string;
  stderr: string;
}

export interface UserMachine {
  home: string;
  /** The working directory commands run in unless told: it has no hub.yaml. */
  work: string;
  spawnCli(args: readonly string[], options?: RunOptions): ChildProcessWithoutNullStreams;
  run(args: readonly string[], options?: RunOptions): Promise<Run>;
}

export interface RunOptions {
  cwd?: string;
  env?: Record<string, string>;
}

export function newUserMachine(prefix: string): UserMachine {
  const home = mkdtempSync(join(tmpdir(), `incidentkit-${prefix}-`));
  const work = join(home, "work");
  mkdirSync(work);
  const spawnCli = (args: readonly string[], options: RunOptions = {}) =>
    spawn(process.execPath, ["--import", TSX, MAIN, ...args], {
      cwd: options.cwd ?? work,
      env: { PATH: process.env.PATH ?? "", HOME: home, ...options.env },
    });
  const run = (args: readonly string[], options: RunOptions = {}): Promise<Run> =>
    new Promise((resolve, reject) => {
      const child = spawnCli(args, options);
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
  return { home, work, spawnCli, run };
}
