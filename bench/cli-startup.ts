/**
 * CLI cold start: whole `incidentkit` processes, timed from spawn to exit, next to Node's own start-up and the
 * skill's `curl | jq` recipe for the same list, all in one run against one local emulator.
 */
import { spawnSync } from "node:child_process";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { median, percentile } from "./load.js";
import { startEmulatorProcess } from "./spawn.js";

const RUNS = 20;
const MAIN = new URL("../dist/faces/cli/main.js", import.meta.url).pathname;

export interface StartupRow {
  command: string;
  target?: number | undefined;
  p50Ms: number;
  p90Ms: number;
}

function time(command: string, args: string[], env: NodeJS.ProcessEnv): number[] {
  const times: number[] = [];
  for (let i = 0; i < RUNS + 2; i++) {
    const started = performance.now();
    const run = spawnSync(command, args, { env, encoding: "utf8" });
    const elapsed = performance.now() - started;
    if (run.status !== 0) throw new Error(`${command} ${args.join(" ")} failed: ${run.stderr}`);
    if (i >= 2) times.push(elapsed); // the first two warm the file cache
  }
  return times;
}

export async function benchCliStartup(): Promise<StartupRow[]> {
  const server = await startEmulatorProcess([0]);
  const home = mkdtempSync(join(tmpdir(), "incidentkit-bench-cli-"));
  try {
    const env = {
      PATH: process.env.PATH ?? "",
      HOME: home,
      INCIDENTKIT_CONFIG: join(home, "config.json"),
      INCIDENT_IO_BASE_URL: server.url,
      INCIDENT_IO_API_KEY: server.apiKey,
    };
    const recipe = `curl -s "${server.url}/v2/incidents?page_size=25" -H "Authorization: Bearer $INCIDENT_IO_API_KEY" | jq '.incidents[] | {id, reference, name, status: .incident_status.name, severity: .severity.name}'`;
    const rows: [string, number | undefined, number[]][] = [
      ["node -e '' (Node's own start-up)", undefined, time(process.execPath, ["-e", ""], env)],
      ["incidentkit --version", 150, time(process.execPath, [MAIN, "--version"], env)],
      [
        "incidentkit incidents list --json",
        300,
        time(process.execPath, [MAIN, "incidents", "list", "--json"], env),
      ],
      ["curl | jq (the skill's recipe)", undefined, time("sh", ["-c", recipe], env)],
    ];
    return rows.map(([command, target, times]) => ({
      command,
      target,
      p50Ms: median(times),
      p90Ms: percentile(times, 0.9),
    }));
  } finally {
    rmSync(home, { recursive: true, force: true });
    await server.stop();
  }
}
