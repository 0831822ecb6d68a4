import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import { startTestEmulator, type TestEmulator } from "../../test/support/emulator.js";
import { IncidentIo } from "../api/index.js";
import type { Snapshot } from "../emulator/model.js";
import { testSnapshot, tokenFor } from "../emulator/testing.js";
import { declareIncident, type OpsSession, openSession } from "../ops/index.js";
import { ManualClock } from "../shared/clock.js";
import type { Store } from "../store/index.js";
import { openTestStore } from "../store/testing/databases.js";
import { acceptAlerts, type DeclareBody } from "./accept.js";
import type { AlertEvent } from "./event.js";
import { FIXES } from "./fixes.js";
import { OutboxWorker } from "./outbox.js";
import { rulesFrom } from "./rules/testing.js";
import { intakeBatch } from "./testing/batch.js";

const RULES = rulesFrom(`
defaults: { reopen_after: 30m }
rules:
  - name: frozen
    match: { labels: { env: staging } }
    action: open_incident
    suppress: { blackouts: [{ from: "2020-01-01T00:00:00Z", to: "2099-01-01T00:00:00Z" }] }
  - name: page
    action: open_incident
    incident: { severity: Critical, custom_fields: { Notes: "{{ labels.service }}" } }
`);
const MINUTE = 60_000;

function alert(dedupKey: string, status: AlertEvent["status"] = "firing", env = "production"): AlertEvent {
  return {
    source: "prometheus",
    dedupKey,
    status,
    title: `Alert ${dedupKey}`,
    labels: { env, service: "payments-api" },
  };
}

let store: Store;
let t: TestEmulator;
let snapshot: Snapshot;
let clock: ManualClock;

async function start(faults?: { errorRate?: number; lostResponseRate?: number }) {
  t = await startTestEmulator({
    ephemeral: true,
    snapshot,
    listen: true,
    clock,
    ...(faults ? { faults } : {}),
  });
}

function sessionFor(key: "Admin" | "Viewer" = "Admin"): OpsSession {
  const apiKey = key === "Admin" ? t.adminKey : tokenFor(snapshot, key);
  const io = new IncidentIo({
    apiKey,
    baseUrl: t.url,
    fetch: t.fetch,
    maxRetries: 0,
    rateLimit: false,
    clock,
  });
  return openSession(io, { clock });
}

const worker = (session = sessionFor()) => new OutboxWorker(store, session, { clock, random: () => 0.5 });
const accept = (events: AlertEvent[]) =>
  acceptAlerts(store, RULES, intakeBatch("prometheus", events), new Date(clock.now()));
const outbox = () => store.db.selectFrom("outbox").selectAll().orderBy("id").execute();
const deliveries = () => store.db.selectFrom("deliveries").selectAll().orderBy("id").execute();

function closedIds(): Set<string> {
  return new Set(snapshot.incident_statuses.filter((s) => s.category === "closed").map((s) => s.id));
}

/** Runs the worker, moving the clock past each backoff, until nothing is pending. */
async function drain(w: OutboxWorker, limit = 200): Promise<number> {
  for (let round = 1; round <= limit; round++) {
    const delivered = await w.runOnce();
    const pending = await store.db.selectFrom("outbox").select("id").where("state", "=", "pending").execute();
    if (pending.length === 0) return round;
    if (delivered === 0) clock.advance(10 * MINUTE);
  }
  throw new Error(`outbox still pending after ${limit} rounds`);
}

beforeEach(async () => {
  store = await openTestStore();
  snapshot = testSnapshot();
  clock = new ManualClock(Date.parse("2026-06-10T12:00:00Z"));
});
afterEach(async () => {
  await store.close();
  await t?.close();
});

