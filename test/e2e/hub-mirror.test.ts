/**
 * The hub keeps its incident mirror: a backfill of what the account already has when it starts, then signed
 * webhooks from the emulator (over real HTTP) for every incident declared or changed afterwards.
 */
import { afterAll, beforeAll, expect, it } from "vitest";
import { rulesFrom } from "../../src/alerts/rules/testing.js";
import { IncidentIo } from "../../src/api/index.js";
import { testSnapshot } from "../../src/emulator/testing.js";
import { createHub, type Hub, WEBHOOK_PATH } from "../../src/hub/index.js";
import { TEST_RULES, testHubConfig } from "../../src/hub/testing.js";
import { getMirroredIncident, listMirroredIncidents } from "../../src/mirror/index.js";
import { openSession } from "../../src/ops/index.js";
import type { Store } from "../../src/store/index.js";
import { openTestStore } from "../../src/store/testing/databases.js";
import { startTestEmulator, type TestEmulator } from "../support/emulator.js";
import { quietLogger } from "../support/quiet-logger.js";
import { eventually as waitFor } from "./hub-harness.js";

const SECRET = `whsec_${Buffer.from("a test signing secret, 24+").toString("base64")}`;
const snapshot = testSnapshot();
let t: TestEmulator;
let store: Store;
let hub: Hub;

beforeAll(async () => {
  t = await startTestEmulator({ ephemeral: true, snapshot, listen: true });
  store = await openTestStore();
  const io = new IncidentIo({ apiKey: t.adminKey, baseUrl: t.url, rateLimit: false });
  hub = createHub({
    logger: quietLogger(),
    // Reconciliation far apart, so what arrives after the backfill can only have come by webhook.
    config: {
      ...testHubConfig(),
      webhookSecret: SECRET,
      mirror: { enabled: true, reconcileEveryMs: 3_600_000 },
    },
    store,
    rules: rulesFrom(TEST_RULES),
    session: openSession(io, { alias: "prod" }),
  });
  const url = await hub.start();
  t.emulator.webhooks.addEndpoint({ url: `${url}${WEBHOOK_PATH}`, secret: SECRET });
});

afterAll(async () => {
  await hub?.close();
  await store?.close();
  await t?.close();
});

/** Polls until `probe` gives a value (this file's waits: up to 10 s, every 50 ms). */
const eventually = <T>(probe: () => Promise<T | undefined>, what: string) => waitFor(probe, what, 10_000, 50);

const api = (path: string, body: unknown) =>
  fetch(`${t.url}${path}`, {
    method: "POST",
    headers: { authorization: `Bearer ${t.adminKey}`, "content-type": "application/json" },
    body: JSON.stringify(body),
  }).then(async (response) => {
    expect(response.status, await response.clone().text()).toBeLessThan(300);
    return (await response.json()) as { incident: { id: string; reference: string } };
  });

it("backfills the account's incidents when it starts", async () => {
  const expected = t.emulator.incidents().length;
  const mirrored = await eventually(async () => {
    const incidents = await listMirroredIncidents(store.db, { account: "prod" });
    return incidents.length === expected ? incidents : undefined;
  }, `${expected} incidents mirrored`);
  expect(mirrored.every((incident) => incident.account === "prod")).toBe(true);
});

it("mirrors an incident declared afterwards, and its change of status, from the webhooks", async () => {
  const { incident } = await api("/v2/incidents", {
    idempotency_key: "hub-mirror-1",
    visibility: "public",
    name: "Checkout latency above 2 s",
    severity_id: snapshot.severities[0]?.id,
  });
  const mirrored = await eventually(
    () => getMirroredIncident(store.db, { account: "prod", id: incident.id }),
    "the new incident",
  );
  expect(mirrored.name).toBe("Checkout latency above 2 s");
  expect(mirrored.reference).toBe(incident.reference);

  await api(`/v2/incidents/${incident.id}/actions/edit`, {
    incident: { name: "Checkout latency above 5 s" },
    notify_incident_channel: false,
  });
  await eventually(async () => {
    const current = await getMirroredIncident(store.db, { account: "prod", id: incident.id });
    return current?.name === "Checkout latency above 5 s" ? current : undefined;
  }, "the edit");
});
