/**
 * Three `incidentkit up` processes (real ones) with one hub.yaml and one DATABASE_URL, on a fresh PostgreSQL
 * database, judged by the emulator's own records and by the database they share: an alert storm spread over all
 * three while one is killed with SIGKILL, the leader killed and replaced, and one webhook delivery posted to two
 * hubs at once.
 */
import { Webhook } from "standardwebhooks";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import type { IncidentRecord, Snapshot } from "../../src/emulator/model.js";
import { incidentRecord } from "../../src/emulator/testing.js";
import { openStore, type Store } from "../../src/store/index.js";
import { createTestDatabase, postgresUnavailable } from "../../src/store/testing/databases.js";
import { type CliWorld, startCliWorld } from "./cli-harness.js";
import {
  eventually,
  expectOneIncidentPerGroup,
  hubHealth,
  incidentsFor,
  lostAlerts,
  outboxDrained,
  type RunningHub,
  setFaults,
  startHub,
  startStorm,
  writeHubFiles,
} from "./hub-harness.js";

const PROM = "e2e-prom-token-0123456789";
const ADMIN = "e2e-hub-admin-token-0123456789";
const WEBHOOK_SECRET = `whsec_${Buffer.from("incidentkit-several-hubs-secret!").toString("base64")}`;

/**
 * The API key's limit, given to the emulator and, as `rate_limit_per_minute`, to every hub: a bucket of 480
 * refilling at 8 a second. The storm's 200 declares fit in it; its 200 closes (three calls each) do not, so the
 * three hubs must pace together.
 */
const RATE_LIMIT_PER_MINUTE = 480;
const RATE_LIMIT = { capacity: RATE_LIMIT_PER_MINUTE, refillPerSecond: RATE_LIMIT_PER_MINUTE / 60 };

const RULES = `
rules:
  - name: page
    match: { severity: [critical] }
    action: open_incident
    incident: { severity: Critical, name: "[{{ dedup_key }}] {{ title }}" }
`;

const CONFIG = `listen: { host: 127.0.0.1, port: 0 }
data_dir: ./hub-state
rate_limit_per_minute: ${RATE_LIMIT_PER_MINUTE}
webhooks: { secret_env: INCIDENT_IO_WEBHOOK_SECRET }
sources:
  prometheus: { format: alertmanager, token_env: PROM_ALERT_TOKEN }
`;

const HUBS = 3;
/** The hubs' claim on an outbox entry: a dead hub's entries wait this long for another hub. */
const CLAIM_LEASE_MS = 30_000;
/** A live hub renews its claims this often; a claim left as it was for longer belongs to a dead hub. */
const CLAIM_RENEWAL_MS = CLAIM_LEASE_MS / 3;
/** The hubs' leadership lease: a killed leader is replaced within it. */
const LEADER_LEASE_MS = 15_000;

const STORM_GROUPS = 200;
const STORM_SENDERS = 8;
/** 200 groups × 250 events = 50,000 alerts, in notifications of 25 (one sender's groups). */
const FIRING_ROUNDS = 125;
const RESOLVING_ROUNDS = 125;
/** incident.io's answers are this slow, so calls are under way when the kill lands. */
const LATENCY_MS = 150;

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

if (postgresUnavailable !== undefined) console.log(`several hubs on one database: ${postgresUnavailable}`);

interface Cluster {
  world: CliWorld;
  hubs: RunningHub[];
  /** The database the hubs share, as the test reads it. */
  store: Store;
  /** The status of every API request the emulator answered, in order. */
  statuses: number[];
}

/** One claimed outbox entry as the database holds it. */
interface Claim {
  id: string;
  claimed_by: string | null;
  claimed_until: string | null;
}

