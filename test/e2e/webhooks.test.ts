/**
 * incident.io's webhooks end to end: the emulator signs and sends them over real HTTP to the hub's receiver on
 * a real port, which verifies them and hands each incident event to onEvent.
 */
import type { AddressInfo } from "node:net";
import { type ServerType, serve } from "@hono/node-server";
import { afterEach, describe, expect, it } from "vitest";
import { testSnapshot } from "../../src/emulator/testing.js";
import { generateSecret } from "../../src/emulator/webhooks/endpoints.js";
import type { Store } from "../../src/store/index.js";
import { openTestStore } from "../../src/store/testing/databases.js";
import type { IncidentWebhookEvent } from "../../src/webhooks/index.js";
import { WEBHOOK_PATH, type WebhookApp, webhookRoutes } from "../../src/webhooks/index.js";
import { startTestEmulator, type TestEmulator } from "../support/emulator.js";

let cleanups: (() => Promise<void> | void)[] = [];

afterEach(async () => {
  for (const cleanup of cleanups.reverse()) await cleanup();
  cleanups = [];
});

async function startReceiver(secret: string, store: Store, events: IncidentWebhookEvent[]) {
  const app: WebhookApp = webhookRoutes({
    store,
    secrets: new Map([["prod", secret]]),
    onEvent: (event) => void events.push(event),
  });
  const server: ServerType = await new Promise((resolve) => {
    const started = serve({ fetch: app.fetch, port: 0, hostname: "127.0.0.1" }, () => resolve(started));
  });
  cleanups.push(async () => {
    await new Promise<void>((resolve) => {
      server.close(() => resolve());
      if ("closeAllConnections" in server) server.closeAllConnections();
    });
    await app.idle();
  });
  const { port } = server.address() as AddressInfo;
  return { url: `http://127.0.0.1:${port}${WEBHOOK_PATH}`, app };
}

async function until<T>(read: () => T | undefined, timeoutMs = 5_000): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = read();
    if (value !== undefined) return value;
    if (Date.now() > deadline) throw new Error("timed out waiting");
    await new Promise((resolve) => setTimeout(resolve, 10));
  }
}

describe("webhooks from the emulator to the hub's receiver", () => {
  it("delivers a new incident and its status change to onEvent, verified, once each", async () => {
    const store = await openTestStore();
    cleanups.push(() => store.close());
    const secret = generateSecret();
    const events: IncidentWebhookEvent[] = [];
    const receiver = await startReceiver(secret, store, events);

    const t: TestEmulator = await startTestEmulator({
      ephemeral: true,
      snapshot: testSnapshot(),
      listen: true,
      webhooks: { endpoints: [{ url: receiver.url, secret }], retryDelaysMs: [50] },
    });
    cleanups.push(() => t.close());
    const api = (path: string, body: unknown) =>
      t.fetch(`${t.url}${path}`, {
        method: "POST",
        headers: { Authorization: `Bearer ${t.adminKey}`, "Content-Type": "application/json" },
        body: JSON.stringify(body),
      });
    const severities = (await (
      await t.fetch(`${t.url}/v1/severities`, { headers: { Authorization: `Bearer ${t.adminKey}` } })
    ).json()) as { severities: { id: string }[] };
    const declared = await api("/v2/incidents", {
      idempotency_key: "e2e-webhooks",
      visibility: "public",
      name: "Checkout returning 5xx",
      severity_id: severities.severities[0]?.id,
    });
    const { incident } = (await declared.json()) as { incident: { id: string; reference: string } };

    const created = await until(() => events.find((e) => e.eventType.endsWith("incident_created_v2")));
    expect(created).toMatchObject({
      eventType: "public_incident.incident_created_v2",
      incidentId: incident.id,
      incident: { id: incident.id, reference: incident.reference, name: "Checkout returning 5xx" },
    });

    const statuses = (await (
      await t.fetch(`${t.url}/v1/incident_statuses`, { headers: { Authorization: `Bearer ${t.adminKey}` } })
    ).json()) as { incident_statuses: { id: string; category: string }[] };
    const closed = statuses.incident_statuses.find((s) => s.category === "closed");
    expect(
      (
        await api(`/v2/incidents/${incident.id}/actions/edit`, {
          notify_incident_channel: false,
          incident: { incident_status_id: closed?.id },
        })
      ).status,
    ).toBe(200);
    await until(() => (events.length >= 3 ? true : undefined));
    await t.emulator.webhooks.idle();
    await receiver.app.idle();

    expect(events.map((e) => e.eventType).sort()).toEqual([
      "public_incident.incident_created_v2",
      "public_incident.incident_status_updated_v2",
      "public_incident.incident_updated_v2",
    ]);
    expect(new Set(events.map((e) => e.incidentId))).toEqual(new Set([incident.id]));
    expect(
      t.emulator.webhooks.deliveries().every((d) => d.outcome === "delivered" && d.http_status === 202),
    ).toBe(true);
    const receipts = await store.db
      .selectFrom("webhook_receipts")
      .select(["webhook_id", "processed_at"])
      .execute();
    expect(receipts).toHaveLength(3);
    expect(receipts.every((r) => r.processed_at !== null)).toBe(true);
  });

  it("is refused when the emulator signs with another secret, and retried by the emulator", async () => {
    const store = await openTestStore();
    cleanups.push(() => store.close());
    const events: IncidentWebhookEvent[] = [];
    const receiver = await startReceiver(generateSecret(), store, events);
    const snapshot = testSnapshot();
    const t = await startTestEmulator({
      ephemeral: true,
      snapshot,
      webhooks: { endpoints: [{ url: receiver.url, secret: generateSecret() }], retryDelaysMs: [10] },
    });
    cleanups.push(() => t.close());
    const reply = await t.fetch(`${t.url}/v2/incidents`, {
      method: "POST",
      headers: { Authorization: `Bearer ${t.adminKey}`, "Content-Type": "application/json" },
      body: JSON.stringify({
        idempotency_key: "k",
        visibility: "private",
        severity_id: snapshot.severities[0]?.id,
      }),
    });
    expect(reply.status).toBe(200);
    await t.emulator.webhooks.idle();
    expect(t.emulator.webhooks.deliveries().map((d) => [d.outcome, d.http_status])).toEqual([
      ["failed", 401],
      ["retrying", 401],
    ]);
    expect(events).toEqual([]);
  });
});
