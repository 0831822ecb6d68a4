/**
 * The alert storm: `incidentkit up` and `incidentkit emulator` each in their own process, the hub delivering to the
 * emulator as a configured account. 49,800 firing alerts over 200 dedup keys, then one resolve per key; then the
 * outbox drains. The emulator's state is the judge: 200 incidents opened and 200 closed, and the API calls it
 * answered (GET /_emulator/requests) give the calls per incident and the retries.
 */
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { IncidentIo } from "../src/api/index.js";
import { type CliProcess, startCli } from "./cli-process.js";
import { httpRequest, runLoad } from "./load.js";

const KEYS = 200;
const FIRING = 49_800;
const CONCURRENCY = 16;
const DRAIN_TIMEOUT_MS = 90_000;
const TOKEN = "bench-storm-token-0123456789";
/**
 * The emulator's limit for this run: two fifths of incident.io's 1200/min, so the calls the storm needs exceed the burst
 * and the drain has a real minimum. The hub's client keeps incident.io's bucket, as it would against an API key
 * whose budget other tools share: the emulator's 429s and Retry-After are what hold it back.
 */
const PER_MINUTE = 480;
const RATE_LIMIT = { capacity: PER_MINUTE, refillPerSecond: PER_MINUTE / 60 };

export interface StormCall {
  method: string;
  route: string;
  status: number;
  count: number;
}

export interface StormRow {
  events: number;
  keys: number;
  concurrency: number;
  /** Firing phase: accepted alerts per second and the latency of each POST. */
  perSecond: number;
  p50Ms: number;
  p99Ms: number;
  /** From the first alert sent to the last one accepted. */
  stormS: number;
  /** Intake requests not answered 202, over both phases. */
  intakeErrors: number;
  /** Storm incidents in the emulator, those closed, and names seen more than once. */
  opened: number;
  closed: number;
  duplicates: number;
  expected: number;
  /** API calls the emulator answered: 2xx, retried (429 and 5xx), and other refusals (4xx). */
  calls: { ok: number; retried: number; refused: number; byRoute: StormCall[] };
  /** Every call answered (successful, retried and refused) over the incidents opened. */
  callsPerIncident: number;
  /** Outbox delivery attempts by kind and outcome, from the hub's /metrics. */
  deliveries: Record<string, number>;
  drained: boolean;
  pendingLeft: number;
  failedLeft: number;
  drainFromFirstS: number;
  drainFromLastS: number;
  rateLimit: { capacity: number; refillPerSecond: number; note: string };
  /** The least time the rate limit allows for the successful calls: max(0, (calls − burst) / refill). */
  minimumS: number;
  /** Drain from the first event over the minimum; undefined when the minimum is 0. */
  ratio: number | undefined;
  /** Everything that differs from what the storm should produce. */
  problems: string[];
}

export interface StormOptions {
  /** Hub processes sharing the intake round-robin; more than one needs `databaseUrl`. Default 1. */
  hubs?: number;
  /** PostgreSQL for the hubs' database; default each hub's own SQLite file. */
  databaseUrl?: string;
  /**
   * Tell the hubs the emulator's limit (`rate_limit_per_minute`), so they pace themselves (on PostgreSQL with
   * one shared budget) rather than being held back by 429s. Default false: incident.io's 1200 + 20/s.
   */
  paceToLimit?: boolean;
}

function writeConfig(dir: string, paceToLimit: boolean): string {
  writeFileSync(
    join(dir, "rules.yaml"),
    [
      "rules:",
      "  - name: storm",
      "    match: { severity: [critical] }",
      "    action: open_incident",
      '    incident: { severity: Minor, mode: test, name: "{{ title }}" }',
    ].join("\n"),
  );
  writeFileSync(
    join(dir, "hub.yaml"),
    [
      "listen: { host: 127.0.0.1, port: 0 }",
      "data_dir: ./hub-data",
      "rules: ./rules.yaml",
      "mirror: { enabled: false } # intake and delivery alone: no incident mirror",
      ...(paceToLimit ? [`rate_limit_per_minute: ${PER_MINUTE}`] : []),
      "sources:",
      "  storm: { format: generic, token_env: STORM_TOKEN }",
    ].join("\n"),
  );
  return join(dir, "hub.yaml");
}

