import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { deliveryFocus } from "../alerts/delivery-state.js";
import type { Store } from "../store/index.js";
import { openTestStore } from "../store/testing/databases.js";
import { recentAlerts } from "./alert-history.js";

let store: Store;

/** An alert of its own group, with the calls it queued: [kind, state, attempts, HTTP status of each attempt]. */
async function alertWithCalls(
  id: string,
  calls: Array<{
    kind: "declare" | "close";
    state: "pending" | "delivered" | "failed";
    statuses: number[];
  }>,
  incident?: { id: string; reference: string },
) {
  const group = `prometheus:${id}`;
  await store.db
    .insertInto("alert_groups")
    .values({
      group_key: group,
      source: "prometheus",
      dedup_key: id,
      state: "open",
      ...(incident ? { incident_id: incident.id, incident_reference: incident.reference } : {}),
    })
    .execute();
  await store.db
    .insertInto("alerts")
    .values({
      id,
      source: "prometheus",
      dedup_key: id,
      group_key: group,
      status: "firing",
      title: `alert ${id}`,
      labels: "{}",
      payload: "{}",
      received_at: "2026-12-06T10:00:00.000Z",
      decision: "open_incident",
      rule: "page",
    })
    .execute();
  for (const [index, call] of calls.entries()) {
    const outboxId = `${id}-O${index}`;
    await store.db
      .insertInto("outbox")
      .values({
        id: outboxId,
        group_key: group,
        alert_id: id,
        kind: call.kind,
        body: "{}",
        state: call.state,
        attempts: call.statuses.length,
        next_attempt_at: "2026-12-06T10:00:00.000Z",
        created_at: "2026-12-06T10:00:00.000Z",
        last_error: call.state === "delivered" ? null : "last error on the entry",
      })
      .execute();
    for (const status of call.statuses) {
      await store.db
        .insertInto("deliveries")
        .values({
          outbox_id: outboxId,
          alert_id: id,
          attempted_at: "2026-12-06T10:00:01.000Z",
          outcome: status < 300 ? "delivered" : status === 422 ? "failed" : "retry",
          http_status: status,
          message: `incident.io answered ${status}`,
          fix: status < 300 ? null : `fix for ${status}`,
        })
        .execute();
    }
  }
}

beforeEach(async () => {
  store = await openTestStore();
});
afterEach(() => store.close());

describe("recentAlerts", () => {
  it("lists the newest alerts with their group's incident and every call, each in the state both faces show", async () => {
    await alertWithCalls("A1", [{ kind: "declare", state: "delivered", statuses: [201] }], {
      id: "01INC",
      reference: "INC-7",
    });
    await alertWithCalls("A2", [{ kind: "declare", state: "pending", statuses: [401, 403] }]);
    await alertWithCalls("A3", [{ kind: "declare", state: "pending", statuses: [503] }]);
    await alertWithCalls("A4", [{ kind: "declare", state: "pending", statuses: [] }]);
    // The worst call decides: a delivered declare and a failed close show as failed, naming the close.
    await alertWithCalls("A5", [
      { kind: "declare", state: "delivered", statuses: [201] },
      { kind: "close", state: "failed", statuses: [422] },
    ]);
    await alertWithCalls("A6", []);

    const { alerts, calls } = await recentAlerts(store, { limit: 10 });
    expect(alerts.map((alert) => alert.id)).toEqual(["A6", "A5", "A4", "A3", "A2", "A1"]);
    const a1 = alerts.find((alert) => alert.id === "A1");
    expect(a1).toMatchObject({ incidentId: "01INC", incidentReference: "INC-7" });

    const focus = (id: string) => deliveryFocus(calls.get(id));
    expect(focus("A1")).toMatchObject({ state: "delivered", attempt: { http_status: 201 } });
    expect(focus("A2")).toMatchObject({
      state: "waiting_for_key",
      attempt: { http_status: 403, fix: "fix for 403" },
    });
    expect(focus("A3")).toMatchObject({ state: "retrying", entry: { lastError: "last error on the entry" } });
    expect(focus("A4")).toMatchObject({ state: "pending", attempt: undefined });
    expect(focus("A5")).toMatchObject({
      state: "failed",
      entry: { kind: "close" },
      attempt: { http_status: 422 },
    });
    expect(focus("A6")).toBeNull();
  });

  it("keeps to one source and the limit", async () => {
    await alertWithCalls("A1", []);
    await alertWithCalls("A2", []);
    expect((await recentAlerts(store, { limit: 1 })).alerts.map((alert) => alert.id)).toEqual(["A2"]);
    expect((await recentAlerts(store, { limit: 5, source: "grafana" })).alerts).toEqual([]);
  });
});
