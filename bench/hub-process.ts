/**
 * `incidentkit up` for the benchmarks: a hub config written to a temporary directory (its rules, its sources, no
 * incident mirror), and one or more hubs started from dist/ in their own processes, each delivering to a demo
 * emulator of its own. Everything is removed on stop.
 */
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import type { AlertFormat } from "../src/alerts/intake/index.js";
import { type CliProcess, startCli } from "./cli-process.js";

/** Every source's bearer token. */
export const BENCH_HUB_TOKEN = "bench-hub-token-0123456789";

/** Rules that record every alert and open nothing: for benchmarks of the hub's own work. */
export const RECORD_ONLY_RULES = [
  "rules:",
  "  - name: record",
  "    match: {}",
  "    action: record_only",
].join("\n");

export interface BenchHubOptions {
  /** The rules file (YAML). */
  rules: string;
  /** The hub's sources, by name: their format. */
  sources: Record<string, AlertFormat>;
  /** Hub processes; more than one needs `databaseUrl`. Default 1. */
  hubs?: number | undefined;
  /** PostgreSQL for the hubs' database; default each hub's own SQLite file. */
  databaseUrl?: string | undefined;
  /** incident.io's webhook signing secret (`whsec_…`): the hub then receives webhooks. */
  webhookSecret?: string | undefined;
  /** The web UI behind token sign-in, the admin token being `BENCH_HUB_TOKEN` (see `signInCookie`). */
  signIn?: boolean | undefined;
}

export interface BenchHubs {
  urls: string[];
  /** Each hub's process ID. */
  pids: (number | undefined)[];
  /** Hub `index`'s SQLite database (without `databaseUrl`). */
  databaseFile(index?: number): string;
  stop(): Promise<void>;
}

export async function startBenchHubs(options: BenchHubOptions): Promise<BenchHubs> {
  const hubCount = options.hubs ?? 1;
  if (hubCount > 1 && options.databaseUrl === undefined)
    throw new Error("several hubs need a shared database");
  const dir = mkdtempSync(join(tmpdir(), "incidentkit-bench-hub-"));
  writeFileSync(join(dir, "rules.yaml"), options.rules);
  writeFileSync(
    join(dir, "hub.yaml"),
    [
      "listen: { host: 127.0.0.1, port: 0 }",
      "rules: ./rules.yaml",
      "mirror: { enabled: false } # intake and delivery alone: no incident mirror",
      ...(options.webhookSecret ? ["webhooks: { secret_env: BENCH_WEBHOOK_SECRET }"] : []),
      ...(options.signIn ? ["auth: { mode: token }"] : []),
      "sources:",
      ...Object.entries(options.sources).map(
        ([name, format]) => `  ${name}: { format: ${format}, token_env: BENCH_HUB_TOKEN }`,
      ),
    ].join("\n"),
  );
  // Each hub's data directory (its SQLite file, its demo emulator's state) is its own.
  const dataDir = (index: number) => join(dir, `data-${index}`);
  const started: CliProcess[] = [];
  const stop = async () => {
    await Promise.all(started.map((hub) => hub.stop()));
    rmSync(dir, { recursive: true, force: true });
  };
  try {
    const urls: string[] = [];
    for (let i = 0; i < hubCount; i++) {
      const hub = await startCli(
        ["up", "--config", join(dir, "hub.yaml")],
        {
          PATH: process.env.PATH ?? "",
          HOME: dir,
          INCIDENTKIT_DATA_DIR: dataDir(i),
          INCIDENTKIT_CONFIG: join(dir, "accounts.json"),
          BENCH_HUB_TOKEN,
          ...(options.signIn ? { HUB_ADMIN_TOKEN: BENCH_HUB_TOKEN } : {}),
          ...(options.webhookSecret ? { BENCH_WEBHOOK_SECRET: options.webhookSecret } : {}),
          ...(options.databaseUrl ? { DATABASE_URL: options.databaseUrl } : {}),
        },
        /Press Ctrl\+C to stop\./,
      );
      started.push(hub);
      const url = /hub listening on (http:\/\/\S+)/.exec(hub.lines.join("\n"))?.[1];
      if (!url) throw new Error("incidentkit up printed no URL");
      urls.push(url);
    }
    // A config file's hub keeps its state in `<data dir>/hub` (hub/config.ts).
    return {
      urls,
      pids: started.map((hub) => hub.pid),
      databaseFile: (index = 0) => join(dataDir(index), "hub", "hub.sqlite"),
      stop,
    };
  } catch (error) {
    await stop();
    throw error;
  }
}

/** Signs in at a hub started with `signIn`: the session cookie to send with each page request. */
export async function signInCookie(hubUrl: string): Promise<string> {
  const form = await (await fetch(`${hubUrl}/sign-in`)).text();
  const token = /name="token" value="([^"]+)"/.exec(form)?.[1] ?? "";
  const answer = await fetch(`${hubUrl}/sign-in`, {
    method: "POST",
    redirect: "manual",
    headers: { "content-type": "application/x-www-form-urlencoded" },
    body: new URLSearchParams({ token, secret: BENCH_HUB_TOKEN, next: "/" }),
  });
  const cookie = answer.headers.get("set-cookie")?.split(";")[0];
  if (answer.status !== 303 || !cookie) throw new Error(`sign-in at ${hubUrl} answered ${answer.status}`);
  return cookie;
}

/** Waits until the hub's outbox has nothing pending (its /healthz), or `timeoutMs` passed; the count left. */
export async function outboxDrained(hubUrl: string, timeoutMs: number): Promise<number> {
  const deadline = performance.now() + timeoutMs;
  for (;;) {
    const health = (await (await fetch(`${hubUrl}/healthz`)).json()) as { outbox?: { pending: number } };
    const pending = health.outbox?.pending;
    if (pending === undefined) throw new Error("the hub's /healthz has no outbox figures");
    if (pending === 0 || performance.now() > deadline) return pending;
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}
