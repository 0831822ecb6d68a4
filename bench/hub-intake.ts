/**
 * Hub intake: `incidentkit up` in its own process (delivering to its built-in demo emulator), and a closed loop of
 * generic alerts posted to it. Every 202 comes after the alert, its decision and any outbox entry are committed.
 *
 * Beside it, the floor (intake-floor.ts): a bare `node:http` server committing the same alerts to SQLite with the
 * same durability, measured in the same run with the same load, so the ratio says what the hub's own work costs
 * on whatever machine runs it.
 */
import { BENCH_HUB_TOKEN, startBenchHubs } from "./hub-process.js";
import { startIntakeFloor } from "./intake-floor.js";
import { httpRequest, type LoadResult, median, runLoad } from "./load.js";
import { isMain } from "./main.js";
import { cpuMs } from "./process-cpu.js";

const DEDUP_KEYS = 200;
const SERVICES = 12;
const CONCURRENCY = 16;
const SECONDS = 5;
const ROUNDS = 3;
/** Targets: the hub's alerts/s over the floor's, and the hub's p99. */
const TARGET_RATIO = 0.5;
const TARGET_P99_MS = 10;

const RULES = [
  "rules:",
  "  - name: page",
  "    match: { severity: [critical] }",
  "    action: open_incident",
  "    incident: { severity: Minor, mode: test }",
].join("\n");

export interface IntakeRow {
  perSecond: number;
  p50Ms: number;
  p99Ms: number;
  errors: number;
  /** CPU time of the server's process per request answered (median of the rounds); undefined without /proc. */
  cpuMsPerAlert?: number;
}

export interface IntakeOptions {
  /** Hub processes taking the load round-robin; more than one needs `databaseUrl`. Default 1. */
  hubs?: number;
  /** PostgreSQL for the hubs' database; default the hub's own SQLite file. */
  databaseUrl?: string;
}

/** The hub and the floor under the same load in the same run, and the hub's alerts/s over the floor's. */
export interface IntakeBesideFloor {
  hub: IntakeRow;
  floor: IntakeRow;
  ratio: number;
  /**
   * The floor's CPU time per alert over the hub's: the share of the floor's rate the hub would reach were each
   * given a core of its own, which a machine busy with other work does not give.
   */
  cpuRatio?: number;
}

interface Round extends LoadResult {
  cpuMsPerAlert?: number;
}

/** Every body the load sends, made before it starts so building them costs the load generator nothing. */
const BODIES = Array.from({ length: DEDUP_KEYS * SERVICES }, (_, i) =>
  JSON.stringify({
    dedup_key: `key-${i % DEDUP_KEYS}`,
    status: "firing",
    title: `Alert ${i % DEDUP_KEYS}`,
    severity: "critical",
    labels: { env: "production", service: `svc-${i % SERVICES}` },
  }),
);

/** Posts alert `i` to one of the URLs, round-robin; true when answered 202. */
function sender(urls: readonly string[], token: string) {
  return async (i: number) =>
    (await httpRequest(`${urls[i % urls.length]}/alerts/bench`, {
      method: "POST",
      headers: { authorization: `Bearer ${token}`, "content-type": "application/json" },
      body: BODIES[i % BODIES.length],
    })) === 202;
}

/** One round, and the CPU time the server's process spent on it (pids: the processes taking the load). */
async function round(send: (i: number) => Promise<boolean>, pids: (number | undefined)[]): Promise<Round> {
  const cpu = () =>
    pids.reduce<number | undefined>((sum, pid) => {
      const ms = cpuMs(pid);
      return sum === undefined || ms === undefined ? undefined : sum + ms;
    }, 0);
  const before = cpu();
  const result = await runLoad(send, { concurrency: CONCURRENCY, durationMs: SECONDS * 1000 });
  const after = cpu();
  return before === undefined || after === undefined
    ? result
    : { ...result, cpuMsPerAlert: (after - before) / result.requests };
}
const warmUp = (send: (i: number) => Promise<boolean>) =>
  runLoad(send, { concurrency: CONCURRENCY, durationMs: 1000 });

function summarise(rounds: Round[]): IntakeRow {
  const cpu = rounds.flatMap((x) => (x.cpuMsPerAlert === undefined ? [] : [x.cpuMsPerAlert]));
  return {
    perSecond: median(rounds.map((x) => x.perSecond)),
    p50Ms: median(rounds.map((x) => x.p50Ms)),
    p99Ms: median(rounds.map((x) => x.p99Ms)),
    errors: rounds.reduce((sum, x) => sum + x.errors, 0),
    ...(cpu.length === rounds.length ? { cpuMsPerAlert: median(cpu) } : {}),
  };
}

