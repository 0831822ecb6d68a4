import { Webhook } from "standardwebhooks";
import { afterEach, describe, expect, it } from "vitest";
import { startTestEmulator, type TestEmulator } from "../../../test/support/emulator.js";
import { descriptionMissingReason, validateComponent } from "../../../test/support/openapi.js";
import type { Snapshot } from "../model.js";
import { call, named, testSnapshot, tokenFor } from "../testing.js";
import { type SinkAnswer, type SinkRequest, startWebhookSink, type WebhookSink } from "./testing.js";

const SECRET = `whsec_${Buffer.from("emulator-webhook-test-secret-42").toString("base64")}`;
/** The description's schema for each envelope the emulator sends. */
const SCHEMAS: Record<string, string> = {
  "public_incident.incident_created_v2": "WebhooksPublicIncidentIncidentCreatedV2ResponseBody",
  "public_incident.incident_updated_v2": "WebhooksPublicIncidentIncidentUpdatedV2ResponseBody",
  "public_incident.incident_status_updated_v2": "WebhooksPublicIncidentIncidentStatusUpdatedV2ResponseBody",
  "private_incident.incident_created_v2": "WebhooksPrivateIncidentIncidentCreatedV2ResponseBody",
  "private_incident.incident_updated_v2": "WebhooksPrivateIncidentIncidentUpdatedV2ResponseBody",
};

let t: TestEmulator | undefined;
let sink: WebhookSink | undefined;
let snapshot: Snapshot;

afterEach(async () => {
  await t?.close();
  await sink?.close();
  t = undefined;
  sink = undefined;
});

async function start(answer?: SinkAnswer, retryDelaysMs = [20, 20], timeoutMs = 1_000) {
  sink = await startWebhookSink(answer);
  snapshot = testSnapshot();
  t = await startTestEmulator({
    ephemeral: true,
    snapshot,
    webhooks: { endpoints: [{ url: sink.url, secret: SECRET }], retryDelaysMs, timeoutMs },
  });
  return { emulator: t.emulator, sink };
}

const status = (name: string) => named(snapshot.incident_statuses, name).id;
const severity = (name: string) => named(snapshot.severities, name).id;

async function declare(visibility: "public" | "private" = "public", key = `key-${visibility}`) {
  const reply = await call((t as TestEmulator).emulator, "POST", "/v2/incidents", {
    token: tokenFor(snapshot, "Bot"),
    body: { idempotency_key: key, visibility, name: "Checkout 5xx", severity_id: severity("Minor") },
  });
  expect(reply.status).toBe(200);
  return reply.body.incident as { id: string };
}

/** Edits as the admin key: private incidents are edited by keys that may see them. */
function edit(id: string, incident: object) {
  return call((t as TestEmulator).emulator, "POST", `/v2/incidents/${id}/actions/edit`, {
    token: (t as TestEmulator).adminKey,
    body: { notify_incident_channel: false, incident },
  });
}

/** Verifies a delivery with the standardwebhooks library, as a receiver would; returns its envelope. */
function verified(request: SinkRequest): Record<string, unknown> {
  const headers = {
    "webhook-id": String(request.headers["webhook-id"]),
    "webhook-timestamp": String(request.headers["webhook-timestamp"]),
    "webhook-signature": String(request.headers["webhook-signature"]),
  };
  return new Webhook(SECRET).verify(request.body, headers) as Record<string, unknown>;
}

const types = (requests: SinkRequest[]) => requests.map((r) => r.json.event_type).sort();

