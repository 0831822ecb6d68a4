/**
 * The intake floor: bench/intake-floor-server.ts in its own process, as the hub runs in its own, so the load
 * generator and the server never share an event loop. Its database lives in a temporary directory removed on stop.
 */
import { spawn } from "node:child_process";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { createInterface } from "node:readline";

export interface IntakeFloor {
  url: string;
  pid: number | undefined;
  /** SIGTERM, waits for it to exit, then removes its database. */
  stop(): Promise<void>;
}

export async function startIntakeFloor(): Promise<IntakeFloor> {
  const dir = mkdtempSync(join(tmpdir(), "incidentkit-bench-floor-"));
  const child = spawn(
    process.execPath,
    [
      "--import",
      "tsx",
      new URL("./intake-floor-server.ts", import.meta.url).pathname,
      join(dir, "floor.sqlite"),
    ],
    { stdio: ["ignore", "pipe", "inherit"] },
  );
  const exited = new Promise<void>((resolve) => child.once("exit", () => resolve()));
  const stop = async () => {
    if (child.exitCode === null && child.signalCode === null) child.kill("SIGTERM");
    await exited;
    rmSync(dir, { recursive: true, force: true });
  };
  try {
    const ready = await new Promise<string>((resolve, reject) => {
      createInterface({ input: child.stdout }).once("line", resolve);
      child.once("error", reject);
      child.once("exit", (code) => reject(new Error(`the intake floor's server exited with ${code}`)));
    });
    const { url } = JSON.parse(ready) as { url: string };
    return { url, pid: child.pid, stop };
  } catch (error) {
    await stop();
    throw error;
  }
}
