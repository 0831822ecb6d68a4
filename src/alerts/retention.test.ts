import { join } from "node:path";
import { type Insertable, sql } from "kysely";
import { ulid } from "ulid";
import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import { ManualClock } from "../shared/clock.js";
import { type AlertsTable, type OutboxTable, openStore, type Store } from "../store/index.js";
import { openTestStore } from "../store/testing/databases.js";
import { alertRow, groupRow, outboxRow, tempDir } from "../store/testing/rows.js";
import { acceptAlerts } from "./accept.js";
import { parseAlerts } from "./intake/index.js";
import { pruneExpired } from "./prune.js";
import { RetentionJob, rulesMemoryMs } from "./retention.js";
import { rulesFrom } from "./rules/testing.js";

const T0 = Date.parse("2026-06-10T12:00:00Z");
const MINUTE = 60_000;
const HOUR = 3_600_000;
const DAY = 86_400_000;
const RETENTION = 30 * DAY;
/** Just past the window, and just inside it. */
const OLD = T0 - RETENTION - HOUR;
const RECENT = T0 - RETENTION + HOUR;
const iso = (ms: number) => new Date(ms).toISOString();

let store: Store;
beforeEach(async () => {
  store = await openTestStore();
});
afterEach(async () => {
  await store.close();
});

/** An alert received at `ms`, its ID made then as intake makes it. */
async function storedAlert(ms: number, overrides: Partial<Insertable<AlertsTable>> = {}): Promise<string> {
  const row = alertRow({ id: ulid(ms), received_at: iso(ms), decision: "record_only", ...overrides });
  await store.db.insertInto("alerts").values(row).execute();
  return row.id;
}

/** An outbox entry for `alertId` and a delivery attempt of it, both at `ms`. */
async function call(
  alertId: string,
  ms: number,
  state: "pending" | "delivered" | "failed",
  overrides: Partial<Insertable<OutboxTable>> = {},
): Promise<string> {
  const entry = outboxRow({
    alert_id: alertId,
    state,
    created_at: iso(ms),
    next_attempt_at: iso(ms),
    delivered_at: state === "delivered" ? iso(ms) : null,
    ...overrides,
  });
  await store.db.insertInto("outbox").values(entry).execute();
  await store.db
    .insertInto("deliveries")
    .values({
      outbox_id: entry.id,
      alert_id: alertId,
      attempted_at: iso(ms),
      outcome: state === "pending" ? "retry" : state,
    })
    .execute();
  return entry.id;
}

async function ids(table: "alerts" | "outbox" | "intake_refusals"): Promise<string[]> {
  return (await store.db.selectFrom(table).select("id").orderBy("id").execute()).map((row) => row.id);
}
const groupKeys = async () =>
  (await store.db.selectFrom("alert_groups").select("group_key").orderBy("group_key").execute()).map(
    (row) => row.group_key,
  );
const count = async (table: "deliveries" | "alert_group_members" | "webhook_receipts") =>
  Number(
    (
      await store.db
        .selectFrom(table)
        .select((eb) => eb.fn.countAll().as("n"))
        .executeTakeFirstOrThrow()
    ).n,
  );

const prune = (options: { retentionMs?: number; groupsKeptMs?: number; batchSize?: number } = {}) =>
  pruneExpired(store, { nowMs: T0, retentionMs: RETENTION, ...options });