describe("the emulator's webhooks", () => {
  it("sends signed created, updated and status-updated events for a public incident", async () => {
    const { emulator, sink } = await start();
    const incident = await declare();
    expect((await sink.received(1))[0]?.json.event_type).toBe("public_incident.incident_created_v2");

    expect((await edit(incident.id, { name: "Checkout 5xx in eu-west-1" })).status).toBe(200);
    await sink.received(2);
    expect((await edit(incident.id, { incident_status_id: status("Fixing") })).status).toBe(200);
    const all = await sink.received(4);
    await emulator.webhooks.idle();

    expect(types(all)).toEqual([
      "public_incident.incident_created_v2",
      "public_incident.incident_status_updated_v2",
      "public_incident.incident_updated_v2",
      "public_incident.incident_updated_v2",
    ]);
    for (const request of all) {
      const envelope = verified(request);
      const eventType = envelope.event_type as string;
      expect(Object.keys(envelope).sort()).toEqual(["event_type", eventType].sort());
    }
    expect(new Set(all.map((r) => r.headers["webhook-id"])).size).toBe(4);
    const created = all[0]?.json["public_incident.incident_created_v2"] as Record<string, unknown>;
    expect(created).toMatchObject({ id: incident.id, name: "Checkout 5xx", visibility: "public" });
    const change = all.find((r) => r.json.event_type === "public_incident.incident_status_updated_v2")?.json[
      "public_incident.incident_status_updated_v2"
    ];
    expect(change).toMatchObject({
      incident: { id: incident.id, incident_status: { name: "Fixing" } },
      previous_status: { name: "Investigating" },
      new_status: { name: "Fixing" },
    });
  });

  it("carries the message of an incident update that moves the status", async () => {
    const { sink } = await start();
    const incident = await declare();
    await sink.received(1);
    const reply = await call((t as TestEmulator).emulator, "POST", "/v2/incident_updates", {
      token: tokenFor(snapshot, "Bot"),
      body: {
        idempotency_key: "u1",
        incident_id: incident.id,
        message: "Rolled back the deploy",
        to_incident_status_id: status("Fixing"),
      },
    });
    expect(reply.status).toBe(201);
    const all = await sink.received(3);
    const change = all.find((r) => r.json.event_type === "public_incident.incident_status_updated_v2");
    expect(change?.json["public_incident.incident_status_updated_v2"]).toMatchObject({
      message: "Rolled back the deploy",
    });
    const updated = all.find((r) => r.json.event_type === "public_incident.incident_updated_v2");
    expect(updated?.json["public_incident.incident_updated_v2"]).toMatchObject({
      most_recent_update_message: "Rolled back the deploy",
    });
  });

  it("sends only the ID of a private incident, and no status-updated event for it", async () => {
    const { emulator, sink } = await start();
    const incident = await declare("private");
    expect((await edit(incident.id, { incident_status_id: status("Fixing") })).status).toBe(200);
    const all = await sink.received(2);
    await emulator.webhooks.idle();
    expect(sink.requests).toHaveLength(2);
    expect(all.map(verified)).toEqual([
      {
        event_type: "private_incident.incident_created_v2",
        "private_incident.incident_created_v2": { id: incident.id },
      },
      {
        event_type: "private_incident.incident_updated_v2",
        "private_incident.incident_updated_v2": { id: incident.id },
      },
    ]);
  });

  it("sends nothing for a repeated create or an edit that changes nothing", async () => {
    const { emulator, sink } = await start();
    const incident = await declare();
    await declare();
    expect((await edit(incident.id, { name: "Checkout 5xx" })).status).toBe(200);
    await emulator.webhooks.idle();
    expect(types(sink.requests)).toEqual(["public_incident.incident_created_v2"]);
  });

  it("retries a delivery answered 500 with the same webhook-id, and logs each attempt", async () => {
    const { emulator, sink } = await start((n) => (n === 1 ? 500 : 204));
    const incident = await declare();
    const [first, second] = await sink.received(2);
    await emulator.webhooks.idle();
    expect(second?.headers["webhook-id"]).toBe(first?.headers["webhook-id"]);
    expect(second?.body).toBe(first?.body);
    verified(second as SinkRequest);
    const log = emulator.webhooks.deliveries();
    expect(log.map((d) => [d.attempt, d.outcome, d.http_status])).toEqual([
      [2, "delivered", 204],
      [1, "retrying", 500],
    ]);
    expect(log[1]).toMatchObject({ incident_id: incident.id, error: "answered 500", url: sink.url });
  });

  it("gives up after the last retry, and counts a missing answer as a failure", async () => {
    const { emulator, sink } = await start(() => "hang", [10], 100);
    await declare();
    await sink.received(1);
    await emulator.webhooks.idle();
    expect(sink.requests).toHaveLength(2);
    expect(emulator.webhooks.deliveries().map((d) => [d.attempt, d.outcome, d.error])).toEqual([
      [2, "failed", "no answer within 100 ms"],
      [1, "retrying", "no answer within 100 ms"],
    ]);
  });

  it("stops sending when the emulator closes, cancelling pending retries", async () => {
    const { emulator, sink } = await start(() => 500, [60_000]);
    await declare();
    await sink.received(1);
    const closing = performance.now();
    await emulator.close();
    expect(performance.now() - closing).toBeLessThan(1_000);
    await expect(emulator.webhooks.idle()).resolves.toBeUndefined();
    expect(sink.requests).toHaveLength(1);
  });

  it.skipIf(descriptionMissingReason !== undefined)(
    "sends envelopes that match the description's webhook schemas",
    async () => {
      const { emulator, sink } = await start();
      const open = await declare();
      const hidden = await declare("private");
      await edit(open.id, { summary: "p99 above SLO", incident_status_id: status("Fixing") });
      await edit(hidden.id, { name: "Credential leak" });
      await sink.received(5);
      await emulator.webhooks.idle();
      expect(new Set(types(sink.requests))).toEqual(new Set(Object.keys(SCHEMAS)));
      for (const request of sink.requests) {
        const schema = SCHEMAS[request.json.event_type as string] as string;
        expect([schema, validateComponent(schema, request.json)]).toEqual([schema, { ok: true }]);
      }
    },
  );
  if (descriptionMissingReason) console.warn(`webhooks.test.ts: ${descriptionMissingReason}`);
});

