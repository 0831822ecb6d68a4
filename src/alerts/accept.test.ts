import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { openStore, type Store } from "../store/index.js";
import { openTestStore } from "../store/testing/databases.js";
import { acceptAlerts } from "./accept.js";
import type { AlertEvent } from "./event.js";
import { declareIdempotencyKey } from "./groups.js";
import { rulesFrom } from "./rules/testing.js";
import { storedLabels } from "./stored-labels.js";
import { intakeBatch } from "./testing/batch.js";

const RULES = rulesFrom(`
defaults: { reopen_after: 30m }
rules:
  - name: frozen
    match: { labels: { env: staging } }
    action: open_incident
    suppress:
      blackouts: [{ from: "2026-01-01T00:00:00Z", to: "2027-01-01T00:00:00Z", reason: freeze }]
  - name: capped
    match: { labels: { env: lab } }
    action: open_incident
    suppress: { daily_cap: 2 }
  - name: cooled
    match: { labels: { env: test } }
    action: open_incident
    suppress: { cooldown: 2h }
  - name: page
    match: { labels: { env: production } }
    action: open_incident
    incident: { severity: Critical, summary: "{{ description }}", custom_fields: { Notes: "{{ labels.service }}" } }
`);

const T0 = Date.parse("2026-06-10T12:00:00Z");
const at = (minutes: number) => new Date(T0 + minutes * 60_000);

function firing(dedupKey = "db-down", overrides: Partial<AlertEvent> = {}): AlertEvent {
  return {
    source: "prometheus",
    dedupKey,
    status: "firing",
    title: `Alert ${dedupKey}`,
    description: "Primary unreachable",
    severity: "critical",
    labels: { env: "production", service: "payments-api" },
    ...overrides,
  };
}
const resolved = (dedupKey = "db-down") => firing(dedupKey, { status: "resolved" });

let store: Store;
const accept = (events: AlertEvent[], now: Date) =>
  acceptAlerts(store, RULES, intakeBatch("prometheus", events), now);
const outbox = () =>
  store.db
    .selectFrom("outbox")
    .select(["kind", "group_key", "idempotency_key", "body"])
    .orderBy("id")
    .execute();

beforeEach(async () => {
  store = await openTestStore();
});
afterEach(async () => {
  await store.close();
});

describe("acceptAlerts: one incident per alert group", () => {
  it("enqueues one declare for a new group, with a deterministic idempotency key and the rule's fields", async () => {
    const [first] = await accept([firing()], at(0));
    expect(first).toMatchObject({ decision: "open_incident", rule: "page", groupKey: "prometheus:db-down" });
    const rows = await outbox();
    expect(rows).toHaveLength(1);
    expect(rows[0]?.idempotency_key).toBe(
      declareIdempotencyKey(store.installId, "prometheus:db-down", 1, first?.id ?? ""),
    );
    expect(rows[0]?.idempotency_key).toMatch(/^incidentkit-alert-[0-9a-f]{32}$/);
    const body = JSON.parse(rows[0]?.body ?? "{}");
    expect(body).toMatchObject({
      name: "Alert db-down",
      severity: "Critical",
      customFields: { Notes: "payments-api" },
    });
    expect(body.summary).toContain("Primary unreachable");
  });

  it("keys the declare to this database: the same after reopening it, another on a fresh database", async () => {
    const dir = mkdtempSync(join(tmpdir(), "incidentkit-accept-"));
    let reopened = await openStore({ dataDir: dir });
    await acceptAlerts(reopened, RULES, intakeBatch("prometheus", [firing()]), at(0));
    const [ours] = await reopened.db.selectFrom("outbox").select(["idempotency_key", "alert_id"]).execute();
    await reopened.close();
    reopened = await openStore({ dataDir: dir });
    expect(declareIdempotencyKey(reopened.installId, "prometheus:db-down", 1, ours?.alert_id ?? "")).toBe(
      ours?.idempotency_key,
    );
    await reopened.close();
    rmSync(dir, { recursive: true, force: true });

    const freshDir = mkdtempSync(join(tmpdir(), "incidentkit-accept-"));
    const fresh = await openStore({ dataDir: freshDir });
    try {
      await acceptAlerts(fresh, RULES, intakeBatch("prometheus", [firing()]), at(0));
      const [theirs] = await fresh.db.selectFrom("outbox").select("idempotency_key").execute();
      expect(theirs?.idempotency_key).toMatch(/^incidentkit-alert-[0-9a-f]{32}$/);
      expect(theirs?.idempotency_key).not.toBe(ours?.idempotency_key);
    } finally {
      await fresh.close();
      rmSync(freshDir, { recursive: true, force: true });
    }
  });

  it("records repeats of an open group without enqueuing anything, in the same batch or later", async () => {
    const batch = await accept([firing(), firing(), firing("other")], at(0));
    expect(batch.map((a) => a.decision)).toEqual(["open_incident", "record_only", "open_incident"]);
    expect(batch[1]?.reason).toBe("repeat of the incident being declared");
    const later = await accept([firing()], at(5));
    expect(later[0]?.decision).toBe("record_only");
    expect((await outbox()).map((row) => row.kind)).toEqual(["declare", "declare"]);
  });

  it("names the incident in a repeat's reason once it is declared", async () => {
    await accept([firing()], at(0));
    await store.db.updateTable("outbox").set({ state: "delivered" }).execute();
    await store.db
      .updateTable("alert_groups")
      .set({ incident_id: "01X", incident_reference: "INC-7" })
      .execute();
    const [repeat] = await accept([firing()], at(1));
    expect(repeat?.reason).toBe("repeat of INC-7");
  });

  it("stores every alert with its payload and decision", async () => {
    const [first] = await accept([firing()], at(0));
    const row = await store.db
      .selectFrom("alerts")
      .selectAll()
      .where("id", "=", first?.id ?? "")
      .executeTakeFirst();
    expect(row).toMatchObject({
      group_key: "prometheus:db-down",
      status: "firing",
      decision: "open_incident",
      rule: "page",
    });
    expect(JSON.parse(row?.payload ?? "null").dedupKey).toBe("db-down");
    // The labels are those of the alert's own JSON, so they are not stored a second time.
    expect(row?.labels).toBeNull();
    expect(row && storedLabels(row)).toEqual({ env: "production", service: "payments-api" });
  });
});