async function startIntakeHubs(options: IntakeOptions) {
  const hubs = await startBenchHubs({
    rules: RULES,
    sources: { bench: "generic" },
    hubs: options.hubs,
    databaseUrl: options.databaseUrl,
  });
  return { hubs, send: sender(hubs.urls, BENCH_HUB_TOKEN) };
}

/** The hub(s) alone: median of the rounds after a warm-up. */
export async function benchHubIntake(options: IntakeOptions = {}): Promise<IntakeRow> {
  const { hubs, send } = await startIntakeHubs(options);
  try {
    await warmUp(send);
    const rounds: Round[] = [];
    for (let r = 0; r < ROUNDS; r++) rounds.push(await round(send, hubs.pids));
    return summarise(rounds);
  } finally {
    await hubs.stop();
  }
}

/**
 * One hub on its SQLite file and the floor, each warmed up, then their rounds alternating (hub, floor, hub, …),
 * so a slower spell of the machine falls on both rather than on one.
 */
export async function benchIntakeBesideFloor(): Promise<IntakeBesideFloor> {
  const { hubs, send: sendHub } = await startIntakeHubs({});
  try {
    const floor = await startIntakeFloor();
    try {
      // The same request as the hub gets, token included; the floor reads no header.
      const sendFloor = sender([floor.url], BENCH_HUB_TOKEN);
      await warmUp(sendHub);
      await warmUp(sendFloor);
      const hubRounds: Round[] = [];
      const floorRounds: Round[] = [];
      for (let r = 0; r < ROUNDS; r++) {
        hubRounds.push(await round(sendHub, hubs.pids));
        floorRounds.push(await round(sendFloor, [floor.pid]));
      }
      const hub = summarise(hubRounds);
      const floorRow = summarise(floorRounds);
      return {
        hub,
        floor: floorRow,
        ratio: hub.perSecond / floorRow.perSecond,
        ...(hub.cpuMsPerAlert !== undefined && floorRow.cpuMsPerAlert !== undefined
          ? { cpuRatio: floorRow.cpuMsPerAlert / hub.cpuMsPerAlert }
          : {}),
      };
    } finally {
      await floor.stop();
    }
  } finally {
    await hubs.stop();
  }
}

const fmt = (n: number, digits = 0) => n.toFixed(digits);

export function printIntakeBesideFloor(result: IntakeBesideFloor): void {
  console.log(
    `\nHub intake beside its floor: generic alerts over ${DEDUP_KEYS} dedup keys, ${CONCURRENCY} concurrent keep-alive clients, median of ${ROUNDS} × ${SECONDS} s each, rounds alternating. Hub: incidentkit up in its own process (with its demo emulator). Floor: a node:http server in its own process committing each alert to SQLite (WAL, synchronous NORMAL, group commit) before its 202`,
  );
  console.log("server              alerts/s   p50 ms   p99 ms   errors   CPU ms/alert");
  for (const [name, row] of [
    ["hub", result.hub],
    ["floor", result.floor],
  ] as const) {
    console.log(
      `${name.padEnd(16)} ${fmt(row.perSecond).padStart(11)} ${fmt(row.p50Ms, 2).padStart(8)} ${fmt(row.p99Ms, 2).padStart(8)} ${String(row.errors).padStart(8)} ${(row.cpuMsPerAlert === undefined ? "n/a" : fmt(row.cpuMsPerAlert, 3)).padStart(14)}`,
    );
  }
  console.log(
    `hub/floor ${fmt(result.ratio * 100)}% (target ≥ ${fmt(TARGET_RATIO * 100)}%), hub p99 ${fmt(result.hub.p99Ms, 2)} ms (target ≤ ${TARGET_P99_MS} ms)`,
  );
  if (result.cpuRatio !== undefined)
    console.log(
      `CPU time per alert (the server's process, all threads): the hub's is ${fmt(1 / result.cpuRatio, 1)}× the floor's, so with a core each the hub would reach ${fmt(result.cpuRatio * 100)}% of the floor's rate`,
    );
}

if (isMain(import.meta.url)) printIntakeBesideFloor(await benchIntakeBesideFloor());