/** The emulator's welcome lists its keys as `  <name>  inc_…  (<roles>)`. */
function keyWithRole(lines: string[], role: string): string {
  for (const line of lines) {
    const match = /^\s+.+?\s+(inc_\w+)\s+\((.+)\)$/.exec(line);
    if (match?.[1] && match[2]?.split(", ").includes(role)) return match[1];
  }
  throw new Error(`the emulator printed no key with the ${role} role`);
}

async function outbox(hubUrl: string): Promise<{ pending: number; failed: number }> {
  const health = (await (await fetch(`${hubUrl}/healthz`)).json()) as {
    outbox?: { pending: number; failed: number };
  };
  if (!health.outbox) throw new Error("the hub's /healthz has no outbox figures");
  return health.outbox;
}

async function deliveryCounts(hubUrl: string): Promise<Record<string, number>> {
  const text = await (await fetch(`${hubUrl}/metrics`)).text();
  const counts: Record<string, number> = {};
  for (const match of text.matchAll(
    /^incidentkit_outbox_deliveries_total\{kind="(\w+)",outcome="(\w+)"\} (\d+)$/gm,
  )) {
    counts[`${match[1]} ${match[2]}`] = Number(match[3]);
  }
  return counts;
}

async function emulatorCalls(url: string, adminKey: string): Promise<StormCall[]> {
  const res = await fetch(`${url}/_emulator/requests`, { headers: { authorization: `Bearer ${adminKey}` } });
  if (!res.ok) throw new Error(`GET /_emulator/requests answered ${res.status}`);
  return ((await res.json()) as { requests: StormCall[] }).requests;
}

async function stormIncidents(url: string, adminKey: string, prefix: string) {
  const io = new IncidentIo({ apiKey: adminKey, baseUrl: url });
  const names = new Map<string, number>();
  let closed = 0;
  for await (const incident of io.incidents.list({ mode: { one_of: ["test"] } })) {
    if (!incident.name.startsWith(prefix)) continue;
    names.set(incident.name, (names.get(incident.name) ?? 0) + 1);
    if (incident.incident_status.category === "closed") closed++;
  }
  let opened = 0;
  for (const n of names.values()) opened += n;
  return { opened, closed, duplicates: opened - names.size };
}

function summariseCalls(byRoute: StormCall[]): StormRow["calls"] {
  const sum = (test: (status: number) => boolean) =>
    byRoute.filter((call) => test(call.status)).reduce((total, call) => total + call.count, 0);
  return {
    ok: sum((status) => status < 400),
    retried: sum((status) => status === 429 || status >= 500),
    refused: sum((status) => status >= 400 && status < 500 && status !== 429),
    byRoute,
  };
}