describe("pruneExpired", () => {
  it("deletes what is past the window from every table and keeps what is inside it", async () => {
    for (const [name, ms] of [
      ["old", OLD],
      ["recent", RECENT],
    ] as const) {
      const key = `prometheus:${name}`;
      await store.db
        .insertInto("alert_groups")
        .values(groupRow({ group_key: key, dedup_key: name, state: "resolved", resolved_at: iso(ms) }))
        .execute();
      const opened = await storedAlert(ms - MINUTE, { group_key: key, decision: "open_incident" });
      await call(opened, ms - MINUTE, "delivered", { group_key: key });
      const resolved = await storedAlert(ms, { group_key: key, status: "resolved", decision: "resolve" });
      await call(resolved, ms, "failed", { group_key: key, kind: "close" });
      await store.db
        .insertInto("alert_group_members")
        .values(
          ["db-1", "db-2"].map((dedup) => ({
            group_key: key,
            dedup_key: dedup,
            status: "resolved" as const,
            title: `Disk full on ${dedup}`,
            updated_at: iso(ms),
          })),
        )
        .execute();
      await store.db
        .insertInto("webhook_receipts")
        .values({
          webhook_id: `msg_${name}`,
          event_type: "public_incident.incident_updated_v2",
          received_at: iso(ms),
          processed_at: iso(ms),
        })
        .execute();
      await store.db
        .insertInto("intake_refusals")
        .values({
          id: ulid(ms),
          source: "prometheus",
          received_at: iso(ms),
          http_status: 413,
          reason: "too big",
        })
        .execute();
    }
    // Never processed: kept for incident.io's next delivery of it, however old.
    await store.db
      .insertInto("webhook_receipts")
      .values({ webhook_id: "msg_failed", event_type: "x", received_at: iso(OLD), error: "boom" })
      .execute();
    const recentAlerts = (await ids("alerts")).filter((id) => id > ulid(T0 - RETENTION));

    expect(await prune()).toEqual({
      deliveries: 2,
      outbox: 2,
      alerts: 2,
      alertGroups: 1,
      groupMembers: 2,
      webhookReceipts: 1,
      intakeRefusals: 1,
    });
    expect(await ids("alerts")).toEqual(recentAlerts);
    expect(await groupKeys()).toEqual(["prometheus:recent"]);
    expect(await ids("outbox")).toHaveLength(2);
    expect(await count("deliveries")).toBe(2);
    expect(await count("alert_group_members")).toBe(2);
    expect(
      (
        await store.db.selectFrom("webhook_receipts").select("webhook_id").orderBy("webhook_id").execute()
      ).map((row) => row.webhook_id),
    ).toEqual(["msg_failed", "msg_recent"]);
    expect(await ids("intake_refusals")).toHaveLength(1);
    // A second pass finds nothing more.
    expect(Object.values(await prune()).every((n) => n === 0)).toBe(true);
  });

  it("keeps a pending call with its attempts and alert, the open group, and an open group's last alert", async () => {
    // A declare still retrying after the window: its alert, attempts and open group stay.
    await store.db
      .insertInto("alert_groups")
      .values(groupRow({ group_key: "prometheus:stuck" }))
      .execute();
    const stuck = await storedAlert(OLD, { group_key: "prometheus:stuck", decision: "open_incident" });
    await call(stuck, OLD, "pending", { group_key: "prometheus:stuck" });
    // An open group repeating for over a month: its last alert stays, its older repeats go.
    const repeat = await storedAlert(OLD - DAY, { group_key: "prometheus:long" });
    const last = await storedAlert(OLD, { group_key: "prometheus:long" });
    await store.db
      .insertInto("alert_groups")
      .values(groupRow({ group_key: "prometheus:long", dedup_key: "long" }))
      .execute();
    // Resolved before the window, but an alert of it arrived inside the window: the group stays.
    await store.db
      .insertInto("alert_groups")
      .values(
        groupRow({
          group_key: "prometheus:late",
          dedup_key: "late",
          state: "resolved",
          resolved_at: iso(OLD),
        }),
      )
      .execute();
    const late = await storedAlert(RECENT, { group_key: "prometheus:late" });

    const counts = await prune();
    expect(counts).toMatchObject({ deliveries: 0, outbox: 0, alerts: 1, alertGroups: 0 });
    expect(await ids("alerts")).toEqual([stuck, last, late].sort());
    expect(await ids("alerts")).not.toContain(repeat);
    expect(await groupKeys()).toEqual(["prometheus:late", "prometheus:long", "prometheus:stuck"]);
    expect(await ids("outbox")).toHaveLength(1);
    expect(await count("deliveries")).toBe(1);
  });

  it("keeps the alert that opened a group still open, not its repeats; a resolved group goes with its alerts", async () => {
    const rules = rulesFrom(`
rules:
  - name: page
    action: open_incident
    incident: { severity: Minor, mode: test }
`);
    const accept = async (dedupKey: string, status: "firing" | "resolved", ms: number) => {
      const body = { dedup_key: dedupKey, status, title: `${dedupKey} down` };
      const parsed = parseAlerts("generic", "bench", body);
      if (!parsed.ok) throw new Error(JSON.stringify(parsed.errors));
      const [accepted] = await acceptAlerts(
        store,
        rules,
        { source: "bench", format: "generic", ...parsed },
        new Date(ms),
      );
      if (!accepted) throw new Error("nothing accepted");
      return accepted.id;
    };
    // In the order they arrive: intake's IDs only ever grow.
    const opened = await accept("db", "firing", OLD - 3 * DAY);
    const cacheOpened = await accept("cache", "firing", OLD - 3 * DAY);
    const cacheResolved = await accept("cache", "resolved", OLD - 2 * DAY);
    const repeats = [await accept("db", "firing", OLD - DAY), await accept("db", "firing", OLD)];
    const recent = await accept("db", "firing", RECENT);
    // Their calls were delivered long ago.
    await store.db
      .updateTable("outbox")
      .set({ state: "delivered", delivered_at: iso(OLD - 2 * DAY), next_attempt_at: iso(OLD - 2 * DAY) })
      .execute();
    const whileOpen = Object.fromEntries(
      (await store.db.selectFrom("alerts").select(["id", "while_open"]).execute()).map((r) => [
        r.id,
        r.while_open,
      ]),
    );
    expect([opened, ...repeats, recent, cacheOpened, cacheResolved].map((id) => whileOpen[id])).toEqual([
      null,
      1,
      1,
      1,
      null,
      1,
    ]);

    const counts = await prune();
    expect(counts).toMatchObject({ outbox: 3, alerts: 4, alertGroups: 1 });
    expect(await ids("alerts")).toEqual([opened, recent].sort());
    expect(await groupKeys()).toEqual(["bench:db"]);
  });

  it("keeps an alert that opened an incident two days for the daily caps, whatever the retention", async () => {
    await store.db.insertInto("alert_groups").values(groupRow()).execute();
    const opened = await storedAlert(T0 - 3 * HOUR, { decision: "open_incident" });
    await call(opened, T0 - 3 * HOUR, "delivered");
    const recorded = await storedAlert(T0 - 3 * HOUR);
    const openedLongAgo = await storedAlert(T0 - 3 * DAY, { decision: "open_incident" });
    // A later alert of the open group: `recorded` is no longer its newest, which retention would keep.
    const latest = await storedAlert(T0);

    const counts = await prune({ retentionMs: HOUR });
    expect(counts).toMatchObject({ deliveries: 1, outbox: 1, alerts: 2 });
    expect(await ids("alerts")).toEqual([opened, latest].sort());
    expect(await ids("alerts")).not.toContain(recorded);
    expect(await ids("alerts")).not.toContain(openedLongAgo);
  });

  it("keeps a resolved group while the rules' re-open window or cooldowns may ask about it", async () => {
    const rules = rulesFrom(`
defaults: { reopen_after: 2h }
rules:
  - name: page
    match: { labels: { env: production } }
    action: open_incident
    suppress: { cooldown: 6h }
`);
    expect(rulesMemoryMs(rules)).toBe(6 * HOUR);
    for (const [name, resolvedHoursAgo] of [
      ["cooling", 5],
      ["cold", 7],
    ] as const) {
      await store.db
        .insertInto("alert_groups")
        .values(
          groupRow({
            group_key: `prometheus:${name}`,
            dedup_key: name,
            state: "resolved",
            resolved_at: iso(T0 - resolvedHoursAgo * HOUR),
          }),
        )
        .execute();
    }
    expect(await prune({ retentionMs: HOUR, groupsKeptMs: rulesMemoryMs(rules) })).toMatchObject({
      alertGroups: 1,
    });
    expect(await groupKeys()).toEqual(["prometheus:cooling"]);
  });

  it("deletes a backlog in batches, letting intake commit before the pass ends", async () => {
    const backlog = 3_000;
    const rows = Array.from({ length: backlog }, (_, n) => {
      const ms = OLD - DAY + n * 1_000;
      return alertRow({
        id: ulid(ms),
        received_at: iso(ms),
        dedup_key: `old-${n}`,
        group_key: `prometheus:old-${n}`,
      });
    });
    for (let start = 0; start < rows.length; start += 250) {
      await store.db
        .insertInto("alerts")
        .values(rows.slice(start, start + 250))
        .execute();
    }
    const oldLeft = async () =>
      Number(
        (
          await store.db
            .selectFrom("alerts")
            .select((eb) => eb.fn.countAll().as("n"))
            .where("received_at", "<", iso(T0 - RETENTION))
            .executeTakeFirstOrThrow()
        ).n,
      );

    const pass = prune({ batchSize: 50 });
    await new Promise((resolve) => setImmediate(resolve));
    // Intake's commit: a group commit of the alert it accepted.
    const fresh = alertRow({
      id: ulid(T0),
      received_at: iso(T0),
      dedup_key: "new",
      group_key: "prometheus:new",
    });
    await store.write((trx) => trx.insertInto("alerts").values(fresh).execute());
    const leftWhenAccepted = await oldLeft();
    expect((await pass).alerts).toBe(backlog);

    expect(leftWhenAccepted).toBeGreaterThan(0);
    expect(await oldLeft()).toBe(0);
    expect(await store.db.selectFrom("alerts").select("dedup_key").execute()).toEqual([{ dedup_key: "new" }]);
  });
});