describe("OutboxWorker: the alert lifecycle against incident.io", () => {
  beforeEach(() => start());

  it("opens one incident for a firing group however often it repeats, then closes it", async () => {
    const w = worker();
    await accept([alert("db-down"), alert("db-down")]);
    expect(await w.runOnce()).toBe(1);
    await accept([alert("db-down")]);
    expect(await w.runOnce()).toBe(0);
    const incidents = t.emulator.incidents();
    expect(incidents).toHaveLength(1);
    expect(incidents[0]).toMatchObject({ name: "Alert db-down" });
    const group = await store.db.selectFrom("alert_groups").selectAll().executeTakeFirstOrThrow();
    expect(group).toMatchObject({
      incident_id: incidents[0]?.id,
      incident_reference: `INC-${incidents[0]?.number}`,
    });

    await accept([alert("db-down", "resolved")]);
    expect(await w.runOnce()).toBe(1);
    expect(closedIds().has(t.emulator.incidents()[0]?.incident_status_id ?? "")).toBe(true);
    expect((await deliveries()).map((d) => [d.outcome, d.message])).toEqual([
      ["delivered", `declared INC-${incidents[0]?.number}`],
      ["delivered", `closed INC-${incidents[0]?.number}`],
    ]);
  });

  it("delivers a close queued before its declare only after the declare", async () => {
    await accept([alert("flap")]);
    await accept([alert("flap", "resolved")]);
    const w = worker();
    expect(await w.runOnce()).toBe(1);
    expect((await outbox()).map((row) => row.state)).toEqual(["delivered", "pending"]);
    expect(await w.runOnce()).toBe(1);
    expect(closedIds().has(t.emulator.incidents()[0]?.incident_status_id ?? "")).toBe(true);
  });

  it("opens a second incident only when the group fires again after the re-open window", async () => {
    const w = worker();
    await accept([alert("db-down")]);
    await accept([alert("db-down", "resolved")]);
    await drain(w);
    clock.advance(20 * MINUTE);
    await accept([alert("db-down")]);
    await drain(w);
    expect(t.emulator.incidents()).toHaveLength(1);
    clock.advance(11 * MINUTE);
    await accept([alert("db-down")]);
    await drain(w);
    const incidents = t.emulator.incidents();
    expect(incidents).toHaveLength(2);
    expect(closedIds().has(incidents[1]?.incident_status_id ?? "")).toBe(false);
  });

  it("opens nothing for a suppressed alert", async () => {
    const [held] = await accept([alert("quiet", "firing", "staging")]);
    expect(held?.decision).toBe("suppressed");
    expect(await worker().runOnce()).toBe(0);
    expect(t.emulator.incidents()).toHaveLength(0);
  });

  it("keeps a declare refused for the key's permissions (403) pending, with the fix, until a good key delivers it", async () => {
    await accept([alert("db-down")]);
    const viewer = worker(sessionFor("Viewer"));
    expect(await viewer.runOnce()).toBe(0);
    const [row] = await outbox();
    expect(row).toMatchObject({ state: "pending", attempts: 1 });
    expect(Date.parse(row?.next_attempt_at ?? "") - clock.now()).toBe(15 * MINUTE);
    const [attempt] = await deliveries();
    expect(attempt).toMatchObject({ outcome: "retry", http_status: 403, error_code: "forbidden" });
    expect(attempt?.fix).toContain("lacks the permission");
    expect(attempt?.message).not.toContain(tokenFor(snapshot, "Viewer"));
    expect(t.emulator.incidents()).toHaveLength(0);

    clock.advance(15 * MINUTE);
    expect(await worker().runOnce()).toBe(1);
    expect(t.emulator.incidents()).toHaveLength(1);
  });

  it("returns the incident already made when a declare is repeated after a crash before it was marked", async () => {
    await accept([alert("db-down")]);
    const [row] = await outbox();
    const body = JSON.parse(row?.body ?? "{}") as DeclareBody;
    await declareIncident(sessionFor(), { ...body, idempotencyKey: row?.idempotency_key ?? "" });
    expect(t.emulator.incidents()).toHaveLength(1);
    expect(await worker().runOnce()).toBe(1);
    const incidents = t.emulator.incidents();
    expect(incidents).toHaveLength(1);
    const group = await store.db.selectFrom("alert_groups").selectAll().executeTakeFirstOrThrow();
    expect(group.incident_id).toBe(incidents[0]?.id);
  });

  it("opens the page without the values incident.io refuses, saying what it left out and why", async () => {
    const refused = rulesFrom(
      [
        "rules:",
        "  - name: r",
        "    action: open_incident",
        "    incident:",
        "      severity: Sev0",
        "      type: Nonexistent",
        '      custom_fields: { Affected services: "{{ labels.service }}-edge" }',
      ].join("\n"),
    );
    await acceptAlerts(store, refused, intakeBatch("prometheus", [alert("x")]), new Date(clock.now()));
    expect(await worker().runOnce()).toBe(1);
    expect((await outbox())[0]?.state).toBe("delivered");
    const [incident, ...others] = t.emulator.incidents();
    expect(others).toHaveLength(0);
    const critical = snapshot.severities.find((severity) => severity.name === "Critical");
    expect(incident?.severity_id).toBe(critical?.id);
    expect(incident?.custom_field_entries ?? []).toEqual([]);
    expect(incident?.summary).toContain("without some of what its rules asked for");
    expect(incident?.summary).toContain("payments-api-edge");
    const attempts = await deliveries();
    expect(attempts.map((a) => a.outcome)).toEqual(["retry", "retry", "retry", "delivered"]);
    expect(attempts[0]?.fix).toMatch(/^declared again at once without the custom field Affected services/);
    expect(attempts[3]?.message).toMatch(/^declared INC-\d+ without /);
  });

  it("declares again without a custom field that cannot be set, in one more call", async () => {
    const catalogField = rulesFrom(
      [
        "rules:",
        "  - name: r",
        "    action: open_incident",
        '    incident: { severity: Critical, custom_fields: { Affected services: "checkout-edge" } }',
      ].join("\n"),
    );
    await acceptAlerts(store, catalogField, intakeBatch("prometheus", [alert("x")]), new Date(clock.now()));
    expect(await worker().runOnce()).toBe(1);
    const attempts = await deliveries();
    expect(attempts.map((a) => a.outcome)).toEqual(["retry", "delivered"]);
    expect(t.emulator.incidents()).toHaveLength(1);
  });
});