export async function benchHubStorm(options: StormOptions = {}): Promise<StormRow> {
  const hubCount = options.hubs ?? 1;
  if (hubCount > 1 && options.databaseUrl === undefined)
    throw new Error("several hubs need a shared database");
  const dir = mkdtempSync(join(tmpdir(), "incidentkit-bench-storm-"));
  const baseEnv = {
    PATH: process.env.PATH ?? "",
    HOME: dir,
    INCIDENTKIT_DATA_DIR: join(dir, "data"),
    INCIDENTKIT_CONFIG: join(dir, "accounts.json"),
  };
  const started: CliProcess[] = [];
  try {
    const emulator = await startCli(
      ["emulator", "--ephemeral", "--seed", "demo", "--port", "0", "--rate-limit", String(PER_MINUTE)],
      baseEnv,
      /Press Ctrl\+C to stop\./,
    );
    started.push(emulator);
    const emulatorUrl = /listening on (http:\/\/\S+)/.exec(emulator.lines.join("\n"))?.[1];
    if (!emulatorUrl) throw new Error("the emulator printed no URL");
    const adminKey = keyWithRole(emulator.lines, "global_access");
    const hubKey = keyWithRole(emulator.lines, "incident_creator");
    const configFile = writeConfig(dir, options.paceToLimit ?? false);
    const hubUrls: string[] = [];
    for (let i = 0; i < hubCount; i++) {
      const hub = await startCli(
        ["up", "--config", configFile],
        {
          ...baseEnv,
          INCIDENT_IO_BASE_URL: emulatorUrl,
          INCIDENT_IO_API_KEY: hubKey,
          STORM_TOKEN: TOKEN,
          ...(options.databaseUrl ? { DATABASE_URL: options.databaseUrl } : {}),
        },
        /Press Ctrl\+C to stop\./,
      );
      started.push(hub);
      const hubUrl = /hub listening on (http:\/\/\S+)/.exec(hub.lines.join("\n"))?.[1];
      if (!hubUrl) throw new Error("incidentkit up printed no URL");
      hubUrls.push(hubUrl);
    }
    const hubUrl = hubUrls[0] as string;

    const prefix = `storm-${Date.now().toString(36)}`;
    const post = async (key: number, status: "firing" | "resolved", i: number) =>
      (await httpRequest(`${hubUrls[i % hubCount]}/alerts/storm`, {
        method: "POST",
        headers: { authorization: `Bearer ${TOKEN}`, "content-type": "application/json" },
        body: JSON.stringify({
          dedup_key: `${prefix}-key-${key}`,
          status,
          title: `${prefix} key-${key}`,
          severity: "critical",
          labels: { env: "production", service: `svc-${key % 12}` },
        }),
      })) === 202;

    const first = performance.now();
    const firing = await runLoad((i) => post(i % KEYS, "firing", i), {
      concurrency: CONCURRENCY,
      total: FIRING,
    });
    const resolving = await runLoad((i) => post(i, "resolved", i), { concurrency: CONCURRENCY, total: KEYS });
    const last = performance.now();

    let left = await outbox(hubUrl);
    while (left.pending > 0 && performance.now() - last < DRAIN_TIMEOUT_MS) {
      await new Promise((resolve) => setTimeout(resolve, 100));
      left = await outbox(hubUrl);
    }
    const drainedAt = performance.now();
    const drained = left.pending === 0;

    // Read before our own listing, so the counts are the hub's calls alone.
    const calls = summariseCalls(await emulatorCalls(emulatorUrl, adminKey));
    const deliveries = await deliveryCounts(hubUrl);
    const found = await stormIncidents(emulatorUrl, adminKey, prefix);

    const minimumS = Math.max(0, (calls.ok - RATE_LIMIT.capacity) / RATE_LIMIT.refillPerSecond);
    const drainFromFirstS = (drainedAt - first) / 1000;
    const problems: string[] = [];
    if (found.opened !== KEYS) problems.push(`${found.opened} incidents opened, expected ${KEYS}`);
    if (found.closed !== KEYS) problems.push(`${found.closed} incidents closed, expected ${KEYS}`);
    if (found.duplicates > 0) problems.push(`${found.duplicates} duplicate incidents`);
    if (!drained)
      problems.push(`outbox not drained after ${DRAIN_TIMEOUT_MS / 1000} s: ${left.pending} pending`);
    if (left.failed > 0) problems.push(`${left.failed} outbox entries failed`);
    const intakeErrors = firing.errors + resolving.errors;
    if (intakeErrors > 0) problems.push(`${intakeErrors} intake requests not accepted`);
    return {
      events: FIRING + KEYS,
      keys: KEYS,
      concurrency: CONCURRENCY,
      perSecond: firing.perSecond,
      p50Ms: firing.p50Ms,
      p99Ms: firing.p99Ms,
      stormS: (last - first) / 1000,
      intakeErrors,
      ...found,
      expected: KEYS,
      calls,
      callsPerIncident:
        found.opened > 0 ? (calls.ok + calls.retried + calls.refused) / found.opened : Number.NaN,
      deliveries,
      drained,
      pendingLeft: left.pending,
      failedLeft: left.failed,
      drainFromFirstS,
      drainFromLastS: (drainedAt - last) / 1000,
      rateLimit: {
        ...RATE_LIMIT,
        note: options.paceToLimit
          ? "the emulator's --rate-limit, also the hubs' rate_limit_per_minute"
          : "the emulator's --rate-limit; the hub's client keeps incident.io's 1200 + 20/s and is held back by 429s",
      },
      minimumS,
      ratio: minimumS > 0 ? drainFromFirstS / minimumS : undefined,
      problems,
    };
  } finally {
    for (const child of started.reverse()) await child.stop();
    rmSync(dir, { recursive: true, force: true });
  }
}