/** Leadership as another hub may hold it: `confirm` answers `confirms`. */
function leadership(leading: boolean) {
  return {
    leading,
    confirms: leading,
    async confirm() {
      return this.confirms;
    },
    async close() {},
  };
}

describe("RetentionJob", () => {
  let job: RetentionJob | undefined;
  afterEach(async () => {
    await job?.close();
    job = undefined;
  });
  const exists = async (id: string) =>
    (await store.db.selectFrom("alerts").select("id").where("id", "=", id).executeTakeFirst()) !== undefined;

  it("prunes shortly after start and again every interval while this hub leads", async () => {
    const clock = new ManualClock(T0);
    const first = await storedAlert(OLD);
    job = new RetentionJob({ store, retentionMs: RETENTION, leadership: leadership(true), clock });
    job.start();
    await vi.waitFor(async () => expect(await exists(first)).toBe(false));
    expect(clock.now()).toBeGreaterThanOrEqual(T0 + 30_000);

    // Written later, already past the window as the clock then stands: the next passes take it.
    const second = await storedAlert(clock.now() - RETENTION - HOUR);
    await vi.waitFor(async () => expect(await exists(second)).toBe(false));
  });

  it("prunes nothing while another hub leads, and starts once this hub leads", async () => {
    const clock = new ManualClock(T0);
    const old = await storedAlert(OLD);
    const lead = leadership(false);
    job = new RetentionJob({ store, retentionMs: RETENTION, leadership: lead, clock });
    job.start();
    // Followers look again every second.
    await vi.waitFor(() => expect(clock.now()).toBeGreaterThanOrEqual(T0 + 60_000));
    expect(await exists(old)).toBe(true);

    lead.leading = true;
    lead.confirms = true;
    await vi.waitFor(async () => expect(await exists(old)).toBe(false));
  });

  it("reports a failed pass and stops when closed", async () => {
    const errors: unknown[] = [];
    const clock = new ManualClock(T0);
    job = new RetentionJob({
      store,
      retentionMs: RETENTION,
      leadership: leadership(true),
      clock,
      onError: (error) => errors.push(error),
    });
    await store.close();
    job.start();
    await vi.waitFor(() => expect(errors.length).toBeGreaterThanOrEqual(1));
    await job.close();
    job = undefined;
    const reported = errors.length;
    const stoppedAt = clock.now();
    await new Promise((resolve) => setTimeout(resolve, 20));
    expect(clock.now()).toBe(stoppedAt);
    expect(errors.length).toBe(reported);
  });
});

