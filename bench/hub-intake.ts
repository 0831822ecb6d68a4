/**
 * Hub intake: `incidentkit up` in its own process (delivering to its built-in demo emulator), and a closed loop of
 * generic alerts posted to it. Every 202 comes after the alert, its decision and any outbox entry are committed.
 */
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { type CliProcess, startCli } from "./cli-process.js";
import { httpRequest, type LoadResult, median, runLoad } from "./load.js";

const TOKEN = "bench-intake-token";
const DEDUP_KEYS = 200;
const CONCURRENCY = 16;
const SECONDS = 5;
const ROUNDS = 3;

export interface IntakeRow {
  perSecond: number;
  p50Ms: number;
  p99Ms: number;
  errors: number;
}

export interface IntakeOptions {
  /** Hub processes taking the load round-robin; more than one needs `databaseUrl`. Default 1. */
  hubs?: number;
  /** PostgreSQL for the hubs' database; default the hub's own SQLite file. */
  databaseUrl?: string;
}

export async function benchHubIntake(options: IntakeOptions = {}): Promise<IntakeRow> {
  const hubCount = options.hubs ?? 1;
  if (hubCount > 1 && options.databaseUrl === undefined)
    throw new Error("several hubs need a shared database");
  const dir = mkdtempSync(join(tmpdir(), "incidentkit-bench-hub-"));
  writeFileSync(
    join(dir, "rules.yaml"),
    [
      "rules:",
      "  - name: page",
      "    match: { severity: [critical] }",
      "    action: open_incident",
      "    incident: { severity: Minor, mode: test }",
    ].join("\n"),
  );
  writeFileSync(
    join(dir, "hub.yaml"),
    [
      "listen: { host: 127.0.0.1, port: 0 }",
      "rules: ./rules.yaml",
      "mirror: { enabled: false } # intake and delivery alone: no incident mirror",
      "sources:",
      "  bench: { format: generic, token_env: BENCH_TOKEN }",
    ].join("\n"),
  );
  // Each hub delivers to a demo emulator of its own, kept in a data directory of its own.
  const started: CliProcess[] = [];
  try {
    const urls: string[] = [];
    for (let i = 0; i < hubCount; i++) {
      const hub = await startCli(
        ["up", "--config", join(dir, "hub.yaml")],
        {
          PATH: process.env.PATH ?? "",
          HOME: dir,
          INCIDENTKIT_DATA_DIR: join(dir, `data-${i}`),
          INCIDENTKIT_CONFIG: join(dir, "accounts.json"),
          BENCH_TOKEN: TOKEN,
          ...(options.databaseUrl ? { DATABASE_URL: options.databaseUrl } : {}),
        },
        /Press Ctrl\+C to stop\./,
      );
      started.push(hub);
      const url = /hub listening on (http:\/\/\S+)/.exec(hub.lines.join("\n"))?.[1];
      if (!url) throw new Error("incidentkit up printed no URL");
      urls.push(url);
    }
    const send = async (i: number) =>
      (await httpRequest(`${urls[i % hubCount]}/alerts/bench`, {
        method: "POST",
        headers: { authorization: `Bearer ${TOKEN}`, "content-type": "application/json" },
        body: JSON.stringify({
          dedup_key: `key-${i % DEDUP_KEYS}`,
          status: "firing",
          title: `Alert ${i % DEDUP_KEYS}`,
          severity: "critical",
          labels: { env: "production", service: `svc-${i % 12}` },
        }),
      })) === 202;
    await runLoad(send, { concurrency: CONCURRENCY, durationMs: 1000 });
    const rounds: LoadResult[] = [];
    for (let r = 0; r < ROUNDS; r++)
      rounds.push(await runLoad(send, { concurrency: CONCURRENCY, durationMs: SECONDS * 1000 }));
    return {
      perSecond: median(rounds.map((x) => x.perSecond)),
      p50Ms: median(rounds.map((x) => x.p50Ms)),
      p99Ms: median(rounds.map((x) => x.p99Ms)),
      errors: rounds.reduce((sum, x) => sum + x.errors, 0),
    };
  } finally {
    await Promise.all(started.map((hub) => hub.stop()));
    rmSync(dir, { recursive: true, force: true });
  }
}
