/**
 * `incidentkit up` as a real process for the hub-*.test.ts files: started from a config in a CLI world (see
 * cli-harness.ts), read until its banner is complete, stopped with SIGTERM or killed with SIGKILL. With it, what
 * those tests send (Alertmanager and generic bodies), read back (health, alert detail) and judge the result by:
 * the emulator's own incidents, counted by the dedup key their names carry.
 */
import type { ChildProcessWithoutNullStreams } from "node:child_process";
import { mkdirSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { createInterface } from "node:readline";
import { expect } from "vitest";
import type { IncidentRecord } from "../../src/emulator/model.js";
import type { CliWorld } from "./cli-harness.js";

export interface RunningHub {
  /** Where it listens, e.g. http://127.0.0.1:4567. */
  url: string;
  /** Everything it printed on stdout at start-up. */
  banner: string;
  child: ChildProcessWithoutNullStreams;
  /** What it printed on stderr so far. */
  stderr(): string;
  /** SIGTERM, then its exit code once it has exited. */
  stop(): Promise<number | null>;
  /** SIGKILL, resolving once it is gone: nothing it had not yet written survives. */
  kill(): Promise<void>;
}

/** Writes `hub.yaml` and `rules.yaml` into the world's home; resolves to the config's path. */
export function writeHubFiles(world: CliWorld, config: string, rules: string): string {
  const file = join(world.home, "hub.yaml");
  writeFileSync(file, config);
  writeFileSync(join(world.home, "rules.yaml"), rules);
  return file;
}

/**
 * For commands that read the hub's state: `catalog` as `./catalog/catalog-info.yaml` and a `hub.yaml` keeping
 * its data in `./hub-data`, with these settings too; resolves to the config's path.
 */
export function writeHubState(world: CliWorld, catalog: string, settings: string[] = []): string {
  mkdirSync(join(world.home, "catalog"), { recursive: true });
  writeFileSync(join(world.home, "catalog", "catalog-info.yaml"), catalog);
  const file = join(world.home, "hub.yaml");
  writeFileSync(
    file,
    [
      "data_dir: ./hub-data",
      "catalog: { dir: ./catalog, field: Affected services }",
      ...settings,
      "sources:",
      "  prometheus: { token_env: PROM_TOKEN_NOT_NEEDED_HERE }",
    ].join("\n"),
  );
  return file;
}

function exited(child: ChildProcessWithoutNullStreams): Promise<number | null> {
  if (child.exitCode !== null || child.signalCode !== null) return Promise.resolve(child.exitCode);
  return new Promise((resolve) => child.once("exit", (code) => resolve(code)));
}

/** Starts `incidentkit up --config <file>` and resolves once it has printed its whole banner. */
export function startHub(
  world: CliWorld,
  configFile: string,
  env: Record<string, string>,
): Promise<RunningHub> {
  return runningHub(world.spawnCli(["up", "--config", configFile], env));
}

/** A spawned `incidentkit up`, once it has printed its whole banner; killed if it exits first or names no URL. */
export async function runningHub(child: ChildProcessWithoutNullStreams): Promise<RunningHub> {
  let stderr = "";
  child.stderr.on("data", (chunk) => {
    stderr += chunk;
  });
  let banner = "";
  const lines = createInterface({ input: child.stdout });
  try {
    await new Promise<void>((resolve, reject) => {
      lines.on("line", (line) => {
        banner += `${line}\n`;
        if (line.startsWith("Press Ctrl+C")) resolve();
      });
      child.once("exit", (code, signal) =>
        reject(new Error(`incidentkit up exited with ${code ?? signal} before listening: ${stderr}`)),
      );
    });
  } catch (error) {
    child.kill("SIGKILL");
    throw error;
  }
  const url = /listening on (http:\/\/\S+)/.exec(banner)?.[1];
  if (url === undefined) {
    child.kill("SIGKILL");
    throw new Error(`incidentkit up printed no URL:\n${banner}`);
  }
  return {
    url,
    banner,
    child,
    stderr: () => stderr,
    async stop() {
      const done = exited(child);
      if (child.exitCode === null && child.signalCode === null) child.kill("SIGTERM");
      return done;
    },
    async kill() {
      const done = exited(child);
      if (child.exitCode === null && child.signalCode === null) child.kill("SIGKILL");
      await done;
    },
  };
}

/** The hub's `GET /healthz` answer. */
export interface HubHealth {
  status: string;
  /** "sqlite" or "postgres". */
  database?: string;
  /** Whether this hub runs the singleton jobs among those on its database. */
  leader?: boolean;
  outbox: { pending: number; failed: number; oldest_pending_age_s: number };
  /** Why the hub is `degraded`: one sentence per delivery trouble, with its fix; empty when `ok`. */
  reasons?: string[];
}

export async function hubHealth(url: string): Promise<HubHealth> {
  const response = await fetch(`${url}/healthz`);
  if (response.status !== 200) throw new Error(`GET /healthz answered ${response.status}`);
  return (await response.json()) as HubHealth;
}

/** Polls until `probe` gives a value, or fails naming `what` after `timeoutMs`. */
export async function eventually<T>(
  probe: () => Promise<T | undefined> | T | undefined,
  what: string,
  timeoutMs = 8_000,
  intervalMs = 100,
): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await probe();
    if (value !== undefined) return value;
    if (Date.now() > deadline) throw new Error(`timed out after ${timeoutMs} ms waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, intervalMs));
  }
}

/** Waits until the hub's outbox has nothing pending; resolves to the health seen then. */
export function outboxDrained(url: string, timeoutMs: number): Promise<HubHealth> {
  return eventually(
    async () => {
      const health = await hubHealth(url);
      return health.outbox.pending === 0 ? health : undefined;
    },
    "the hub's outbox to drain",
    timeoutMs,
  );
}

/** One delivery attempt as `GET /alerts/:id` shows it. */
export interface DeliveryView {
  kind: string;
  outcome: string;
  http_status: number | null;
  error_code: string | null;
  message: string | null;
  fix: string | null;
}

/** `GET /alerts/:id` as the admin (or a source) sees it. */
export interface AlertView {
  alert: {
    id: string;
    source: string;
    dedup_key: string;
    status: string;
    title: string;
    decision: string;
    reason: string | null;
  };
  group: { incident_id: string | null; incident_reference: string | null; state: string } | null;
  deliveries: DeliveryView[];
}

/** `GET /alerts/:id` with `token`; undefined when the hub answers 404. */
export async function readAlert(url: string, id: string, token: string): Promise<AlertView | undefined> {
  const response = await fetch(`${url}/alerts/${id}`, { headers: { authorization: `Bearer ${token}` } });
  if (response.status === 404) return undefined;
  if (response.status !== 200) throw new Error(`GET /alerts/${id} answered ${response.status}`);
  return (await response.json()) as AlertView;
}

/** One alert to send: its source (`prometheus` reads Alertmanager, any other the generic format) and group. */
export interface AlertSpec {
  source: string;
  key: string;
  status: "firing" | "resolved";
}

/** One alert of a 202 answer. */
export interface AcceptedView {
  id: string;
  decision: string;
  reason: string;
  group_key: string;
}

/**
 * An Alertmanager (webhook v4) notification whose alerts carry `key` as their fingerprint, all critical. It has no
 * `groupKey` (as some senders send it), so each alert is a group of its own: one incident per key.
 */
export function alertmanagerBody(alerts: readonly AlertSpec[]): string {
  return JSON.stringify({
    version: "4",
    receiver: "incidentkit",
    status: alerts.some((alert) => alert.status === "firing") ? "firing" : "resolved",
    alerts: alerts.map((alert) => ({
      status: alert.status,
      labels: { alertname: "HighErrorRate", severity: "critical", instance: alert.key },
      annotations: { summary: `Error rate high on ${alert.key}` },
      startsAt: "2024-05-01T10:00:00Z",
      endsAt: alert.status === "resolved" ? new Date().toISOString() : "0001-01-01T00:00:00Z",
      generatorURL: "",
      fingerprint: alert.key,
    })),
    commonLabels: { alertname: "HighErrorRate" },
    externalURL: "http://alertmanager.example.com:9093",
  });
}

/** A batch in the generic format, all critical. */
export function genericBody(alerts: readonly AlertSpec[]): string {
  return JSON.stringify({
    alerts: alerts.map((alert) => ({
      dedup_key: alert.key,
      status: alert.status,
      title: `Probe failing: ${alert.key}`,
      severity: "critical",
      labels: { probe: alert.key },
    })),
  });
}

/** `POST /alerts/<source>`; the accepted alerts when it answered 202. Rejects if the connection fails. */
export async function postAlerts(
  url: string,
  source: string,
  token: string,
  body: string,
): Promise<{ status: number; alerts: AcceptedView[] }> {
  const response = await fetch(`${url}/alerts/${source}`, {
    method: "POST",
    body,
    headers: { authorization: `Bearer ${token}`, "content-type": "application/json" },
  });
  const text = await response.text();
  const alerts = response.status === 202 ? (JSON.parse(text) as { alerts: AcceptedView[] }).alerts : [];
  return { status: response.status, alerts };
}

/** `PUT /_emulator/faults` with the emulator's admin key. */
export async function setFaults(world: CliWorld, faults: Record<string, number>): Promise<void> {
  const response = await fetch(`${world.t.url}/_emulator/faults`, {
    method: "PUT",
    body: JSON.stringify(faults),
    headers: { authorization: `Bearer ${world.t.adminKey}`, "content-type": "application/json" },
  });
  if (response.status !== 200) throw new Error(`PUT /_emulator/faults answered ${response.status}`);
}

/**
 * The emulator's incidents as its own records hold them: those named `[<dedup key>] …` (as the fault tests' rules
 * name them) by that key, how many there are in all, and how each stands.
 */
export function incidentsFor(world: CliWorld) {
  const { emulator } = world.t;
  const incidents = emulator.incidents();
  const closedStatuses = new Set(
    world.snapshot.incident_statuses
      .filter((status) => status.category === "closed")
      .map((status) => status.id),
  );
  const byKey = new Map<string, IncidentRecord[]>();
  for (const incident of incidents) {
    const key = /^\[([^\]]+)\] /.exec(incident.name)?.[1];
    if (key !== undefined) byKey.set(key, [...(byKey.get(key) ?? []), incident]);
  }
  const updates = emulator.incidentUpdates();
  return {
    byKey,
    total: incidents.length,
    isClosed: (incident: IncidentRecord) => closedStatuses.has(incident.incident_status_id),
    /** Updates that moved the incident to a closed status. */
    closingUpdates: (incident: IncidentRecord) =>
      updates.filter(
        (update) => update.incident_id === incident.id && closedStatuses.has(update.new_incident_status_id),
      ).length,
  };
}

/** Runs `work` over `items`, `limit` at a time. */
export async function eachLimited<T>(items: readonly T[], limit: number, work: (item: T) => Promise<void>) {
  let next = 0;
  const lane = async () => {
    while (next < items.length) await work(items[next++] as T);
  };
  await Promise.all(Array.from({ length: limit }, lane));
}

/** Every group has exactly one incident and the emulator holds no other new one; each closed iff `closed`. */
export function expectOneIncidentPerGroup(
  world: CliWorld,
  keys: readonly string[],
  baseline: number,
  closed: boolean,
) {
  const { byKey, total, closingUpdates, isClosed } = incidentsFor(world);
  const counts = Object.fromEntries(keys.map((key) => [key, byKey.get(key)?.length ?? 0]));
  expect(counts).toEqual(Object.fromEntries(keys.map((key) => [key, 1])));
  expect(total - baseline).toBe(keys.length);
  for (const key of keys) {
    const incident = byKey.get(key)?.[0];
    if (!incident) continue;
    expect({ key, closed: isClosed(incident) }).toEqual({ key, closed });
    expect({ key, closingUpdates: closingUpdates(incident) }).toEqual({
      key,
      closingUpdates: closed ? 1 : 0,
    });
  }
}

/** Where a storm sends, read on every try: the hubs' URLs, taken in turn. */
export interface StormTargets {
  urls: string[];
}

export interface StormOptions {
  targets: StormTargets;
  /** An Alertmanager-format source and its token. */
  source: string;
  token: string;
  keys: readonly string[];
  /** Senders at once, each owning an equal share of the keys. */
  senders: number;
  /** Rounds in which every key fires, then rounds in which every key is resolved. */
  firingRounds: number;
  resolvingRounds: number;
  alertsPerPost: number;
  /** Each sender's pause after each acknowledged notification. */
  paceMs: number;
  /** True once the test has ended: a storm left running by a failure stops sending. */
  abandoned(): boolean;
  /** How long a notification may go unacknowledged before the storm fails. Default 180 s. */
  timeoutMs?: number;
}

export interface Storm {
  /** Alert ID → group key of every alert acknowledged with a 202 so far. */
  acknowledged: Map<string, string>;
  /** Alert ID → the URL of the hub that acknowledged it. */
  acknowledgedBy: Map<string, string>;
  /** Tries that failed (connection refused or reset, or a 5xx) and were sent again. */
  resent(): number;
  done: Promise<void>;
  over(): boolean;
}

const pause = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/**
 * Senders like Alertmanager, each owning a share of the keys: every key fires `firingRounds` times, then is
 * resolved `resolvingRounds` times. Notifications go to the targets' URLs in turn; one is sent again, to the next
 * URL, until a hub answers 202, whatever happened to the last try (refused or reset connections while a hub is
 * down).
 */
export function startStorm(options: StormOptions): Storm {
  const { targets, keys, senders } = options;
  const acknowledged = new Map<string, string>();
  const acknowledgedBy = new Map<string, string>();
  const deadline = Date.now() + (options.timeoutMs ?? 180_000);
  let turn = 0;
  let resent = 0;
  const deliver = async (body: string) => {
    for (;;) {
      const url = targets.urls[turn++ % targets.urls.length] as string;
      const response = await postAlerts(url, options.source, options.token, body).catch(() => undefined);
      if (response?.status === 202) {
        for (const alert of response.alerts) {
          acknowledged.set(alert.id, alert.group_key);
          acknowledgedBy.set(alert.id, url);
        }
        return;
      }
      if (response && response.status < 500)
        throw new Error(`the hub refused a notification: ${response.status}`);
      if (options.abandoned() || Date.now() > deadline)
        throw new Error("a notification was never acknowledged");
      resent++;
      await pause(50);
    }
  };
  const rounds = options.firingRounds + options.resolvingRounds;
  const sender = async (index: number) => {
    const mine = keys.filter((_, i) => i % senders === index);
    for (let round = 0; round < rounds; round++) {
      const status = round < options.firingRounds ? "firing" : "resolved";
      for (let at = 0; at < mine.length; at += options.alertsPerPost) {
        const batch = mine.slice(at, at + options.alertsPerPost);
        await deliver(alertmanagerBody(batch.map((key) => ({ source: options.source, key, status }))));
        if (options.paceMs > 0) await pause(options.paceMs);
      }
    }
  };
  let over = false;
  const done = Promise.all(Array.from({ length: senders }, (_, i) => sender(i))).then(
    () => {
      over = true;
    },
    (error: unknown) => {
      over = true;
      throw error;
    },
  );
  done.catch(() => undefined);
  return { acknowledged, acknowledgedBy, resent: () => resent, done, over: () => over };
}

/**
 * The acknowledged alerts (ID → group key, as a storm records them) that `GET /alerts/:id` on the hub at `url`
 * does not show, or shows in another group: those lost.
 */
export async function lostAlerts(
  url: string,
  acknowledged: ReadonlyMap<string, string>,
  token: string,
): Promise<string[]> {
  const lost: string[] = [];
  await eachLimited([...acknowledged], 8, async ([id, groupKey]) => {
    const view = await readAlert(url, id, token);
    if (`${view?.alert.source}:${view?.alert.dedup_key}` !== groupKey) lost.push(id);
  });
  return lost;
}
