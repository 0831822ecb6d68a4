import type { AddressInfo } from "node:net";
import { connect } from "node:net";
import { type ServerType, serve } from "@hono/node-server";
import { Webhook } from "standardwebhooks";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { ManualClock } from "../shared/clock.js";
import type { Store } from "../store/index.js";
import { openTestStore } from "../store/testing/databases.js";
import { reopenableTestDatabase } from "../store/testing/reopenable.js";
import type { IncidentWebhookEvent } from "./event.js";
import { WEBHOOK_PATH, type WebhookApp, webhookRoutes } from "./routes.js";

const SECRET = `whsec_${Buffer.from("incidentkit-receiver-test-secret!").toString("base64")}`;
const NOW = Date.parse("2026-11-23T12:00:00Z");
const INCIDENT = { id: "01JINCIDENT", reference: "INC-7", name: "Checkout returning 5xx" };

const created = (incident: object = INCIDENT) =>
  JSON.stringify({
    event_type: "public_incident.incident_created_v2",
    "public_incident.incident_created_v2": incident,
  });

let store: Store;
let clock: ManualClock;
let events: IncidentWebhookEvent[];
let app: WebhookApp;

function receiver(onEvent: (event: IncidentWebhookEvent) => Promise<void> | void = () => undefined) {
  return webhookRoutes({
    store,
    secrets: new Map([["prod", SECRET]]),
    clock,
    onEvent: async (event) => {
      events.push(event);
      await onEvent(event);
    },
  });
}

function deliver(body: string, options: { id?: string; at?: number; secret?: string; prefix?: string } = {}) {
  const id = options.id ?? "msg_01";
  const at = options.at ?? NOW;
  const prefix = options.prefix ?? "webhook";
  const signature = new Webhook(options.secret ?? SECRET).sign(id, new Date(at), body);
  return app.request(WEBHOOK_PATH, {
    method: "POST",
    headers: {
      "content-type": "application/json",
      [`${prefix}-id`]: id,
      [`${prefix}-timestamp`]: String(Math.floor(at / 1000)),
      [`${prefix}-signature`]: signature,
    },
    body,
  });
}

async function receipt(id: string) {
  return store.db.selectFrom("webhook_receipts").selectAll().where("webhook_id", "=", id).executeTakeFirst();
}

beforeEach(async () => {
  store = await openTestStore();
  clock = new ManualClock(NOW);
  events = [];
  app = receiver();
});

afterEach(async () => {
  await app.idle();
  await store.close();
});