/**
 * An Alertmanager notification as its webhook sends it (payload version 4): every `interval`, each firing group
 * again with all its alerts, then once resolved.
 */
function notification(wave: number, status: "firing" | "resolved", at: number): object {
  const namespace = `payments-${wave}`;
  const groupLabels = { alertname: "KubePodCrashLooping", namespace };
  return {
    version: "4",
    groupKey: `{}/{severity="critical"}:{alertname="KubePodCrashLooping", namespace="${namespace}"}`,
    truncatedAlerts: 0,
    status,
    receiver: "incidentkit",
    groupLabels,
    commonLabels: { ...groupLabels, cluster: "prod-eu-west-1", severity: "critical" },
    commonAnnotations: { summary: "Pod is crash looping." },
    externalURL: "http://alertmanager.example.com:9093",
    alerts: Array.from({ length: 20 }, (_, n) => ({
      status,
      labels: {
        ...groupLabels,
        cluster: "prod-eu-west-1",
        severity: "critical",
        pod: `payments-api-${wave}-${n}`,
      },
      annotations: {
        description: `Pod ${namespace}/payments-api-${wave}-${n} (api) is restarting 1.2 times / 10 minutes.`,
        runbook_url: "https://runbooks.example.com/KubePodCrashLooping",
        summary: "Pod is crash looping.",
      },
      startsAt: iso(at),
      endsAt: status === "resolved" ? iso(at) : "0001-01-01T00:00:00Z",
      generatorURL:
        "http://prometheus.example.com:9090/graph?g0.expr=kube_pod_container_status_waiting_reason",
      fingerprint: `${wave.toString(16).padStart(8, "0")}${n.toString(16).padStart(8, "0")}`,
    })),
  };
}