describe("/_emulator/webhook_endpoints", () => {
  it("registers an endpoint at run time, shows its secret once, lists and removes it", async () => {
    const { emulator } = await start();
    const admin = (t as TestEmulator).adminKey;
    const other = await startWebhookSink();
    try {
      const added = await call(emulator, "POST", "/_emulator/webhook_endpoints", {
        token: admin,
        body: { url: other.url },
      });
      expect(added.status).toBe(201);
      const endpoint = added.body.webhook_endpoint as { id: string; url: string; secret: string };
      expect(endpoint.secret).toMatch(/^whsec_[A-Za-z0-9+/]+=*$/);
      const listed = await call(emulator, "GET", "/_emulator/webhook_endpoints", { token: admin });
      expect(listed.body.webhook_endpoints).toHaveLength(2);
      expect(JSON.stringify(listed.body)).not.toContain("whsec_");

      await declare();
      const [delivery] = await other.received(1);
      const headers = delivery?.headers as Record<string, string>;
      expect(new Webhook(endpoint.secret).verify(delivery?.body ?? "", headers)).toMatchObject({
        event_type: "public_incident.incident_created_v2",
      });

      const removed = await call(emulator, "DELETE", `/_emulator/webhook_endpoints/${endpoint.id}`, {
        token: admin,
      });
      expect(removed.status).toBe(204);
      await edit((await declare("public", "second")).id, { name: "renamed" });
      await emulator.webhooks.idle();
      expect(other.requests).toHaveLength(1);

      const deliveries = await call(
        emulator,
        "GET",
        `/_emulator/webhook_deliveries?endpoint_id=${endpoint.id}`,
        {
          token: admin,
        },
      );
      expect(deliveries.body.webhook_deliveries).toMatchObject([{ outcome: "delivered", attempt: 1 }]);
    } finally {
      await other.close();
    }
  });

  it("refuses a bad URL or secret with 422, and callers without global_access with 403", async () => {
    const { emulator } = await start();
    const admin = (t as TestEmulator).adminKey;
    const badUrl = await call(emulator, "POST", "/_emulator/webhook_endpoints", {
      token: admin,
      body: { url: "ftp://example.com" },
    });
    expect(badUrl.status).toBe(422);
    const badSecret = await call(emulator, "POST", "/_emulator/webhook_endpoints", {
      token: admin,
      body: { url: "http://127.0.0.1:9/x", secret: "hunter2" },
    });
    expect(badSecret.status).toBe(422);
    expect(JSON.stringify(badSecret.body)).not.toContain("hunter2");
    const viewer = await call(emulator, "GET", "/_emulator/webhook_endpoints", {
      token: tokenFor(snapshot, "Viewer"),
    });
    expect(viewer.status).toBe(403);
  });
});