describe("OutboxWorker.start", () => {
  beforeEach(() => start());

  it("keeps delivering what is accepted until stopped", async () => {
    const w = worker();
    w.start();
    await accept([alert("one")]);
    await vi.waitFor(() => expect(t.emulator.incidents()).toHaveLength(1), { timeout: 5_000 });
    await accept([alert("two")]);
    await vi.waitFor(() => expect(t.emulator.incidents()).toHaveLength(2), { timeout: 5_000 });
    await w.stop();
    await accept([alert("three")]);
    await new Promise((resolve) => setTimeout(resolve, 50));
    expect(t.emulator.incidents()).toHaveLength(2);
    expect((await outbox()).map((row) => row.state)).toEqual(["delivered", "delivered", "pending"]);
  });
});

describe("OutboxWorker under faults", () => {
  it("opens exactly one incident per group through errors, lost answers and a 429 burst", async () => {
    await start({ errorRate: 0.5, lostResponseRate: 0.2 });
    const events = Array.from({ length: 20 }, (_, i) => alert(`group-${i}`));
    await accept(events);
    await accept(events);
    t.emulator.faults.throttleFor(3 * MINUTE);
    const w = worker();
    await w.runOnce();
    const throttled = (await deliveries()).filter((d) => d.http_status === 429);
    expect(throttled.length).toBeGreaterThan(0);
    expect(throttled[0]?.fix).toBe(FIXES.rateLimited);
    const retryAt = await store.db
      .selectFrom("outbox")
      .select("next_attempt_at")
      .where("id", "=", throttled[0]?.outbox_id ?? "")
      .executeTakeFirstOrThrow();
    expect(Date.parse(retryAt.next_attempt_at) - clock.now()).toBeGreaterThanOrEqual(3 * MINUTE);
    await drain(w);
    const incidents = t.emulator.incidents();
    expect(incidents).toHaveLength(20);
    expect(new Set(incidents.map((incident) => incident.name)).size).toBe(20);
    expect(
      await store.db.selectFrom("outbox").select("id").where("state", "=", "delivered").execute(),
    ).toHaveLength(20);
  });
});