describe("acceptAlerts: resolving and re-opening", () => {
  it("enqueues a close after the declare when an open group resolves, and nothing for an unknown group", async () => {
    await accept([firing()], at(0));
    const [close] = await accept([resolved()], at(10));
    expect(close).toMatchObject({ decision: "resolve", enqueued: "close" });
    expect(close?.reason).toBe("resolve: alert resolved (rule page); closing the incident being declared");
    const [stray] = await accept([resolved("never-fired")], at(11));
    expect(stray?.decision).toBe("record_only");
    expect(stray?.reason).toContain("no open incident");
    expect((await outbox()).map((row) => row.kind)).toEqual(["declare", "close"]);
    const group = await store.db.selectFrom("alert_groups").selectAll().executeTakeFirstOrThrow();
    expect(group).toMatchObject({ state: "resolved", resolved_at: at(10).toISOString() });
  });

  it("records a resolve for a group whose declare failed, since there is no incident to close", async () => {
    await accept([firing()], at(0));
    await store.db.updateTable("outbox").set({ state: "failed" }).execute();
    const [close] = await accept([resolved()], at(10));
    expect(close?.decision).toBe("record_only");
    expect(close?.reason).toContain("never got an incident");
    expect((await outbox()).map((row) => row.kind)).toEqual(["declare"]);
  });

  it("words the close of a known incident without a rule, which a resolve does not need", async () => {
    await accept([firing()], at(0));
    await store.db.updateTable("outbox").set({ state: "delivered" }).execute();
    await store.db
      .updateTable("alert_groups")
      .set({ incident_id: "01X", incident_reference: "INC-526" })
      .execute();
    // As a generic sender resolves: the dedup key and status only, no labels for a rule to match.
    const [close] = await accept(
      [resolved()].map((event) => ({ ...event, labels: {} })),
      at(10),
    );
    expect(close).toMatchObject({ decision: "resolve", enqueued: "close" });
    expect(close?.reason).toBe("resolve: alert resolved; closing INC-526");
  });

  it("records a firing alert within the re-open window and opens a new generation after it", async () => {
    await accept([firing()], at(0));
    await store.db.updateTable("outbox").set({ state: "delivered" }).execute();
    await store.db
      .updateTable("alert_groups")
      .set({ incident_id: "01X", incident_reference: "INC-7" })
      .execute();
    await accept([resolved()], at(10));
    const [within] = await accept([firing()], at(39));
    expect(within?.decision).toBe("record_only");
    expect(within?.reason).toBe("within re-open window (30m) of INC-7: recorded only");
    const [after] = await accept([firing()], at(41));
    expect(after).toMatchObject({ decision: "open_incident", enqueued: "declare" });
    const rows = await outbox();
    expect(rows.map((row) => row.kind)).toEqual(["declare", "close", "declare"]);
    expect(rows[2]?.idempotency_key).toBe(
      declareIdempotencyKey(store.installId, "prometheus:db-down", 2, after?.id ?? ""),
    );
    expect(rows[2]?.idempotency_key).not.toBe(rows[0]?.idempotency_key);
  });
});

