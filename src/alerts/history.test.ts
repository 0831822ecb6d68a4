import { afterEach, beforeEach, describe, expect, it } from "vitest";
import type { AlertDecision, Store } from "../store/index.js";
import { openTestStore } from "../store/testing/databases.js";
import { loadHistory } from "./history.js";
import { alert } from "./rules/testing.js";

let store: Store;
let serial = 0;

async function stored(rule: string, decision: AlertDecision, receivedAt: string) {
  serial += 1;
  await store.db
    .insertInto("alerts")
    .values({
      id: `A${String(serial).padStart(4, "0")}`,
      source: "prometheus",
      dedup_key: `k${serial}`,
      group_key: `prometheus:k${serial}`,
      status: "firing",
      title: "t",
      labels: "{}",
      payload: "{}",
      received_at: receivedAt,
      decision,
      rule,
    })
    .execute();
}

beforeEach(async () => {
  store = await openTestStore();
});
afterEach(() => store.close());

describe("loadHistory", () => {
  it("answers when each group last opened an incident", async () => {
    await store.db
      .insertInto("alert_groups")
      .values({
        group_key: "prometheus:db-down",
        source: "prometheus",
        dedup_key: "db-down",
        state: "resolved",
        opened_at: "2026-06-10T11:00:00.000Z",
      })
      .execute();
    const history = await loadHistory(
      store.db,
      [alert(), alert({ dedupKey: "new" })],
      new Date("2026-06-10T12:00:00Z"),
      "UTC",
      [],
    );
    expect(history.lastOpenedAt("db-down", "prometheus")).toEqual(new Date("2026-06-10T11:00:00Z"));
    expect(history.lastOpenedAt("new", "prometheus")).toBeUndefined();
    expect(history.lastOpenedAt("db-down", "grafana")).toBeUndefined();
  });

  it("counts only incidents a rule opened since the day began in the rules' time zone", async () => {
    await stored("page", "open_incident", "2026-06-09T22:30:00.000Z");
    await stored("page", "open_incident", "2026-06-09T23:30:00.000Z");
    await stored("page", "record_only", "2026-06-10T08:00:00.000Z");
    await stored("other", "open_incident", "2026-06-10T08:00:00.000Z");
    const now = new Date("2026-06-10T09:00:00Z");
    const london = await loadHistory(store.db, [], now, "Europe/London", ["page", "other"]);
    expect(london.openedToday("page")).toBe(1);
    const utc = await loadHistory(store.db, [], now, "UTC", ["page", "other"]);
    expect(utc.openedToday("page")).toBe(0);
    expect(utc.openedToday("other")).toBe(1);
  });

  it("counts only the rules with a daily cap, the rest need no query", async () => {
    await stored("page", "open_incident", "2026-06-10T08:00:00.000Z");
    await stored("other", "open_incident", "2026-06-10T08:00:00.000Z");
    const history = await loadHistory(store.db, [], new Date("2026-06-10T09:00:00Z"), "UTC", ["other"]);
    expect(history.openedToday("other")).toBe(1);
    expect(history.openedToday("page")).toBe(0);
  });

  it("sees incidents opened earlier in the same batch", async () => {
    const history = await loadHistory(store.db, [alert()], new Date("2026-06-10T12:00:00Z"), "UTC", ["page"]);
    history.noteOpened(alert(), "page", new Date("2026-06-10T12:00:00Z"));
    expect(history.lastOpenedAt("db-down", "prometheus")).toEqual(new Date("2026-06-10T12:00:00Z"));
    expect(history.openedToday("page")).toBe(1);
  });
});