describe("POST /webhooks/incident-io", () => {
  it("tells each delivery's account by the secret that signed it, and refuses one signed by none", async () => {
    const staging = `whsec_${Buffer.from("incidentkit-receiver-staging-secret").toString("base64")}`;
    app = webhookRoutes({
      store,
      secrets: new Map([
        ["prod", SECRET],
        ["staging", staging],
      ]),
      clock,
      onEvent: (event) => void events.push(event),
    });
    expect((await deliver(created(), { id: "msg_prod" })).status).toBe(202);
    expect((await deliver(created(), { id: "msg_staging", secret: staging })).status).toBe(202);
    const forged = `whsec_${Buffer.from("someone-else-entirely-secret-key!").toString("base64")}`;
    const refused = await deliver(created(), { id: "msg_forged", secret: forged });
    expect([refused.status, await refused.json()]).toEqual([
      401,
      { error: "no signature matches the secret of any account this endpoint serves" },
    ]);
    await app.idle();
    expect(events.map((event) => [event.webhookId, event.account])).toEqual([
      ["msg_prod", "prod"],
      ["msg_staging", "staging"],
    ]);
  });

  it("accepts a signed delivery with 202, then runs onEvent with the incident and records it processed", async () => {
    const response = await deliver(created());
    expect(response.status).toBe(202);
    expect(await response.json()).toEqual({ status: "accepted", webhook_id: "msg_01" });
    await app.idle();
    expect(events).toEqual([
      {
        account: "prod",
        eventType: "public_incident.incident_created_v2",
        incidentId: INCIDENT.id,
        incident: INCIDENT,
        webhookId: "msg_01",
      },
    ]);
    expect(await receipt("msg_01")).toMatchObject({
      event_type: "public_incident.incident_created_v2",
      incident_id: INCIDENT.id,
      processed_at: new Date(NOW).toISOString(),
      error: null,
    });
  });

  it("answers before the processing finishes", async () => {
    let release: () => void = () => undefined;
    app = receiver(() => new Promise<void>((resolve) => (release = resolve)));
    const started = performance.now();
    const response = await deliver(created());
    expect(response.status).toBe(202);
    // Generous: the machine is shared; the benchmark measures the real figure.
    expect(performance.now() - started).toBeLessThan(500);
    await new Promise((resolve) => setImmediate(resolve));
    expect(events).toHaveLength(1);
    expect((await receipt("msg_01"))?.processed_at).toBeNull();
    release();
    await app.idle();
    expect((await receipt("msg_01"))?.processed_at).not.toBeNull();
  });

  it.each([
    ["a body changed after signing", { tamper: true }, "no signature matches this endpoint's secret"],
    [
      "another secret",
      { secret: `whsec_${Buffer.from("not-the-endpoint-secret").toString("base64")}` },
      "no signature matches this endpoint's secret",
    ],
    ["a timestamp 6 minutes old", { at: NOW - 360_000 }, "the webhook timestamp is more than 5 minutes old"],
    [
      "a timestamp 6 minutes ahead",
      { at: NOW + 360_000 },
      "the webhook timestamp is more than 5 minutes in the future",
    ],
  ])("refuses %s with 401 and records nothing", async (_what, options, reason) => {
    const { tamper, ...signing } = options as { tamper?: boolean; at?: number; secret?: string };
    const body = created();
    const response = tamper
      ? await app.request(WEBHOOK_PATH, {
          method: "POST",
          headers: Object.fromEntries((await signedHeaders(body)).entries()),
          body: body.replace("5xx", "4xx"),
        })
      : await deliver(body, signing);
    expect(response.status).toBe(401);
    expect(await response.json()).toEqual({ error: reason });
    await app.idle();
    expect(events).toEqual([]);
    expect(await receipt("msg_01")).toBeUndefined();
  });

  it("refuses a delivery without signing headers with 401", async () => {
    const response = await app.request(WEBHOOK_PATH, { method: "POST", body: created() });
    expect(response.status).toBe(401);
    expect(((await response.json()) as { error: string }).error).toMatch(/missing webhook-id/);
  });

  it("accepts Svix's svix-* headers", async () => {
    expect((await deliver(created(), { prefix: "svix" })).status).toBe(202);
    await app.idle();
    expect(events.map((e) => e.incidentId)).toEqual([INCIDENT.id]);
  });

  it("answers 400 to a validly signed body that is not JSON, or not an event", async () => {
    const notJson = await deliver("{not json", { id: "msg_bad" });
    expect([notJson.status, await notJson.json()]).toEqual([400, { error: "the body is not JSON" }]);
    const noType = await deliver(JSON.stringify({ hello: "world" }), { id: "msg_bad2" });
    expect([noType.status, await noType.json()]).toEqual([400, { error: "the body has no event_type" }]);
    await app.idle();
    expect(events).toEqual([]);
  });

  it("carries only the ID of a private incident, and the incident of a status change", async () => {
    const privateBody = JSON.stringify({
      event_type: "private_incident.incident_updated_v2",
      "private_incident.incident_updated_v2": { id: "01JPRIVATE" },
    });
    const statusBody = JSON.stringify({
      event_type: "public_incident.incident_status_updated_v2",
      "public_incident.incident_status_updated_v2": {
        incident: INCIDENT,
        previous_status: { id: "s1", name: "Investigating" },
        new_status: { id: "s2", name: "Fixing" },
      },
    });
    expect((await deliver(privateBody, { id: "msg_p" })).status).toBe(202);
    expect((await deliver(statusBody, { id: "msg_s" })).status).toBe(202);
    await app.idle();
    expect(events).toEqual([
      {
        account: "prod",
        eventType: "private_incident.incident_updated_v2",
        incidentId: "01JPRIVATE",
        webhookId: "msg_p",
      },
      {
        account: "prod",
        eventType: "public_incident.incident_status_updated_v2",
        incidentId: INCIDENT.id,
        incident: INCIDENT,
        webhookId: "msg_s",
      },
    ]);
  });

  it("answers a replayed webhook-id 'already received' and processes it once", async () => {
    expect((await deliver(created())).status).toBe(202);
    await app.idle();
    const replay = await deliver(created());
    expect([replay.status, await replay.json()]).toEqual([
      200,
      { status: "already_received", webhook_id: "msg_01" },
    ]);
    await app.idle();
    expect(events).toHaveLength(1);
  });

  it("processes one of two copies arriving at once", async () => {
    const answers = await Promise.all([deliver(created()), deliver(created())]);
    expect(answers.map((a) => a.status).sort()).toEqual([200, 202]);
    await app.idle();
    expect(events).toHaveLength(1);
  });

  it("still refuses a replay after a restart on the same database", async () => {
    const database = await reopenableTestDatabase();
    try {
      await store.close();
      store = await database.open();
      app = receiver();
      expect((await deliver(created())).status).toBe(202);
      await app.idle();
      await store.close();
      store = await database.open();
      app = receiver();
      expect((await deliver(created())).status).toBe(200);
      await app.idle();
      expect(events).toHaveLength(1);
    } finally {
      await app.idle();
      await store.close();
      await database.remove();
    }
  });

  it("records a failed processing on the receipt, and processes a later copy of that delivery again", async () => {
    let failures = 1;
    app = receiver(() => {
      if (failures-- > 0) throw new Error("incident.io answered 503");
    });
    expect((await deliver(created())).status).toBe(202);
    await app.idle();
    expect(await receipt("msg_01")).toMatchObject({ processed_at: null, error: "incident.io answered 503" });

    expect((await deliver(created())).status).toBe(202);
    await app.idle();
    expect(events).toHaveLength(2);
    expect(await receipt("msg_01")).toMatchObject({ error: null, attempts: 2 });
    expect((await receipt("msg_01"))?.processed_at).not.toBeNull();
    expect((await deliver(created())).status).toBe(200);
  });

  it("records event types that are not about incidents without processing them", async () => {
    const body = JSON.stringify({ event_type: "schedule.created_v1", "schedule.created_v1": { id: "sch" } });
    const response = await deliver(body, { id: "msg_sched" });
    expect(response.status).toBe(202);
    expect(((await response.json()) as { status: string }).status).toBe("ignored");
    await app.idle();
    expect(events).toEqual([]);
    expect((await receipt("msg_sched"))?.processed_at).not.toBeNull();
  });
});

