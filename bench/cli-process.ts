import { spawn } from "node:child_process";
import { createInterface } from "node:readline";

const MAIN = new URL("../dist/faces/cli/main.js", import.meta.url).pathname;

export interface CliProcess {
  /** What it printed on stdout up to and including the ready line. */
  lines: string[];
  /** Its process ID, to read what it costs from /proc. */
  pid: number | undefined;
  /** SIGTERM, then waits for it to exit. */
  stop(): Promise<void>;
}

/**
 * Starts `incidentkit <args>` from dist/ with only the environment given, and waits for the stdout line matching
 * `ready`. Its stdout is never echoed (the emulator prints API keys); stderr is passed through.
 */
export async function startCli(
  args: string[],
  env: Record<string, string>,
  ready: RegExp,
): Promise<CliProcess> {
  const child = spawn(process.execPath, [MAIN, ...args], { env, stdio: ["ignore", "pipe", "inherit"] });
  const exited = new Promise<void>((resolve) => child.once("exit", () => resolve()));
  const stop = async () => {
    if (child.exitCode === null && child.signalCode === null) child.kill("SIGTERM");
    await exited;
  };
  const lines: string[] = [];
  let isReady = false;
  try {
    await new Promise<void>((resolve, reject) => {
      createInterface({ input: child.stdout }).on("line", (line) => {
        if (isReady) return;
        lines.push(line);
        isReady = ready.test(line);
        if (isReady) resolve();
      });
      child.once("error", reject);
      child.once("exit", (code) => reject(new Error(`incidentkit ${args[0]} exited with ${code}`)));
    });
  } catch (error) {
    await stop();
    throw error;
  }
  return { lines, pid: child.pid, stop };
}