describe("acceptAlerts: suppression", () => {
  it("records a suppressed alert with the rule's reason and enqueues nothing", async () => {
    const [held] = await accept([firing("freeze", { labels: { env: "staging" } })], at(0));
    expect(held).toMatchObject({ decision: "suppressed", rule: "frozen" });
    expect(held?.reason).toContain("blackout 'freeze'");
    expect(await outbox()).toHaveLength(0);
  });

  it("counts incidents opened today for the daily cap, across batches", async () => {
    const lab = (key: string) => firing(key, { labels: { env: "lab" } });
    await accept([lab("a"), lab("b")], at(0));
    const [third] = await accept([lab("c")], at(60));
    expect(third).toMatchObject({
      decision: "suppressed",
      reason: "suppressed: daily cap 2 reached for rule capped",
    });
    const [tomorrow] = await accept([lab("d")], new Date("2026-06-11T00:30:00Z"));
    expect(tomorrow?.decision).toBe("open_incident");
  });

  it("holds back a new incident for a group within its cooldown since the last one opened", async () => {
    const test = (status: AlertEvent["status"]) => firing("flappy", { status, labels: { env: "test" } });
    await accept([test("firing")], at(0));
    await accept([test("resolved")], at(5));
    const [cooling] = await accept([test("firing")], at(60));
    expect(cooling?.decision).toBe("suppressed");
    expect(cooling?.reason).toContain("cooldown 2h");
    const [later] = await accept([test("firing")], at(125));
    expect(later?.decision).toBe("open_incident");
  });
});

describe("acceptAlerts: notification groups", () => {
  const GROUP = { groupKey: '{}:{alertname="KubePodCrashLooping"}', truncatedAlerts: 0 };
  const pod = (name: string, status: AlertEvent["status"] = "firing") =>
    firing(name, { status, title: `Pod ${name} crash looping`, labels: { env: "production", pod: name } });
  const notify = (events: AlertEvent[], now: Date, notification = GROUP) =>
    acceptAlerts(
      store,
      RULES,
      intakeBatch("prometheus", events, { format: "alertmanager", notification }),
      now,
    );

  it("opens one incident for a notification of three, listing them, and records the others against it", async () => {
    const accepted = await notify([pod("a"), pod("b"), pod("c")], at(0));
    expect(accepted.map((a) => a.decision)).toEqual(["open_incident", "record_only", "record_only"]);
    expect(accepted[1]?.reason).toBe("in the group of the incident being declared (3 alerts firing)");
    const rows = await outbox();
    expect(rows.map((row) => row.kind)).toEqual(["declare"]);
    const summary = JSON.parse(rows[0]?.body ?? "{}").summary as string;
    expect(summary).toContain("3 alerts firing in this prometheus group:");
    expect(summary).toContain("- Pod b crash looping (pod=b)");
  });

  it("closes the group's incident only when every alert of it has resolved", async () => {
    const firingMembers = async () =>
      (
        await store.db.selectFrom("alert_group_members").select("dedup_key").orderBy("dedup_key").execute()
      ).map((row) => row.dedup_key);
    await notify([pod("a"), pod("b")], at(0));
    expect(await firingMembers()).toEqual(["a", "b"]);
    const [partial] = await notify([pod("a", "resolved"), pod("b")], at(5));
    expect(partial?.decision).toBe("record_only");
    expect(partial?.reason).toContain("1 alerts of the group still firing");
    // Only what fires is kept of a group's members.
    expect(await firingMembers()).toEqual(["b"]);
    const last = await notify([pod("a", "resolved"), pod("b", "resolved")], at(10));
    expect(last.map((a) => a.decision)).toEqual(["record_only", "resolve"]);
    expect(last[1]?.reason).toMatch(
      /; closing the incident being declared \(the group's alerts have all resolved\)$/,
    );
    expect((await outbox()).map((row) => row.kind)).toEqual(["declare", "close"]);
    expect(await firingMembers()).toEqual([]);
  });

  it("says how many alerts the sender left out", async () => {
    await notify([pod("a"), pod("b")], at(0), { ...GROUP, truncatedAlerts: 40 });
    const summary = JSON.parse((await outbox())[0]?.body ?? "{}").summary as string;
    expect(summary).toContain("42 alerts firing");
    expect(summary).toContain("left 40 of them out of its notification");
    const group = await store.db.selectFrom("alert_groups").select("truncated_alerts").executeTakeFirst();
    expect(group?.truncated_alerts).toBe(40);
  });

  it("names a repeat by its incident, not a cooldown, while the group is open", async () => {
    const cooled = firing("db-down", { labels: { env: "test" } });
    await accept([cooled], at(0));
    const [repeat] = await accept([cooled], at(5));
    expect(repeat?.reason).toBe("repeat of the incident being declared");
  });

  it("opens a test incident for a test notification, posts an update for an alert naming an incident", async () => {
    const [test] = await accept([firing("t", { test: true, title: "Notification test" })], at(0));
    expect(test).toMatchObject({ decision: "open_incident", enqueued: "declare" });
    const [named] = await accept([firing("n", { incidentIoIncidentId: "01HZ" })], at(0));
    expect(named).toMatchObject({ decision: "update_incident", enqueued: "update" });
    const rows = await outbox();
    expect(JSON.parse(rows[0]?.body ?? "{}")).toMatchObject({
      name: "Test: Notification test",
      mode: "test",
    });
    expect(JSON.parse(rows[1]?.body ?? "{}")).toMatchObject({ incident: "01HZ" });
  });
});
