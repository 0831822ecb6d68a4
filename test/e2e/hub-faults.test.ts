/**
 * The alert hub (`incidentkit up`, a real process) under faults, judged by the emulator's own records: incident.io
 * failing half its requests and throttling, then the hub killed with SIGKILL in the middle of an alert storm. Each
 * alert group must end with exactly one incident, closed exactly once, and no acknowledged alert may be lost.
 */
import { afterEach, beforeEach, expect, it } from "vitest";
import { type CliWorld, startCliWorld } from "./cli-harness.js";
import {
  type AcceptedView,
  type AlertSpec,
  type AlertView,
  alertmanagerBody,
  eventually,
  expectOneIncidentPerGroup,
  genericBody,
  hubHealth,
  incidentsFor,
  lostAlerts,
  outboxDrained,
  postAlerts,
  type RunningHub,
  readAlert,
  setFaults,
  startHub,
  startStorm,
  writeHubFiles,
} from "./hub-harness.js";

const PROM = "e2e-prom-token-0123456789";
const UPTIME = "e2e-uptime-token-0123456789";
const ADMIN = "e2e-hub-admin-token-0123456789";
const ENV = { PROM_ALERT_TOKEN: PROM, UPTIME_ALERT_TOKEN: UPTIME, HUB_ADMIN_TOKEN: ADMIN };

const RULES = `
rules:
  - name: page
    match: { severity: [critical] }
    action: open_incident
    incident: { severity: Critical, name: "[{{ dedup_key }}] {{ title }}" }
  - name: keep
    action: record_only
`;

// The mirror is off: these tests are about alert delivery, and the delivery history they read must show the
// outbox's own calls meeting the faults (a mirror call meeting a 429 first would pause every call of the key).
const CONFIG = `listen: { host: 127.0.0.1, port: 0 }
data_dir: ./hub-state
mirror: { enabled: false }
sources:
  prometheus: { format: alertmanager, token_env: PROM_ALERT_TOKEN }
  uptime: { format: generic, token_env: UPTIME_ALERT_TOKEN }
`;

const worlds: CliWorld[] = [];
const hubs: RunningHub[] = [];

beforeEach(() => {
  abandoned = false;
});

afterEach(async () => {
  abandoned = true;
  await Promise.all(hubs.splice(0).map((hub) => hub.kill()));
  await Promise.all(worlds.splice(0).map((world) => world.close()));
});

async function start(): Promise<{ world: CliWorld; hub: RunningHub; config: string }> {
  const world = await startCliWorld();
  worlds.push(world);
  const config = writeHubFiles(world, CONFIG, RULES);
  const hub = await startHub(world, config, ENV);
  hubs.push(hub);
  return { world, hub, config };
}

/**
 * Sends the alerts at once, in notifications of up to three per source (Alertmanager or generic), each of which
 * must be acknowledged with a 202 quickly, whatever incident.io is doing; resolves to the accepted alerts.
 */
async function sendAlerts(url: string, alerts: readonly AlertSpec[]): Promise<AcceptedView[]> {
  const accepted: AcceptedView[] = [];
  const requests = (["prometheus", "uptime"] as const).flatMap((source) => {
    const mine = alerts.filter((alert) => alert.source === source);
    const batches = Array.from({ length: Math.ceil(mine.length / 3) }, (_, b) =>
      mine.slice(b * 3, b * 3 + 3),
    );
    return batches.map((batch) => ({
      source,
      body: source === "prometheus" ? alertmanagerBody(batch) : genericBody(batch),
      token: source === "prometheus" ? PROM : UPTIME,
    }));
  });
  await Promise.all(
    requests.map(async ({ source, body, token }) => {
      const started = performance.now();
      const response = await postAlerts(url, source, token, body);
      const answer = { status: response.status, quick: performance.now() - started < 2_000 };
      expect(answer).toEqual({ status: 202, quick: true });
      accepted.push(...response.alerts);
    }),
  );
  return accepted;
}

