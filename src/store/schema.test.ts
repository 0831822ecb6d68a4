import { afterEach, beforeEach, describe, expect, it } from "vitest";
import type { Store } from "./index.js";
import { refusedBy } from "./testing/constraint-errors.js";
import { openTestStore } from "./testing/databases.js";
import { alertRow, groupRow, outboxRow } from "./testing/rows.js";

let store: Store;

beforeEach(async () => {
  store = await openTestStore();
});
afterEach(async () => {
  await store.close();
});

async function counts(): Promise<Record<string, number>> {
  const result: Record<string, number> = {};
  for (const table of ["alerts", "alert_groups", "outbox", "deliveries"] as const) {
    const row = await store.db
      .selectFrom(table)
      .select((eb) => eb.fn.countAll<number>().as("n"))
      .executeTakeFirstOrThrow();
    result[table] = row.n;
  }
  return result;
}

describe("the hub schema", () => {
  it("writes nothing from a transaction that throws part-way", async () => {
    const alert = alertRow();
    const failing = store.db.transaction().execute(async (trx) => {
      await trx.insertInto("alerts").values(alert).execute();
      await trx.insertInto("alert_groups").values(groupRow()).execute();
      await trx
        .insertInto("outbox")
        .values(outboxRow({ alert_id: alert.id }))
        .execute();
      throw new Error("incident.io rule evaluation failed");
    });
    await expect(failing).rejects.toThrow("incident.io rule evaluation failed");
    expect(await counts()).toEqual({ alerts: 0, alert_groups: 0, outbox: 0, deliveries: 0 });
  });

  it("writes everything from a transaction that completes", async () => {
    const alert = alertRow();
    await store.db.transaction().execute(async (trx) => {
      await trx.insertInto("alerts").values(alert).execute();
      await trx.insertInto("alert_groups").values(groupRow()).execute();
      await trx
        .insertInto("outbox")
        .values(outboxRow({ alert_id: alert.id }))
        .execute();
    });
    expect(await counts()).toEqual({ alerts: 1, alert_groups: 1, outbox: 1, deliveries: 0 });
  });

  it("fills in defaults: generation 1, no attempts yet, numbered deliveries", async () => {
    const alert = alertRow();
    const entry = outboxRow({ alert_id: alert.id });
    await store.db.insertInto("alerts").values(alert).execute();
    await store.db.insertInto("alert_groups").values(groupRow()).execute();
    await store.db.insertInto("outbox").values(entry).execute();
    const delivery = { outbox_id: entry.id, alert_id: alert.id, attempted_at: "2026-01-02T03:04:06.000Z" };
    await store.db
      .insertInto("deliveries")
      .values([
        {
          ...delivery,
          outcome: "retry",
          http_status: 429,
          error_code: "rate_limited",
          fix: "Wait and retry.",
        },
        { ...delivery, outcome: "delivered", http_status: 201 },
      ])
      .execute();

    const group = await store.db.selectFrom("alert_groups").selectAll().executeTakeFirstOrThrow();
    expect(group).toMatchObject({ generation: 1, state: "open", incident_id: null, opened_at: null });
    const outbox = await store.db.selectFrom("outbox").selectAll().executeTakeFirstOrThrow();
    expect(outbox).toMatchObject({ attempts: 0, last_error: null, delivered_at: null });
    const deliveries = await store.db.selectFrom("deliveries").selectAll().orderBy("id").execute();
    expect(deliveries.map((d) => [d.id, d.outcome, d.http_status, d.message])).toEqual([
      [1, "retry", 429, null],
      [2, "delivered", 201, null],
    ]);
  });

  it("refuses an outbox entry for an alert that was never stored", async () => {
    await store.db.insertInto("alert_groups").values(groupRow()).execute();
    const orphan = store.db
      .insertInto("outbox")
      .values(outboxRow({ alert_id: "01JUNKNOWNALERT0000000000" }))
      .execute();
    await expect(orphan).rejects.toThrow(refusedBy.foreignKey);
  });

  it("refuses a decision, state or kind outside the known words", async () => {
    const unknownDecision = { decision: "escalate" } as unknown as Parameters<typeof alertRow>[0];
    await expect(store.db.insertInto("alerts").values(alertRow(unknownDecision)).execute()).rejects.toThrow(
      refusedBy.check,
    );
    const unknownState = { state: "snoozed" } as unknown as Parameters<typeof groupRow>[0];
    await expect(
      store.db.insertInto("alert_groups").values(groupRow(unknownState)).execute(),
    ).rejects.toThrow(refusedBy.check);
    const alert = alertRow();
    await store.db.insertInto("alerts").values(alert).execute();
    await store.db.insertInto("alert_groups").values(groupRow()).execute();
    const unknownKind = { alert_id: alert.id, kind: "page" } as unknown as Parameters<typeof outboxRow>[0];
    await expect(store.db.insertInto("outbox").values(outboxRow(unknownKind)).execute()).rejects.toThrow(
      refusedBy.check,
    );
  });
});