describe.skipIf(postgresUnavailable !== undefined)("several hubs on one PostgreSQL database", () => {
  const cleanups: (() => Promise<void>)[] = [];
  let abandoned = false;

  beforeEach(() => {
    abandoned = false;
  });

  afterEach(async () => {
    abandoned = true;
    while (cleanups.length > 0) await cleanups.pop()?.();
  });

  /**
   * A fresh database, an emulator (its organisation changed first by `seed`) with the key's rate limit, and three
   * hubs started on them at once.
   */
  async function startCluster(seed?: (snapshot: Snapshot) => void): Promise<Cluster> {
    const database = await createTestDatabase();
    cleanups.push(() => database.drop());
    const statuses: number[] = [];
    const world = await startCliWorld(seed, {
      rateLimit: RATE_LIMIT,
      onResponse: (event) => statuses.push(event.status),
    });
    cleanups.push(() => world.close());
    const config = writeHubFiles(world, CONFIG, RULES);
    const env = {
      DATABASE_URL: database.url,
      PROM_ALERT_TOKEN: PROM,
      HUB_ADMIN_TOKEN: ADMIN,
      INCIDENT_IO_WEBHOOK_SECRET: WEBHOOK_SECRET,
    };
    const started = await Promise.allSettled(
      Array.from({ length: HUBS }, () => startHub(world, config, env)),
    );
    const hubs = started.flatMap((result) => (result.status === "fulfilled" ? [result.value] : []));
    cleanups.push(async () => {
      await Promise.all(hubs.map((hub) => hub.kill()));
    });
    const failed = started.find((result) => result.status === "rejected");
    if (failed) throw failed.reason;
    const store = await openStore({ postgres: database.url, poolSize: 2 });
    cleanups.push(() => store.close());
    return { world, hubs, store, statuses };
  }

  /** The one hub answering `leader: true`, once exactly one of `hubs` does. */
  function soleLeader(hubs: readonly RunningHub[], timeoutMs: number): Promise<RunningHub> {
    return eventually(
      async () => {
        const healths = await Promise.all(hubs.map((hub) => hubHealth(hub.url)));
        const leaders = hubs.filter((_, index) => healths[index]?.leader === true);
        return leaders.length === 1 ? leaders[0] : undefined;
      },
      "exactly one hub to lead",
      timeoutMs,
    );
  }

  async function claims(store: Store): Promise<Claim[]> {
    return store.db
      .selectFrom("outbox")
      .select(["id", "claimed_by", "claimed_until"])
      .where("state", "=", "pending")
      .where("claimed_by", "is not", null)
      .execute();
  }

  it("spreads a storm of 50,000 alerts over three hubs, one killed in its middle: one incident per group, each closed once, nothing lost, paced together under the key's limit", async () => {
    const { world, hubs, store, statuses } = await startCluster();
    const baseline = world.t.emulator.incidents().length;
    await setFaults(world, { latencyMs: LATENCY_MS });
    const keys = Array.from({ length: STORM_GROUPS }, (_, i) => `storm-${String(i).padStart(3, "0")}`);
    const targets = { urls: hubs.map((hub) => hub.url) };
    const storm = startStorm({
      targets,
      source: "prometheus",
      token: PROM,
      keys,
      senders: STORM_SENDERS,
      firingRounds: FIRING_ROUNDS,
      resolvingRounds: RESOLVING_ROUNDS,
      alertsPerPost: STORM_GROUPS / STORM_SENDERS,
      paceMs: 0,
      abandoned: () => abandoned,
    });

    // In the middle: the storm has turned to resolving and the closes have used up the shared budget, so every
    // hub holds claims on closes it is delivering or waiting on the budget to deliver.
    await eventually(
      async () => {
        if (storm.over()) throw new Error("the storm ended before a hub could be killed in its middle");
        const budget = await store.db.selectFrom("rate_budgets").select("tokens").executeTakeFirst();
        const { byKey, closingUpdates } = incidentsFor(world);
        const closing = [...byKey.values()].some((incidents) => incidents.some((i) => closingUpdates(i) > 0));
        return closing && budget !== undefined && budget.tokens < 1 ? true : undefined;
      },
      "the closes to use up the shared budget",
      120_000,
      50,
    );
    const victim = hubs[1] as RunningHub;
    const survivors = hubs.filter((hub) => hub !== victim);
    const claimedAtKill = await claims(store);
    await victim.kill();
    targets.urls = survivors.map((hub) => hub.url);
    const acknowledgedAtKill = storm.acknowledged.size;

    // A live hub renews its claims (or finishes) within CLAIM_RENEWAL_MS; the dead hub's stay as they were.
    await sleep(CLAIM_RENEWAL_MS + 2_000);
    const claimedNow = new Map((await claims(store)).map((claim) => [claim.id, claim]));
    const unchanged = (claim: Claim) => {
      const now = claimedNow.get(claim.id);
      return now?.claimed_by === claim.claimed_by && now?.claimed_until === claim.claimed_until;
    };
    const claimants = new Set(claimedAtKill.map((claim) => claim.claimed_by));
    const dead = [...claimants].filter((claimant) =>
      claimedAtKill.some((claim) => claim.claimed_by === claimant && unchanged(claim)),
    );
    expect(dead).toHaveLength(1);
    const orphaned = claimedAtKill.filter((claim) => claim.claimed_by === dead[0] && unchanged(claim));

    await storm.done;
    const [first, second] = survivors as [RunningHub, RunningHub];
    expect((await outboxDrained(first.url, 90_000)).outbox.failed).toBe(0);

    // Every outbox entry delivered: a declare and a close per group; the dead hub's once its claims ran out.
    const outbox = await store.db
      .selectFrom("outbox")
      .select(["id", "kind", "state", "delivered_at"])
      .execute();
    expect(outbox.filter((entry) => entry.kind === "declare")).toHaveLength(STORM_GROUPS);
    expect(outbox.filter((entry) => entry.kind === "close")).toHaveLength(STORM_GROUPS);
    expect(outbox.filter((entry) => entry.state !== "delivered")).toEqual([]);
    const deliveredAt = new Map(outbox.map((entry) => [entry.id, entry.delivered_at]));
    for (const claim of orphaned) {
      expect(Date.parse(deliveredAt.get(claim.id) ?? "")).toBeGreaterThanOrEqual(
        Date.parse(claim.claimed_until ?? ""),
      );
    }
    expectOneIncidentPerGroup(world, keys, baseline, true);

    // Nothing acknowledged lost: every alert is in the database in its group, and each one the dead hub
    // acknowledged is shown by a surviving hub.
    expect(storm.acknowledged.size).toBe(STORM_GROUPS * (FIRING_ROUNDS + RESOLVING_ROUNDS));
    const stored = await store.db.selectFrom("alerts").select(["id", "group_key"]).execute();
    const storedGroup = new Map(stored.map((alert) => [alert.id, alert.group_key]));
    const missing = [...storm.acknowledged].filter(([id, group]) => storedGroup.get(id) !== group);
    expect(missing).toEqual([]);
    const byVictim = [...storm.acknowledged].filter(([id]) => storm.acknowledgedBy.get(id) === victim.url);
    expect(byVictim.length).toBeGreaterThan(0);
    const half = Math.ceil(byVictim.length / 2);
    const lost = await Promise.all([
      lostAlerts(first.url, new Map(byVictim.slice(0, half)), ADMIN),
      lostAlerts(second.url, new Map(byVictim.slice(half)), ADMIN),
    ]);
    expect(lost.flat()).toEqual([]);

    // The three paced together from one budget: more calls than the bucket holds, none refused. Three separate
    // budgets would have let the 600 calls of the closes go at once.
    const refused = statuses.filter((status) => status === 429).length;
    expect(statuses.length - refused).toBeGreaterThan(RATE_LIMIT.capacity);
    expect(refused).toBe(0);
    console.log(
      `storm: ${acknowledgedAtKill} alerts acknowledged at the kill, ${orphaned.length} entries orphaned, ` +
        `${statuses.length} API calls, ${refused} answered 429, ${storm.resent()} notifications sent again`,
    );
  }, 180_000);

  it("replaces a leader killed with SIGKILL within the lease, and the new leader syncs the mirror", async () => {
    const { hubs, store } = await startCluster();
    const leader = await soleLeader(hubs, LEADER_LEASE_MS);
    await eventually(
      async () =>
        (await store.db.selectFrom("mirror_sync").select("last_success_at").executeTakeFirst())
          ?.last_success_at ?? undefined,
      "the leader's first mirror sync",
      30_000,
    );

    const killedAt = Date.now();
    await leader.kill();
    const survivors = hubs.filter((hub) => hub !== leader);
    await soleLeader(survivors, LEADER_LEASE_MS);
    expect(Date.now() - killedAt).toBeLessThan(LEADER_LEASE_MS);

    const synced = await eventually(
      async () => {
        const row = await store.db.selectFrom("mirror_sync").selectAll().executeTakeFirstOrThrow();
        return Date.parse(row.last_success_at ?? "") > killedAt ? row : undefined;
      },
      "the new leader's mirror sync",
      LEADER_LEASE_MS,
    );
    expect(synced.last_error).toBeNull();
  }, 120_000);

  it("processes one webhook delivery once when it is posted to two hubs at once", async () => {
    let incident: IncidentRecord | undefined;
    const { hubs, store } = await startCluster((snapshot) => {
      incident = incidentRecord(snapshot, 1, { name: "Checkout returning 5xx" });
      snapshot.incidents = [incident];
    });
    if (!incident) throw new Error("the organisation was not seeded");
    const webhookId = "msg_several_hubs_01";
    const body = JSON.stringify({
      event_type: "public_incident.incident_updated_v2",
      "public_incident.incident_updated_v2": { id: incident.id, name: incident.name },
    });
    const post = (hub: RunningHub) => {
      const at = new Date();
      return fetch(`${hub.url}/webhooks/incident-io`, {
        method: "POST",
        body,
        headers: {
          "content-type": "application/json",
          "webhook-id": webhookId,
          "webhook-timestamp": String(Math.floor(at.getTime() / 1000)),
          "webhook-signature": new Webhook(WEBHOOK_SECRET).sign(webhookId, at, body),
        },
      }).then(async (response) => ({ status: response.status, body: await response.json() }));
    };

    const answers = await Promise.all([post(hubs[0] as RunningHub), post(hubs[1] as RunningHub)]);
    expect(answers.sort((a, b) => a.status - b.status)).toEqual([
      { status: 200, body: { status: "already_received", webhook_id: webhookId } },
      { status: 202, body: { status: "accepted", webhook_id: webhookId } },
    ]);
    const receipt = await eventually(
      async () => {
        const row = await store.db
          .selectFrom("webhook_receipts")
          .selectAll()
          .where("webhook_id", "=", webhookId)
          .executeTakeFirstOrThrow();
        return row.processed_at === null ? undefined : row;
      },
      "the delivery to be processed",
      10_000,
    );
    expect(receipt).toMatchObject({ attempts: 1, error: null });
    // Later copies, at any hub, are duplicates too.
    expect(await post(hubs[2] as RunningHub)).toEqual({
      status: 200,
      body: { status: "already_received", webhook_id: webhookId },
    });
    expect(await post(hubs[0] as RunningHub)).toMatchObject({ status: 200 });
  }, 60_000);
});
