import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { startTestEmulator, type TestEmulator } from "../../../test/support/emulator.js";
import { quietLogger } from "../../../test/support/quiet-logger.js";
import { OutboxWorker } from "../../alerts/outbox.js";
import { replayFailed } from "../../alerts/replay.js";
import { rulesFrom } from "../../alerts/rules/testing.js";
import { emulatorSession, sessionRefusingCreates } from "../../alerts/testing/delivery.js";
import { testSnapshot, tokenFor } from "../../emulator/testing.js";
import type { OpsSession } from "../../ops/index.js";
import { ManualClock } from "../../shared/clock.js";
import type { Store } from "../../store/index.js";
import { openTestStore } from "../../store/testing/databases.js";
import { loadHubConfig } from "../config.js";
import { createHub, type Hub } from "../create-hub.js";
import { exampleBody } from "../testing.js";

const TOKEN = "uptime-token-0123456789";
const RULES = rulesFrom(
  "rules:\n  - name: page\n    action: open_incident\n    incident: { severity: Critical }\n",
);
const MINUTE = 60_000;
const ADMIN = "admin-token-0123456789";

interface Health {
  status: string;
  reasons: string[];
  outbox: { pending: number; failed: number; failed_last_hour: number; waiting_for_key: number };
}

const snapshot = testSnapshot();
let t: TestEmulator;
let store: Store;
let clock: ManualClock;
let hub: Hub | undefined;

beforeEach(async () => {
  clock = new ManualClock(Date.parse("2026-06-10T12:00:00Z"));
  t = await startTestEmulator({ ephemeral: true, snapshot, clock });
  store = await openTestStore();
});
afterEach(async () => {
  await hub?.close();
  hub = undefined;
  await store.close();
  await t.close();
});

/** A hub with one generic source whose deliveries go through `session`. */
function hubWith(session: OpsSession): Hub {
  const config = loadHubConfig(
    "listen: { host: 127.0.0.1, port: 0 }\nsources:\n  uptime: { format: generic, token_env: UPTIME }\n",
    "hub.yaml",
    { env: { UPTIME: TOKEN, HUB_ADMIN_TOKEN: ADMIN }, dataDir: "/data" },
  );
  hub = createHub({ logger: quietLogger(), config, store, rules: RULES, session, clock });
  return hub;
}

async function postAlert(h: Hub, body = exampleBody("generic-single")): Promise<string> {
  const response = await h.app.request("/alerts/uptime", {
    method: "POST",
    body,
    headers: { "content-type": "application/json", authorization: `Bearer ${TOKEN}` },
  });
  expect(response.status).toBe(202);
  const { alerts } = (await response.json()) as { alerts: Array<{ id: string }> };
  return alerts[0]?.id as string;
}

/**
 * A delivery round that started after every alert posted so far was committed: intake nudges the worker, and a
 * round already under way (which may have claimed before the last commit) is shared by the first call.
 */
async function deliver(h: Hub): Promise<void> {
  await h.worker.runOnce();
  await h.worker.runOnce();
}

/** `/healthz` as the admin sees it (with its details), or as anyone may (`token` null). */
async function health(h: Hub, token: string | null = ADMIN): Promise<Health> {
  const response = await h.app.request(
    "/healthz",
    token ? { headers: { authorization: `Bearer ${token}` } } : {},
  );
  expect(response.status).toBe(200);
  return (await response.json()) as Health;
}

async function metric(h: Hub, line: RegExp): Promise<string | undefined> {
  const text = await (await h.app.request("/metrics")).text();
  return text.split("\n").find((candidate) => line.test(candidate));
}