/** What the outbox worker records once incident.io took every pending call. */
async function deliverPending(db: Store["db"], at: string): Promise<void> {
  const pending = await db
    .selectFrom("outbox")
    .select(["id", "alert_id", "group_key", "kind"])
    .where("state", "=", "pending")
    .execute();
  for (const entry of pending) {
    await db
      .updateTable("outbox")
      .set({ state: "delivered", delivered_at: at, attempts: 1 })
      .where("id", "=", entry.id)
      .execute();
    if (entry.kind === "declare") {
      await db
        .updateTable("alert_groups")
        .set({ incident_id: `01J${entry.id.slice(3)}`, incident_reference: "INC-1" })
        .where("group_key", "=", entry.group_key)
        .execute();
    }
    await db
      .insertInto("deliveries")
      .values({ outbox_id: entry.id, alert_id: entry.alert_id, attempted_at: at, outcome: "delivered" })
      .execute();
  }
}

describe("RetentionJob on a SQLite file", () => {
  it("stops the file growing once the window is full: four simulated days of Alertmanager groups, one kept", async () => {
    const temp = tempDir();
    const sqlite = await openStore({ file: join(temp.dir, "hub.sqlite") });
    try {
      const rules = rulesFrom(
        "rules:\n  - name: page\n    match: { severity: [critical] }\n    action: open_incident\n",
      );
      const clock = new ManualClock(T0);
      const job = new RetentionJob({
        store: sqlite,
        retentionMs: DAY,
        groupsKeptMs: rulesMemoryMs(rules),
        leadership: leadership(true),
        clock,
      });
      const pages = async () =>
        Number((await sql<{ page_count: number }>`pragma page_count`.execute(sqlite.db)).rows[0]?.page_count);
      const stored = async () =>
        Number(
          (
            await sqlite.db
              .selectFrom("alerts")
              .select((eb) => eb.fn.countAll().as("n"))
              .executeTakeFirstOrThrow()
          ).n,
        );
      const EVERY = 20 * MINUTE;
      const samples: Array<{ pages: number; stored: number; written: number }> = [];
      let written = 0;
      // A new group every 2 hours, sent firing every 20 minutes for 3 notifications, then resolved; the hub prunes
      // every 20 minutes. Sampled every 6 hours.
      for (let round = 0; round < (4 * DAY) / EVERY; round += 1) {
        const now = clock.now();
        const step = round % 6;
        if (step <= 3) {
          const body = notification(Math.floor(round / 6), step < 3 ? "firing" : "resolved", now);
          const parsed = parseAlerts("alertmanager", "prometheus", body);
          if (!parsed.ok) throw new Error(JSON.stringify(parsed.errors));
          await acceptAlerts(
            sqlite,
            rules,
            { source: "prometheus", format: "alertmanager", ...parsed },
            new Date(now),
          );
          written += parsed.events.length;
        }
        await deliverPending(sqlite.db, iso(now));
        await job.runOnce();
        if ((round + 1) % 18 === 0) samples.push({ pages: await pages(), stored: await stored(), written });
        clock.advance(EVERY);
      }
      // Full once the daily caps' two days have passed (the incident-opening alerts are kept that long): from
      // the ninth sample, 54 hours in. After it, more alerts are written than the window holds, so a file that
      // did not reuse the pages freed would grow by more than its size.
      const full = samples[8] as (typeof samples)[number];
      const last = samples[samples.length - 1] as (typeof samples)[number];
      expect(last.written - full.written).toBeGreaterThan(full.stored);
      const later = samples.slice(8);
      expect(Math.max(...later.map((sample) => sample.stored))).toBeLessThanOrEqual(full.stored);
      expect(Math.max(...later.map((sample) => sample.pages))).toBeLessThanOrEqual(full.pages * 1.05);
    } finally {
      await sqlite.close();
      temp.remove();
    }
  }, 120_000);
});