it("opens one incident per group and closes each once while incident.io fails half its requests and throttles", async () => {
  const { world, hub } = await start();
  const baseline = world.t.emulator.incidents().length;
  // Longer than the client's 30 s in-line wait, so the outbox itself must hold the calls back and try again.
  await setFaults(world, { errorRate: 0.5, throttle_for_ms: 35_000 });

  const groups: AlertSpec[] = Array.from({ length: 20 }, (_, i) => ({
    source: i % 2 === 0 ? "prometheus" : "uptime",
    key: `${i % 2 === 0 ? "am" : "probe"}-${String(i).padStart(2, "0")}`,
    status: "firing",
  }));

  // Group i fires 1 + i % 4 times.
  const firing: AcceptedView[] = [];
  for (let round = 0; round < 4; round++) {
    const again = groups.filter((_, i) => i % 4 >= round);
    firing.push(...(await sendAlerts(hub.url, again)));
  }
  const opened = firing.filter((alert) => alert.decision === "open_incident");
  expect(opened.map((alert) => alert.group_key).sort()).toEqual(
    groups.map((group) => `${group.source}:${group.key}`).sort(),
  );
  expect(firing.length).toBe(groups.reduce((sum, _, i) => sum + 1 + (i % 4), 0));

  expect((await outboxDrained(hub.url, 150_000)).outbox.failed).toBe(0);
  const keys = groups.map((group) => group.key);
  expectOneIncidentPerGroup(world, keys, baseline, false);

  const views = await Promise.all(opened.map((alert) => readAlert(hub.url, alert.id, ADMIN)));
  for (const view of views) {
    const outcomes = view?.deliveries.map((delivery) => delivery.outcome);
    expect(outcomes?.filter((outcome) => outcome === "delivered")).toEqual(["delivered"]);
    expect(outcomes?.at(-1)).toBe("delivered");
  }
  const retried = views.filter((view): view is AlertView => (view?.deliveries.length ?? 0) > 1);
  expect(retried.length).toBeGreaterThan(0);
  for (const view of retried) {
    const [success, ...failures] = [...view.deliveries].reverse();
    expect(success?.message).toMatch(/^declared INC-\d+$/);
    for (const failure of failures) {
      expect(failure.outcome).toBe("retry");
      expect(failure.http_status === 429 || (failure.http_status ?? 0) >= 500).toBe(true);
      expect(failure.error_code).toBeTruthy();
      expect(failure.message).toBeTruthy();
      expect(failure.fix).toMatch(/retried|resumes/);
    }
  }
  expect(JSON.stringify(views)).not.toContain(world.t.adminKey);

  const resolving = groups.map((group): AlertSpec => ({ ...group, status: "resolved" }));
  const resolved = await sendAlerts(hub.url, resolving);
  expect(resolved.map((alert) => alert.decision)).toEqual(groups.map(() => "resolve"));
  expect((await outboxDrained(hub.url, 150_000)).outbox.failed).toBe(0);
  expectOneIncidentPerGroup(world, keys, baseline, true);
}, 300_000);

const STORM_GROUPS = 100;
const STORM_SENDERS = 4;
const FIRING_ROUNDS = 24;
const ALERTS_PER_POST = 5;
/** Alerts acknowledged before the kill. */
const KILL_AFTER = 600;
const LATENCY_MS = 400;
/** Each sender's pause between notifications, so the storm outlasts the first rounds of declares. */
const PACE_MS = 20;

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/** Set when a test ends, so a storm left running by a failure stops sending. */
let abandoned = false;

it("loses and duplicates nothing when killed with SIGKILL in the middle of a storm", async () => {
  const started = await start();
  const { world, config } = started;
  let hub = started.hub;
  const baseline = world.t.emulator.incidents().length;
  // Slow answers keep the outbox busy, so the kill lands while calls to incident.io are under way.
  await setFaults(world, { latencyMs: LATENCY_MS });
  const keys = Array.from({ length: STORM_GROUPS }, (_, i) => `storm-${String(i).padStart(3, "0")}`);
  const target = { urls: [hub.url] };
  const storm = startStorm({
    targets: target,
    source: "prometheus",
    token: PROM,
    keys,
    senders: STORM_SENDERS,
    firingRounds: FIRING_ROUNDS,
    resolvingRounds: 1,
    alertsPerPost: ALERTS_PER_POST,
    paceMs: PACE_MS,
    abandoned: () => abandoned,
  });
  const { acknowledged } = storm;

  const declared = () => incidentsFor(world).total - baseline;
  let landed = 0;
  await eventually(
    () => {
      if (storm.over()) throw new Error("the storm ended before the hub could be killed in its middle");
      landed = declared();
      return acknowledged.size >= KILL_AFTER && landed > 0 ? true : undefined;
    },
    "the storm to get going",
    60_000,
  );
  // Just after a round of declares landed, so the next round is on its way to incident.io.
  await eventually(
    () => {
      if (storm.over()) throw new Error("the storm ended before the hub could be killed in its middle");
      return declared() > landed ? true : undefined;
    },
    "a round of declares",
    60_000,
    10,
  );
  await sleep(LATENCY_MS / 4);
  const atKill = await hubHealth(hub.url);
  await hub.kill();
  const declaredAtKill = declared();
  const beforeKill = [...acknowledged];
  expect(atKill.outbox.pending).toBeGreaterThan(0);
  await sleep(LATENCY_MS * 2);
  // Calls under way at the kill made incidents whose answers the hub never read: its restart must find them.
  expect(declared()).toBeGreaterThan(declaredAtKill);
  expect(declared()).toBeLessThan(STORM_GROUPS);

  hub = await startHub(world, config, ENV);
  hubs.push(hub);
  target.urls = [hub.url];
  await storm.done;
  expect((await outboxDrained(hub.url, 150_000)).outbox.failed).toBe(0);

  expect(await lostAlerts(hub.url, acknowledged, ADMIN)).toEqual([]);
  expect(beforeKill.length).toBeGreaterThanOrEqual(KILL_AFTER);
  expect(acknowledged.size).toBeGreaterThanOrEqual(STORM_GROUPS * (FIRING_ROUNDS + 1));
  expectOneIncidentPerGroup(world, keys, baseline, true);
}, 300_000);