describe("GET /healthz: deliveries that need a person", () => {
  it("is degraded, still 200, for an hour after a delivery failed for good, saying how many, why and the fix", async () => {
    const h = hubWith(sessionRefusingCreates(t, t.adminKey, clock));
    expect(await health(h)).toMatchObject({ status: "ok", reasons: [] });
    const id = await postAlert(h);
    await deliver(h);

    const degraded = await health(h);
    expect(degraded.status).toBe("degraded");
    expect(degraded.outbox).toMatchObject({ failed: 1, failed_last_hour: 1, waiting_for_key: 0 });
    expect(degraded.reasons).toHaveLength(1);
    const [reason] = degraded.reasons;
    expect(reason).toMatch(
      /^1 alert could not be delivered to incident\.io in the last hour \(latest: alert /,
    );
    expect(reason).toContain(`alert ${id}, incident.io answered 422 (validation_failed)`);
    expect(reason).toContain("name: Name must be 255 characters or fewer");
    expect(reason).toContain("fix: incident.io refused name");
    expect(reason).toMatch(/\(once fixed, `incidentkit alerts replay <alert-id>` re-queues each one\)$/);

    clock.advance(59 * MINUTE);
    expect((await health(h)).status).toBe("degraded");
    clock.advance(2 * MINUTE);
    expect(await health(h)).toMatchObject({
      status: "ok",
      reasons: [],
      outbox: { failed: 1, failed_last_hour: 0 },
    });
  });

  it("says how many and where to read why to anyone, and the details only to the admin token", async () => {
    const h = hubWith(sessionRefusingCreates(t, t.adminKey, clock));
    const id = await postAlert(h);
    await deliver(h);
    const open = await health(h, null);
    expect(open).toMatchObject({ status: "degraded", outbox: { failed_last_hour: 1 } });
    expect(open.reasons).toEqual([
      "1 alert could not be delivered to incident.io in the last hour; `incidentkit alerts history` (or `/healthz` with the admin token) says why and the fix",
    ]);
    expect(JSON.stringify(open)).not.toContain(id);
    expect((await health(h)).reasons[0]).toContain(`alert ${id}, incident.io answered 422`);
    const wrong = await h.app.request("/healthz", { headers: { authorization: `Bearer ${TOKEN}` } });
    expect(wrong.status).toBe(401);
  });

  it("counts each failed alert, and is ok again once they are replayed", async () => {
    const h = hubWith(sessionRefusingCreates(t, t.adminKey, clock));
    const first = await postAlert(h);
    const other = JSON.parse(exampleBody("generic-single")) as { dedup_key: string };
    other.dedup_key = "orders-db/disk-full";
    const second = await postAlert(h, JSON.stringify(other));
    await deliver(h);
    const degraded = await health(h);
    expect(degraded.reasons).toHaveLength(1);
    expect(degraded.reasons[0]).toMatch(/^2 alerts could not be delivered to incident\.io in the last hour/);
    expect(degraded.reasons[0]).toContain(`latest: alert ${second}`);

    await replayFailed(store, first, new Date(clock.now()));
    expect((await health(h)).reasons[0]).toMatch(/^1 alert could not/);
    const { group_key } = await store.db
      .selectFrom("alerts")
      .select("group_key")
      .where("id", "=", second)
      .executeTakeFirstOrThrow();
    await replayFailed(store, group_key, new Date(clock.now()));
    expect(await health(h)).toMatchObject({ status: "ok", reasons: [], outbox: { pending: 2, failed: 0 } });
  });

  it("is degraded while incident.io refuses the API key (403), with the key's fix, until a good key delivers", async () => {
    const h = hubWith(emulatorSession(t, tokenFor(snapshot, "Viewer"), clock));
    await postAlert(h);
    await deliver(h);

    const degraded = await health(h);
    expect(degraded).toMatchObject({
      status: "degraded",
      outbox: { pending: 1, failed: 0, waiting_for_key: 1 },
    });
    expect(degraded.reasons).toEqual([
      expect.stringMatching(
        /^1 alert is waiting because incident\.io refused the hub's API key \(incident\.io answered 403 .+\); fix: the API key lacks the permission/,
      ),
    ]);
    expect(JSON.stringify(degraded)).not.toContain(tokenFor(snapshot, "Viewer"));

    clock.advance(15 * MINUTE);
    await new OutboxWorker(store, emulatorSession(t, t.adminKey, clock), { clock }).runOnce();
    expect(await health(h)).toMatchObject({
      status: "ok",
      reasons: [],
      outbox: { pending: 0, waiting_for_key: 0 },
    });
  });
});

describe("GET /metrics: failed deliveries", () => {
  it("counts failures for good by kind, and those of the last hour not replayed since", async () => {
    const h = hubWith(sessionRefusingCreates(t, t.adminKey, clock));
    expect(await metric(h, /^incidentkit_outbox_failed_recent /)).toBe("incidentkit_outbox_failed_recent 0");
    expect(await metric(h, /^incidentkit_outbox_failed_total\{/)).toBeUndefined();
    const id = await postAlert(h);
    await deliver(h);

    expect(await metric(h, /^incidentkit_outbox_failed_total\{/)).toBe(
      'incidentkit_outbox_failed_total{kind="declare"} 1',
    );
    expect(await metric(h, /^incidentkit_outbox_failed_recent /)).toBe("incidentkit_outbox_failed_recent 1");

    clock.advance(61 * MINUTE);
    expect(await metric(h, /^incidentkit_outbox_failed_recent /)).toBe("incidentkit_outbox_failed_recent 0");

    // A replay puts the entry back in the queue; the counter keeps the failure it counted.
    await replayFailed(store, id, new Date(clock.now()));
    await deliver(h);
    expect(await metric(h, /^incidentkit_outbox_failed_total\{/)).toBe(
      'incidentkit_outbox_failed_total{kind="declare"} 2',
    );
    expect(await metric(h, /^incidentkit_outbox_failed_recent /)).toBe("incidentkit_outbox_failed_recent 1");
  });
});

describe("GET /metrics", () => {
  const scrape = (h: Hub, token?: string) =>
    h.app.request("/metrics", token === undefined ? {} : { headers: { authorization: `Bearer ${token}` } });

  it("is open unless the config names a metrics token; then it asks for that token or the admin token", async () => {
    const open = hubWith(emulatorSession(t, t.adminKey, clock));
    expect((await scrape(open)).status).toBe(200);
    await open.close();

    const config = loadHubConfig(
      "listen: { host: 127.0.0.1, port: 0 }\nsources:\n  uptime: { token_env: UPTIME }\nmetrics: { token_env: SCRAPE }\n",
      "hub.yaml",
      {
        env: { UPTIME: TOKEN, SCRAPE: "scrape-token-0123456", HUB_ADMIN_TOKEN: "admin-token-01234567" },
        dataDir: "/data",
      },
    );
    hub = createHub({
      logger: quietLogger(),
      config,
      store,
      rules: RULES,
      session: emulatorSession(t, t.adminKey, clock),
      clock,
    });
    const refused = await scrape(hub);
    expect(refused.status).toBe(401);
    expect(refused.headers.get("www-authenticate")).toContain("Bearer");
    expect(await refused.text()).not.toContain("incidentkit_");
    expect((await scrape(hub, "scrape-token-0123456x")).status).toBe(401);
    expect((await scrape(hub, TOKEN)).status).toBe(401);
    const answered = await scrape(hub, "scrape-token-0123456");
    expect(answered.status).toBe(200);
    expect(await answered.text()).toContain("incidentkit_");
    expect((await scrape(hub, "admin-token-01234567")).status).toBe(200);
  });
});