async function signedHeaders(body: string): Promise<Headers> {
  const signature = new Webhook(SECRET).sign("msg_01", new Date(NOW), body);
  return new Headers({
    "webhook-id": "msg_01",
    "webhook-timestamp": String(NOW / 1000),
    "webhook-signature": signature,
  });
}

describe("bodies after credentials", () => {
  let server: ServerType | undefined;
  let port = 0;

  beforeEach(async () => {
    app = webhookRoutes({
      store,
      secrets: new Map([["prod", SECRET]]),
      clock,
      bodyTimeoutMs: 300,
      onEvent: (event) => void events.push(event),
    });
    server = await new Promise<ServerType>((resolve) => {
      const started = serve({ fetch: app.fetch, port: 0, hostname: "127.0.0.1" }, () => resolve(started));
    });
    port = (server.address() as AddressInfo).port;
  });

  afterEach(async () => {
    await new Promise<void>((resolve) => (server ? server.close(() => resolve()) : resolve()));
  });

  /** Sends the head of a request and `sent` bytes of its body, then waits for the answer's status line. */
  function raw(headers: Record<string, string>, declared: number, sent: string): Promise<string> {
    return new Promise((resolve, reject) => {
      const socket = connect(port, "127.0.0.1", () => {
        const head = Object.entries({
          ...headers,
          "content-length": String(declared),
          "content-type": "application/json",
        })
          .map(([name, value]) => `${name}: ${value}`)
          .join("\r\n");
        socket.write(`POST ${WEBHOOK_PATH} HTTP/1.1\r\nhost: 127.0.0.1\r\n${head}\r\n\r\n${sent}`);
      });
      let answer = "";
      socket.on("data", (chunk) => {
        answer += chunk.toString();
      });
      socket.on("close", () => resolve(answer));
      socket.on("error", reject);
    });
  }

  const signing = (id: string) => ({
    "webhook-id": id,
    "webhook-timestamp": String(Math.floor(NOW / 1000)),
    "webhook-signature": "v1,placeholder",
  });

  it("refuses a request without signing headers before reading any of its body, and closes the connection", async () => {
    const answer = await raw({}, 5_000_000, "{");
    expect(answer).toMatch(/^HTTP\/1\.1 401/);
    expect(answer.toLowerCase()).toContain("connection: close");
  });

  it("refuses a stale timestamp unread, a body over 1 MiB, and a body that trickles in", async () => {
    const stale = await raw({ ...signing("msg_stale"), "webhook-timestamp": "1000" }, 10, "{");
    expect(stale).toMatch(/^HTTP\/1\.1 401/);
    expect(await raw(signing("msg_big"), 2 * 1024 * 1024, "{")).toMatch(/^HTTP\/1\.1 413/);
    const slow = await raw(signing("msg_slow"), 1_000, '{"event_type":');
    expect(slow).toMatch(/^HTTP\/1\.1 408/);
    expect(slow.toLowerCase()).toContain("connection: close");
    expect(events).toEqual([]);
  });
});
